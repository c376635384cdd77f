// SPDX-License-Identifier: MIT
#include "listener.h"
#include "admissioncontrol.h"
#include "logging.h"

#include <QSslSocket>

namespace Hallway {

Listener::Listener(AdmissionControl &admission, std::optional<QSslConfiguration> tls,
                   QObject *parent)
    : QTcpServer(parent), m_admission(admission), m_tls(std::move(tls))
{
}

void Listener::incomingConnection(qintptr descriptor)
{
    QTcpSocket *socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcNet) << "cannot take an accepted connection:" << socket->errorString();
        delete socket; // the socket owns the descriptor now and closes it
        return;
    }
    if (!m_admission.admit(socket))
        return;
    if (!m_tls) {
        addPendingConnection(socket);
        return;
    }
    auto *tlsSocket = static_cast<QSslSocket *>(socket);
    tlsSocket->setSslConfiguration(*m_tls);
    connect(tlsSocket, &QSslSocket::encrypted, this, [this, tlsSocket]() {
        disconnect(tlsSocket, nullptr, this, nullptr);
        addPendingConnection(tlsSocket);
    });
    connect(tlsSocket, &QAbstractSocket::errorOccurred, this, [tlsSocket]() {
        qCInfo(lcNet).noquote() << "TLS handshake with" << tlsSocket->peerAddress().toString()
                                << "failed:" << tlsSocket->errorString();
        tlsSocket->abort();
        tlsSocket->deleteLater();
    });
    tlsSocket->startServerEncryption();
}

} // namespace Hallway
