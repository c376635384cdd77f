// SPDX-License-Identifier: MIT
#include "sockethandover.h"

#include <QSslSocket>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#endif

namespace Hallway {

QTcpSocket *takeOverConnection(QTcpSocket *socket, QObject *parent, QByteArray *alreadyRead)
{
#if defined(Q_OS_UNIX) && defined(F_DUPFD_CLOEXEC)
    if (qobject_cast<QSslSocket *>(socket) || socket->state() != QAbstractSocket::ConnectedState)
        return nullptr;
    // The handshake's response is usually still in Qt's buffer: it must reach the kernel first.
    socket->flush();
    if (socket->bytesToWrite() > 0)
        return nullptr;
    const int descriptor = ::fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (descriptor < 0)
        return nullptr;
    auto *own = new QTcpSocket(parent);
    if (!own->setSocketDescriptor(descriptor)) {
        delete own; // it owns the descriptor now and closes it
        return nullptr;
    }
    *alreadyRead = socket->readAll();
    socket->abort(); // closes the old descriptor only
    return own;
#else
    Q_UNUSED(socket);
    Q_UNUSED(parent);
    Q_UNUSED(alreadyRead);
    return nullptr;
#endif
}

QByteArray takeBytesPastRequest(QIODevice *socket)
{
    static constexpr QByteArrayView EndOfRequest("\r\n\r\n");
    const QByteArray buffered = socket->peek(socket->bytesAvailable());
    const qsizetype end = buffered.indexOf(EndOfRequest);
    if (end < 0 || end + EndOfRequest.size() == buffered.size())
        return {};
    const qsizetype requestBytes = end + EndOfRequest.size();
    socket->skip(buffered.size());
    putBackUnread(socket, buffered.first(requestBytes));
    return buffered.sliced(requestBytes);
}

void putBackUnread(QIODevice *socket, const QByteArray &bytes)
{
    // QIODevice has no bulk unread. This runs only for a client that sent more than its
    // request before the handshake was answered, for a request's worth of bytes at a time.
    for (qsizetype i = bytes.size() - 1; i >= 0; --i)
        socket->ungetChar(bytes.at(i));
}

} // namespace Hallway
