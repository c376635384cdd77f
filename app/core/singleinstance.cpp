// SPDX-License-Identifier: MIT
#include "singleinstance.h"
#include "clientlogging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalSocket>
#include <QSettings>
#include <QStandardPaths>

namespace Hallway {

namespace {
// The running app's answer once it has taken a message.
constexpr QByteArrayView Taken = "taken\n";
} // namespace

SingleInstance::SingleInstance(QObject *parent) : QObject(parent)
{
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    connect(&m_server, &QLocalServer::newConnection, this, [this]() {
        while (QLocalSocket *socket = m_server.nextPendingConnection())
            answer(socket);
    });
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::socketPath()
{
    QString directory = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (directory.isEmpty())
        directory = QDir::tempPath();
    const QByteArray settings = QSettings().fileName().toUtf8();
    const QByteArray key =
            QCryptographicHash::hash(settings, QCryptographicHash::Sha1).toHex().left(16);
    return directory + QStringLiteral("/hallway-") + QString::fromLatin1(key);
}

bool SingleInstance::handOver(const QString &link, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(socketPath());
    if (!socket.waitForConnected(timeoutMs))
        return false; // nobody runs (or a crashed app left its socket): start
    const QByteArray message = link.toUtf8().left(MaxMessageBytes - 1) + '\n';
    socket.write(message);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    // Taken only once the running app says so: one that hangs does not swallow the link.
    QByteArray reply;
    while (!reply.contains('\n') && socket.waitForReadyRead(timeoutMs))
        reply += socket.readAll();
    return reply == Taken;
}

bool SingleInstance::listen()
{
    // Only a start that no app answered gets here, so whatever holds the name is gone (a
    // crashed app's socket file) or hangs: this app takes its place. (With socket options
    // set, QLocalServer makes the socket aside and renames it over the name.)
    const QString path = socketPath();
    if (m_server.listen(path))
        return true;
    qCWarning(lcClientSession).noquote()
            << "cannot answer later starts at" << path << m_server.errorString();
    return false;
}

void SingleInstance::answer(QLocalSocket *socket)
{
    connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QLocalSocket::readyRead, this, [this, socket]() {
        if (!socket->canReadLine()) {
            if (socket->bytesAvailable() >= MaxMessageBytes)
                socket->abort(); // not one of ours
            return;
        }
        const QString link = QString::fromUtf8(socket->readLine(MaxMessageBytes)).trimmed();
        socket->write(Taken.data(), Taken.size());
        socket->disconnectFromServer(); // after what was written has gone
        // From the event loop: the app may ask something (a modal dialog), and this socket
        // must not go while its own signal is still being delivered.
        QMetaObject::invokeMethod(
                this, [this, link]() { Q_EMIT activated(link); }, Qt::QueuedConnection);
    });
}

} // namespace Hallway
