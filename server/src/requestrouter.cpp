// SPDX-License-Identifier: MIT
#include "requestrouter.h"
#include "auth/authservice.h"
#include "chat/chatservice.h"
#include "cluster/clusterbus.h"
#include "cluster/clusterevent.h"
#include "facts/factservice.h"
#include "hubs/hubservice.h"
#include "hubs/widgetservice.h"
#include "logging.h"
#include "moderation/audittrail.h"
#include "moderation/moderationservice.h"
#include "net/clientconnection.h"
#include "net/connectionregistry.h"
#include "protocol.h"
#include "storage/storage.h"
#include "talks/talkservice.h"
#include "topics/announcementstopic.h"
#include "topics/communityfeedtopic.h"
#include "topics/presencetopic.h"
#include "topics/talkstopic.h"

#include <QCoreApplication>
#include <QDateTime>

namespace Hallway {

namespace {
// talk.*, chat.*, mod.* and hub.* requests go to their services.
bool forService(const QString &type)
{
    static const QStringList servicePrefixes = {QStringLiteral("talk."), QStringLiteral("chat."),
                                                QStringLiteral("mod."), QStringLiteral("hub.")};
    return std::any_of(servicePrefixes.cbegin(), servicePrefixes.cend(),
                       [&type](const QString &prefix) { return type.startsWith(prefix); });
}
} // namespace

RequestRouter::RequestRouter(const RouterServices &services, const ServerSettings &settings,
                             QObject *parent)
    : QObject(parent),
      m_auth(services.auth),
      m_facts(services.facts),
      m_talks(services.talks),
      m_chat(services.chat),
      m_moderation(services.moderation),
      m_hubs(services.hubs),
      m_widgets(services.widgets),
      m_audit(services.audit),
      m_presence(services.presence),
      m_connections(services.connections),
      m_storage(services.storage),
      m_writeAllowance({WriteRateLimiter::Rule{settings.postsPerMinute, settings.postsBurst},
                        WriteRateLimiter::Rule{settings.messagesPerMinute, settings.messagesBurst},
                        WriteRateLimiter::Rule{settings.votesPerMinute, settings.votesBurst}},
                       services.storage),
      m_signInThrottle(settings.signInFreeFailures, settings.signInFreeFailuresPerAddress,
                       qint64(settings.signInMaxWaitSeconds) * 1000),
      m_maxMessageBytes(settings.maxMessageBytes)
{
    for (Topic *topic :
         std::initializer_list<Topic *>{&m_presence, &m_facts.community(), &m_talks.topic(),
                                        &m_moderation.announcements()})
        m_topics.insert(topic->name(), topic);
}

void RequestRouter::handle(ClientConnection *connection, const Envelope &request)
{
    using Phase = ClientConnection::Phase;
    namespace Type = Protocol::Type;
    const QString &type = request.type;

    if (m_shuttingDown)
        return connection->replyError(
                request.id,
                {ErrorCode::Unavailable, QStringLiteral("the server is shutting down")});

    if (connection->phase() == Phase::AwaitingHello) {
        if (type != Type::Hello)
            return connection->replyError(
                    request.id, badRequest(QStringLiteral("the first message must be \"hello\"")));
        return handleHello(connection, request);
    }
    if (type == Type::Hello)
        return connection->replyError(request.id,
                                      badRequest(QStringLiteral("hello was already said")));

    if (type == Type::Register)
        return handleRegister(connection, request);
    if (type == Type::Login)
        return handleLogin(connection, request);
    if (type == Type::Resume)
        return handleResume(connection, request);

    static const QStringList signedInTypes = {
            Type::Logout,      Type::ChangePassword, Type::Subscribe, Type::Unsubscribe,
            Type::SetPresence, Type::PostFact,       Type::ListFacts, Type::GetUser};
    if (!signedInTypes.contains(type) && !forService(type))
        return connection->replyError(
                request.id, badRequest(QStringLiteral("unknown message type \"%1\"").arg(type)));
    if (connection->phase() != Phase::SignedIn)
        return connection->replyError(request.id,
                                      {ErrorCode::Unauthorized, QStringLiteral("sign in first")});
    // A muted user may read and vote, but not post.
    static const QStringList posts = {Type::PostFact, Type::ProposeTalk, Type::EditTalk,
                                      Type::SendMessage};
    if (posts.contains(type) && !ModerationService::checkNotMuted(connection, request.id))
        return;
    // Writes spend their user's allowance (facts, talks, messages, votes, announcements).
    m_writeAllowance.admit(connection, request,
                           [this, connection, request]() { dispatch(connection, request); });
}

void RequestRouter::dispatch(ClientConnection *connection, const Envelope &request)
{
    namespace Type = Protocol::Type;
    const QString &type = request.type;
    if (forService(type)) {
        if (!m_talks.handle(connection, request) && !m_chat.handle(connection, request)
            && !m_moderation.handle(connection, request) && !m_hubs.handle(connection, request))
            connection->replyError(
                    request.id,
                    badRequest(QStringLiteral("unknown message type \"%1\"").arg(type)));
        return;
    }

    if (type == Type::Logout)
        handleLogout(connection, request);
    else if (type == Type::ChangePassword)
        handleChangePassword(connection, request);
    else if (type == Type::Subscribe)
        handleSubscribe(connection, request);
    else if (type == Type::Unsubscribe)
        handleUnsubscribe(connection, request);
    else if (type == Type::SetPresence)
        handleSetPresence(connection, request);
    else if (type == Type::PostFact)
        handlePostFact(connection, request);
    else if (type == Type::ListFacts)
        handleListFacts(connection, request);
    else if (type == Type::GetUser)
        handleGetUser(connection, request);
}

void RequestRouter::handleHello(ClientConnection *connection, const Envelope &request)
{
    const auto hello = HelloRequest::fromJson(request.data);
    if (!hello)
        return connection->replyError(request.id, hello.error());
    if (hello->protocol != Protocol::Version) {
        connection->replyError(request.id,
                               badRequest(QStringLiteral("protocol version %1 is not supported; "
                                                         "this server speaks version %2")
                                                  .arg(hello->protocol)
                                                  .arg(Protocol::Version)));
        connection->close(Protocol::CloseCode::UnsupportedProtocol,
                          QStringLiteral("unsupported protocol version"));
        return;
    }
    connection->acceptHello();
    HelloReply reply{Protocol::Version,
                     QStringLiteral("hallway-server/") + QCoreApplication::applicationVersion(),
                     m_maxMessageBytes};
    connection->reply(request.id, reply.toJson());
}

namespace {
qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString usernameOf(const LoginRequest &request)
{
    return request.username;
}
QString usernameOf(const RegisterRequest &request)
{
    return request.username;
}
QString usernameOf(const ResumeRequest &)
{
    return {};
}
} // namespace

bool RequestRouter::beginSignIn(ClientConnection *connection, const Envelope &request,
                                const QString &username)
{
    // After repeated failures for this name or from this address: wait first.
    if (const qint64 wait = m_signInThrottle.waitFor(username, connection->peerAddress(), now())) {
        connection->replyError(request.id,
                               {ErrorCode::RateLimited,
                                QStringLiteral("too many failed sign-ins; try again in %1 s")
                                        .arg((wait + 999) / 1000),
                                wait});
        return false;
    }
    if (connection->phase() == ClientConnection::Phase::SignedIn) {
        connection->replyError(
                request.id,
                {ErrorCode::Conflict, QStringLiteral("already signed in; sign out first")});
        return false;
    }
    if (connection->isAuthBusy()) {
        connection->replyError(
                request.id,
                {ErrorCode::Conflict,
                 QStringLiteral("another sign-in is in progress on this connection")});
        return false;
    }
    connection->setAuthBusy(true);
    return true;
}

void RequestRouter::finishSignIn(ClientConnection *connection, const QJsonValue &requestId,
                                 const SignIn &signIn)
{
    if (connection->phase() == ClientConnection::Phase::Closing)
        return;
    connection->signIn(signIn.reply.user, signIn.tokenHash);
    connection->setMutedUntil(signIn.mutedUntil);
    m_connections.add(connection, signIn.reply.user.id);
    m_presence.addConnection(connection, signIn.reply.user);
    connection->reply(requestId, signIn.reply.toJson());
}

template<typename Request>
void RequestRouter::signInWith(ClientConnection *connection, const Envelope &request,
                               SignInStarter<Request> start)
{
    const auto parsed = Request::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    const QString username = usernameOf(parsed.value());
    if (!beginSignIn(connection, request, username))
        return;
    (m_auth.*start)(connection, parsed.value(),
                    [this, connection, id = request.id, username](const Expected<SignIn> &result) {
                        connection->setAuthBusy(false);
                        if (!result) {
                            // A wrong password or token counts toward the waits.
                            if (result.error().code == ErrorCode::Unauthorized)
                                m_signInThrottle.failed(username, connection->peerAddress(), now());
                            return connection->replyError(id, result.error());
                        }
                        m_signInThrottle.succeeded(username);
                        finishSignIn(connection, id, result.value());
                    });
}

void RequestRouter::handleRegister(ClientConnection *connection, const Envelope &request)
{
    signInWith<RegisterRequest>(connection, request, &AuthService::registerUser);
}

void RequestRouter::handleLogin(ClientConnection *connection, const Envelope &request)
{
    signInWith<LoginRequest>(connection, request, &AuthService::login);
}

void RequestRouter::handleResume(ClientConnection *connection, const Envelope &request)
{
    signInWith<ResumeRequest>(connection, request, &AuthService::resume);
}

void RequestRouter::endOtherSessions(ClientConnection *connection, bool sameToken,
                                     const QString &reason)
{
    if (!connection->user())
        return;
    const QString tokenHash = connection->tokenHash();
    const auto theirs = m_connections.connectionsOf(connection->user()->id);
    for (ClientConnection *other : theirs) {
        if (other == connection)
            continue;
        if ((other->tokenHash() == tokenHash) == sameToken)
            other->close(Protocol::CloseCode::SessionEnded, reason);
    }
}

void RequestRouter::joinCluster(ClusterBus &bus)
{
    bus.on(ClusterEvent::SessionsEnded, [this](const QJsonObject &event) {
        const qint64 userId = event.value(QStringLiteral("user")).toInteger();
        const auto theirs = m_connections.connectionsOf(userId);
        if (theirs.isEmpty())
            return;
        QStringList tokenHashes;
        for (const ClientConnection *connection : theirs)
            tokenHashes.append(connection->tokenHash());
        m_storage.run<Expected<QSet<QString>>>(
                this,
                [tokenHashes](StorageWorker &worker) {
                    return worker.accounts().existingSessions(tokenHashes);
                },
                [this, userId, tokenHashes,
                 reason = event.value(QStringLiteral("reason")).toString()](
                        const Expected<QSet<QString>> &existing) {
                    if (!existing)
                        return;
                    // Only sessions that were checked: one signed in meanwhile is new.
                    for (ClientConnection *connection : m_connections.connectionsOf(userId)) {
                        if (tokenHashes.contains(connection->tokenHash())
                            && !existing->contains(connection->tokenHash()))
                            connection->close(Protocol::CloseCode::SessionEnded, reason);
                    }
                });
    });
}

void RequestRouter::leaveTopics(ClientConnection *connection)
{
    m_connections.remove(connection);
    for (Topic *topic : std::as_const(m_topics))
        topic->unsubscribe(connection);
    m_hubs.topic().unsubscribe(connection);
    m_audit.unsubscribe(connection);
    m_widgets.connectionClosed(connection);
    m_facts.connectionClosed(connection);
    m_chat.connectionClosed(connection);
    m_presence.removeConnection(connection);
}

void RequestRouter::handleLogout(ClientConnection *connection, const Envelope &request)
{
    const QString tokenHash = connection->tokenHash();
    // Every connection on this token is signed out with it.
    endOtherSessions(connection, true, QStringLiteral("signed out"));
    // Leave at once: the user sees themselves go offline even if the delete is slow.
    leaveTopics(connection);
    connection->signOut();
    m_auth.logout(connection, tokenHash, [connection, id = request.id](const Status &status) {
        if (!status)
            return connection->replyError(id, status.error());
        connection->reply(id);
    });
}

void RequestRouter::handleChangePassword(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = ChangePasswordRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    if (connection->isAuthBusy())
        return connection->replyError(request.id,
                                      {ErrorCode::Conflict,
                                       QStringLiteral("a password change is already "
                                                      "in progress")});
    connection->setAuthBusy(true);
    m_auth.changePassword(
            connection, connection->user()->id, connection->tokenHash(), parsed.value(),
            [this, connection, id = request.id](const Status &status) {
                connection->setAuthBusy(false);
                if (!status)
                    return connection->replyError(id, status.error());
                // The server signed out the user's other sessions; close them.
                endOtherSessions(connection, false, QStringLiteral("the password was changed"));
                connection->reply(id);
            });
}

namespace {
Error noSuchTopic(const QString &topic)
{
    return {ErrorCode::NotFound, QStringLiteral("no topic named \"%1\"").arg(topic)};
}
} // namespace

void RequestRouter::handleSubscribe(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = SubscribeRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    if (const auto userId = Protocol::Topic::userFactsId(parsed->topic))
        return m_facts.subscribeUserFeed(connection, request.id, *userId, parsed->since);
    if (parsed->topic == Protocol::Topic::Chat)
        return m_chat.subscribe(connection, request.id, parsed->since);
    if (parsed->topic == Protocol::Topic::Hubs)
        return m_hubs.subscribe(connection, request.id, parsed->since);
    if (parsed->topic == Protocol::Topic::Moderation)
        return m_audit.subscribe(connection, request.id, parsed->since);
    if (WidgetService::isWidgetTopic(parsed->topic))
        return m_widgets.subscribe(connection, request.id, parsed->topic, parsed->since);
    Topic *topic = m_topics.value(parsed->topic);
    if (!topic)
        return connection->replyError(request.id, noSuchTopic(parsed->topic));
    connection->reply(request.id, topic->subscribe(connection, parsed->since).toJson());
}

void RequestRouter::handleUnsubscribe(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = UnsubscribeRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    if (const auto userId = Protocol::Topic::userFactsId(parsed->topic)) {
        m_facts.unsubscribeUserFeed(connection, *userId);
        return connection->reply(request.id);
    }
    if (parsed->topic == Protocol::Topic::Chat) {
        m_chat.unsubscribe(connection);
        return connection->reply(request.id);
    }
    if (parsed->topic == Protocol::Topic::Hubs) {
        m_hubs.topic().unsubscribe(connection);
        return connection->reply(request.id);
    }
    if (parsed->topic == Protocol::Topic::Moderation) {
        m_audit.unsubscribe(connection);
        return connection->reply(request.id);
    }
    if (WidgetService::isWidgetTopic(parsed->topic)) {
        m_widgets.unsubscribe(connection, parsed->topic);
        return connection->reply(request.id);
    }
    Topic *topic = m_topics.value(parsed->topic);
    if (!topic)
        return connection->replyError(request.id, noSuchTopic(parsed->topic));
    topic->unsubscribe(connection);
    connection->reply(request.id);
}

void RequestRouter::handlePostFact(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = PostFactRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    m_facts.post(connection, request.id, parsed.value());
}

void RequestRouter::handleListFacts(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = ListFactsRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    m_facts.list(connection, request.id, parsed.value());
}

void RequestRouter::handleGetUser(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = GetUserRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    m_storage.run<Expected<UserInfo>>(
            connection,
            [userId = parsed->userId](StorageWorker &worker) {
                return worker.accounts().userById(userId);
            },
            [this, connection, id = request.id](const Expected<UserInfo> &user) {
                if (!user)
                    return connection->replyError(id, user.error());
                UserProfile profile{user.value(), UserProfile::Presence::Offline};
                if (const auto state = m_presence.stateOf(user->id))
                    profile.presence = *state == PresenceState::Away
                            ? UserProfile::Presence::Away
                            : UserProfile::Presence::Online;
                connection->reply(id, profile.toJson());
            });
}

void RequestRouter::handleSetPresence(ClientConnection *connection, const Envelope &request)
{
    const auto parsed = SetPresenceRequest::fromJson(request.data);
    if (!parsed)
        return connection->replyError(request.id, parsed.error());
    connection->setPresenceState(parsed->state);
    m_presence.setConnectionState(connection, parsed->state);
    connection->reply(request.id);
}

void RequestRouter::connectionClosed(ClientConnection *connection)
{
    leaveTopics(connection);
}

} // namespace Hallway
