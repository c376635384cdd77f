// SPDX-License-Identifier: MIT
#include "statsservice.h"
#include "logging.h"
#include "storage/storage.h"
#include "topics/presencetopic.h"

#include <QDateTime>
#include <QSet>

namespace Hallway {

StatsService::StatsService(Storage &storage, PresenceTopic &presence, int intervalMs,
                           QObject *parent)
    : QObject(parent), m_storage(storage), m_presence(presence)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StatsService::recompute);
    m_settle.setSingleShot(true);
    m_settle.setInterval(std::min(WriteSettleMs, intervalMs));
    connect(&m_settle, &QTimer::timeout, this, &StatsService::recompute);
    // Arrivals and departures change "here now" at once; a newcomer may be a new account.
    connect(&presence, &Topic::published, this, [this]() {
        const qint64 present = presentNow();
        if (present != m_latest.present) {
            m_latest.present = present;
            Q_EMIT updated();
        }
        noteWrite();
    });
    // Not asked for while the database is down (every try would fail the same way), and
    // counted again as soon as it is back: writes may have come through other nodes meanwhile.
    connect(&storage, &Storage::availabilityChanged, this, [this](bool available) {
        if (available)
            recompute();
    });
}

qint64 StatsService::presentNow() const
{
    // One person with two apps open is one person here.
    QSet<qint64> people;
    for (const OnlineUser &user : m_presence.onlineUsers())
        people.insert(user.user.id);
    return people.size();
}

Status StatsService::load()
{
    const auto stats = m_storage.runBlocking<Expected<RoomStats>>([](StorageWorker &worker) {
        return worker.stats().roomStats(QDateTime::currentMSecsSinceEpoch());
    });
    if (!stats)
        return stats.error();
    m_latest = stats.value();
    m_latest.present = presentNow();
    ++m_computations;
    return Done{};
}

void StatsService::start()
{
    m_timer.start();
}

void StatsService::noteWrite()
{
    if (!m_settle.isActive())
        m_settle.start();
}

void StatsService::recompute()
{
    if (!m_storage.isAvailable())
        return;
    if (m_busy) {
        m_stale = true;
        return;
    }
    m_busy = true;
    m_stale = false;
    m_storage.run<Expected<RoomStats>>(
            this,
            [](StorageWorker &worker) {
                return worker.stats().roomStats(QDateTime::currentMSecsSinceEpoch());
            },
            [this](const Expected<RoomStats> &stats) {
                m_busy = false;
                if (std::exchange(m_stale, false))
                    noteWrite();
                if (!stats) {
                    // An outage of the database is in the log already. Any other failure
                    // once until they are taken again: writes ask every few seconds.
                    if (stats.error().code != ErrorCode::Unavailable
                        && !std::exchange(m_failing, true))
                        qCWarning(lcServer).noquote()
                                << "statistics not updated:" << stats.error().message;
                    return;
                }
                if (std::exchange(m_failing, false))
                    qCInfo(lcServer) << "statistics updated again";
                m_latest = stats.value();
                m_latest.present = presentNow();
                ++m_computations;
                Q_EMIT updated();
            });
}

} // namespace Hallway
