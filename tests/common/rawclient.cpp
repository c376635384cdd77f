// SPDX-License-Identifier: MIT
#include "rawclient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Hallway::Test {

RawClient::~RawClient()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool RawClient::connectTcp(quint16 port, const QString &sourceAddress, int receiveBufferBytes)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fd < 0)
        return false;
    if (receiveBufferBytes > 0)
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBufferBytes, sizeof receiveBufferBytes);
    if (!sourceAddress.isEmpty()) {
        sockaddr_in local{};
        local.sin_family = AF_INET;
        ::inet_pton(AF_INET, sourceAddress.toLatin1().constData(), &local.sin_addr);
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0)
            return false;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return ::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
}

bool RawClient::handshake(quint16 port, int timeoutMs, const QByteArray &sendAlong)
{
    const QByteArray request = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    if (!sendBytes(request + sendAlong))
        return false;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const qsizetype end = m_received.indexOf("\r\n\r\n");
        if (end >= 0) {
            const bool switched = m_received.startsWith("HTTP/1.1 101");
            m_received.remove(0, end + 4);
            return switched;
        }
        if (!readSome(int(std::max<qint64>(1, deadline.remainingTime()))))
            return false;
    }
    return false;
}

bool RawClient::sendBytes(const QByteArray &bytes)
{
    qsizetype sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n =
                ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += n;
    }
    return true;
}

qint64 RawClient::sendBytesNonBlocking(const QByteArray &bytes)
{
    const ssize_t n =
            ::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
    return n < 0 ? -1 : qint64(n);
}

bool RawClient::peerHasClosed() const
{
    pollfd descriptor{m_fd, POLLRDHUP, 0};
    return ::poll(&descriptor, 1, 0) > 0
            && (descriptor.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

QByteArray RawClient::frame(quint8 opcode, const QByteArray &payload, bool masked, bool final)
{
    QByteArray frame;
    frame.append(char((final ? 0x80 : 0) | opcode));
    const char maskBit = masked ? char(0x80) : char(0);
    if (payload.size() < 126) {
        frame.append(char(maskBit | payload.size()));
    } else if (payload.size() < 65536) {
        frame.append(char(maskBit | 126));
        frame.append(char((payload.size() >> 8) & 0xFF));
        frame.append(char(payload.size() & 0xFF));
    } else {
        frame.append(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(payload.size()) >> shift) & 0xFF));
    }
    if (!masked)
        return frame + payload;
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload.at(i) ^ mask[i % 4]));
    return frame;
}

bool RawClient::sendText(const QByteArray &payload, bool masked)
{
    return sendBytes(frame(0x1, payload, masked));
}

bool RawClient::sendRequest(qint64 id, const QString &type, const QJsonObject &data)
{
    const QJsonObject request{{QStringLiteral("type"), type},
                              {QStringLiteral("id"), id},
                              {QStringLiteral("data"), data}};
    return sendText(QJsonDocument(request).toJson(QJsonDocument::Compact));
}

bool RawClient::readSome(int timeoutMs)
{
    if (m_fd < 0 || m_ended)
        return false;
    pollfd descriptor{m_fd, POLLIN, 0};
    if (::poll(&descriptor, 1, timeoutMs) <= 0)
        return true; // nothing yet; still open
    char buffer[16384];
    const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
    if (n <= 0) {
        m_ended = true;
        return false;
    }
    m_received.append(buffer, n);
    return true;
}

QByteArray RawClient::drain(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && readSome(int(std::max<qint64>(1, deadline.remainingTime()))))
        ;
    return std::exchange(m_received, {});
}

std::optional<std::pair<int, QByteArray>> RawClient::nextFrame()
{
    if (m_received.size() < 2)
        return std::nullopt;
    const auto *bytes = reinterpret_cast<const uchar *>(m_received.constData());
    const int opcode = bytes[0] & 0x0F;
    qsizetype header = 2;
    quint64 length = bytes[1] & 0x7F;
    if (length == 126) {
        header = 4;
        if (m_received.size() < header)
            return std::nullopt;
        length = (quint64(bytes[2]) << 8) | bytes[3];
    } else if (length == 127) {
        header = 10;
        if (m_received.size() < header)
            return std::nullopt;
        length = 0;
        for (int i = 0; i < 8; ++i)
            length = (length << 8) | bytes[2 + i];
    }
    if (quint64(m_received.size()) < quint64(header) + length)
        return std::nullopt;
    QByteArray payload = m_received.mid(header, qsizetype(length));
    m_received.remove(0, header + qsizetype(length));
    return std::make_pair(opcode, payload);
}

std::optional<QJsonObject> RawClient::waitForReply(qint64 id, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (true) {
        while (const auto frame = nextFrame()) {
            if (frame->first != 0x1)
                continue;
            const QJsonObject object = QJsonDocument::fromJson(frame->second).object();
            if (object.value(QStringLiteral("id")).toInteger(-1) == id)
                return object;
        }
        if (deadline.hasExpired() || !readSome(int(std::max<qint64>(1, deadline.remainingTime()))))
            return std::nullopt;
    }
}

std::optional<std::pair<int, QByteArray>> RawClient::waitForFrame(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (true) {
        if (auto frame = nextFrame())
            return frame;
        if (deadline.hasExpired() || !readSome(int(std::max<qint64>(1, deadline.remainingTime()))))
            return std::nullopt;
    }
}

std::optional<int> RawClient::waitForClose(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (true) {
        while (const auto frame = nextFrame()) {
            if (frame->first == 0x8 && frame->second.size() >= 2)
                return (uchar(frame->second.at(0)) << 8) | uchar(frame->second.at(1));
            if (frame->first == 0x8)
                return 1005;
        }
        if (deadline.hasExpired() || !readSome(int(std::max<qint64>(1, deadline.remainingTime()))))
            return std::nullopt;
    }
}

bool RawClient::waitForEnd(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_ended && !deadline.hasExpired()) {
        readSome(int(std::max<qint64>(1, deadline.remainingTime())));
        m_received.clear();
    }
    return m_ended;
}

qint64 RawClient::signIn(const QString &username, const QString &password, bool register_)
{
    const qint64 helloId = m_nextId++;
    if (!sendRequest(helloId, QStringLiteral("hello"), {{QStringLiteral("protocol"), 1}}))
        return 0;
    if (!waitForReply(helloId))
        return 0;
    const qint64 signInId = m_nextId++;
    QJsonObject credentials{{QStringLiteral("username"), username},
                            {QStringLiteral("password"), password}};
    if (register_)
        credentials.insert(QStringLiteral("displayName"), username);
    if (!sendRequest(signInId,
                     register_ ? QStringLiteral("auth.register") : QStringLiteral("auth.login"),
                     credentials))
        return 0;
    const auto reply = waitForReply(signInId, 10'000);
    if (!reply || reply->value(QStringLiteral("type")).toString() != QLatin1StringView("result"))
        return 0;
    return reply->value(QStringLiteral("data"))
            .toObject()
            .value(QStringLiteral("user"))
            .toObject()
            .value(QStringLiteral("id"))
            .toInteger();
}

} // namespace Hallway::Test
