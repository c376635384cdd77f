// SPDX-License-Identifier: MIT
#pragma once

#include "auth/authservice.h"
#include "envelope.h"
#include "net/clientconnectionfwd.h"
#include "net/ratelimiter.h"
#include "net/writeallowance.h"
#include "serversettings.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace Hallway {

class AuditTrail;
class ChatService;
class ClusterBus;
class ConnectionRegistry;
class FactService;
class HubService;
class ModerationService;
class PresenceTopic;
class Storage;
class TalkService;
class Topic;
class WidgetService;

// Everything a router hands requests to.
struct RouterServices {
    AuthService &auth;
    FactService &facts;
    TalkService &talks;
    ChatService &chat;
    ModerationService &moderation;
    HubService &hubs;
    WidgetService &widgets;
    AuditTrail &audit;
    PresenceTopic &presence;
    ConnectionRegistry &connections;
    Storage &storage;
};

// Turns each request into a call on the right service and makes sure it gets exactly one
// reply. Enforces the order of a session: hello first, then sign-in, then everything else.
class RequestRouter : public QObject {
    Q_OBJECT
public:
    RequestRouter(const RouterServices &services, const ServerSettings &settings,
                  QObject *parent = nullptr);

    void handle(ClientConnection *connection, const Envelope &request);
    void connectionClosed(ClientConnection *connection);
    // While shutting down, requests are answered with `unavailable`.
    void setShuttingDown(bool shuttingDown) { m_shuttingDown = shuttingDown; }
    // Sessions ended on the other nodes close their apps here too.
    void joinCluster(ClusterBus &bus);

private:
    void handleHello(ClientConnection *connection, const Envelope &request);
    void handleRegister(ClientConnection *connection, const Envelope &request);
    void handleLogin(ClientConnection *connection, const Envelope &request);
    void handleResume(ClientConnection *connection, const Envelope &request);
    void handleLogout(ClientConnection *connection, const Envelope &request);
    void handleChangePassword(ClientConnection *connection, const Envelope &request);
    void handleSubscribe(ClientConnection *connection, const Envelope &request);
    void handleUnsubscribe(ClientConnection *connection, const Envelope &request);
    void handleSetPresence(ClientConnection *connection, const Envelope &request);
    void handlePostFact(ClientConnection *connection, const Envelope &request);
    void handleListFacts(ClientConnection *connection, const Envelope &request);
    void handleGetUser(ClientConnection *connection, const Envelope &request);

    // Shared by register, login and resume: parse, one at a time, start, finish.
    template<typename Request>
    using SignInStarter = void (AuthService::*)(QObject *, const Request &,
                                                std::function<void(const Expected<SignIn> &)>);
    template<typename Request>
    void signInWith(ClientConnection *connection, const Envelope &request,
                    SignInStarter<Request> start);
    bool beginSignIn(ClientConnection *connection, const Envelope &request,
                     const QString &username);
    // A signed-in request that passed its checks: on to its handler or service.
    void dispatch(ClientConnection *connection, const Envelope &request);
    void finishSignIn(ClientConnection *connection, const QJsonValue &requestId,
                      const SignIn &signIn);
    void leaveTopics(ClientConnection *connection);
    // Closes the user's other connections whose token matches (or, with keepToken, does not).
    void endOtherSessions(ClientConnection *connection, bool sameToken, const QString &reason);

    AuthService &m_auth;
    FactService &m_facts;
    TalkService &m_talks;
    ChatService &m_chat;
    ModerationService &m_moderation;
    HubService &m_hubs;
    WidgetService &m_widgets;
    AuditTrail &m_audit;
    PresenceTopic &m_presence;
    ConnectionRegistry &m_connections;
    Storage &m_storage;
    QHash<QString, Topic *> m_topics; // the shared topics, subscribed to as they are
    WriteAllowance m_writeAllowance;
    SignInThrottle m_signInThrottle;
    qint64 m_maxMessageBytes;
    bool m_shuttingDown = false;
};

} // namespace Hallway
