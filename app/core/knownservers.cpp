// SPDX-License-Identifier: MIT
#include "knownservers.h"

#include <QCryptographicHash>
#include <QSettings>

namespace Hallway {

KnownServers::KnownServers(const QString &settingsGroup) : m_group(settingsGroup) { }

QString KnownServers::keyOf(const QUrl &server)
{
    // QSettings treats "/" as a group separator; host and port say everything here.
    return QStringLiteral("%1:%2").arg(server.host().toLower()).arg(server.port(443));
}

std::optional<QByteArray> KnownServers::fingerprint(const QUrl &server) const
{
    QByteArray stored;
    if (m_group.isEmpty()) {
        stored = m_memory.value(keyOf(server));
    } else {
        QSettings settings;
        settings.beginGroup(m_group);
        stored = QByteArray::fromHex(settings.value(keyOf(server)).toByteArray());
    }
    return stored.isEmpty() ? std::nullopt : std::optional<QByteArray>(stored);
}

void KnownServers::trust(const QUrl &server, const QByteArray &sha256)
{
    if (m_group.isEmpty()) {
        m_memory.insert(keyOf(server), sha256);
        return;
    }
    QSettings settings;
    settings.beginGroup(m_group);
    settings.setValue(keyOf(server), QString::fromLatin1(sha256.toHex()));
}

void KnownServers::forget(const QUrl &server)
{
    if (m_group.isEmpty()) {
        m_memory.remove(keyOf(server));
        return;
    }
    QSettings settings;
    settings.beginGroup(m_group);
    settings.remove(keyOf(server));
}

QByteArray KnownServers::fingerprintOf(const QSslCertificate &certificate)
{
    return certificate.digest(QCryptographicHash::Sha256);
}

QString KnownServers::displayFingerprint(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

} // namespace Hallway
