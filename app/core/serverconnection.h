// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSslError>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>
#include <functional>

namespace Hallway {

class KnownServers;

// The app's WebSocket to one server: says hello, matches replies to requests by id, and
// when the connection drops, reconnects with exponential backoff and jitter until close()
// is called. Knows nothing of sign-in or topics; HallwayClient builds those on top.
class ServerConnection : public QObject {
    Q_OBJECT
public:
    enum class State {
        Disconnected, // closed on purpose, or never opened
        Connecting, // socket and hello under way
        Connected, // hello answered: requests may flow
        WaitingToReconnect, // dropped; the next attempt is scheduled
    };
    Q_ENUM(State)

    using ReplyHandler = std::function<void(const Expected<QJsonObject> &)>;

    explicit ServerConnection(QObject *parent = nullptr);
    ~ServerConnection() override;

    void open(const QUrl &url);
    // Other nodes serving the same event: each reconnect attempt goes to the next address, so
    // a dead node is left for a live one (the session and the outbox carry over).
    void setAlternateUrls(const QList<QUrl> &urls) { m_alternates = urls; }
    QList<QUrl> alternateUrls() const { return m_alternates; }
    // The address open() was given, whichever node the connection is on now.
    QUrl primaryUrl() const { return m_urls.value(0, m_url); }
    void close();

    State state() const { return m_state; }
    QUrl url() const { return m_url; }
    int reconnectAttempt() const { return m_attempt; }
    // Milliseconds until the next attempt while WaitingToReconnect, else 0.
    int msUntilReconnect() const;
    QString lastError() const { return m_lastError; }
    // The WebSocket close code of the last disconnection (0 if none was given).
    int lastCloseCode() const { return m_lastCloseCode; }

    // Sends a request; handler gets exactly one call: the result data, or an error (the
    // server's, or `unavailable` if the connection drops or no reply comes in time).
    void request(const QString &type, const QJsonObject &data, QObject *context,
                 ReplyHandler handler);

    // Tries again at once instead of waiting out the backoff ("Reconnect now").
    void reconnectNow();
    // Whether the computer has a network at all, as QNetworkInformation tells (true when it
    // cannot tell). When the network comes back, a waiting reconnect goes at once.
    bool isNetworkReachable() const { return m_networkReachable; }
    void setNetworkReachable(bool reachable);

    void setReconnectDelays(int initialMs, int maxMs);
    void setRequestTimeout(int ms) { m_requestTimeoutMs = ms; }
    // Where certificates the user trusted by hand are kept (wss:// to self-signed servers).
    void setKnownServers(KnownServers *known) { m_knownServers = known; }

Q_SIGNALS:
    void stateChanged(Hallway::ServerConnection::State state);
    void networkReachableChanged(bool reachable);
    // Hello was answered; sign in (again) and resubscribe now.
    void connected();
    // The connection dropped before or after hello; reconnecting unless `willRetry` is false.
    void connectionLost(const QString &reason, bool willRetry);
    void eventReceived(const QString &topic, qint64 seq, const QJsonObject &data);
    // The system's CAs do not vouch for the server's certificate and the user has not trusted
    // it yet: nothing was sent. Ask them, KnownServers::trust() it, and open again.
    void certificateUntrusted(const QUrl &server, const QByteArray &sha256,
                              const QString &problems);
    // The server shows a different certificate than the one the user trusted: someone may be
    // in between. Nothing was sent.
    void certificateChanged(const QUrl &server, const QByteArray &trustedSha256,
                            const QByteArray &presentedSha256);

private:
    struct Pending {
        QPointer<QObject> context;
        ReplyHandler handler;
        qint64 deadline = 0;
    };

    void connectSocket();
    void setState(State state);
    void onSocketConnected();
    void onSocketDisconnected();
    void onTextMessage(const QString &message);
    void onSslErrors(const QList<QSslError> &errors);
    void sendHello();
    void failAllPending(const Error &error);
    void expireRequests();
    void scheduleReconnect();
    void deliver(Pending pending, const Expected<QJsonObject> &result);

    QWebSocket *m_socket = nullptr;
    QUrl m_url;
    QList<QUrl> m_alternates;
    QList<QUrl> m_urls; // the address opened, then the alternates: tried in turn
    qsizetype m_urlIndex = 0;
    State m_state = State::Disconnected;
    bool m_wantOpen = false;
    int m_attempt = 0;
    int m_initialDelayMs = 500;
    int m_maxDelayMs = 10'000; // a person waiting longer than this thinks it is broken
    int m_requestTimeoutMs = 30'000;
    QString m_lastError;
    int m_lastCloseCode = 0;
    KnownServers *m_knownServers = nullptr;
    bool m_certificateRefused = false;
    bool m_networkReachable = true;
    QTimer m_reconnectTimer;
    QTimer m_expiryTimer;
    qint64 m_nextId = 1;
    QHash<qint64, Pending> m_pending;
};

} // namespace Hallway
