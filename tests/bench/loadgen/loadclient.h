// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QWebSocket>

namespace Hallway::Bench {

// Nanoseconds on one monotonic clock for the whole load generator: senders stamp messages
// with it and receivers, in the same process, subtract.
qint64 nowNs();
// The stamp "t=<ns>" inside a frame, or -1; found without parsing the JSON, which would cost
// the load generator more CPU than the server it measures.
qint64 stampIn(const QString &frame);

// One connection of the load: for Hallway it says hello and resumes a seeded session; for
// the reference server it just connects. It reports every frame it gets, with the time.
class LoadClient : public QObject {
    Q_OBJECT
public:
    LoadClient(const QUrl &server, const QString &token, QObject *parent = nullptr);

    void open();
    bool isReady() const { return m_ready; }
    qint64 userId() const { return m_userId; }
    // A Hallway request; the reply arrives as replied(). Returns its id.
    qint64 request(const QString &type, const QJsonObject &data);
    void sendRaw(const QString &text) { m_socket.sendTextMessage(text); }

Q_SIGNALS:
    void ready();
    void failed(const QString &reason);
    void frame(const QString &text, qint64 receivedNs);
    void replied(qint64 id, bool ok, qint64 latencyNs, const QJsonObject &data);

private:
    void onText(const QString &text);

    QWebSocket m_socket;
    QUrl m_server;
    QString m_token; // empty: the reference server, no protocol
    bool m_ready = false;
    qint64 m_userId = 0;
    qint64 m_nextId = 1;
    QHash<qint64, qint64> m_sentAt;
};

} // namespace Hallway::Bench
