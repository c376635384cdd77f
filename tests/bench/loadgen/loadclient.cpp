// SPDX-License-Identifier: MIT
#include "loadclient.h"

#include <QElapsedTimer>
#include <QJsonDocument>

namespace Hallway::Bench {

qint64 nowNs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer started;
        started.start();
        return started;
    }();
    return clock.nsecsElapsed();
}

qint64 stampIn(const QString &frame)
{
    const qsizetype at = frame.indexOf(QLatin1StringView("t="));
    if (at < 0)
        return -1;
    qint64 value = 0;
    qsizetype i = at + 2;
    for (; i < frame.size() && frame.at(i).isDigit(); ++i)
        value = value * 10 + frame.at(i).digitValue();
    return i > at + 2 ? value : -1;
}

LoadClient::LoadClient(const QUrl &server, const QString &token, QObject *parent)
    : QObject(parent), m_server(server), m_token(token)
{
    connect(&m_socket, &QWebSocket::connected, this, [this]() {
        if (m_token.isEmpty()) {
            m_ready = true;
            return Q_EMIT ready();
        }
        request(QStringLiteral("hello"),
                {{QStringLiteral("protocol"), 1},
                 {QStringLiteral("client"), QStringLiteral("loadgen")}});
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &LoadClient::onText);
    connect(&m_socket, &QWebSocket::disconnected, this, [this]() {
        if (!m_ready)
            Q_EMIT failed(m_socket.errorString());
    });
}

void LoadClient::open()
{
    m_socket.open(m_server);
}

qint64 LoadClient::request(const QString &type, const QJsonObject &data)
{
    const qint64 id = m_nextId++;
    m_sentAt.insert(id, nowNs());
    m_socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("type"), type},
                                                        {QStringLiteral("id"), id},
                                                        {QStringLiteral("data"), data}})
                                      .toJson(QJsonDocument::Compact)));
    return id;
}

void LoadClient::onText(const QString &text)
{
    const qint64 received = nowNs();
    // Events are most frames; only replies are parsed. The server writes keys sorted, so a
    // frame's type is its last field.
    const bool isReply = !m_token.isEmpty()
            && (text.endsWith(QLatin1StringView("\"type\":\"result\"}"))
                || text.endsWith(QLatin1StringView("\"type\":\"error\"}")));
    if (!isReply) {
        Q_EMIT frame(text, received);
        return;
    }
    const QJsonObject object = QJsonDocument::fromJson(text.toUtf8()).object();
    const qint64 id = object.value(QStringLiteral("id")).toInteger();
    const bool ok = object.value(QStringLiteral("type")).toString() == QLatin1StringView("result");
    const QJsonObject data = object.value(QStringLiteral("data")).toObject();
    const qint64 sent = m_sentAt.take(id);
    if (id == 1) { // hello
        if (!ok)
            return Q_EMIT failed(data.value(QStringLiteral("message")).toString());
        request(QStringLiteral("auth.resume"), {{QStringLiteral("token"), m_token}});
        return;
    }
    if (id == 2) { // resume
        if (!ok)
            return Q_EMIT failed(data.value(QStringLiteral("message")).toString());
        m_userId = data.value(QStringLiteral("user"))
                           .toObject()
                           .value(QStringLiteral("id"))
                           .toInteger();
        m_ready = true;
        Q_EMIT ready();
        return;
    }
    Q_EMIT replied(id, ok, received - sent, data);
}

} // namespace Hallway::Bench
