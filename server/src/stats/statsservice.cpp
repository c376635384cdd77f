// SPDX-License-Identifier: MIT
#include "statsservice.h"
#include "logging.h"
#include "storage/storage.h"

#include <QDateTime>

namespace Hallway {

StatsService::StatsService(Storage &storage, int intervalMs, QObject *parent)
    : QObject(parent), m_storage(storage)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StatsService::recompute);
}

Status StatsService::load()
{
    const auto stats = m_storage.runBlocking<Expected<RoomStats>>([](StorageWorker &worker) {
        return worker.roomStats(QDateTime::currentMSecsSinceEpoch());
    });
    if (!stats)
        return stats.error();
    m_latest = stats.value();
    ++m_computations;
    return Done{};
}

void StatsService::start()
{
    m_timer.start();
}

void StatsService::recompute()
{
    if (m_busy)
        return;
    m_busy = true;
    m_storage.run<Expected<RoomStats>>(
            this,
            [](StorageWorker &worker) {
                return worker.roomStats(QDateTime::currentMSecsSinceEpoch());
            },
            [this](const Expected<RoomStats> &stats) {
                m_busy = false;
                if (!stats) {
                    qCWarning(lcServer).noquote()
                            << "statistics not updated:" << stats.error().message;
                    return;
                }
                m_latest = stats.value();
                ++m_computations;
                Q_EMIT updated();
            });
}

} // namespace Hallway
