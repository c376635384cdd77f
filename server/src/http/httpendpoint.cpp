// SPDX-License-Identifier: MIT
#include "httpendpoint.h"
#include "logging.h"
#include "net/admissioncontrol.h"
#include "net/listener.h"

#include <QHttpServer>
#include <QHttpServerResponse>

namespace Hallway {

HttpEndpoint::HttpEndpoint(const Providers &providers, int connectionTimeoutMs, QObject *parent)
    : QObject(parent),
      m_providers(providers),
      m_admission(std::make_unique<AdmissionControl>(
              AdmissionControl::Protocol::Http,
              AdmissionControl::Limits{MaxConnectionsPerAddress, MaxConnections,
                                       connectionTimeoutMs},
              nullptr)),
      m_server(std::make_unique<QHttpServer>())
{
    using Method = QHttpServerRequest::Method;
    m_server->route(QStringLiteral("/healthz"), Method::Get, [this]() {
        const QJsonObject health = m_providers.health();
        const bool ok = health.value(QStringLiteral("status")) == QLatin1StringView("ok");
        return QHttpServerResponse(health,
                                   ok ? QHttpServerResponse::StatusCode::Ok
                                      : QHttpServerResponse::StatusCode::ServiceUnavailable);
    });
    m_server->route(QStringLiteral("/stats"), Method::Get,
                    [this]() { return QHttpServerResponse(m_providers.stats()); });
    m_server->route(QStringLiteral("/metrics"), Method::Get, [this]() {
        return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"),
                                   m_providers.metrics());
    });
}

HttpEndpoint::~HttpEndpoint() = default;

Expected<quint16> HttpEndpoint::listen(const QHostAddress &address, quint16 port)
{
    // QHttpServer's own listener would accept without bound (and, once the descriptors run
    // out, retry accept() in a busy loop): every socket goes through the admission first.
    auto *listener = new Listener(*m_admission, std::nullopt);
    if (!listener->listen(address, port)) {
        const QString reason = listener->errorString();
        delete listener;
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("cannot serve HTTP on %1:%2: %3")
                             .arg(address.toString())
                             .arg(port)
                             .arg(reason)};
    }
    const quint16 bound = listener->serverPort();
    m_server->bind(listener); // takes it as a child
    qCInfo(lcServer).noquote() << "http listening on"
                               << QStringLiteral("http://%1:%2").arg(address.toString()).arg(bound);
    return bound;
}

} // namespace Hallway
