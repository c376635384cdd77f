// SPDX-License-Identifier: MIT
#include "announcementstopic.h"
#include "protocol.h"

namespace Hallway {

AnnouncementsTopic::AnnouncementsTopic(int history, QObject *parent)
    : Topic(Protocol::Topic::Announcements, history, parent)
{
}

void AnnouncementsTopic::setLatest(const QList<Announcement> &newestFirst)
{
    m_latest = newestFirst.mid(0, Kept);
}

void AnnouncementsTopic::add(const Announcement &announcement)
{
    // Another node's announcement may come in while the list is read at start-up.
    for (const Announcement &kept : std::as_const(m_latest)) {
        if (kept.id == announcement.id)
            return;
    }
    m_latest.prepend(announcement);
    m_latest = m_latest.mid(0, Kept);
    publish({{QStringLiteral("kind"), Protocol::ModerationEvent::Announcement},
             {QStringLiteral("announcement"), announcement.toJson()}});
}

QJsonObject AnnouncementsTopic::snapshot() const
{
    return {{QStringLiteral("announcements"), announcementsToJson(m_latest)}};
}

} // namespace Hallway
