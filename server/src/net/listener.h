// SPDX-License-Identifier: MIT
#pragma once

#include <QSslConfiguration>
#include <QTcpServer>
#include <optional>

namespace Hallway {

class AdmissionControl;

// The listening socket. Every accepted connection goes through AdmissionControl before
// anything else is spent on it; with a TLS configuration the listener also does the TLS
// handshake, and a socket becomes pending (pendingConnectionAvailable) once it is encrypted.
class Listener : public QTcpServer {
    Q_OBJECT
public:
    Listener(AdmissionControl &admission, std::optional<QSslConfiguration> tls,
             QObject *parent = nullptr);

    bool isSecure() const { return m_tls.has_value(); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    AdmissionControl &m_admission;
    std::optional<QSslConfiguration> m_tls;
};

} // namespace Hallway
