// SPDX-License-Identifier: MIT
#pragma once

#include "corepinning.h"

#include <QString>
#include <optional>

namespace Hallway::Bench {

// The physical reference for committed posts: what PostgreSQL itself commits on this machine
// for the insert a post is, measured with pgbench (shipped with PostgreSQL) into Hallway's own
// facts table, with its constraints and indexes, on one connection as Hallway's storage uses.
// Once one row per transaction, once a hundred rows per transaction (one statement).
class PgbenchReference {
public:
    static constexpr int BatchRows = 100;
    struct Result {
        double singleRowsPerSecond = 0; // one INSERT, one commit
        double batchedRowsPerSecond = 0; // one INSERT ... SELECT of BatchRows, one commit
    };

    // Runs pgbench for seconds each way against the database (which must hold a user, the
    // author of the rows) with pgbench pinned to cores, and removes its rows again.
    static std::optional<Result> measure(const QString &databaseUrl, int seconds,
                                         const CoreSet &cores, QString *error);
};

} // namespace Hallway::Bench
