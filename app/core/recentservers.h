// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace Hallway {

// The servers this app signed in to, most recent first, offered again on the start dialog
// so that rejoining an event is one click. Kept in the app's settings.
class RecentServers {
public:
    // Enough for the events of a season; older ones fall off the end.
    static constexpr int MaxCount = 8;

    explicit RecentServers(const QString &settingsKey = QStringLiteral("recentServers"));

    QList<QUrl> urls() const;
    // Moves the server to the front (adding it if it is new).
    void add(const QUrl &server);

private:
    QString m_key;
};

} // namespace Hallway
