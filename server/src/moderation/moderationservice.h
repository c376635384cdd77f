// SPDX-License-Identifier: MIT
#pragma once

#include "envelope.h"
#include "expected.h"
#include "net/clientconnectionfwd.h"
#include "userinfo.h"

#include <QObject>
#include <memory>

namespace Hallway {

class AnnouncementsTopic;
class AuditTrail;
class ClusterBus;
class ConnectionRegistry;
class FactService;
class PresenceTopic;
class Storage;

// What moderators do to keep the room civil: change roles, hide facts, mute and ban users,
// and make announcements. Every request here is for moderators only, and every action is in
// the audit log in the same transaction. Muted users are stopped by the router (see
// checkNotMuted); banned ones are closed here and refused at sign-in.
class ModerationService : public QObject {
    Q_OBJECT
public:
    ModerationService(Storage &storage, AuditTrail &audit, FactService &facts,
                      PresenceTopic &presence, ConnectionRegistry &connections, int history,
                      QObject *parent = nullptr);
    ~ModerationService() override;

    Status load(); // start-up; blocks
    AnnouncementsTopic &announcements() { return *m_announcements; }

    // Handles one mod.* request; returns false if the type is not one.
    bool handle(ClientConnection *connection, const Envelope &request);
    // Replies `muted` and returns false while a moderator has muted the user.
    static bool checkNotMuted(ClientConnection *connection, const QJsonValue &requestId);
    // Role changes, mutes, bans and announcements from the other nodes apply here too.
    void joinCluster(ClusterBus &bus);

private:
    void applyRole(ClientConnection *connection, const UserInfo &user);
    static void closeBanned(ClientConnection *connection);
    void setRole(ClientConnection *connection, const Envelope &request);
    void hideFact(ClientConnection *connection, const Envelope &request);
    void mute(ClientConnection *connection, const Envelope &request);
    void ban(ClientConnection *connection, const Envelope &request);
    void announce(ClientConnection *connection, const Envelope &request);
    void auditLog(ClientConnection *connection, const Envelope &request);
    void restrictedUsers(ClientConnection *connection, const Envelope &request);

    Storage &m_storage;
    AuditTrail &m_audit;
    FactService &m_facts;
    PresenceTopic &m_presence;
    ConnectionRegistry &m_connections;
    std::unique_ptr<AnnouncementsTopic> m_announcements;
};

} // namespace Hallway
