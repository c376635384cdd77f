// SPDX-License-Identifier: MIT
#pragma once

#include "envelope.h"
#include "expected.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QUrl>
#include <QWebSocket>
#include <functional>
#include <optional>

namespace Hallway::Test {

// A protocol-level client for tests: real WebSocket, raw JSON, every frame it receives kept
// in order so a test can look for replies, errors and events.
class TestClient : public QObject {
    Q_OBJECT
public:
    explicit TestClient(QObject *parent = nullptr);

    bool open(const QUrl &url, int timeoutMs = 5000);
    void close();
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool waitForDisconnected(int timeoutMs = 5000);
    int closeCode() const { return m_socket.closeCode(); }
    QString closeReason() const { return m_socket.closeReason(); }
    QWebSocket &socket() { return m_socket; }

    void sendRaw(const QString &text);
    // Sends a request and waits for its reply (result or error). A missing reply is an
    // Internal error whose message says so.
    Envelope request(const QString &type, const QJsonObject &data = {}, int timeoutMs = 10'000);
    // Waits for the reply whose id equals id (null: the answer to a frame with no readable id).
    Envelope waitForReply(const QJsonValue &id, int timeoutMs = 5000);

    // The common sequences; each returns the reply.
    Envelope hello();
    Envelope registerUser(const QString &username, const QString &password,
                          const QString &displayName = {}, const QString &city = {},
                          const QString &region = {});
    Envelope login(const QString &username, const QString &password);
    Envelope subscribe(const QString &topic, const QJsonObject &since = {});
    // The account of the last successful auth.register or auth.login (0 and empty before).
    qint64 userId() const { return m_userId; }
    QString token() const { return m_token; }

    // Replies received and not yet taken by request() or waitForReply().
    qsizetype unclaimedReplies() const { return m_replies.size(); }
    // Events received so far (and not yet taken), oldest first.
    QList<Envelope> events() const { return m_events; }
    void clearEvents() { m_events.clear(); }
    // When an event arrived, in ms of a monotonic clock (0 if unknown).
    qint64 receivedAt(const Envelope &event) const
    {
        return m_receivedAt.value(event.topic + QLatin1Char('/') + QString::number(event.seq));
    }
    // Waits until an event on topic satisfies the predicate; returns it (or an empty envelope).
    Envelope waitForEvent(const QString &topic, const std::function<bool(const Envelope &)> &match,
                          int timeoutMs = 5000);

private:
    std::optional<Envelope> takeReply(const QJsonValue &id);
    void rememberAccount(const QString &requestType, const Envelope &reply);

    QWebSocket m_socket;
    QList<Envelope> m_replies;
    QList<Envelope> m_events;
    QHash<QString, qint64> m_receivedAt;
    QElapsedTimer m_clock;
    qint64 m_nextId = 1;
    qint64 m_userId = 0;
    QString m_token;
};

// The user id in the result of a sign-in (auth.register, auth.login, auth.resume); 0 if none.
inline qint64 userIdOf(const Envelope &signedIn)
{
    return signedIn.data.value(QStringLiteral("user"))
            .toObject()
            .value(QStringLiteral("id"))
            .toInteger();
}

} // namespace Hallway::Test
