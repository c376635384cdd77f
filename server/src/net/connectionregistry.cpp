// SPDX-License-Identifier: MIT
#include "connectionregistry.h"

namespace Hallway {

void ConnectionRegistry::add(ClientConnection *connection, qint64 userId)
{
    remove(connection);
    m_userOf.insert(connection, userId);
    m_byUser.insert(userId, connection);
}

void ConnectionRegistry::remove(ClientConnection *connection)
{
    const auto found = m_userOf.constFind(connection);
    if (found == m_userOf.cend())
        return;
    m_byUser.remove(found.value(), connection);
    m_userOf.erase(found);
}

QList<ClientConnection *> ConnectionRegistry::connectionsOf(qint64 userId) const
{
    return m_byUser.values(userId);
}

} // namespace Hallway
