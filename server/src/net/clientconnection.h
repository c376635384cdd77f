// SPDX-License-Identifier: MIT
#pragma once

#include "clientconnectionfwd.h"
#include "envelope.h"
#include "framewriter.h"
#include "userinfo.h"
#include "websocketreader.h"

#include <QBasicTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTcpSocket>
#include <functional>
#include <optional>

class QWebSocket;

namespace Hallway {

class OutputFlusher;
struct ServerMetrics;

struct ConnectionLimits {
    qint64 maxMessageBytes = 0;
    qint64 readBufferBytes = 0;
    qint64 maxUnsentBytes = 0;
    int helloTimeoutMs = 0;
    int signInTimeoutMs = 0;
    int maxOutstandingRequests = 0;
};

// One client's WebSocket and what the server knows about it: where it is in the
// hello -> sign-in -> signed-in sequence, who it is, and the bounds it lives within.
//
// QWebSocket does the opening handshake; after it, the connection reads and writes the
// frames on the TCP (or TLS) socket itself (see WebSocketReader), and a TCP connection moves
// to a socket of its own, without the QWebSocket (takeOverConnection()):
// - it never holds more than maxUnsentBytes for its client: one that stops reading is closed
//   (CloseCode::TooSlow) and costs the others nothing;
// - it reads no further request while maxOutstandingRequests of its requests wait for their
//   replies, so a client that pipelines requests waits in TCP instead of in server memory;
// - everything it sends (replies, events, control frames) leaves in the order it was sent,
//   written once per turn of the event loop with whatever else the client got in that turn
//   (FrameWriter, OutputFlusher);
// - closing is a real close handshake: the close frame goes out, and the TCP connection ends
//   when the client answers it (or after 2 s), so the close code reaches a busy client.
// closed() is emitted from the event loop, never from inside a send, so whoever holds the
// connection (a topic publishing to it, say) is never destroyed under its own feet.
class ClientConnection : public QObject {
    Q_OBJECT
public:
    enum class Phase { AwaitingHello, AwaitingSignIn, SignedIn, Closing };

    // rawSocket is the socket under the WebSocket, whose handshake has just completed. The
    // connection takes both over: neither may be used after this (a plain TCP connection
    // moves to a socket of its own, and they are closed).
    // flusher writes what the connection sends once per event-loop turn; without one, each
    // frame is written when it is sent.
    ClientConnection(QWebSocket *socket, QTcpSocket *rawSocket, const ConnectionLimits &limits,
                     ServerMetrics *metrics = nullptr, QObject *parent = nullptr,
                     OutputFlusher *flusher = nullptr);
    ~ClientConnection() override;

    Phase phase() const { return m_phase; }
    QString peer() const { return m_peer; }
    QString peerAddress() const { return m_peerAddress; } // the IP, for per-address limits

    void acceptHello();
    void signIn(const UserInfo &user, const QString &tokenHash);
    void signOut();
    const std::optional<UserInfo> &user() const { return m_user; }
    // A moderator changed the user's role while they are signed in.
    void updateUser(const UserInfo &user)
    {
        if (m_user)
            m_user = user;
    }
    bool isModerator() const { return m_user && m_user->role == Role::Moderator; }
    // Replies forbidden to a request only moderators may make, unless this is one.
    bool requireModerator(const QJsonValue &requestId);
    // Until when (ms since the epoch) a moderator muted this user; 0: not muted.
    qint64 mutedUntil() const { return m_mutedUntil; }
    void setMutedUntil(qint64 untilMs) { m_mutedUntil = untilMs; }
    QString tokenHash() const { return m_tokenHash; }

    // Set while a sign-in or password change is being worked on, so a second one waits its turn.
    bool isAuthBusy() const { return m_authBusy; }
    void setAuthBusy(bool busy) { m_authBusy = busy; }

    PresenceState presenceState() const { return m_presenceState; }
    void setPresenceState(PresenceState state) { m_presenceState = state; }

    void reply(const QJsonValue &id, const QJsonObject &data = {});
    void replyError(const QJsonValue &id, const Error &error);
    // Calls watcher once, with the reply to the request with this id when it goes out
    // (nullptr for a result), unless the connection closes first.
    using ReplyWatcher = std::function<void(const Error *error, const QJsonObject &result)>;
    void watchReply(const QJsonValue &id, ReplyWatcher watcher);
    // Writes a whole WebSocket frame built once for many recipients (see textFrame()).
    void sendEncodedFrame(const QByteArray &frame);
    void close(int code, const QString &reason);
    // Requests received and not yet answered.
    int outstandingRequests() const { return m_outstanding; }

Q_SIGNALS:
    void requestReceived(Hallway::ClientConnection *connection, const Hallway::Envelope &request);
    void closed(Hallway::ClientConnection *connection);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void readFrames();
    void handleFrame(const WebSocketReader::Item &item);
    void onTextMessage(const QByteArray &message);
    void onDisconnected();
    void send(const Envelope &envelope);
    void requestAnswered(const QJsonValue &id, const Error *error, const QJsonObject &result);
    bool hasRoomToSend();
    void writeControl(const QByteArray &frame);

    QWebSocket *m_socket; // after the handshake, kept for TLS connections only
    QPointer<QTcpSocket> m_rawSocket;
    WebSocketReader m_reader;
    FrameWriter m_output;
    int m_outstanding = 0;
    bool m_readingPaused = false;
    bool m_closeSent = false;
    QList<std::pair<QJsonValue, ReplyWatcher>> m_replyWatchers;
    ConnectionLimits m_limits;
    ServerMetrics *m_metrics;
    QString m_peer;
    QString m_peerAddress;
    Phase m_phase = Phase::AwaitingHello;
    // One timer, as the phases follow each other: the hello deadline, then the sign-in
    // deadline, then (closing) the wait for the peer's close. No QObject per connection.
    QBasicTimer m_timer;
    std::optional<UserInfo> m_user;
    QString m_tokenHash;
    bool m_authBusy = false;
    bool m_closedEmitted = false;
    PresenceState m_presenceState = PresenceState::Online;
    qint64 m_mutedUntil = 0;
};

// Whom to answer when a storage job finishes. Jobs that change the room run for the service,
// not the connection, so their effects (feeds, bans, audit entries) happen even if the asker
// left meanwhile; only the answer is dropped then.
class PendingReply {
public:
    PendingReply(ClientConnection *connection, const QJsonValue &requestId)
        : m_connection(connection), m_requestId(requestId)
    {
    }
    void reply(const QJsonObject &data = {}) const
    {
        if (m_connection)
            m_connection->reply(m_requestId, data);
    }
    void replyError(const Error &error) const
    {
        if (m_connection)
            m_connection->replyError(m_requestId, error);
    }

private:
    QPointer<ClientConnection> m_connection;
    QJsonValue m_requestId;
};

} // namespace Hallway
