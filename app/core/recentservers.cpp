// SPDX-License-Identifier: MIT
#include "recentservers.h"

#include <QSettings>

namespace Hallway {

RecentServers::RecentServers(const QString &settingsKey) : m_key(settingsKey) { }

QList<QUrl> RecentServers::urls() const
{
    QList<QUrl> urls;
    for (const QString &text : QSettings().value(m_key).toStringList()) {
        const QUrl url(text);
        if (url.isValid() && !url.host().isEmpty())
            urls.append(url);
    }
    return urls;
}

void RecentServers::add(const QUrl &server)
{
    if (!server.isValid() || server.host().isEmpty())
        return;
    const QString text = server.adjusted(QUrl::StripTrailingSlash).toString();
    QStringList texts = QSettings().value(m_key).toStringList();
    texts.removeAll(text);
    texts.prepend(text);
    QSettings().setValue(m_key, texts.mid(0, MaxCount));
}

} // namespace Hallway
