// SPDX-License-Identifier: MIT
#include "hallwayclient.h"
#include "clientlogging.h"
#include "protocol.h"
#include "talkmessages.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTimer>
#include <QUuid>

namespace Hallway {

HallwayClient::HallwayClient(QObject *parent) : QObject(parent)
{
    connect(&m_connection, &ServerConnection::connected, this, &HallwayClient::onConnected);
    connect(&m_connection, &ServerConnection::connectionLost, this,
            &HallwayClient::onConnectionLost);
    connect(&m_connection, &ServerConnection::eventReceived, this, &HallwayClient::onEvent);
    connect(&m_connection, &ServerConnection::stateChanged, this,
            &HallwayClient::updateConnectionState);
    connect(&m_connection, &ServerConnection::networkReachableChanged, this,
            &HallwayClient::updateConnectionState);
    m_connection.setKnownServers(&m_knownServers);
}

QString HallwayClient::settingsGroup() const
{
    const QByteArray room =
            primaryServerUrl().toString().toUtf8() + '\n' + m_user.username.toUtf8();
    return QStringLiteral("rooms/")
            + QString::fromLatin1(
                    QCryptographicHash::hash(room, QCryptographicHash::Sha1).toHex().left(16));
}

void HallwayClient::setStatus(Status status)
{
    if (m_status == status)
        return;
    m_status = status;
    updateConnectionState();
    Q_EMIT statusChanged(status);
}

void HallwayClient::updateConnectionState()
{
    ConnectionState state = ConnectionState::SignedOut;
    switch (m_status) {
    case Status::SignedOut:
        state = m_endedAs;
        break;
    case Status::SigningIn:
        state = m_hasSignedIn ? ConnectionState::Reconnecting : ConnectionState::Connecting;
        break;
    case Status::Online:
        state = ConnectionState::Online;
        break;
    case Status::Reconnecting:
        state = m_connection.isNetworkReachable() ? ConnectionState::Reconnecting
                                                  : ConnectionState::Offline;
        break;
    }
    if (state == m_connectionState)
        return;
    m_connectionState = state;
    Q_EMIT connectionStateChanged(state);
}

void HallwayClient::endSession(const Error &error)
{
    m_token.clear();
    m_endedAs = error.code == ErrorCode::Forbidden ? ConnectionState::Banned
                                                   : ConnectionState::SessionEnded;
    setStatus(Status::SignedOut);
    Q_EMIT sessionEnded(error);
}

void HallwayClient::begin(const QUrl &server, Action action)
{
    m_action = action;
    m_hasSignedIn = false;
    m_endedAs = ConnectionState::SignedOut;
    m_token.clear();
    m_user = {};
    m_positions.clear();
    setStatus(Status::SigningIn);
    m_connection.open(server);
}

void HallwayClient::signIn(const QUrl &server, const LoginRequest &login)
{
    m_login = login;
    begin(server, Action::Login);
}

void HallwayClient::registerAccount(const QUrl &server, const RegisterRequest &account)
{
    m_register = account;
    begin(server, Action::Register);
}

void HallwayClient::resumeSession(const QUrl &server, const QString &token)
{
    begin(server, Action::Resume);
    m_token = token;
}

void HallwayClient::onConnected()
{
    const bool firstSignIn = !m_hasSignedIn;
    auto handler = [this, firstSignIn](const Expected<QJsonObject> &reply) {
        onSessionReply(reply, firstSignIn);
    };
    if (m_status == Status::Reconnecting)
        setStatus(Status::SigningIn);
    if (firstSignIn && m_action == Action::Login)
        m_connection.request(Protocol::Type::Login, m_login.toJson(), this, handler);
    else if (firstSignIn && m_action == Action::Register)
        m_connection.request(Protocol::Type::Register, m_register.toJson(), this, handler);
    else if (!m_token.isEmpty())
        m_connection.request(Protocol::Type::Resume, ResumeRequest{m_token}.toJson(), this,
                             handler);
}

void HallwayClient::onSessionReply(const Expected<QJsonObject> &reply, bool firstSignIn)
{
    const auto session =
            reply ? SessionReply::fromJson(reply.value()) : Expected<SessionReply>(reply.error());
    if (!session) {
        const Error error = session.error();
        const bool freshSignIn = firstSignIn && m_action != Action::Resume;
        if (error.code == ErrorCode::Unavailable && error.retryAfterMs && !freshSignIn) {
            // The server cannot check sessions now (its database is away): ask again later.
            // A password sign-in is refused instead, for the person to see and try again.
            Q_EMIT serverUnavailable(error.message, *error.retryAfterMs);
            QTimer::singleShot(std::chrono::milliseconds(*error.retryAfterMs), this, [this]() {
                if (m_status == Status::SigningIn
                    && m_connection.state() == ServerConnection::State::Connected)
                    onConnected();
            });
            return;
        }
        if (error.code == ErrorCode::Unavailable)
            return; // the connection dropped mid-way; onConnectionLost deals with it
        qCInfo(lcClientSession).noquote() << "sign-in refused:" << error.message;
        m_connection.close();
        if (!firstSignIn || m_action == Action::Resume)
            return endSession(error);
        m_token.clear();
        setStatus(Status::SignedOut);
        Q_EMIT signInFailed(error);
        return;
    }

    const bool freshToken = !session->token.isEmpty();
    if (freshToken)
        m_token = session->token;
    // A resume may bring news: a moderator changed our role while we were away.
    const bool userChanged = !firstSignIn && m_user != session->user;
    m_user = session->user;
    m_login.password.clear(); // not needed any more: reconnects resume with the token
    m_register.password.clear();
    m_action = Action::None;
    m_hasSignedIn = true;
    setStatus(Status::Online);
    qCInfo(lcClientSession).noquote() << "signed in as" << m_user.username;
    if (firstSignIn)
        Q_EMIT signedIn(m_user, freshToken);
    else if (userChanged)
        Q_EMIT currentUserChanged(m_user);
    if (m_presenceState != PresenceState::Online)
        setPresenceState(m_presenceState);
    for (auto it = m_topics.cbegin(); it != m_topics.cend(); ++it)
        sendSubscribe(it.key());
    // Whatever was written but never acknowledged goes again, with the same client ids.
    m_writesInFlight.clear();
    resendOutbox();
}

void HallwayClient::onConnectionLost(const QString &reason, bool willRetry)
{
    if (m_status == Status::SignedOut)
        return;
    const bool resuming = m_hasSignedIn || m_action == Action::Resume;
    // A fresh sign-in with other nodes to try: try each once before giving up.
    if (m_status == Status::SigningIn && !resuming && willRetry
        && m_connection.reconnectAttempt() < m_connection.alternateUrls().size())
        return;
    if (m_status == Status::SigningIn && !resuming) {
        // A fresh sign-in failed to connect: tell the person at once rather than retry in
        // silence; they may have mistyped the address.
        m_connection.close();
        setStatus(Status::SignedOut);
        Q_EMIT signInFailed({ErrorCode::Unavailable,
                             tr("Cannot reach %1: %2").arg(m_connection.url().toString(), reason)});
        return;
    }
    // A session we hold a token for: the server may be restarting or the Wi-Fi flaky.
    if (willRetry) {
        setStatus(Status::Reconnecting);
        return;
    }
    if (m_connection.lastCloseCode() == Protocol::CloseCode::Banned)
        return endSession({ErrorCode::Forbidden, reason});
    if (m_connection.lastCloseCode() == Protocol::CloseCode::SessionEnded)
        return endSession({ErrorCode::Unauthorized, reason});
    setStatus(Status::SignedOut);
    Q_EMIT sessionEnded({ErrorCode::Unavailable, reason});
}

void HallwayClient::signOut()
{
    if (m_status == Status::SignedOut)
        return;
    auto finish = [this]() {
        m_connection.close();
        m_token.clear();
        m_user = {};
        m_positions.clear(); // the topics stay wanted: they come back with the next sign-in
        // Unsent writes stay in this account's outbox file for its next sign-in.
        m_outbox.clear();
        m_outboxOrder.clear();
        m_outboxFile.clear();
        if (!m_outboxSaveError.isEmpty()) {
            m_outboxSaveError.clear();
            Q_EMIT outboxSaveErrorChanged(QString());
        }
        m_writesInFlight.clear();
        Q_EMIT pendingWriteCountChanged(0);
        m_presenceState = PresenceState::Online;
        m_hasSignedIn = false;
        setStatus(Status::SignedOut);
        Q_EMIT signedOut();
    };
    if (m_connection.state() == ServerConnection::State::Connected && m_status == Status::Online) {
        m_connection.request(Protocol::Type::Logout, {}, this,
                             [finish](const Expected<QJsonObject> &) { finish(); });
    } else {
        finish();
    }
}

void HallwayClient::changePassword(const QString &currentPassword, const QString &newPassword,
                                   std::function<void(const Hallway::Status &)> done)
{
    m_connection.request(Protocol::Type::ChangePassword,
                         ChangePasswordRequest{currentPassword, newPassword}.toJson(), this,
                         [done](const Expected<QJsonObject> &reply) {
                             if (!reply)
                                 return done(reply.error());
                             done(Done{});
                         });
}

void HallwayClient::setPresenceState(PresenceState state)
{
    m_presenceState = state;
    if (m_status != Status::Online)
        return; // sent after the next resume
    m_connection.request(Protocol::Type::SetPresence, SetPresenceRequest{state}.toJson(), this,
                         [](const Expected<QJsonObject> &reply) {
                             if (!reply)
                                 qCWarning(lcClientSession).noquote()
                                         << "presence change failed:" << reply.error().message;
                         });
}

void HallwayClient::subscribe(const QString &topic)
{
    if (m_topics[topic]++ > 0)
        return; // already subscribed for another part of the app
    if (m_status == Status::Online)
        sendSubscribe(topic);
}

void HallwayClient::unsubscribe(const QString &topic)
{
    if (!m_topics.contains(topic) || --m_topics[topic] > 0)
        return;
    m_topics.remove(topic);
    m_positions.remove(topic);
    m_widgetData.remove(topic);
    if (m_status == Status::Online)
        m_connection.request(Protocol::Type::Unsubscribe, UnsubscribeRequest{topic}.toJson(), this,
                             [](const Expected<QJsonObject> &) {});
}

void HallwayClient::sendSubscribe(const QString &topic)
{
    SubscribeRequest request{topic, std::nullopt};
    if (m_positions.contains(topic))
        request.since = m_positions.value(topic);
    m_connection.request(
            Protocol::Type::Subscribe, request.toJson(), this,
            [this, topic](const Expected<QJsonObject> &reply) {
                if (!reply && reply.error().code == ErrorCode::Unavailable
                    && reply.error().retryAfterMs) {
                    // Its snapshot needs the database, which is away: again later.
                    QTimer::singleShot(std::chrono::milliseconds(*reply.error().retryAfterMs), this,
                                       [this, topic]() {
                                           if (m_status == Status::Online
                                               && m_topics.contains(topic))
                                               sendSubscribe(topic);
                                       });
                    return;
                }
                if (!reply) {
                    if (reply.error().code != ErrorCode::Unavailable)
                        qCWarning(lcClientSession).noquote()
                                << "subscribe to" << topic << "failed:" << reply.error().message;
                    return;
                }
                const auto subscribed = SubscribeReply::fromJson(reply.value());
                if (!subscribed || !m_topics.contains(topic))
                    return;
                if (subscribed->snapshot) {
                    m_positions.insert(topic, subscribed->position);
                    rememberWidgetData(topic, *subscribed->snapshot);
                    Q_EMIT topicSnapshot(topic, *subscribed->snapshot);
                    return;
                }
                // Catch-up: the events we missed, in order.
                TopicPosition position = m_positions.value(topic);
                for (const QJsonObject &event : subscribed->events) {
                    position.seq = event.value(QStringLiteral("seq")).toInteger();
                    const QJsonObject data = event.value(QStringLiteral("data")).toObject();
                    noticeOwnChanges(topic, data);
                    rememberWidgetData(topic, data);
                    Q_EMIT topicEvent(topic, position.seq, data);
                }
                position.epoch = subscribed->position.epoch;
                position.seq = subscribed->position.seq;
                m_positions.insert(topic, position);
                qCDebug(lcClientSession)
                        << "caught up on" << topic << subscribed->events.size() << "events";
            });
}

QString HallwayClient::submitWrite(const QString &type, QJsonObject data)
{
    const QString clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    data.insert(QStringLiteral("clientId"), clientId);
    m_outbox.insert(clientId, {type, data});
    m_outboxOrder.append(clientId);
    saveOutbox(); // before sending: a crash right after must not lose it
    Q_EMIT writeQueued(type, clientId, data);
    Q_EMIT pendingWriteCountChanged(pendingWriteCount());
    if (m_status == Status::Online)
        sendWrite(clientId);
    return clientId;
}

void HallwayClient::setOutboxFile(const QString &path)
{
    m_outboxFile = path;
    if (path.isEmpty())
        return;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QJsonArray saved = QJsonDocument::fromJson(file.readAll()).array();
        for (const QJsonValue &entry : saved) {
            const QJsonObject write = entry.toObject();
            const QString clientId = write.value(QStringLiteral("clientId")).toString();
            if (!clientId.isEmpty() && !m_outbox.contains(clientId)) {
                const PendingWrite pending{write.value(QStringLiteral("type")).toString(),
                                           write.value(QStringLiteral("data")).toObject()};
                m_outbox.insert(clientId, pending);
                m_outboxOrder.append(clientId);
                Q_EMIT writeQueued(pending.type, clientId, pending.data);
            }
        }
        qCInfo(lcClientSession) << "outbox has" << m_outbox.size() << "unsent writes";
        Q_EMIT pendingWriteCountChanged(pendingWriteCount());
    }
    saveOutbox();
    if (m_status == Status::Online)
        resendOutbox();
}

void HallwayClient::resendOutbox()
{
    const QStringList order = m_outboxOrder;
    for (const QString &clientId : order)
        sendWrite(clientId);
}

void HallwayClient::saveOutbox()
{
    if (m_outboxFile.isEmpty())
        return;
    QJsonArray writes;
    for (const QString &clientId : m_outboxOrder) {
        const PendingWrite &write = m_outbox[clientId];
        writes.append(QJsonObject{{QStringLiteral("clientId"), clientId},
                                  {QStringLiteral("type"), write.type},
                                  {QStringLiteral("data"), write.data}});
    }
    const QString folder = QFileInfo(m_outboxFile).absolutePath();
    QString error;
    if (!QDir().mkpath(folder)) {
        error = tr("cannot make the folder %1").arg(QDir::toNativeSeparators(folder));
    } else {
        QSaveFile file(m_outboxFile);
        if (!file.open(QIODevice::WriteOnly)
            || file.write(QJsonDocument(writes).toJson(QJsonDocument::Compact)) < 0
            || !file.commit())
            error = file.errorString();
    }
    if (!error.isEmpty())
        qCWarning(lcClientSession).noquote()
                << "cannot save the outbox to" << m_outboxFile << error;
    if (error != m_outboxSaveError) {
        m_outboxSaveError = error;
        Q_EMIT outboxSaveErrorChanged(error);
    }
}

QString HallwayClient::postFact(const QString &text)
{
    return submitWrite(Protocol::Type::PostFact, {{QStringLiteral("text"), text}});
}

QString HallwayClient::toggleVote(qint64 talkId)
{
    return submitWrite(Protocol::Type::ToggleVote, {{QStringLiteral("talkId"), talkId}});
}

void HallwayClient::request(const QString &type, const QJsonObject &data, QObject *context,
                            ServerConnection::ReplyHandler done)
{
    m_connection.request(type, data, context, std::move(done));
}

void HallwayClient::sendWrite(const QString &clientId)
{
    if (m_writesInFlight.contains(clientId) || !m_outbox.contains(clientId))
        return;
    m_writesInFlight.insert(clientId);
    const PendingWrite write = m_outbox.value(clientId);
    m_connection.request(
            write.type, write.data, this,
            [this, clientId, write](const Expected<QJsonObject> &reply) {
                m_writesInFlight.remove(clientId);
                if (!reply && reply.error().code == ErrorCode::Unavailable
                    && !reply.error().retryAfterMs)
                    return; // the connection dropped: resent after the next resume
                if (!reply && reply.error().code == ErrorCode::Unavailable) {
                    // The server is up but cannot store it now (its database is away).
                    const qint64 wait = *reply.error().retryAfterMs;
                    Q_EMIT serverUnavailable(reply.error().message, wait);
                    QTimer::singleShot(std::chrono::milliseconds(wait), this, [this, clientId]() {
                        if (m_status == Status::Online)
                            sendWrite(clientId);
                    });
                    return;
                }
                if (!reply && reply.error().code == ErrorCode::RateLimited) {
                    // Not refused, only early: it stays in the outbox and goes again later.
                    const qint64 wait = reply.error().retryAfterMs.value_or(1000);
                    Q_EMIT writeDelayed(write.type, clientId, wait);
                    QTimer::singleShot(std::chrono::milliseconds(wait), this, [this, clientId]() {
                        if (m_status == Status::Online)
                            sendWrite(clientId);
                    });
                    return;
                }
                m_outbox.remove(clientId);
                m_outboxOrder.removeOne(clientId);
                saveOutbox();
                Q_EMIT pendingWriteCountChanged(pendingWriteCount());
                if (!reply) {
                    Q_EMIT writeRejected(write.type, clientId, write.data, reply.error());
                    if (write.type == Protocol::Type::PostFact)
                        Q_EMIT factRejected(clientId,
                                            write.data.value(QStringLiteral("text")).toString(),
                                            reply.error());
                    return;
                }
                Q_EMIT writeAcknowledged(write.type, clientId, reply.value());
                if (write.type == Protocol::Type::PostFact) {
                    if (const auto posted = PostFactReply::fromJson(reply.value()))
                        Q_EMIT factPosted(posted->fact, clientId);
                } else if (write.type == Protocol::Type::ToggleVote) {
                    if (const auto vote = VoteReply::fromJson(reply.value()))
                        Q_EMIT voteToggled(vote->talkId, vote->voted, vote->votes);
                }
            });
}

void HallwayClient::listFacts(const ListFactsRequest &request, QObject *context,
                              std::function<void(const Expected<FactPage> &)> done)
{
    m_connection.request(Protocol::Type::ListFacts, request.toJson(), context,
                         [done](const Expected<QJsonObject> &reply) {
                             done(reply ? FactPage::fromJson(reply.value())
                                        : Expected<FactPage>(reply.error()));
                         });
}

void HallwayClient::fetchProfile(qint64 userId, QObject *context,
                                 std::function<void(const Expected<UserProfile> &)> done)
{
    m_connection.request(Protocol::Type::GetUser, GetUserRequest{userId}.toJson(), context,
                         [done](const Expected<QJsonObject> &reply) {
                             done(reply ? UserProfile::fromJson(reply.value())
                                        : Expected<UserProfile>(reply.error()));
                         });
}

void HallwayClient::onEvent(const QString &topic, qint64 seq, const QJsonObject &data)
{
    if (!m_topics.contains(topic) || !m_positions.contains(topic))
        return; // not (yet) subscribed: the subscribe reply will cover it
    TopicPosition &position = m_positions[topic];
    if (seq <= position.seq)
        return; // already seen (delivered by a catch-up)
    if (seq != position.seq + 1) {
        // A gap: something was lost. Ask for what we missed rather than show a wrong list.
        qCInfo(lcClientSession) << "gap in" << topic << "at" << position.seq << "->" << seq;
        sendSubscribe(topic);
        return;
    }
    position.seq = seq;
    noticeOwnChanges(topic, data);
    rememberWidgetData(topic, data);
    Q_EMIT topicEvent(topic, seq, data);
}

void HallwayClient::rememberWidgetData(const QString &topic, const QJsonObject &data)
{
    // A widget's snapshot and events are its whole data: keep the latest for the next part of
    // the app that shows the same widget.
    if (topic.startsWith(Protocol::Topic::WidgetPrefix))
        m_widgetData.insert(topic, data);
}

void HallwayClient::noticeOwnChanges(const QString &topic, const QJsonObject &data)
{
    // A moderator changed our role: we "join" the presence topic again with the new one.
    if (topic != Protocol::Topic::Presence)
        return;
    const auto change = PresenceChange::fromJson(data);
    if (!change || change->kind != Protocol::PresenceEvent::Joined || !change->user
        || change->user->user.id != m_user.id || change->user->user == m_user)
        return;
    m_user = change->user->user;
    qCInfo(lcClientSession).noquote() << "now" << roleName(m_user.role);
    Q_EMIT currentUserChanged(m_user);
}

} // namespace Hallway
