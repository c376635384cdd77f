// SPDX-License-Identifier: MIT
#include "clientconnection.h"
#include "logging.h"
#include "protocol.h"
#include "servermetrics.h"
#include "sockethandover.h"
#include "websocketframe.h"

#include <QTcpSocket>

#include <QTimerEvent>
#include <QWebSocket>
#include <algorithm>

namespace Hallway {

namespace {
// A client that does not answer our close frame in this time is cut off.
constexpr int CloseHandshakeTimeoutMs = 2000;
// How much is taken from the socket at a time while looking for frames.
constexpr qint64 ReadChunkBytes = 16 * 1024;
constexpr int NormalClosure = 1000;
constexpr int NoStatusReceived = 1005;
} // namespace

ClientConnection::ClientConnection(QWebSocket *socket, QTcpSocket *rawSocket,
                                   const ConnectionLimits &limits, ServerMetrics *metrics,
                                   QObject *parent, OutputFlusher *flusher)
    : QObject(parent),
      m_socket(socket),
      m_rawSocket(rawSocket),
      m_reader(limits.maxMessageBytes),
      m_output(rawSocket, flusher, metrics),
      m_limits(limits),
      m_metrics(metrics)
{
    m_socket->setParent(this);
    m_peerAddress = socket->peerAddress().toString();
    m_peer = QStringLiteral("%1:%2").arg(m_peerAddress).arg(socket->peerPort());

    // An idle connection costs less without the WebSocket and its socket (see
    // takeOverConnection()); TLS connections keep both.
    QByteArray alreadyRead;
    if (QTcpSocket *own = takeOverConnection(rawSocket, this, &alreadyRead)) {
        m_rawSocket = own;
        m_output.setSocket(own);
        m_reader.append(alreadyRead);
        m_socket->deleteLater(); // with its socket, closed already
        m_socket = nullptr;
    }

    // From here on the frames are ours to read: QWebSocket (6.4) would read every buffered
    // frame at once and accepts unmasked ones. Qt internals relied on: QWebSocket reads only
    // in a slot connected to the socket's readyRead (QWebSocketPrivate::processData), and
    // has read nothing past the handshake when QWebSocketServer::newConnection is emitted.
    // tst_connectionlimits checks both through their effects.
    QObject::disconnect(m_rawSocket, &QIODevice::readyRead, nullptr, nullptr);
    m_rawSocket->setReadBufferSize(limits.readBufferBytes);
    connect(m_rawSocket, &QIODevice::readyRead, this, &ClientConnection::readFrames);
    connect(m_rawSocket, &QAbstractSocket::disconnected, this, &ClientConnection::onDisconnected);
    // In case frames are already waiting in the socket's buffer.
    QMetaObject::invokeMethod(this, &ClientConnection::readFrames, Qt::QueuedConnection);

    m_timer.start(limits.helloTimeoutMs, this);

    qCDebug(lcNet).noquote() << m_peer << "connected";
}

ClientConnection::~ClientConnection() = default;

void ClientConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId())
        return QObject::timerEvent(event);
    m_timer.stop();
    switch (m_phase) {
    case Phase::AwaitingHello:
        close(Protocol::CloseCode::HelloTimeout, QStringLiteral("no hello in time"));
        break;
    case Phase::AwaitingSignIn:
        if (m_authBusy)
            m_timer.start(m_limits.helloTimeoutMs, this); // a sign-in is being checked; wait
        else
            close(Protocol::CloseCode::SignInTimeout, QStringLiteral("no sign-in in time"));
        break;
    case Phase::SignedIn:
        break;
    case Phase::Closing:
        if (m_rawSocket)
            m_rawSocket->abort(); // the peer never answered our close
        break;
    }
}

void ClientConnection::acceptHello()
{
    m_phase = Phase::AwaitingSignIn;
    m_timer.start(m_limits.signInTimeoutMs, this);
}

void ClientConnection::signIn(const UserInfo &user, const QString &tokenHash)
{
    m_phase = Phase::SignedIn;
    m_user = user;
    m_tokenHash = tokenHash;
    m_presenceState = PresenceState::Online;
    m_timer.stop();
}

void ClientConnection::signOut()
{
    m_user.reset();
    m_tokenHash.clear();
    acceptHello(); // back to awaiting a sign-in, with a fresh deadline
}

void ClientConnection::readFrames()
{
    while (!m_readingPaused && m_rawSocket
           && m_rawSocket->state() == QAbstractSocket::ConnectedState) {
        if (const auto item = m_reader.next()) {
            handleFrame(*item);
            continue;
        }
        const qint64 available = m_rawSocket->bytesAvailable();
        if (available <= 0)
            return;
        // Exactly what Qt holds, while that is little: Qt internal relied on, QIODevice::read()
        // hands over the block of its read buffer instead of copying it when asked for just
        // that block's size, and the reader keeps it only until it has taken the frames out
        // (WebSocketReader::append). So an idle connection keeps no read buffer, Qt's (16 KiB)
        // or ours. tst_writepath (idleConnectionsKeepNoReadBuffer) would catch a change.
        m_reader.append(m_rawSocket->read(std::min(available, ReadChunkBytes)));
    }
}

void ClientConnection::handleFrame(const WebSocketReader::Item &item)
{
    using Kind = WebSocketReader::Item::Kind;
    switch (item.kind) {
    case Kind::Text:
        if (m_phase != Phase::Closing)
            onTextMessage(item.payload);
        break;
    case Kind::Binary:
        if (m_phase == Phase::Closing)
            break;
        ++m_outstanding;
        replyError(QJsonValue::Null,
                   {ErrorCode::BadRequest,
                    QStringLiteral("binary frames are not part of the protocol; "
                                   "send JSON text frames")});
        break;
    case Kind::Ping:
        if (m_phase != Phase::Closing)
            writeControl(pongFrame(item.payload));
        break;
    case Kind::Pong:
        break;
    case Kind::Close:
        qCDebug(lcNet).noquote() << m_peer << "sent close" << item.code << item.reason;
        if (!m_closeSent) {
            // The client closes: answer with its code, as RFC 6455 asks.
            writeControl(closeFrame(item.code == NoStatusReceived ? NormalClosure : item.code, {}));
            m_closeSent = true;
            m_phase = Phase::Closing;
            m_timer.start(CloseHandshakeTimeoutMs, this);
        }
        m_readingPaused = true; // nothing may follow a close frame
        // After what is queued has gone out: ours first, then Qt's buffer.
        m_output.flush();
        m_rawSocket->disconnectFromHost();
        break;
    case Kind::Failure:
        qCInfo(lcNet).noquote() << m_peer << "broke the WebSocket protocol:" << item.reason;
        m_readingPaused = true;
        close(item.code, item.reason);
        break;
    }
}

void ClientConnection::writeControl(const QByteArray &frame)
{
    if (m_rawSocket)
        m_output.write(frame);
}

void ClientConnection::send(const Envelope &envelope)
{
    // Checked before encoding: nothing is built for a client that will not get it.
    if (!hasRoomToSend())
        return;
    const QByteArray json = envelope.toJson();
    m_output.write(textFrame(json));
    if (m_metrics) {
        ++m_metrics->framesOut;
        m_metrics->bytesOut += json.size();
    }
}

void ClientConnection::reply(const QJsonValue &id, const QJsonObject &data)
{
    requestAnswered(id, nullptr, data);
    send(Envelope::result(id, data));
}

void ClientConnection::replyError(const QJsonValue &id, const Error &error)
{
    if (m_metrics)
        m_metrics->countError(error.code);
    requestAnswered(id, &error, {});
    send(Envelope::error(id, error));
}

void ClientConnection::watchReply(const QJsonValue &id, ReplyWatcher watcher)
{
    m_replyWatchers.append({id, std::move(watcher)});
}

void ClientConnection::requestAnswered(const QJsonValue &id, const Error *error,
                                       const QJsonObject &result)
{
    for (qsizetype i = 0; i < m_replyWatchers.size(); ++i) {
        if (m_replyWatchers.at(i).first == id) {
            const ReplyWatcher watcher = m_replyWatchers.takeAt(i).second;
            watcher(error, result);
            break;
        }
    }
    if (m_outstanding > 0)
        --m_outstanding;
    if (m_readingPaused && m_phase != Phase::Closing
        && m_outstanding < m_limits.maxOutstandingRequests) {
        m_readingPaused = false;
        // Not from here: this may run inside the handler of the very request just read.
        QMetaObject::invokeMethod(this, &ClientConnection::readFrames, Qt::QueuedConnection);
    }
}

bool ClientConnection::hasRoomToSend()
{
    if (m_phase == Phase::Closing || !m_rawSocket)
        return false;
    // The backlog is checked before adding to it, so one large reply (a big snapshot) still
    // goes out, while a client that stops reading is dropped once its backlog passes the cap.
    if (m_output.bytesToWrite() > m_limits.maxUnsentBytes) {
        qCWarning(lcNet).noquote() << m_peer << "stopped reading;" << m_output.bytesToWrite()
                                   << "bytes unsent; closing";
        if (m_metrics)
            ++m_metrics->closedTooSlow;
        close(Protocol::CloseCode::TooSlow, QStringLiteral("too slow: stopped reading"));
        return false;
    }
    return true;
}

void ClientConnection::sendEncodedFrame(const QByteArray &frame)
{
    if (!hasRoomToSend())
        return;
    // Frames are queued whole, so they never interleave.
    m_output.write(frame);
    if (m_metrics) {
        ++m_metrics->framesOut;
        m_metrics->bytesOut += frame.size();
    }
}

void ClientConnection::close(int code, const QString &reason)
{
    if (m_phase == Phase::Closing)
        return;
    m_phase = Phase::Closing;
    m_replyWatchers.clear();
    qCInfo(lcNet).noquote() << m_peer << "closing:" << code << reason;
    // The TCP connection stays open until the client answers (see handleFrame) or the
    // deadline passes: dropping it at once would turn the code into a reset (1006) for a
    // client that is still sending.
    writeControl(closeFrame(code, reason));
    m_closeSent = true;
    m_timer.start(CloseHandshakeTimeoutMs, this);
    if (m_readingPaused) {
        // Still read, to see the client's close frame.
        m_readingPaused = false;
        QMetaObject::invokeMethod(this, &ClientConnection::readFrames, Qt::QueuedConnection);
    }
}

void ClientConnection::onTextMessage(const QByteArray &message)
{
    if (m_metrics)
        ++m_metrics->framesIn;
    ++m_outstanding;
    if (m_outstanding >= m_limits.maxOutstandingRequests) {
        // Read no further until a reply goes out; the client waits in TCP, not in our memory.
        m_readingPaused = true;
        if (m_metrics)
            ++m_metrics->readsPaused;
    }
    QJsonValue requestId = QJsonValue::Null;
    auto envelope = Envelope::requestFromJson(message, &requestId);
    if (!envelope) {
        replyError(requestId.isUndefined() ? QJsonValue(QJsonValue::Null) : requestId,
                   envelope.error());
        return;
    }
    Q_EMIT requestReceived(this, envelope.value());
}

void ClientConnection::onDisconnected()
{
    if (m_closedEmitted)
        return;
    m_closedEmitted = true;
    m_phase = Phase::Closing;
    m_readingPaused = true;
    m_replyWatchers.clear();
    m_timer.stop();
    m_output.discard();
    qCDebug(lcNet).noquote() << m_peer << "disconnected";
    // From the event loop: the socket may have gone inside a send, a publish or a loop over
    // connections, and whoever handles closed() may drop what is iterating.
    QMetaObject::invokeMethod(
            this,
            [this]() {
                Q_EMIT closed(this);
                deleteLater();
            },
            Qt::QueuedConnection);
}

bool ClientConnection::requireModerator(const QJsonValue &requestId)
{
    if (isModerator())
        return true;
    replyError(requestId, {ErrorCode::Forbidden, QStringLiteral("only moderators may do that")});
    return false;
}

} // namespace Hallway
