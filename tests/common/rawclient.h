// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace Hallway::Test {

// A WebSocket client written with plain POSIX calls, so that it can do what no well-behaved
// library does: stop reading, send half a handshake, connect from another loopback address,
// send unmasked or broken frames, pipeline requests without waiting.
class RawClient {
public:
    RawClient() = default;
    ~RawClient();
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;

    // Opens TCP from sourceAddress (e.g. "127.0.0.7"; empty: any) with a receive buffer of
    // receiveBufferBytes (0: the OS default). No handshake yet.
    bool connectTcp(quint16 port, const QString &sourceAddress = {}, int receiveBufferBytes = 0);
    // The whole opening handshake; true once the server switched protocols. sendAlong goes
    // out in the same write as the request, as a client that does not wait for the 101 sends.
    bool handshake(quint16 port, int timeoutMs = 5000, const QByteArray &sendAlong = {});
    // Sends raw bytes; false if the connection is gone.
    bool sendBytes(const QByteArray &bytes);
    // Sends what the socket's buffers take now, without waiting; how many bytes (-1: error).
    qint64 sendBytesNonBlocking(const QByteArray &bytes);
    // True once the server has closed or reset the connection, without reading anything.
    bool peerHasClosed() const;

    // One frame; clients must mask, and masked=false breaks that rule on purpose.
    static QByteArray frame(quint8 opcode, const QByteArray &payload, bool masked = true,
                            bool final = true);
    bool sendText(const QByteArray &payload, bool masked = true);
    // Sends {"type":..., "id": id, "data": ...}.
    bool sendRequest(qint64 id, const QString &type, const QJsonObject &data = {});

    // Reads what arrives within timeoutMs (or until the connection ends).
    QByteArray drain(int timeoutMs);
    // Reads frames until one is a text frame whose JSON "id" equals id; returns its JSON.
    std::optional<QJsonObject> waitForReply(qint64 id, int timeoutMs = 5000);
    // The next frame the server sent, (opcode, payload), reading until it is complete; nothing
    // if it did not come within timeoutMs or the connection ended first.
    std::optional<std::pair<int, QByteArray>> waitForFrame(int timeoutMs = 5000);
    // The close code the server sent (reading until it comes or the connection ends), or
    // nothing if none came in time.
    std::optional<int> waitForClose(int timeoutMs = 5000);
    // True once the server has ended the TCP connection (EOF or reset) within timeoutMs.
    bool waitForEnd(int timeoutMs);
    bool isOpen() const { return m_fd >= 0 && !m_ended; }

    // Sends hello and signs in with username/password (registering first if register_ is
    // set); the user id, or 0.
    qint64 signIn(const QString &username, const QString &password, bool register_);

    int descriptor() const { return m_fd; }

private:
    // Takes complete server frames out of m_received: (opcode, payload), or nothing.
    std::optional<std::pair<int, QByteArray>> nextFrame();
    bool readSome(int timeoutMs);

    int m_fd = -1;
    bool m_ended = false;
    QByteArray m_received;
    qint64 m_nextId = 1'000'000;
};

} // namespace Hallway::Test
