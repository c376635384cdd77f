// SPDX-License-Identifier: MIT
#pragma once

#include "net/clientconnectionfwd.h"

#include <QHash>
#include <QList>
#include <QSet>

namespace Hallway {

// The signed-in connections, by user: whom to tell when a moderator changes someone's role,
// mutes or bans them, and which twins to close when a session ends.
class ConnectionRegistry {
public:
    void add(ClientConnection *connection, qint64 userId);
    void remove(ClientConnection *connection);
    QList<ClientConnection *> connectionsOf(qint64 userId) const;
    int size() const { return static_cast<int>(m_userOf.size()); }

private:
    QHash<ClientConnection *, qint64> m_userOf;
    QMultiHash<qint64, ClientConnection *> m_byUser;
};

} // namespace Hallway
