// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QSslCertificate>
#include <QString>
#include <QUrl>
#include <optional>

namespace Hallway {

// The certificates the user chose to trust for servers the system's CAs cannot vouch for
// (self-signed ones, say), one SHA-256 fingerprint per host and port, like SSH's known
// hosts. Kept in the app's settings.
class KnownServers {
public:
    // An empty group keeps them in memory only (tests).
    explicit KnownServers(const QString &settingsGroup = QStringLiteral("knownServers"));

    std::optional<QByteArray> fingerprint(const QUrl &server) const;
    void trust(const QUrl &server, const QByteArray &sha256);
    void forget(const QUrl &server);

    static QByteArray fingerprintOf(const QSslCertificate &certificate);
    // "AB:CD:..." as people compare it with what the operator tells them.
    static QString displayFingerprint(const QByteArray &sha256);

private:
    static QString keyOf(const QUrl &server);

    QString m_group;
    QHash<QString, QByteArray> m_memory;
};

} // namespace Hallway
