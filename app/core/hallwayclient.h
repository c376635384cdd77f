// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "knownservers.h"
#include "messages.h"
#include "serverconnection.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace Hallway {

// A signed-in session with one server, on top of ServerConnection: signs in (login,
// register or resume), keeps the session token in memory, resumes after every reconnect,
// and keeps topic subscriptions in step (resubscribing with the last sequence number seen,
// so only missed events come back). Widgets and models listen to its signals.
class HallwayClient : public QObject {
    Q_OBJECT
public:
    enum class Status {
        SignedOut,
        SigningIn,
        Online, // signed in and connected
        Reconnecting, // signed in, connection lost, working on it
    };
    Q_ENUM(Status)

    // What the person is told about the connection: Status, with the why of it.
    enum class ConnectionState {
        SignedOut,
        Connecting, // the first sign-in is under way
        Online,
        Reconnecting, // the connection was lost; trying again (now, or after a wait)
        Offline, // lost, and the computer has no network: tries again when it is back
        SessionEnded, // signed out elsewhere, or the password changed: sign in again
        Banned, // a moderator banned the account: it does not reconnect
    };
    Q_ENUM(ConnectionState)

    explicit HallwayClient(QObject *parent = nullptr);

    ServerConnection &connection() { return m_connection; }
    KnownServers &knownServers() { return m_knownServers; }
    Status status() const { return m_status; }
    ConnectionState connectionState() const { return m_connectionState; }
    QUrl serverUrl() const { return m_connection.url(); }
    // Other nodes of the same event to fail over to (set before signing in).
    void setAlternateServers(const QList<QUrl> &urls) { m_connection.setAlternateUrls(urls); }
    QList<QUrl> alternateServers() const { return m_connection.alternateUrls(); }
    QUrl primaryServerUrl() const { return m_connection.primaryUrl(); }
    // A QSettings group for what this account remembers in this room (the announcement it
    // dismissed, the hub it looked at last): the same ids mean other things in another room.
    QString settingsGroup() const;
    const UserInfo &currentUser() const { return m_user; }
    bool isModerator() const { return m_user.role == Role::Moderator; }
    QString token() const { return m_token; }
    PresenceState presenceState() const { return m_presenceState; }

    void signIn(const QUrl &server, const LoginRequest &login);
    void registerAccount(const QUrl &server, const RegisterRequest &account);
    void resumeSession(const QUrl &server, const QString &token);
    // Revokes the token on the server (when reachable) and closes the connection.
    void signOut();
    void changePassword(const QString &currentPassword, const QString &newPassword,
                        std::function<void(const Hallway::Status &)> done);
    void setPresenceState(PresenceState state);

    // Topics survive reconnects: they are resubscribed after each resume. Several parts of the
    // app may subscribe to one topic; it is left when the last of them unsubscribes.
    void subscribe(const QString &topic);
    void unsubscribe(const QString &topic);
    // The latest data of a widget topic someone here subscribes to, if it has arrived.
    std::optional<QJsonObject> widgetData(const QString &topic) const
    {
        const auto found = m_widgetData.constFind(topic);
        return found != m_widgetData.cend() ? std::optional<QJsonObject>(*found) : std::nullopt;
    }

    // Writes carry a fresh client id and wait in the outbox until the server acknowledges
    // them; after a reconnect they are sent again with the same id, so each is stored once.
    // writeAcknowledged() or writeRejected() reports each one.
    QString submitWrite(const QString &type, QJsonObject data);
    // Keeps the outbox in this file too (atomically rewritten on every change), so writes
    // survive quitting the app; loads what a previous run left there. Empty: memory only.
    void setOutboxFile(const QString &path);
    QString outboxFile() const { return m_outboxFile; }
    // Why the unsent writes could not be kept in the outbox file (a full disk, a folder that
    // cannot be made); empty while they are kept. They stay in memory and are sent all the
    // same, but would be lost if the app ended first.
    QString outboxSaveError() const { return m_outboxSaveError; }
    int pendingWriteCount() const { return static_cast<int>(m_outbox.size()); }

    // Posts a fact (a write); factPosted() reports it stored.
    QString postFact(const QString &text);
    // Toggles your vote on a talk (a write); voteToggled() reports the outcome.
    QString toggleVote(qint64 talkId);
    // A one-off request with no resend, for reads and moderator actions.
    void request(const QString &type, const QJsonObject &data, QObject *context,
                 ServerConnection::ReplyHandler done);
    void listFacts(const ListFactsRequest &request, QObject *context,
                   std::function<void(const Expected<FactPage> &)> done);
    void fetchProfile(qint64 userId, QObject *context,
                      std::function<void(const Expected<UserProfile> &)> done);

Q_SIGNALS:
    void statusChanged(Hallway::HallwayClient::Status status);
    void connectionStateChanged(Hallway::HallwayClient::ConnectionState state);
    // freshToken is true when a new token was issued (login/register), false on resume.
    void signedIn(const Hallway::UserInfo &user, bool freshToken);
    void signInFailed(const Hallway::Error &error);
    // The server no longer knows the session (revoked or expired): sign in again.
    void sessionEnded(const Hallway::Error &error);
    void signedOut();
    // What the server says about us changed while signed in (a moderator changed our role).
    void currentUserChanged(const Hallway::UserInfo &user);
    void topicSnapshot(const QString &topic, const QJsonObject &snapshot);
    void topicEvent(const QString &topic, qint64 seq, const QJsonObject &data);
    // A write went into the outbox (now, or loaded from a previous run's outbox file): it shows
    // as pending until writeAcknowledged() or writeRejected() reports it.
    void writeQueued(const QString &type, const QString &clientId, const QJsonObject &data);
    void pendingWriteCountChanged(int count);
    void outboxSaveErrorChanged(const QString &error);
    // A fact of ours was stored (also after a resend).
    void writeAcknowledged(const QString &type, const QString &clientId, const QJsonObject &result);
    // The server refused a write (too long, voting closed...); it will not be resent.
    void writeRejected(const QString &type, const QString &clientId, const QJsonObject &data,
                       const Hallway::Error &error);
    // The server asked us to slow down: the write goes again after waitMs, by itself.
    void writeDelayed(const QString &type, const QString &clientId, qint64 waitMs);
    // The server is reachable but cannot do what we asked now (its database is away); it is
    // asked again after retryAfterMs, by itself.
    void serverUnavailable(const QString &message, qint64 retryAfterMs);
    void factPosted(const Hallway::Fact &fact, const QString &clientId);
    void factRejected(const QString &clientId, const QString &text, const Hallway::Error &error);
    void voteToggled(qint64 talkId, bool voted, qint64 votes);

private:
    enum class Action { None, Login, Register, Resume };

    void setStatus(Status status);
    void updateConnectionState();
    // The session is over for a reason the server gave: tell the person, do not reconnect.
    void endSession(const Hallway::Error &error);
    void begin(const QUrl &server, Action action);
    void onConnected();
    void onConnectionLost(const QString &reason, bool willRetry);
    void onEvent(const QString &topic, qint64 seq, const QJsonObject &data);
    void onSessionReply(const Expected<QJsonObject> &reply, bool firstSignIn);
    void sendSubscribe(const QString &topic);
    void sendWrite(const QString &clientId);
    void saveOutbox();
    void resendOutbox();
    void noticeOwnChanges(const QString &topic, const QJsonObject &data);
    void rememberWidgetData(const QString &topic, const QJsonObject &data);

    KnownServers m_knownServers;
    ServerConnection m_connection;
    Status m_status = Status::SignedOut;
    ConnectionState m_connectionState = ConnectionState::SignedOut;
    ConnectionState m_endedAs = ConnectionState::SignedOut; // why the last session ended
    Action m_action = Action::None;
    bool m_hasSignedIn = false; // in this session: later sign-ins are resumes
    LoginRequest m_login;
    RegisterRequest m_register;
    QString m_token;
    UserInfo m_user;
    PresenceState m_presenceState = PresenceState::Online;
    QHash<QString, int> m_topics; // topic -> how many parts of the app want it
    struct PendingWrite {
        QString type;
        QJsonObject data;
    };
    QHash<QString, PendingWrite> m_outbox; // clientId -> write, until acknowledged
    // The outbox's client ids in the order they were written, the order they are sent again
    // in: a conversation's messages must not be stored (and shown to the peer) shuffled.
    QStringList m_outboxOrder;
    QSet<QString> m_writesInFlight; // sent on the current connection
    QString m_outboxFile;
    QString m_outboxSaveError;
    QHash<QString, TopicPosition> m_positions;
    QHash<QString, QJsonObject> m_widgetData;
};

} // namespace Hallway
