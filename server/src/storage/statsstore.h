// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "stats.h"

namespace Hallway {

class SqlSession;

// The room in numbers: a handful of aggregate queries.
class StatsStore {
public:
    explicit StatsStore(SqlSession &session) : m_session(session) { }

    Expected<RoomStats> roomStats(qint64 nowMs);

private:
    SqlSession &m_session;
};

} // namespace Hallway
