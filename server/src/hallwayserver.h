// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "net/clientconnectionfwd.h"
#include "net/outputflusher.h"
#include "servermetrics.h"
#include "serversettings.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QUrl>
#include <memory>

class QWebSocketServer;

namespace Hallway {

class AdmissionControl;
class AuditTrail;
class AuthService;
class ChatService;
class ClusterBus;
class ClusterPresence;
class ConnectionRegistry;
class FactService;
class HttpEndpoint;
class HubService;
class Listener;
class ModerationService;
class PasswordHasher;
class StatsService;
class TalkService;
class WidgetService;
class PresenceTopic;
class RequestRouter;
class Storage;

// A whole Hallway server: the WebSocket listener, its connections, the topics, auth and
// storage. hallway-server's main() and the app's "Host on this computer" both run one.
class HallwayServer : public QObject {
    Q_OBJECT
public:
    explicit HallwayServer(const ServerSettings &settings, QObject *parent = nullptr);
    ~HallwayServer() override;

    // Opens and migrates the database, then listens. Fails with a message for the operator.
    Status start();
    // Stops accepting, lets pending writes commit, tells every client with close code 1001,
    // then emits stopped().
    void shutdown();

    QUrl url() const;
    bool isSecure() const; // wss://
    quint16 port() const;
    quint16 httpPort() const { return m_httpPort; }
    int connectionCount() const { return static_cast<int>(m_connections.size()); }
    Storage &storage() { return *m_storage; }

Q_SIGNALS:
    void stopped();

private:
    Status listen();
    void onNewConnection();
    void closeAllConnections();
    void scheduleMemoryTrim();
    void finishShutdown();
    Status startHttp();
    static Expected<QSslConfiguration> loadTlsConfiguration(const QString &certificateFile,
                                                            const QString &keyFile);
    QJsonObject health() const;
    QByteArray metrics() const;

    ServerSettings m_settings;
    std::unique_ptr<Storage> m_storage;
    QString m_nodeId; // on PostgreSQL: this process among the nodes serving the event
    std::unique_ptr<ClusterBus> m_cluster;
    std::unique_ptr<PasswordHasher> m_hasher;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<PresenceTopic> m_presence;
    std::unique_ptr<FactService> m_facts;
    std::unique_ptr<TalkService> m_talks;
    std::unique_ptr<ChatService> m_chat;
    std::unique_ptr<ConnectionRegistry> m_registry;
    std::unique_ptr<AuditTrail> m_audit;
    std::unique_ptr<ModerationService> m_moderation;
    std::unique_ptr<HubService> m_hubs;
    std::unique_ptr<StatsService> m_stats;
    std::unique_ptr<WidgetService> m_widgets;
    std::unique_ptr<ClusterPresence> m_clusterPresence;
    std::unique_ptr<RequestRouter> m_router;
    std::unique_ptr<HttpEndpoint> m_http;
    quint16 m_httpPort = 0;
    qint64 m_startedAt = 0;
    std::unique_ptr<AdmissionControl> m_admission; // before the listener, which uses it
    Listener *m_tcpListener = nullptr; // accepts (and does TLS); a child of this
    QWebSocketServer *m_listener = nullptr; // does the WebSocket handshakes
    QSet<ClientConnection *> m_connections;
    OutputFlusher m_flusher; // writes what the connections sent in each event-loop turn
    ServerMetrics m_metrics;
    bool m_shuttingDown = false;
    bool m_memoryTrimScheduled = false;
    bool m_stopped = false;
};

} // namespace Hallway
