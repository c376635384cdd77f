// SPDX-License-Identifier: MIT
#include "framewriter.h"
#include "outputflusher.h"
#include "servermetrics.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <tuple>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <sys/socket.h>
#include <sys/uio.h>
#endif

#if defined(Q_OS_UNIX) && defined(MSG_NOSIGNAL)
#define HALLWAY_DIRECT_WRITES 1
#endif

namespace Hallway {

namespace {
// Frames per sendmsg(): well under IOV_MAX (1024 on Linux); more go in further calls.
constexpr int MaxFramesPerSend = 64;
} // namespace

FrameWriter::FrameWriter(QTcpSocket *socket, OutputFlusher *flusher, ServerMetrics *metrics)
    : m_flusher(flusher), m_metrics(metrics)
{
    setSocket(socket);
}

void FrameWriter::setSocket(QTcpSocket *socket)
{
    m_socket = socket;
#ifdef HALLWAY_DIRECT_WRITES
    m_direct = !qobject_cast<QSslSocket *>(socket);
#else
    m_direct = false;
#endif
}

FrameWriter::~FrameWriter()
{
    if (m_scheduled && m_flusher)
        m_flusher->cancel(this);
}

void FrameWriter::write(const QByteArray &frame)
{
    m_queue.append(frame);
    m_queuedBytes += frame.size();
    if (!m_flusher) {
        flush();
    } else if (!m_scheduled) {
        m_scheduled = true;
        m_flusher->schedule(this);
    }
}

qint64 FrameWriter::bytesToWrite() const
{
    return m_queuedBytes + (m_socket ? m_socket->bytesToWrite() : 0);
}

void FrameWriter::discard()
{
    m_queue.clear();
    m_queuedBytes = 0;
}

void FrameWriter::flush()
{
    if (m_queue.isEmpty())
        return;
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        discard(); // nobody to write to any more; the connection learns it from disconnected()
        return;
    }
    qsizetype frame = 0;
    qsizetype offset = 0;
    // Only while Qt holds nothing: bytes sent now must not overtake bytes in its buffer.
    if (m_direct && m_socket->bytesToWrite() == 0)
        std::tie(frame, offset) = sendDirect(int(m_socket->socketDescriptor()));
    const bool allSent = frame == m_queue.size();
    // The rest to Qt: it writes it when the socket can take more, and reports any error the
    // kernel gave us (the connection then ends through disconnected()).
    for (; frame < m_queue.size(); ++frame, offset = 0) {
        const QByteArray &bytes = m_queue.at(frame);
        if (offset == 0)
            m_socket->write(bytes);
        else
            m_socket->write(bytes.constData() + offset, bytes.size() - offset);
    }
    if (m_metrics)
        ++(allSent ? m_metrics->socketWritesDirect : m_metrics->socketWritesQueued);
    // Keeps the list's small allocation for the next turn; the frames themselves are freed.
    m_queue.clear();
    m_queuedBytes = 0;
}

std::pair<qsizetype, qsizetype> FrameWriter::sendDirect(int descriptor) const
{
    qsizetype frame = 0;
    qsizetype offset = 0;
#ifdef HALLWAY_DIRECT_WRITES
    if (descriptor < 0)
        return {frame, offset};
    while (frame < m_queue.size()) {
        iovec parts[MaxFramesPerSend];
        int count = 0;
        std::size_t total = 0;
        for (qsizetype i = frame; i < m_queue.size() && count < MaxFramesPerSend; ++i) {
            const QByteArray &bytes = m_queue.at(i);
            const qsizetype skip = i == frame ? offset : 0;
            parts[count].iov_base = const_cast<char *>(bytes.constData() + skip);
            parts[count].iov_len = std::size_t(bytes.size() - skip);
            total += parts[count].iov_len;
            ++count;
        }
        msghdr message{};
        message.msg_iov = parts;
        message.msg_iovlen = count;
        ssize_t sent;
        do {
            sent = ::sendmsg(descriptor, &message, MSG_NOSIGNAL | MSG_DONTWAIT);
        } while (sent < 0 && errno == EINTR);
        if (sent < 0)
            break; // EAGAIN: the kernel is full; another error: Qt meets it again and reports it
        // Move past what the kernel took.
        auto left = std::size_t(sent);
        while (frame < m_queue.size()) {
            const auto rest = std::size_t(m_queue.at(frame).size() - offset);
            if (left < rest) {
                offset += qsizetype(left);
                break;
            }
            left -= rest;
            ++frame;
            offset = 0;
        }
        if (std::size_t(sent) < total)
            break; // the kernel took part: it is full
    }
#else
    Q_UNUSED(descriptor);
#endif
    return {frame, offset};
}

} // namespace Hallway
