// SPDX-License-Identifier: MIT
#include "httpendpoint.h"
#include "logging.h"

#include <QHttpServer>
#include <QHttpServerResponse>

namespace Hallway {

HttpEndpoint::HttpEndpoint(const Providers &providers, QObject *parent)
    : QObject(parent), m_providers(providers), m_server(std::make_unique<QHttpServer>())
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
    const quint16 bound = m_server->listen(address, port);
    if (bound == 0)
        return Error{
                ErrorCode::Unavailable,
                QStringLiteral("cannot serve HTTP on %1:%2").arg(address.toString()).arg(port)};
    qCInfo(lcServer).noquote() << "http listening on"
                               << QStringLiteral("http://%1:%2").arg(address.toString()).arg(bound);
    return bound;
}

} // namespace Hallway
