// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Hallway {

// The room in numbers, as the server last computed them. "Posts" are facts that are not
// hidden; votes are the votes standing now (a vote taken back is not counted). "present" is
// the people connected now (online or away, each once), "users" the accounts ever made.
struct RoomStats {
    static constexpr int TopPlaces = 10;
    static constexpr int Minutes = 60;

    struct Place {
        QString name;
        qint64 posts = 0;
        friend bool operator==(const Place &, const Place &) = default;
    };

    qint64 computedAt = 0; // ms since the epoch
    qint64 present = 0;
    qint64 users = 0;
    qint64 facts = 0;
    qint64 messages = 0;
    qint64 votes = 0;
    QList<Place> topCities; // most posts first, at most TopPlaces; ties by name
    QList<Place> topRegions;
    // Posts in each of the last 60 whole minutes, oldest first; the first starts at
    // perMinuteSince (ms since the epoch).
    qint64 perMinuteSince = 0;
    QList<qint64> postsPerMinute;

    QJsonObject toJson() const;
    static Expected<RoomStats> fromJson(const QJsonObject &object);
    friend bool operator==(const RoomStats &, const RoomStats &) = default;
};

} // namespace Hallway
