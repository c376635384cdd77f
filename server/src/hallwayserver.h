// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "serversettings.h"

#include <QObject>
#include <QSet>
#include <QUrl>
#include <memory>

class QTcpServer;
class QWebSocketServer;

namespace Hallway {

class AuthService;
class ClientConnection;
class FactService;
class TalkService;
class ChatService;
class PasswordHasher;
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
    quint16 port() const;
    int connectionCount() const { return static_cast<int>(m_connections.size()); }
    Storage &storage() { return *m_storage; }

Q_SIGNALS:
    void stopped();

private:
    void onNewConnection();
    void closeAllConnections();
    void finishShutdown();

    ServerSettings m_settings;
    std::unique_ptr<Storage> m_storage;
    std::unique_ptr<PasswordHasher> m_hasher;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<PresenceTopic> m_presence;
    std::unique_ptr<FactService> m_facts;
    std::unique_ptr<TalkService> m_talks;
    std::unique_ptr<ChatService> m_chat;
    std::unique_ptr<RequestRouter> m_router;
    QTcpServer *m_tcpListener = nullptr; // accepts; lets us set the backlog and socket options
    QWebSocketServer *m_listener = nullptr; // does the WebSocket handshakes
    QSet<ClientConnection *> m_connections;
    bool m_shuttingDown = false;
    bool m_stopped = false;
};

} // namespace Hallway
