// SPDX-License-Identifier: MIT
#pragma once

#include "topic.h"
#include "userinfo.h"

#include <QHash>
#include <QSet>

namespace Hallway {

// One user's presence on another node.
struct RemoteShare {
    QString nodeId;
    UserInfo user;
    PresenceState state = PresenceState::Online;
};

// Who is online. A user is online while at least one of their connections is signed in, on
// this node or another, and away when every one of them says so. Publishes joined, left and
// state events. Other nodes' shares come from ClusterPresence, which also hears of every
// change to this node's share (localPresenceChanged).
class PresenceTopic : public Topic {
    Q_OBJECT
public:
    explicit PresenceTopic(int history, QObject *parent = nullptr);

    void addConnection(ClientConnection *connection, const UserInfo &user);
    void removeConnection(ClientConnection *connection);
    void setConnectionState(ClientConnection *connection, PresenceState state);
    // An online user's details changed (a new role): they "join" again with them.
    void updateUser(const UserInfo &user);

    // The user's share on another node; no state: not there (any more).
    void setRemote(const QString &nodeId, const UserInfo &user, std::optional<PresenceState> state);
    // The node died or left: its users are gone from it.
    void forgetNode(const QString &nodeId);
    QSet<QString> remoteNodes() const; // the nodes with a share
    // Every other node's shares, as the database has them now (after a gap in what this node
    // heard); only the differences are published.
    void replaceRemoteShares(const QList<RemoteShare> &shares);

    QList<OnlineUser> onlineUsers() const;
    std::optional<PresenceState> stateOf(qint64 userId) const;
    // This node's share: users with a connection here, and their state over those.
    QList<OnlineUser> localUsers() const;

Q_SIGNALS:
    void localPresenceChanged(const Hallway::UserInfo &user,
                              std::optional<Hallway::PresenceState> state);

protected:
    QJsonObject snapshot() const override;

private:
    struct Entry {
        UserInfo user;
        QHash<ClientConnection *, PresenceState> connections;
        QHash<QString, PresenceState> remote; // by node
        PresenceState state = PresenceState::Online;
    };
    // What one user looked like before a change, to tell what to publish after it.
    struct Before {
        bool online = false;
        PresenceState state = PresenceState::Online;
        std::optional<PresenceState> local;
    };
    static std::optional<PresenceState> localState(const Entry &entry);
    static std::optional<PresenceState> combinedState(const Entry &entry);
    Before before(qint64 userId) const;
    void settle(qint64 userId, const Before &before);
    void publishChange(const QString &kind, const Entry &entry);

    QHash<qint64, Entry> m_users;
    QHash<ClientConnection *, qint64> m_userOfConnection;
};

} // namespace Hallway
