// SPDX-License-Identifier: MIT
#pragma once

#include "fact.h"
#include "hub.h"
#include "moderation.h"
#include "stats.h"
#include "talk.h"
#include "userinfo.h"

#include <QJsonObject>
#include <optional>

namespace Hallway {

// The data of one hub widget, typed for the view of its kind. Each snapshot and event of a
// widget topic carries its whole data; fromJson() reads the part its kind has.
struct WidgetData {
    // Presence
    qint64 online = 0;
    QList<OnlineUser> people;
    // Community feed, and one person's facts (with that person)
    QList<Fact> facts;
    std::optional<UserInfo> author;
    // Talks, ranked
    QList<Talk> talks;
    bool votingOpen = true;
    // Announcements
    QList<Announcement> announcements;
    // Statistics
    std::optional<RoomStats> stats;

    static WidgetData fromJson(WidgetKind kind, const QJsonObject &data);
};

} // namespace Hallway
