// SPDX-License-Identifier: MIT
#include "widgetdata.h"

#include <QJsonArray>

namespace Hallway {

WidgetData WidgetData::fromJson(WidgetKind kind, const QJsonObject &data)
{
    WidgetData widget;
    switch (kind) {
    case WidgetKind::Presence:
        widget.online = data.value(QStringLiteral("online")).toInteger();
        for (const QJsonValue &value : data.value(QStringLiteral("users")).toArray()) {
            if (const auto user = OnlineUser::fromJson(value.toObject()))
                widget.people.append(user.value());
        }
        break;
    case WidgetKind::CommunityFeed:
    case WidgetKind::UserFacts:
        if (const auto facts = factsFromJson(data.value(QStringLiteral("facts"))))
            widget.facts = facts.value();
        if (const auto user = UserInfo::fromJson(data.value(QStringLiteral("user")).toObject()))
            widget.author = user.value();
        break;
    case WidgetKind::Talks:
        if (const auto talks = talksFromJson(data.value(QStringLiteral("talks"))))
            widget.talks = talks.value();
        widget.votingOpen = data.value(QStringLiteral("votingOpen")).toBool(true);
        break;
    case WidgetKind::Announcements:
        if (const auto announcements =
                    announcementsFromJson(data.value(QStringLiteral("announcements"))))
            widget.announcements = announcements.value();
        break;
    case WidgetKind::Stats:
        if (const auto stats = RoomStats::fromJson(data))
            widget.stats = stats.value();
        break;
    }
    return widget;
}

} // namespace Hallway
