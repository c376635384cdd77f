// SPDX-License-Identifier: MIT
#include "topic.h"
#include "envelope.h"
#include "logging.h"
#include "net/clientconnection.h"
#include "net/websocketframe.h"

#include <QRandomGenerator>

namespace Hallway {

Topic::Topic(const QString &name, int history, QObject *parent)
    : QObject(parent),
      m_name(name),
      m_epoch(QString::number(QRandomGenerator::system()->generate64(), 36)),
      m_historyLimit(history),
      m_idleSinceMs(now())
{
}

SubscribeReply Topic::subscribe(ClientConnection *connection,
                                const std::optional<TopicPosition> &since,
                                const std::optional<QJsonObject> &givenSnapshot)
{
    // A connection that is closing has left every topic already, or is about to: it must not
    // join one again, or the topic would keep a pointer past the connection's end.
    if (connection->phase() != ClientConnection::Phase::Closing) {
        m_subscribers.insert(connection);
        m_idleSinceMs = 0;
    }
    SubscribeReply reply;
    reply.topic = m_name;
    reply.position = position();

    const qint64 oldestKept = m_history.empty()
            ? m_seq + 1
            : m_history.front().value(QStringLiteral("seq")).toInteger();
    const bool canCatchUp =
            since && since->epoch == m_epoch && since->seq <= m_seq && since->seq + 1 >= oldestKept;
    if (canCatchUp) {
        for (const QJsonObject &event : m_history) {
            if (event.value(QStringLiteral("seq")).toInteger() > since->seq)
                reply.events.append(event);
        }
        qCDebug(lcTopics) << m_name << "catch-up of" << reply.events.size() << "events";
    } else {
        reply.snapshot = givenSnapshot ? *givenSnapshot : snapshot();
    }
    return reply;
}

void Topic::unsubscribe(ClientConnection *connection)
{
    if (m_subscribers.remove(connection) && m_subscribers.isEmpty())
        m_idleSinceMs = now();
}

void Topic::setClock(Clock clock)
{
    m_clock = std::move(clock);
    if (m_idleSinceMs > 0)
        m_idleSinceMs = now();
}

void Topic::forgetHistoryIfIdle(qint64 nowMs, qint64 idleMs)
{
    if (m_subscribers.isEmpty() && m_idleSinceMs > 0 && nowMs - m_idleSinceMs >= idleMs) {
        m_history.clear();
        m_historySizes.clear();
        m_historyBytes = 0;
    }
}

void Topic::publish(const QJsonObject &eventData)
{
    ++m_seq;
    const QByteArray json = Envelope::event(m_name, m_seq, eventData).toJson();
    if (m_historyLimit > 0) {
        m_history.push_back({{QStringLiteral("seq"), m_seq}, {QStringLiteral("data"), eventData}});
        m_historySizes.push_back(json.size());
        m_historyBytes += json.size();
        while (!m_history.empty()
               && (static_cast<int>(m_history.size()) > m_historyLimit
                   || m_historyBytes > m_historyBytesLimit)) {
            m_history.pop_front();
            m_historyBytes -= m_historySizes.front();
            m_historySizes.pop_front();
        }
    }
    // Framed once; every subscriber gets the same bytes.
    const QByteArray frame = textFrame(json);
    // A send may close a slow subscriber. Closing never leaves a topic or destroys anything
    // before the event loop runs again (ClientConnection::closed is queued), but iterate over
    // a copy all the same.
    const QSet<ClientConnection *> subscribers = m_subscribers;
    for (ClientConnection *subscriber : subscribers)
        subscriber->sendEncodedFrame(frame);
    Q_EMIT published();
}

} // namespace Hallway
