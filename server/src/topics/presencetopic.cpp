// SPDX-License-Identifier: MIT
#include "presencetopic.h"
#include "logging.h"
#include "protocol.h"

namespace Hallway {

namespace {
std::optional<PresenceState> anyOnline(const auto &states)
{
    if (states.isEmpty())
        return std::nullopt;
    for (const PresenceState state : states) {
        if (state == PresenceState::Online)
            return PresenceState::Online;
    }
    return PresenceState::Away;
}
} // namespace

PresenceTopic::PresenceTopic(int history, QObject *parent)
    : Topic(Protocol::Topic::Presence, history, parent)
{
}

std::optional<PresenceState> PresenceTopic::localState(const Entry &entry)
{
    return anyOnline(entry.connections);
}

std::optional<PresenceState> PresenceTopic::combinedState(const Entry &entry)
{
    const auto local = localState(entry);
    const auto remote = anyOnline(entry.remote);
    if (!local || !remote)
        return local ? local : remote;
    return *local == PresenceState::Online ? local : remote;
}

PresenceTopic::Before PresenceTopic::before(qint64 userId) const
{
    const auto found = m_users.constFind(userId);
    if (found == m_users.constEnd())
        return {};
    return {true, found->state, localState(*found)};
}

void PresenceTopic::settle(qint64 userId, const Before &before)
{
    const auto found = m_users.find(userId);
    if (found == m_users.end())
        return;
    const auto local = localState(*found);
    if (local != before.local)
        Q_EMIT localPresenceChanged(found->user, local);
    const auto state = combinedState(*found);
    if (!state) {
        qCInfo(lcTopics).noquote() << quotedForLog(found->user.username) << "went offline";
        const Entry gone = *found;
        m_users.erase(found);
        if (before.online)
            publishChange(Protocol::PresenceEvent::Left, gone);
        return;
    }
    found->state = *state;
    if (!before.online) {
        qCInfo(lcTopics).noquote() << quotedForLog(found->user.username) << "is online";
        publishChange(Protocol::PresenceEvent::Joined, *found);
    } else if (before.state != *state) {
        publishChange(Protocol::PresenceEvent::StateChanged, *found);
    }
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
    const Before was = before(user.id);
    m_userOfConnection.insert(connection, user.id);
    Entry &entry = m_users[user.id];
    entry.user = user;
    entry.connections.insert(connection, PresenceState::Online);
    settle(user.id, was);
}

void PresenceTopic::removeConnection(ClientConnection *connection)
{
    const auto found = m_userOfConnection.constFind(connection);
    if (found == m_userOfConnection.constEnd())
        return;
    const qint64 userId = *found;
    m_userOfConnection.erase(found);
    const Before was = before(userId);
    m_users[userId].connections.remove(connection);
    settle(userId, was);
}

void PresenceTopic::setConnectionState(ClientConnection *connection, PresenceState state)
{
    const auto found = m_userOfConnection.constFind(connection);
    if (found == m_userOfConnection.constEnd())
        return;
    const qint64 userId = *found;
    const Before was = before(userId);
    m_users[userId].connections.insert(connection, state);
    settle(userId, was);
}

void PresenceTopic::setRemote(const QString &nodeId, const UserInfo &user,
                              std::optional<PresenceState> state)
{
    const Before was = before(user.id);
    if (!was.online && !state)
        return;
    Entry &entry = m_users[user.id];
    if (!was.online)
        entry.user = user;
    if (state)
        entry.remote.insert(nodeId, *state);
    else
        entry.remote.remove(nodeId);
    settle(user.id, was);
}

QSet<QString> PresenceTopic::remoteNodes() const
{
    QSet<QString> nodes;
    for (const Entry &entry : m_users) {
        for (auto node = entry.remote.cbegin(); node != entry.remote.cend(); ++node)
            nodes.insert(node.key());
    }
    return nodes;
}

void PresenceTopic::replaceRemoteShares(const QList<RemoteShare> &shares)
{
    QSet<std::pair<QString, qint64>> current;
    for (const RemoteShare &share : shares) {
        current.insert({share.nodeId, share.user.id});
        setRemote(share.nodeId, share.user, share.state);
    }
    QList<std::pair<QString, UserInfo>> gone;
    for (const Entry &entry : std::as_const(m_users)) {
        for (auto node = entry.remote.cbegin(); node != entry.remote.cend(); ++node) {
            if (!current.contains({node.key(), entry.user.id}))
                gone.append({node.key(), entry.user});
        }
    }
    for (const auto &[nodeId, user] : std::as_const(gone))
        setRemote(nodeId, user, std::nullopt);
}

void PresenceTopic::forgetNode(const QString &nodeId)
{
    QList<qint64> affected;
    for (auto it = m_users.cbegin(); it != m_users.cend(); ++it) {
        if (it->remote.contains(nodeId))
            affected.append(it.key());
    }
    for (const qint64 userId : std::as_const(affected)) {
        const Before was = before(userId);
        m_users[userId].remote.remove(nodeId);
        settle(userId, was);
    }
}

QList<OnlineUser> PresenceTopic::onlineUsers() const
{
    QList<OnlineUser> users;
    users.reserve(m_users.size());
    for (const Entry &entry : m_users)
        users.append({entry.user, entry.state});
    return users;
}

QList<OnlineUser> PresenceTopic::localUsers() const
{
    QList<OnlineUser> users;
    for (const Entry &entry : m_users) {
        if (const auto local = localState(entry))
            users.append({entry.user, *local});
    }
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
    if (found == m_users.end() || found->user == user)
        return;
    found->user = user;
    publishChange(Protocol::PresenceEvent::Joined, *found);
}

} // namespace Hallway
