// SPDX-License-Identifier: MIT
#include "announcementfeed.h"
#include "hallwayclient.h"
#include "protocol.h"

#include <QSettings>

namespace Hallway {

AnnouncementFeed::AnnouncementFeed(HallwayClient *client, QObject *parent)
    : QObject(parent), m_client(client)
{
    connect(client, &HallwayClient::topicSnapshot, this,
            [this](const QString &topic, const QJsonObject &snapshot) {
                if (topic != Protocol::Topic::Announcements)
                    return;
                const auto latest =
                        announcementsFromJson(snapshot.value(QStringLiteral("announcements")));
                if (latest && !latest->isEmpty()
                    && latest->first().id > QSettings().value(dismissedKey()).toLongLong())
                    Q_EMIT shown(latest->first());
            });
    connect(client, &HallwayClient::topicEvent, this,
            [this](const QString &topic, qint64, const QJsonObject &event) {
                if (topic != Protocol::Topic::Announcements)
                    return;
                const auto announcement = Announcement::fromJson(
                        event.value(QStringLiteral("announcement")).toObject());
                if (!announcement)
                    return;
                Q_EMIT shown(announcement.value());
                Q_EMIT announced(announcement.value());
            });
    client->subscribe(Protocol::Topic::Announcements);
}

AnnouncementFeed::~AnnouncementFeed()
{
    m_client->unsubscribe(Protocol::Topic::Announcements);
}

QString AnnouncementFeed::dismissedKey() const
{
    return m_client->settingsGroup() + QStringLiteral("/announcements/dismissed");
}

void AnnouncementFeed::dismiss(qint64 announcementId)
{
    QSettings().setValue(dismissedKey(), announcementId);
}

} // namespace Hallway
