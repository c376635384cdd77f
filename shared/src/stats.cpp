// SPDX-License-Identifier: MIT
#include "stats.h"
#include "jsonfields.h"

#include <QJsonArray>

namespace Hallway {

namespace {
QJsonArray placesToJson(const QList<RoomStats::Place> &places)
{
    QJsonArray array;
    for (const RoomStats::Place &place : places)
        array.append(QJsonObject{{QStringLiteral("name"), place.name},
                                 {QStringLiteral("posts"), place.posts}});
    return array;
}

QList<RoomStats::Place> placesFromJson(const QJsonValue &value)
{
    QList<RoomStats::Place> places;
    for (const QJsonValue &entry : value.toArray()) {
        const QJsonObject object = entry.toObject();
        places.append({object.value(QStringLiteral("name")).toString(),
                       object.value(QStringLiteral("posts")).toInteger()});
    }
    return places;
}
} // namespace

QJsonObject RoomStats::toJson() const
{
    QJsonArray perMinute;
    for (const qint64 count : postsPerMinute)
        perMinute.append(count);
    return {{QStringLiteral("computedAt"), computedAt},
            {QStringLiteral("present"), present},
            {QStringLiteral("users"), users},
            {QStringLiteral("facts"), facts},
            {QStringLiteral("messages"), messages},
            {QStringLiteral("votes"), votes},
            {QStringLiteral("topCities"), placesToJson(topCities)},
            {QStringLiteral("topRegions"), placesToJson(topRegions)},
            {QStringLiteral("perMinuteSince"), perMinuteSince},
            {QStringLiteral("postsPerMinute"), perMinute}};
}

Expected<RoomStats> RoomStats::fromJson(const QJsonObject &object)
{
    JsonFields fields(object);
    RoomStats stats;
    stats.computedAt = fields.requiredInteger(QStringLiteral("computedAt"));
    // Servers before it did not send it: nobody counted as here, not a broken message.
    stats.present = fields.optionalInteger(QStringLiteral("present")).value_or(0);
    stats.users = fields.requiredInteger(QStringLiteral("users"));
    stats.facts = fields.requiredInteger(QStringLiteral("facts"));
    stats.messages = fields.requiredInteger(QStringLiteral("messages"));
    stats.votes = fields.requiredInteger(QStringLiteral("votes"));
    stats.perMinuteSince = fields.optionalInteger(QStringLiteral("perMinuteSince")).value_or(0);
    if (!fields.ok())
        return fields.error();
    stats.topCities = placesFromJson(object.value(QStringLiteral("topCities")));
    stats.topRegions = placesFromJson(object.value(QStringLiteral("topRegions")));
    for (const QJsonValue &count : object.value(QStringLiteral("postsPerMinute")).toArray())
        stats.postsPerMinute.append(count.toInteger());
    return stats;
}

} // namespace Hallway
