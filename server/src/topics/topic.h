// SPDX-License-Identifier: MIT
#pragma once

#include "clock.h"
#include "messages.h"
#include "net/clientconnectionfwd.h"

#include <QObject>
#include <QSet>
#include <deque>

namespace Hallway {

// A stream of events that clients subscribe to. Subscribing returns a snapshot and the
// current sequence number; each event carries the next number. The last `history` events are
// kept so that a client coming back with the last number it saw gets just what it missed.
// Each event is encoded once and the same frame goes to every subscriber.
class Topic : public QObject {
    Q_OBJECT
public:
    // history: how many of the latest events are kept for clients that come back, at most
    // DefaultHistoryBytes of them (see setHistoryBytes()).
    Topic(const QString &name, int history, QObject *parent = nullptr);
    static constexpr qint64 DefaultHistoryBytes = 256 * 1024;
    void setHistoryBytes(qint64 bytes) { m_historyBytesLimit = bytes; }

    QString name() const { return m_name; }
    TopicPosition position() const { return {m_epoch, m_seq}; }
    int subscriberCount() const { return static_cast<int>(m_subscribers.size()); }

    // Subscribes and returns the catch-up events after since, or a snapshot: the given one
    // (for topics whose state lives in the database) or snapshot().
    SubscribeReply subscribe(ClientConnection *connection,
                             const std::optional<TopicPosition> &since,
                             const std::optional<QJsonObject> &givenSnapshot = std::nullopt);
    void unsubscribe(ClientConnection *connection);
    bool hasSubscriber(ClientConnection *connection) const
    {
        return m_subscribers.contains(connection);
    }
    // A topic nobody has followed for idleMs keeps its epoch and number but drops the events
    // it kept: whoever comes back after that gets a snapshot.
    void forgetHistoryIfIdle(qint64 nowMs, qint64 idleMs);
    qsizetype historySize() const { return qsizetype(m_history.size()); }

    // The time the topic goes by: when it became idle, and its subclasses' intervals. Set it
    // before the topic is used; an idle topic counts its idle time from then.
    void setClock(Clock clock);

Q_SIGNALS:
    // After each event went out: whatever is derived from this topic may need recomputing.
    void published();

protected:
    virtual QJsonObject snapshot() const { return {}; }
    void publish(const QJsonObject &eventData);
    qint64 now() const { return m_clock(); }

private:
    Clock m_clock = wallClock;
    QString m_name;
    QString m_epoch;
    qint64 m_seq = 0;
    int m_historyLimit;
    std::deque<QJsonObject> m_history; // {"seq": n, "data": {...}}, oldest first
    std::deque<qsizetype> m_historySizes; // the encoded size of each, to bound their total
    qint64 m_historyBytes = 0;
    qint64 m_historyBytesLimit = DefaultHistoryBytes;
    QSet<ClientConnection *> m_subscribers;
    qint64 m_idleSinceMs; // when the last subscriber left (or the topic was made); 0 while followed
};

// A topic whose owner decides what to publish; its snapshot is given at each subscription.
class StreamTopic : public Topic {
    Q_OBJECT
public:
    using Topic::publish;
    using Topic::Topic;
};

} // namespace Hallway
