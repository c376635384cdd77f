// SPDX-License-Identifier: MIT
#include "clientconnection.h"
#include "logging.h"
#include "protocol.h"
#include "servermetrics.h"

#include <QTcpSocket>

#include <QTimerEvent>
#include <QWebSocket>

namespace Hallway {

namespace {
// A client that does not answer our close frame in this time is cut off.
constexpr int CloseHandshakeTimeoutMs = 2000;
} // namespace

ClientConnection::ClientConnection(QWebSocket *socket, const ConnectionLimits &limits,
                                   ServerMetrics *metrics, QObject *parent)
    : QObject(parent), m_socket(socket), m_limits(limits), m_metrics(metrics)
{
    m_socket->setParent(this);
    m_peerAddress = socket->peerAddress().toString();
    m_peer = QStringLiteral("%1:%2").arg(m_peerAddress).arg(socket->peerPort());

    m_socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(limits.maxMessageBytes));
    m_socket->setMaxAllowedIncomingFrameSize(static_cast<quint64>(limits.maxMessageBytes));
    m_socket->setReadBufferSize(limits.readBufferBytes);

    connect(m_socket, &QWebSocket::textMessageReceived, this, &ClientConnection::onTextMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &ClientConnection::onBinaryMessage);
    connect(m_socket, &QWebSocket::disconnected, this, &ClientConnection::onDisconnected);

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
        m_socket->abort(); // the peer never answered our close
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

void ClientConnection::send(const Envelope &envelope)
{
    sendFrame(QString::fromUtf8(envelope.toJson()));
}

void ClientConnection::reply(const QJsonValue &id, const QJsonObject &data)
{
    send(Envelope::result(id, data));
}

void ClientConnection::replyError(const QJsonValue &id, const Error &error)
{
    if (m_metrics)
        m_metrics->countError(error.code);
    send(Envelope::error(id, error));
}

bool ClientConnection::hasRoomToSend()
{
    if (m_phase == Phase::Closing)
        return false;
    // The backlog is checked before adding to it, so one large reply (a big snapshot) still
    // goes out, while a client that stops reading is dropped once its backlog passes the cap.
    if (m_socket->bytesToWrite() > m_limits.maxUnsentBytes) {
        qCWarning(lcNet).noquote() << m_peer << "stopped reading;" << m_socket->bytesToWrite()
                                   << "bytes unsent; closing";
        if (m_metrics)
            ++m_metrics->closedTooSlow;
        close(Protocol::CloseCode::TooSlow, QStringLiteral("too slow: stopped reading"));
        return false;
    }
    return true;
}

void ClientConnection::sendEncodedFrame(const QByteArray &frame, const QString &text)
{
    if (!m_rawSocket)
        return sendFrame(text);
    if (!hasRoomToSend())
        return;
    // QWebSocket writes each of its own frames whole, so frames never interleave.
    m_rawSocket->write(frame);
    if (m_metrics) {
        ++m_metrics->framesOut;
        m_metrics->bytesOut += text.size();
    }
}

void ClientConnection::sendFrame(const QString &frame)
{
    if (!hasRoomToSend())
        return;
    m_socket->sendTextMessage(frame);
    if (m_metrics) {
        ++m_metrics->framesOut;
        m_metrics->bytesOut += frame.size(); // in UTF-16 units: close enough for JSON
    }
}

void ClientConnection::close(int code, const QString &reason)
{
    if (m_phase == Phase::Closing)
        return;
    m_phase = Phase::Closing;
    qCInfo(lcNet).noquote() << m_peer << "closing:" << code << reason;
    m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), reason);
    m_timer.start(CloseHandshakeTimeoutMs, this);
}

void ClientConnection::onTextMessage(const QString &message)
{
    if (m_phase == Phase::Closing)
        return;
    if (m_metrics)
        ++m_metrics->framesIn;
    QJsonValue requestId = QJsonValue::Null;
    auto envelope = Envelope::fromJson(message.toUtf8(), &requestId);
    if (!envelope) {
        replyError(requestId.isUndefined() ? QJsonValue(QJsonValue::Null) : requestId,
                   envelope.error());
        return;
    }
    Q_EMIT requestReceived(this, envelope.value());
}

void ClientConnection::onBinaryMessage()
{
    if (m_phase == Phase::Closing)
        return;
    replyError(QJsonValue::Null,
               {ErrorCode::BadRequest,
                QStringLiteral("binary frames are not part of the protocol; "
                               "send JSON text frames")});
}

void ClientConnection::onDisconnected()
{
    m_phase = Phase::Closing;
    m_timer.stop();
    qCDebug(lcNet).noquote() << m_peer << "disconnected" << m_socket->closeCode();
    if (!m_closedEmitted) {
        m_closedEmitted = true;
        Q_EMIT closed(this);
    }
    deleteLater();
}

bool ClientConnection::requireModerator(const QJsonValue &requestId)
{
    if (isModerator())
        return true;
    replyError(requestId, {ErrorCode::Forbidden, QStringLiteral("only moderators may do that")});
    return false;
}

} // namespace Hallway
