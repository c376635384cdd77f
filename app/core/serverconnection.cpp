// SPDX-License-Identifier: MIT
#include "serverconnection.h"
#include "clientlogging.h"
#include "envelope.h"
#include "knownservers.h"
#include "messages.h"
#include "protocol.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QNetworkInformation>
#include <QRandomGenerator>

namespace Hallway {

ServerConnection::ServerConnection(QObject *parent) : QObject(parent)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ServerConnection::connectSocket);
    m_expiryTimer.setInterval(1000);
    connect(&m_expiryTimer, &QTimer::timeout, this, &ServerConnection::expireRequests);
    // Where the system can tell (NetworkManager), a network that comes back ends the wait.
    if (QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        QNetworkInformation *network = QNetworkInformation::instance();
        const auto follow = [this](QNetworkInformation::Reachability reachability) {
            setNetworkReachable(reachability != QNetworkInformation::Reachability::Disconnected);
        };
        connect(network, &QNetworkInformation::reachabilityChanged, this, follow);
        follow(network->reachability());
    }
}

ServerConnection::~ServerConnection()
{
    m_wantOpen = false;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void ServerConnection::setReconnectDelays(int initialMs, int maxMs)
{
    m_initialDelayMs = initialMs;
    m_maxDelayMs = maxMs;
}

void ServerConnection::reconnectNow()
{
    if (m_state != State::WaitingToReconnect)
        return;
    m_reconnectTimer.stop();
    connectSocket();
}

void ServerConnection::setNetworkReachable(bool reachable)
{
    if (m_networkReachable == reachable)
        return;
    m_networkReachable = reachable;
    qCInfo(lcClientNet) << (reachable ? "the network is back" : "the network is gone");
    Q_EMIT networkReachableChanged(reachable);
    if (reachable) {
        m_attempt = 0; // a fresh start: the backoff was about the network, not the server
        reconnectNow();
    }
}

int ServerConnection::msUntilReconnect() const
{
    return m_state == State::WaitingToReconnect ? qMax(0, m_reconnectTimer.remainingTime()) : 0;
}

void ServerConnection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ServerConnection::open(const QUrl &url)
{
    close();
    m_url = url;
    m_urls = {url};
    for (const QUrl &alternate : std::as_const(m_alternates)) {
        if (!m_urls.contains(alternate))
            m_urls.append(alternate);
    }
    m_urlIndex = 0;
    m_wantOpen = true;
    m_attempt = 0;
    m_lastError.clear();
    connectSocket();
}

void ServerConnection::close()
{
    m_wantOpen = false;
    m_reconnectTimer.stop();
    if (m_socket) {
        QWebSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        socket->close(QWebSocketProtocol::CloseCodeNormal);
        socket->deleteLater();
    }
    failAllPending({ErrorCode::Unavailable, tr("The connection was closed.")});
    setState(State::Disconnected);
}

void ServerConnection::connectSocket()
{
    if (!m_wantOpen)
        return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    // The server's messages are bounded too; refuse anything absurd before it is buffered.
    m_socket->setMaxAllowedIncomingMessageSize(16 * 1024 * 1024);
    connect(m_socket, &QWebSocket::connected, this, &ServerConnection::onSocketConnected);
    // stateChanged rather than disconnected: a refused or failed connect never "disconnects".
    connect(m_socket, &QWebSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::UnconnectedState)
            QMetaObject::invokeMethod(this, &ServerConnection::onSocketDisconnected,
                                      Qt::QueuedConnection);
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &ServerConnection::onTextMessage);
    connect(m_socket, &QWebSocket::sslErrors, this, &ServerConnection::onSslErrors);
    m_certificateRefused = false;
    setState(State::Connecting);
    qCDebug(lcClientNet) << "connecting to" << m_url << "attempt" << m_attempt;
    m_socket->open(m_url);
}

void ServerConnection::onSslErrors(const QList<QSslError> &errors)
{
    QSslCertificate certificate = m_socket->sslConfiguration().peerCertificate();
    for (const QSslError &error : errors) {
        if (certificate.isNull())
            certificate = error.certificate();
    }
    const QByteArray presented = KnownServers::fingerprintOf(certificate);
    const auto trusted = m_knownServers ? m_knownServers->fingerprint(m_url) : std::nullopt;
    if (trusted && *trusted == presented && !certificate.isNull()) {
        // The very certificate the user trusted: its self-signature is what they accepted.
        m_socket->ignoreSslErrors(errors);
        return;
    }
    QStringList problems;
    for (const QSslError &error : errors)
        problems.append(error.errorString());
    m_certificateRefused = true;
    qCWarning(lcClientNet).noquote() << "refused the certificate of" << m_url.toString() << ":"
                                     << problems.join(QStringLiteral("; "));
    if (trusted)
        Q_EMIT certificateChanged(m_url, *trusted, presented);
    else
        Q_EMIT certificateUntrusted(m_url, presented, problems.join(QLatin1Char('\n')));
}

void ServerConnection::onSocketConnected()
{
    sendHello();
}

void ServerConnection::sendHello()
{
    const HelloRequest hello{Protocol::Version,
                             QStringLiteral("hallway/") + QCoreApplication::applicationVersion()};
    const qint64 id = m_nextId++;
    m_pending.insert(id,
                     {this,
                      [this](const Expected<QJsonObject> &reply) {
                          if (!reply) {
                              m_lastError = reply.error().message;
                              qCWarning(lcClientNet).noquote() << "hello refused:" << m_lastError;
                              return;
                          }
                          m_attempt = 0;
                          setState(State::Connected);
                          Q_EMIT connected();
                      },
                      QDateTime::currentMSecsSinceEpoch() + m_requestTimeoutMs});
    m_socket->sendTextMessage(
            QString::fromUtf8(Envelope{Protocol::Type::Hello, id, hello.toJson(), {}, 0}.toJson()));
    m_expiryTimer.start();
}

void ServerConnection::request(const QString &type, const QJsonObject &data, QObject *context,
                               ReplyHandler handler)
{
    if (m_state != State::Connected || !m_socket) {
        const Error error{ErrorCode::Unavailable, tr("Not connected to the server.")};
        QMetaObject::invokeMethod(
                this,
                [this, pending = Pending{context, std::move(handler), 0}, error]() {
                    deliver(pending, error);
                },
                Qt::QueuedConnection);
        return;
    }
    const qint64 id = m_nextId++;
    m_pending.insert(id,
                     {context, std::move(handler),
                      QDateTime::currentMSecsSinceEpoch() + m_requestTimeoutMs});
    m_socket->sendTextMessage(QString::fromUtf8(Envelope{type, id, data, {}, 0}.toJson()));
    m_expiryTimer.start();
}

void ServerConnection::deliver(Pending pending, const Expected<QJsonObject> &result)
{
    if (pending.context && pending.handler)
        pending.handler(result);
}

void ServerConnection::onTextMessage(const QString &message)
{
    const auto envelope = Envelope::fromJson(message.toUtf8());
    if (!envelope) {
        qCWarning(lcClientNet).noquote()
                << "unreadable message from server:" << envelope.error().message;
        return;
    }
    if (envelope->type == Protocol::Type::Event) {
        Q_EMIT eventReceived(envelope->topic, envelope->seq, envelope->data);
        return;
    }
    const qint64 id = envelope->id.toInteger(-1);
    const auto found = m_pending.find(id);
    if (found == m_pending.end()) {
        if (envelope->isError())
            qCWarning(lcClientNet).noquote() << "server error:" << envelope->toError().message;
        return;
    }
    const Pending pending = found.value();
    m_pending.erase(found);
    if (m_pending.isEmpty())
        m_expiryTimer.stop();
    if (envelope->isError())
        deliver(pending, envelope->toError());
    else
        deliver(pending, envelope->data);
}

void ServerConnection::failAllPending(const Error &error)
{
    const auto pending = std::exchange(m_pending, {});
    m_expiryTimer.stop();
    for (const Pending &entry : pending)
        deliver(entry, error);
}

void ServerConnection::expireRequests()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<Pending> expired;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->deadline <= now) {
            expired.append(it.value());
            it = m_pending.erase(it);
        } else {
            ++it;
        }
    }
    for (const Pending &entry : expired)
        deliver(entry, Error{ErrorCode::Unavailable, tr("The server did not answer in time.")});
}

void ServerConnection::onSocketDisconnected()
{
    if (!m_socket || m_socket->state() != QAbstractSocket::UnconnectedState
        || m_state == State::WaitingToReconnect || m_state == State::Disconnected)
        return;
    const int closeCode = m_socket ? m_socket->closeCode() : 0;
    QString reason = m_socket ? m_socket->closeReason() : QString();
    if (reason.isEmpty() && m_socket && m_socket->error() != QAbstractSocket::UnknownSocketError)
        reason = m_socket->errorString();
    if (reason.isEmpty())
        reason = tr("The connection was lost.");
    if (!m_lastError.isEmpty() && closeCode == Protocol::CloseCode::UnsupportedProtocol)
        reason = m_lastError;
    if (closeCode == Protocol::CloseCode::Banned)
        reason = tr("A moderator has banned this account.");
    if (closeCode == Protocol::CloseCode::SessionEnded)
        reason = tr("You were signed out: on another device, or because the password was "
                    "changed.");
    if (m_certificateRefused)
        reason = tr("The server's certificate is not trusted.");
    m_lastError = reason;
    m_lastCloseCode = closeCode;
    qCInfo(lcClientNet).noquote() << "disconnected from" << m_url.toString() << closeCode << reason;

    failAllPending({ErrorCode::Unavailable, reason});
    // A server that speaks another protocol, or banned us, will not change its mind on a retry;
    // a session that ended elsewhere is not resumed. Nor will a certificate the user has not
    // trusted: they decide first.
    const bool willRetry = m_wantOpen && closeCode != Protocol::CloseCode::UnsupportedProtocol
            && closeCode != Protocol::CloseCode::Banned
            && closeCode != Protocol::CloseCode::SessionEnded && !m_certificateRefused;
    if (!willRetry)
        m_wantOpen = false;
    Q_EMIT connectionLost(reason, willRetry);
    if (willRetry && m_wantOpen)
        scheduleReconnect();
    else if (!m_wantOpen)
        setState(State::Disconnected);
}

void ServerConnection::scheduleReconnect()
{
    // Exponential backoff with jitter: the delay doubles per attempt up to the maximum, and
    // each client waits a random 50-100% of it so a restarted server is not hit all at once.
    const int exponent = qMin(m_attempt, 16);
    const qint64 ceiling = qMin<qint64>(m_maxDelayMs, qint64(m_initialDelayMs) << exponent);
    const int delay =
            static_cast<int>(ceiling / 2 + QRandomGenerator::global()->bounded(ceiling / 2 + 1));
    ++m_attempt;
    if (m_urls.size() > 1) {
        m_urlIndex = (m_urlIndex + 1) % m_urls.size();
        m_url = m_urls.at(m_urlIndex);
    }
    m_reconnectTimer.start(delay);
    setState(State::WaitingToReconnect);
    qCInfo(lcClientNet) << "reconnecting to" << m_url.toString() << "in" << delay << "ms, attempt"
                        << m_attempt;
}

} // namespace Hallway
