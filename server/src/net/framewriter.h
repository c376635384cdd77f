// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QPointer>
#include <utility>

class QTcpSocket;

namespace Hallway {

class OutputFlusher;
struct ServerMetrics;

// The way out for one connection's frames. Frames are queued and written together once per
// turn of the event loop (see OutputFlusher), in the order they were queued:
// - while the socket's own buffer is empty, straight to its descriptor in one sendmsg(), so
//   that a client that keeps up costs one system call per turn and nothing of Qt's buffer
//   or write notifier;
// - what the kernel does not take (the client reads slowly), and everything while Qt still
//   holds bytes, goes to QTcpSocket::write, so Qt's buffer, its write notifier and
//   bytesToWrite() (the back-pressure check) work as before.
// TLS sockets always go through Qt: their descriptor carries ciphertext.
//
// Qt internals relied on (tst_writepath checks them through their effects): a plain
// QTcpSocket's socketDescriptor() is the connected, non-blocking socket it writes to, and it
// keeps no account of bytes written to it other than its own buffer, so bytes sent directly
// while that buffer is empty go out in order before anything written through Qt later.
class FrameWriter {
public:
    // flusher: who flushes the queue once per turn; without one every frame is written at once.
    FrameWriter(QTcpSocket *socket, OutputFlusher *flusher, ServerMetrics *metrics);
    ~FrameWriter();
    FrameWriter(const FrameWriter &) = delete;
    FrameWriter &operator=(const FrameWriter &) = delete;

    // The connection moved to another socket (nothing queued yet).
    void setSocket(QTcpSocket *socket);
    // Queues a whole frame (shared, not copied).
    void write(const QByteArray &frame);
    // Bytes not yet taken by the kernel: queued here and in the socket's buffer.
    qint64 bytesToWrite() const;
    // Writes what is queued now, e.g. before disconnectFromHost(), which must come after it.
    void flush();
    // Drops what is queued: the connection is gone.
    void discard();

    // For OutputFlusher.
    void flushScheduled()
    {
        m_scheduled = false;
        flush();
    }
    void unschedule() { m_scheduled = false; }

private:
    // Sends m_queue from the front straight to the descriptor until the kernel stops taking
    // it; returns where it stopped (frame index, bytes of that frame already sent).
    std::pair<qsizetype, qsizetype> sendDirect(int descriptor) const;

    QPointer<QTcpSocket> m_socket;
    QPointer<OutputFlusher> m_flusher;
    ServerMetrics *m_metrics;
    QList<QByteArray> m_queue;
    qint64 m_queuedBytes = 0;
    bool m_direct = false; // the socket is plain TCP on a platform with sendmsg(MSG_NOSIGNAL)
    bool m_scheduled = false;
};

} // namespace Hallway
