// SPDX-License-Identifier: MIT
#include "loopbackclient.h"
#include "net/websocketframe.h"

#include <QTest>

namespace Hallway::Test {

LoopbackClient::LoopbackClient(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &message) { m_messages.append(message.toUtf8()); });
}

QList<Envelope> LoopbackClient::events() const
{
    QList<Envelope> events;
    for (const QByteArray &message : m_messages) {
        const auto envelope = Envelope::fromJson(message);
        if (envelope && envelope->type == QLatin1String("event"))
            events.append(envelope.value());
    }
    return events;
}

QList<QJsonObject> LoopbackClient::eventData() const
{
    QList<QJsonObject> data;
    for (const Envelope &event : events())
        data.append(event.data);
    return data;
}

bool LoopbackClient::sync()
{
    if (!m_connection)
        return false;
    const QByteArray marker = "{\"type\":\"sync\",\"n\":" + QByteArray::number(++m_syncs) + '}';
    m_connection->sendEncodedFrame(textFrame(marker));
    if (!QTest::qWaitFor([&]() { return m_messages.contains(marker); }, 5000))
        return false;
    m_messages.removeOne(marker);
    return true;
}

} // namespace Hallway::Test
