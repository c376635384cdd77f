// SPDX-License-Identifier: MIT
// StatsStore's statistics: a handful of aggregate queries, run on the storage thread.
#include "statsstore.h"
#include "sqlsession.h"

#include <QSqlQuery>

namespace Hallway {

namespace {
constexpr qint64 MinuteMs = 60 * 1000;
} // namespace

Expected<RoomStats> StatsStore::roomStats(qint64 nowMs)
{
    RoomStats stats;
    stats.computedAt = nowMs;

    const auto count = [&](const QString &sql, qint64 &into) -> Status {
        QSqlQuery query(m_session.database());
        if (!query.exec(sql) || !query.next())
            return m_session.failure(QStringLiteral("count for the statistics"), query);
        into = query.value(0).toLongLong();
        return Done{};
    };
    // One after the other, stopping at the first that fails: a lost connection is one error.
    const std::pair<QString, qint64 *> counts[] = {
            {QStringLiteral("SELECT COUNT(*) FROM users"), &stats.users},
            {QStringLiteral("SELECT COUNT(*) FROM facts WHERE hidden = 0"), &stats.facts},
            {QStringLiteral("SELECT COUNT(*) FROM messages"), &stats.messages},
            {QStringLiteral("SELECT COUNT(*) FROM votes"), &stats.votes}};
    for (const auto &[sql, into] : counts) {
        if (const Status status = count(sql, *into); !status)
            return status.error();
    }

    const auto topPlaces = [&](const QString &column, QList<RoomStats::Place> &into) -> Status {
        PreparedQuery query = m_session.prepared(
                QStringLiteral("SELECT u.%1, COUNT(*) FROM facts f JOIN users u "
                               "ON u.id = f.author_id WHERE f.hidden = 0 AND u.%1 <> '' "
                               "GROUP BY u.%1")
                        .arg(column));
        if (!query.exec())
            return m_session.failure(QStringLiteral("rank places"), query);
        QList<RoomStats::Place> places;
        while (query.next())
            places.append({query.value(0).toString(), query.value(1).toLongLong()});
        // Ranked here rather than in SQL: the databases' collations would break ties apart.
        std::sort(places.begin(), places.end(), [](const auto &a, const auto &b) {
            return a.posts != b.posts ? a.posts > b.posts : a.name < b.name;
        });
        into = places.mid(0, RoomStats::TopPlaces);
        return Done{};
    };
    if (const Status status = topPlaces(QStringLiteral("city"), stats.topCities); !status)
        return status.error();
    if (const Status status = topPlaces(QStringLiteral("region"), stats.topRegions); !status)
        return status.error();

    // The last 60 whole minutes and the current one so far make the last hour: the minute
    // now running is the last bucket.
    const qint64 currentMinute = nowMs - nowMs % MinuteMs;
    stats.perMinuteSince = currentMinute - (RoomStats::Minutes - 1) * MinuteMs;
    stats.postsPerMinute = QList<qint64>(RoomStats::Minutes, 0);
    PreparedQuery perMinute = m_session.prepared(
            QStringLiteral("SELECT (created_at - ?) / ?, COUNT(*) FROM facts "
                           "WHERE hidden = 0 AND created_at >= ? AND created_at < ? "
                           "GROUP BY 1"));
    perMinute.addBindValue(stats.perMinuteSince);
    perMinute.addBindValue(MinuteMs);
    perMinute.addBindValue(stats.perMinuteSince);
    perMinute.addBindValue(currentMinute + MinuteMs);
    if (!perMinute.exec())
        return m_session.failure(QStringLiteral("count posts per minute"), perMinute);
    while (perMinute.next()) {
        const qint64 bucket = perMinute.value(0).toLongLong();
        if (bucket >= 0 && bucket < RoomStats::Minutes)
            stats.postsPerMinute[bucket] = perMinute.value(1).toLongLong();
    }
    return stats;
}

} // namespace Hallway
