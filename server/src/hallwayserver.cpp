// SPDX-License-Identifier: MIT
#include "hallwayserver.h"
#include "auth/authservice.h"
#include "auth/passwordhasher.h"
#include "chat/chatservice.h"
#include "cluster/clusterbus.h"
#include "cluster/clusterpresence.h"
#include "facts/factservice.h"
#include "http/httpendpoint.h"
#include "hubs/hubservice.h"
#include "hubs/widgetservice.h"
#include "logging.h"
#include "moderation/audittrail.h"
#include "moderation/moderationservice.h"
#include "net/admissioncontrol.h"
#include "net/clientconnection.h"
#include "net/connectionregistry.h"
#include "net/listener.h"
#include "protocol.h"
#include "requestrouter.h"
#include "stats/statsservice.h"
#include "storage/storage.h"
#include "talks/talkservice.h"
#include "topics/communityfeedtopic.h"
#include "topics/presencetopic.h"
#include "topics/talkstopic.h"

#include <QDateTime>
#include <QJsonObject>

#include <QFile>
#include <QHostInfo>
#include <QRandomGenerator>
#include <QSslKey>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace Hallway {

namespace {
// After the close frames go out, how long clients get to answer before the server stops anyway.
constexpr int CloseGraceMs = 2000;
[[maybe_unused]] constexpr int MemoryTrimDelayMs = 1000;
} // namespace

HallwayServer::HallwayServer(const ServerSettings &settings, QObject *parent)
    : QObject(parent), m_settings(settings)
{
}

HallwayServer::~HallwayServer()
{
    // Connections first: their close handlers touch the router and topics.
    const auto connections = m_connections;
    for (ClientConnection *connection : connections) {
        disconnect(connection, nullptr, this, nullptr);
        delete connection;
    }
}

Status HallwayServer::start()
{
    const QString databaseUrl = m_settings.databaseUrl.isEmpty()
            ? ServerSettings::defaultDatabaseUrl()
            : m_settings.databaseUrl;
    const auto target = DatabaseUrl::parse(databaseUrl);
    if (!target)
        return target.error();
    // The port first: a server that cannot listen must not create or migrate a database.
    // Connections wait in the kernel's queue until everything below is ready.
    if (const Status listening = listen(); !listening)
        return listening;

    m_storage = std::make_unique<Storage>(target.value());
    if (const Status opened = m_storage->open(); !opened)
        return opened;
    m_storage->setMetrics(&m_metrics);
    // On PostgreSQL, other nodes may serve the same event. Listen before reading any state,
    // so that nothing committed elsewhere falls between the read and the first notification.
    if (target->driver == DatabaseUrl::Driver::Postgres) {
        m_nodeId = QStringLiteral("%1-%2").arg(
                QHostInfo::localHostName(),
                QString::number(QRandomGenerator::system()->generate64() % 1'000'000'000, 36));
        m_storage->runBlocking<bool>([nodeId = m_nodeId](StorageWorker &worker) {
            worker.cluster().setNodeId(nodeId);
            return true;
        });
        m_cluster = std::make_unique<ClusterBus>(target.value(), m_nodeId, *m_storage);
        if (const Status listening = m_cluster->open(); !listening)
            return listening;
    }

    m_hasher = std::make_unique<PasswordHasher>();
    m_auth = std::make_unique<AuthService>(*m_storage, *m_hasher);
    m_auth->setFirstAccountIsModerator(m_settings.firstAccountIsModerator);
    m_presence = std::make_unique<PresenceTopic>(m_settings.topicHistory);
    m_facts = std::make_unique<FactService>(
            *m_storage, m_settings.communityFeedSize, m_settings.communityFeedIntervalMs,
            m_settings.topicHistory, qint64(m_settings.topicIdleSeconds) * 1000);
    if (const Status loaded = m_facts->loadCommunityFeed(); !loaded)
        return loaded;
    m_audit = std::make_unique<AuditTrail>(*m_storage, m_settings.topicHistory);
    m_talks = std::make_unique<TalkService>(*m_storage, *m_audit, m_settings.tallyIntervalMs,
                                            m_settings.topicHistory);
    if (const Status loaded = m_talks->load(); !loaded)
        return loaded;
    m_chat = std::make_unique<ChatService>(*m_storage, m_settings.messagesToLoad,
                                           m_settings.topicHistory,
                                           qint64(m_settings.topicIdleSeconds) * 1000);
    // Authors hear on their own stream when a moderator hides one of their facts.
    connect(m_facts.get(), &FactService::factModerated, m_chat.get(), &ChatService::tellAuthor);
    m_registry = std::make_unique<ConnectionRegistry>();
    m_moderation = std::make_unique<ModerationService>(*m_storage, *m_audit, *m_facts, *m_presence,
                                                       *m_registry, m_settings.topicHistory);
    if (const Status loaded = m_moderation->load(); !loaded)
        return loaded;
    m_hubs = std::make_unique<HubService>(*m_storage, *m_audit, m_settings.topicHistory);
    if (const Status loaded = m_hubs->load(); !loaded)
        return loaded;
    m_stats = std::make_unique<StatsService>(*m_storage, *m_presence, m_settings.statsIntervalMs);
    // The counts follow the writes that change them, not only the interval.
    connect(m_facts.get(), &FactService::authorFactsChanged, m_stats.get(),
            &StatsService::noteWrite);
    connect(&m_talks->topic(), &Topic::published, m_stats.get(), &StatsService::noteWrite);
    connect(m_chat.get(), &ChatService::messageStored, m_stats.get(), &StatsService::noteWrite);
    if (const Status loaded = m_stats->load(); !loaded)
        return loaded;
    m_stats->start();
    m_widgets = std::make_unique<WidgetService>(
            WidgetService::Sources{*m_storage, *m_presence, m_facts->community(), m_talks->topic(),
                                   m_moderation->announcements(), *m_stats, *m_facts},
            m_settings.topicHistory);
    if (m_cluster) {
        m_facts->joinCluster(*m_cluster);
        m_talks->joinCluster(*m_cluster);
        m_chat->joinCluster(*m_cluster);
        m_audit->joinCluster(*m_cluster);
        m_moderation->joinCluster(*m_cluster);
        m_hubs->joinCluster(*m_cluster);
        m_clusterPresence =
                std::make_unique<ClusterPresence>(*m_storage, *m_cluster, *m_presence,
                                                  m_settings.heartbeatMs, m_settings.nodeTimeoutMs);
    }
    m_router = std::make_unique<RequestRouter>(
            RouterServices{*m_auth, *m_facts, *m_talks, *m_chat, *m_moderation, *m_hubs, *m_widgets,
                           *m_audit, *m_presence, *m_registry, *m_storage},
            m_settings);
    if (m_cluster)
        m_router->joinCluster(*m_cluster);

    m_tcpListener->resumeAccepting();
    qCInfo(lcServer).noquote() << "listening on" << url().toString();
    m_startedAt = QDateTime::currentMSecsSinceEpoch();
    if (m_clusterPresence) {
        // Only one process can listen here: a node that did before is dead.
        const QString endpoint =
                QStringLiteral("%1/%2:%3")
                        .arg(QHostInfo::localHostName(), m_tcpListener->serverAddress().toString(),
                             QString::number(m_tcpListener->serverPort()));
        if (const Status joined = m_clusterPresence->start(endpoint); !joined)
            return joined;
    }
    return startHttp();
}

Status HallwayServer::listen()
{
    if (m_settings.tlsCertificateFile.isEmpty() != m_settings.tlsKeyFile.isEmpty())
        return Error{ErrorCode::BadRequest,
                     QStringLiteral("TLS needs both a certificate and a key file")};
    std::optional<QSslConfiguration> tls;
    if (!m_settings.tlsCertificateFile.isEmpty()) {
        const auto loaded =
                loadTlsConfiguration(m_settings.tlsCertificateFile, m_settings.tlsKeyFile);
        if (!loaded)
            return loaded.error();
        tls = loaded.value();
    }

    // Sockets and handshakes are bounded before anything else is spent on them.
    const int fileBudget = connectionBudgetFromFileLimit();
    int total = m_settings.maxConnections;
    if (fileBudget > 0 && (total <= 0 || total > fileBudget))
        total = fileBudget;
    m_admission = std::make_unique<AdmissionControl>(
            AdmissionControl::Protocol::WebSocket,
            AdmissionControl::Limits{m_settings.connectionsPerAddress, total,
                                     m_settings.handshakeTimeoutMs},
            &m_metrics);
    qCInfo(lcServer) << "holding at most" << total << "connections";

    m_listener = new QWebSocketServer(QStringLiteral("hallway-server"),
                                      QWebSocketServer::NonSecureMode, this);
    m_listener->setMaxPendingConnections(m_settings.maxPendingConnections);
    // AdmissionControl enforces the deadline: QWebSocketServer does only for sockets it
    // accepted itself, and handleConnection() sockets are not.
    m_listener->setHandshakeTimeout(-1);
    connect(m_listener, &QWebSocketServer::newConnection, this, &HallwayServer::onNewConnection);
    // Browsers say which page opened the socket; apps send no Origin and may always connect.
    connect(
            m_listener, &QWebSocketServer::originAuthenticationRequired, this,
            [this](QWebSocketCorsAuthenticator *authenticator) {
                const QString origin = authenticator->origin();
                const bool allowed = origin.isEmpty() || m_settings.allowedOrigins.contains(origin);
                if (!allowed)
                    qCInfo(lcNet).noquote()
                            << "refused a connection from the page" << quotedForLog(origin, 256);
                authenticator->setAllowed(allowed);
            },
            Qt::DirectConnection);

    m_tcpListener = new Listener(*m_admission, tls, this);
    m_tcpListener->setListenBacklogSize(m_settings.listenBacklog);
    m_tcpListener->setMaxPendingConnections(m_settings.maxPendingConnections);
    connect(m_tcpListener, &QTcpServer::pendingConnectionAvailable, this, [this]() {
        while (QTcpSocket *socket = m_tcpListener->nextPendingConnection()) {
            if (m_settings.socketSendBufferBytes > 0)
                socket->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption,
                                        m_settings.socketSendBufferBytes);
            m_listener->handleConnection(socket);
        }
    });
    if (!m_tcpListener->listen(m_settings.listenAddress, m_settings.port))
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("cannot listen on %1:%2: %3")
                             .arg(m_settings.listenAddress.toString())
                             .arg(m_settings.port)
                             .arg(m_tcpListener->errorString())};
    m_tcpListener->pauseAccepting();
    return Done{};
}

Status HallwayServer::startHttp()
{
    if (!m_settings.httpPort)
        return Done{};
    m_http = std::make_unique<HttpEndpoint>(
            HttpEndpoint::Providers{[this]() { return health(); },
                                    [this]() { return m_stats->latest().toJson(); },
                                    [this]() { return metrics(); }},
            m_settings.handshakeTimeoutMs);
    const auto port = m_http->listen(m_settings.httpListenAddress, *m_settings.httpPort);
    if (!port)
        return port.error();
    m_httpPort = port.value();
    return Done{};
}

QJsonObject HallwayServer::health() const
{
    // Anything but "ok" is answered 503 (HttpEndpoint): a load balancer sends no one here.
    QString status = QStringLiteral("ok");
    if (m_shuttingDown)
        status = QStringLiteral("stopping");
    else if (!m_storage->isAvailable())
        status = QStringLiteral("database_unavailable");
    QJsonObject health{{QStringLiteral("status"), status},
                       {QStringLiteral("uptimeSeconds"),
                        (QDateTime::currentMSecsSinceEpoch() - m_startedAt) / 1000},
                       {QStringLiteral("connections"), connectionCount()},
                       {QStringLiteral("signedIn"), m_registry->size()},
                       {QStringLiteral("storageQueue"), m_storage->pendingJobs()},
                       {QStringLiteral("schemaVersion"), m_storage->schemaVersion()},
                       {QStringLiteral("databaseOutages"), m_storage->outages()},
                       {QStringLiteral("node"), m_nodeId}};
    if (!m_storage->isAvailable())
        health.insert(QStringLiteral("reason"), m_storage->unavailableReason());
    return health;
}

QByteArray HallwayServer::metrics() const
{
    QByteArray text;
    const auto metric = [&text](const char *name, const char *type, const char *help,
                                const QList<std::pair<QByteArray, qint64>> &samples) {
        text += QByteArray("# HELP ") + name + ' ' + help + '\n';
        text += QByteArray("# TYPE ") + name + ' ' + type + '\n';
        for (const auto &[labels, value] : samples)
            text += name + labels + ' ' + QByteArray::number(value) + '\n';
    };
    metric("hallway_connections", "gauge", "Open WebSocket connections.",
           {{{}, connectionCount()}});
    metric("hallway_signed_in_connections", "gauge", "Connections signed in to an account.",
           {{{}, m_registry->size()}});
    metric("hallway_handshakes", "gauge",
           "Sockets accepted that have not finished their opening handshakes yet.",
           {{{}, m_admission ? m_admission->handshakes() : 0}});
    metric("hallway_handshakes_refused_total", "counter",
           "Sockets closed at once because their address or the server was full.",
           {{{}, m_metrics.handshakesRefused}});
    metric("hallway_handshakes_timed_out_total", "counter",
           "Sockets dropped for not finishing the opening handshakes in time.",
           {{{}, m_metrics.handshakesTimedOut}});
    metric("hallway_reads_paused_total", "counter",
           "Times a connection was not read because its unanswered requests reached the cap.",
           {{{}, m_metrics.readsPaused}});
    metric("hallway_storage_queue_depth", "gauge", "Database jobs waiting or running.",
           {{{}, m_storage->pendingJobs()}});
    metric("hallway_database_up", "gauge",
           "1 while the database works, 0 during an outage (requests get unavailable).",
           {{{}, m_storage->isAvailable() ? 1 : 0}});
    metric("hallway_database_outages_total", "counter",
           "Times the database became unavailable (lost connection, full or read-only disk).",
           {{{}, m_storage->outages()}});
    metric("hallway_cluster_events_received_total", "counter",
           "Changes heard from the other nodes serving this event.",
           {{{}, m_cluster ? m_cluster->eventsReceived() : 0}});
    metric("hallway_cluster_listen_reconnects_total", "counter",
           "Times the connection listening for the other nodes was lost and made again.",
           {{{}, m_cluster ? m_cluster->listenReconnects() : 0}});
    metric("hallway_cluster_events_read_back_total", "counter",
           "Changes of the other nodes read back from the database after such a reconnect.",
           {{{}, m_cluster ? m_cluster->eventsReadBack() : 0}});
    metric("hallway_live_widgets", "gauge", "Widget topics someone is viewing.",
           {{{}, m_widgets->liveWidgets()}});
    QList<std::pair<QByteArray, qint64>> recomputations;
    for (const WidgetKind kind : allWidgetKinds())
        recomputations.append({"{kind=\"" + widgetKindName(kind).toUtf8() + "\"}",
                               m_widgets->recomputations(kind)});
    metric("hallway_widget_recomputations_total", "counter",
           "Times a widget's data was computed, by kind.", recomputations);
    metric("hallway_stats_computations_total", "counter", "Times the statistics were computed.",
           {{{}, m_stats->computations()}});
    metric("hallway_frames_in_total", "counter", "Requests received from clients.",
           {{{}, m_metrics.framesIn}});
    metric("hallway_frames_out_total", "counter",
           "Frames sent to clients (replies and events; a fan-out counts each recipient).",
           {{{}, m_metrics.framesOut}});
    metric("hallway_bytes_out_total", "counter", "Bytes of frames sent to clients.",
           {{{}, m_metrics.bytesOut}});
    metric("hallway_socket_writes_total", "counter",
           "Writes of frames to client sockets, one per connection and event-loop turn however "
           "many frames it got: direct when the kernel took them at once, queued when Qt's "
           "buffer got (the rest of) them.",
           {{"{path=\"direct\"}", m_metrics.socketWritesDirect},
            {"{path=\"queued\"}", m_metrics.socketWritesQueued}});
    metric("hallway_closed_too_slow_total", "counter",
           "Connections closed because the client stopped reading (4004).",
           {{{}, m_metrics.closedTooSlow}});
    QList<std::pair<QByteArray, qint64>> errors;
    for (int code = 0; code <= static_cast<int>(ErrorCode::Internal); ++code)
        errors.append({"{code=\"" + errorCodeName(static_cast<ErrorCode>(code)).toUtf8() + "\"}",
                       m_metrics.errorsByCode.at(static_cast<std::size_t>(code))});
    metric("hallway_errors_total", "counter", "Error replies, by error code.", errors);
    text += "# HELP hallway_storage_job_seconds Database jobs, from queueing to result.\n"
            "# TYPE hallway_storage_job_seconds summary\n";
    text += "hallway_storage_job_seconds_sum "
            + QByteArray::number(m_metrics.storageSecondsSum, 'f', 6)
            + "\nhallway_storage_job_seconds_count " + QByteArray::number(m_metrics.storageJobs)
            + "\n";
    text += "# HELP hallway_storage_job_seconds_max The slowest database job so far.\n"
            "# TYPE hallway_storage_job_seconds_max gauge\n"
            "hallway_storage_job_seconds_max "
            + QByteArray::number(m_metrics.storageSecondsMax, 'f', 6) + "\n";
    metric("hallway_storage_batches_total", "counter",
           "Transactions that committed several queued jobs at once (group commit).",
           {{{}, m_metrics.storageBatches.load()}});
    metric("hallway_storage_batched_jobs_total", "counter", "The jobs in those transactions.",
           {{{}, m_metrics.storageBatchedJobs.load()}});
    metric("hallway_storage_grouped_statements_total", "counter",
           "Statements that stored several queued writes of one kind at once (set-based writes).",
           {{{}, m_metrics.storageGroups.load()}});
    metric("hallway_storage_grouped_jobs_total", "counter", "The writes in those statements.",
           {{{}, m_metrics.storageGroupedJobs.load()}});
    return text;
}

Expected<QSslConfiguration> HallwayServer::loadTlsConfiguration(const QString &certificateFile,
                                                                const QString &keyFile)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificateFile, QSsl::Pem);
    if (chain.isEmpty())
        return Error{ErrorCode::BadRequest,
                     QStringLiteral("cannot read a PEM certificate from %1").arg(certificateFile)};
    QFile keyData(keyFile);
    if (!keyData.open(QIODevice::ReadOnly))
        return Error{ErrorCode::BadRequest, QStringLiteral("cannot read %1").arg(keyFile)};
    const QByteArray pem = keyData.readAll();
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(pem, algorithm, QSsl::Pem);
        if (!key.isNull())
            break;
    }
    if (key.isNull())
        return Error{ErrorCode::BadRequest,
                     QStringLiteral("%1 holds no unencrypted PEM private key (RSA, EC or DSA)")
                             .arg(keyFile)};
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients have no certificates
    qCInfo(lcServer).noquote()
            << "TLS certificate for"
            << chain.first().subjectInfo(QSslCertificate::CommonName).join(QStringLiteral(", "))
            << "valid until" << chain.first().expiryDate().toString(Qt::ISODate);
    return configuration;
}

bool HallwayServer::isSecure() const
{
    return m_tcpListener && m_tcpListener->isSecure();
}

QUrl HallwayServer::url() const
{
    QUrl result;
    result.setScheme(isSecure() ? QStringLiteral("wss") : QStringLiteral("ws"));
    QHostAddress address =
            m_tcpListener ? m_tcpListener->serverAddress() : m_settings.listenAddress;
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        address = QHostAddress::LocalHost;
    else if (address == QHostAddress::AnyIPv6)
        address = QHostAddress::LocalHostIPv6;
    result.setHost(address.toString());
    result.setPort(port());
    return result;
}

quint16 HallwayServer::port() const
{
    return m_tcpListener ? m_tcpListener->serverPort() : m_settings.port;
}

void HallwayServer::onNewConnection()
{
    while (QWebSocket *socket = m_listener->nextPendingConnection()) {
        QTcpSocket *rawSocket =
                m_admission->takeHandshake(socket->peerAddress(), socket->peerPort());
        if (!rawSocket) { // cannot happen: every socket came through the admission
            qCWarning(lcNet) << "a WebSocket without its socket; dropped";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        const QString address = socket->peerAddress().toString();
        const ConnectionLimits limits{
                m_settings.maxMessageBytes, m_settings.readBufferBytes,
                m_settings.maxUnsentBytes,  m_settings.helloTimeoutMs,
                m_settings.signInTimeoutMs, m_settings.maxOutstandingRequests};
        auto *connection =
                new ClientConnection(socket, rawSocket, limits, &m_metrics, this, &m_flusher);
        m_connections.insert(connection);
        m_admission->connectionOpened(address);
        connect(connection, &ClientConnection::closed, this,
                [this, address](ClientConnection *closed) {
                    m_router->connectionClosed(closed);
                    m_connections.remove(closed);
                    m_admission->connectionClosed(address);
                    scheduleMemoryTrim();
                    if (m_shuttingDown && m_connections.isEmpty())
                        finishShutdown();
                });
        if (m_shuttingDown) {
            connection->close(QWebSocketProtocol::CloseCodeGoingAway,
                              QStringLiteral("the server is shutting down"));
            continue;
        }
        if (m_settings.connectionsPerAddress > 0
            && m_admission->openConnections(address) > m_settings.connectionsPerAddress) {
            qCInfo(lcNet).noquote() << "too many connections from" << address;
            connection->close(Protocol::CloseCode::TooManyConnections,
                              QStringLiteral("too many connections from your address"));
            continue;
        }
        connect(connection, &ClientConnection::requestReceived, m_router.get(),
                &RequestRouter::handle);
    }
}

void HallwayServer::scheduleMemoryTrim()
{
#ifdef __GLIBC__
    // A closed connection's buffers (its unsent backlog can be a MiB) go back to the system
    // instead of staying in the allocator's free lists: after a flood of slow clients the
    // server's memory comes down again. Coalesced: at most once per interval.
    if (m_memoryTrimScheduled)
        return;
    m_memoryTrimScheduled = true;
    QTimer::singleShot(MemoryTrimDelayMs, this, [this]() {
        m_memoryTrimScheduled = false;
        malloc_trim(0);
    });
#endif
}

void HallwayServer::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    qCInfo(lcServer) << "shutting down:" << m_connections.size() << "connections,"
                     << (m_storage ? m_storage->pendingJobs() : 0) << "pending writes";
    if (m_tcpListener)
        m_tcpListener->close();
    if (m_router)
        m_router->setShuttingDown(true);
    if (m_clusterPresence)
        m_clusterPresence->stopBeating();

    if (!m_storage || m_storage->pendingJobs() == 0)
        return closeAllConnections();
    connect(m_storage.get(), &Storage::idle, this, &HallwayServer::closeAllConnections,
            Qt::SingleShotConnection);
    QTimer::singleShot(m_settings.shutdownGraceMs, this, &HallwayServer::closeAllConnections);
}

void HallwayServer::closeAllConnections()
{
    if (m_connections.isEmpty())
        return finishShutdown();
    const auto connections = m_connections;
    for (ClientConnection *connection : connections)
        connection->close(QWebSocketProtocol::CloseCodeGoingAway,
                          QStringLiteral("the server is shutting down"));
    QTimer::singleShot(CloseGraceMs, this, &HallwayServer::finishShutdown);
}

void HallwayServer::finishShutdown()
{
    if (m_stopped)
        return;
    m_stopped = true;
    if (m_clusterPresence)
        m_clusterPresence->leave();
    qCInfo(lcServer) << "stopped";
    Q_EMIT stopped();
}

} // namespace Hallway
