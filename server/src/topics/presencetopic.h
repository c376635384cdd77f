// SPDX-License-Identifier: MIT
#pragma once

#include "topic.h"
#include "userinfo.h"

#include <QHash>

namespace Hallway {

// Who is online. A user is online while at least one of their connections is signed in, and
// away when every one of them says so. Publishes joined, left and state events.
class PresenceTopic : public Topic {
    Q_OBJECT
public:
    explicit PresenceTopic(int history, QObject *parent = nullptr);

    void addConnection(ClientConnection *connection, const UserInfo &user);
    void removeConnection(ClientConnection *connection);
    void setConnectionState(ClientConnection *connection, PresenceState state);
    // An online user's details changed (a new role): they "join" again with them.
    void updateUser(const UserInfo &user);

    QList<OnlineUser> onlineUsers() const;
    std::optional<PresenceState> stateOf(qint64 userId) const;

protected:
    QJsonObject snapshot() const override;

private:
    struct Entry {
        UserInfo user;
        QHash<ClientConnection *, PresenceState> connections;
        PresenceState state = PresenceState::Online;
    };
    static PresenceState combinedState(const Entry &entry);
    void publishChange(const QString &kind, const Entry &entry);

    QHash<qint64, Entry> m_users;
    QHash<ClientConnection *, qint64> m_userOfConnection;
};

} // namespace Hallway
