// SPDX-License-Identifier: MIT
#include "presencetopic.h"
#include "logging.h"
#include "protocol.h"

namespace Hallway {

PresenceTopic::PresenceTopic(int history, QObject *parent)
    : Topic(Protocol::Topic::Presence, history, parent)
{
}

PresenceState PresenceTopic::combinedState(const Entry &entry)
{
    for (const PresenceState state : entry.connections) {
        if (state == PresenceState::Online)
            return PresenceState::Online;
    }
    return PresenceState::Away;
}

void PresenceTopic::publishChange(const QString &kind, const Entry &entry)
{
    PresenceChange change;
    change.kind = kind;
    change.userId = entry.user.id;
    change.state = entry.state;
    if (kind == Protocol::PresenceEvent::Joined)
        change.user = OnlineUser{entry.user, entry.state};
    publish(change.toJson());
}

void PresenceTopic::addConnection(ClientConnection *connection, const UserInfo &user)
{
    removeConnection(connection);
    m_userOfConnection.insert(connection, user.id);
    Entry &entry = m_users[user.id];
    const bool isNew = entry.connections.isEmpty();
    entry.user = user;
    entry.connections.insert(connection, PresenceState::Online);
    const PresenceState before = entry.state;
    entry.state = combinedState(entry);
    if (isNew) {
        qCInfo(lcTopics).noquote() << user.username << "is online";
        publishChange(Protocol::PresenceEvent::Joined, entry);
    } else if (before != entry.state) {
        publishChange(Protocol::PresenceEvent::StateChanged, entry);
    }
}

void PresenceTopic::removeConnection(ClientConnection *connection)
{
    const auto found = m_userOfConnection.constFind(connection);
    if (found == m_userOfConnection.constEnd())
        return;
    const qint64 userId = *found;
    m_userOfConnection.erase(found);
    Entry &entry = m_users[userId];
    entry.connections.remove(connection);
    if (entry.connections.isEmpty()) {
        qCInfo(lcTopics).noquote() << entry.user.username << "went offline";
        const Entry gone = entry;
        m_users.remove(userId);
        publishChange(Protocol::PresenceEvent::Left, gone);
        return;
    }
    const PresenceState before = entry.state;
    entry.state = combinedState(entry);
    if (before != entry.state)
        publishChange(Protocol::PresenceEvent::StateChanged, entry);
}

void PresenceTopic::setConnectionState(ClientConnection *connection, PresenceState state)
{
    const auto found = m_userOfConnection.constFind(connection);
    if (found == m_userOfConnection.constEnd())
        return;
    Entry &entry = m_users[*found];
    entry.connections.insert(connection, state);
    const PresenceState before = entry.state;
    entry.state = combinedState(entry);
    if (before != entry.state)
        publishChange(Protocol::PresenceEvent::StateChanged, entry);
}

QList<OnlineUser> PresenceTopic::onlineUsers() const
{
    QList<OnlineUser> users;
    users.reserve(m_users.size());
    for (const Entry &entry : m_users)
        users.append({entry.user, entry.state});
    return users;
}

std::optional<PresenceState> PresenceTopic::stateOf(qint64 userId) const
{
    const auto found = m_users.constFind(userId);
    if (found == m_users.constEnd())
        return std::nullopt;
    return found->state;
}

QJsonObject PresenceTopic::snapshot() const
{
    return PresenceSnapshot{onlineUsers()}.toJson();
}

void PresenceTopic::updateUser(const UserInfo &user)
{
    const auto found = m_users.find(user.id);
    if (found == m_users.end())
        return;
    found->user = user;
    publishChange(Protocol::PresenceEvent::Joined, *found);
}

} // namespace Hallway
