// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <functional>
#include <memory>

class QHttpServer;

namespace Hallway {

class AdmissionControl;

// The server's plain HTTP side for operators and dashboards: GET /healthz (is it up, and how
// busy; 503 unless its "status" is "ok"), GET /stats (the room's statistics as JSON) and GET
// /metrics (Prometheus text). Read-only, and on its own port so it can stay on loopback or behind a
// firewall.
class HttpEndpoint : public QObject {
    Q_OBJECT
public:
    struct Providers {
        std::function<QJsonObject()> health;
        std::function<QJsonObject()> stats;
        std::function<QByteArray()> metrics;
    };

    // Connections at once, and from one address. The port is for a scraper, a dashboard and
    // an operator's curl: beyond that a client is refused, and what it holds comes out of the
    // descriptors the server keeps for itself, never out of the room's.
    static constexpr int MaxConnections = 16;
    static constexpr int MaxConnectionsPerAddress = 8;

    // Each connection is closed connectionTimeoutMs after it was accepted: requests are
    // answered at once, and a keep-alive connection simply reconnects.
    HttpEndpoint(const Providers &providers, int connectionTimeoutMs, QObject *parent = nullptr);
    ~HttpEndpoint() override;

    // Returns the port it listens on.
    Expected<quint16> listen(const QHostAddress &address, quint16 port);

private:
    Providers m_providers;
    std::unique_ptr<AdmissionControl> m_admission;
    std::unique_ptr<QHttpServer> m_server;
};

} // namespace Hallway
