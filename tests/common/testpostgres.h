// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QTemporaryDir>

namespace Hallway::Test {

// A PostgreSQL cluster of one test's own (scripts/pg-throwaway.sh, durable: a commit waits
// for its WAL write), which the test can halt as a crash would and start again, and query as
// its superuser: for the fault suite's database outages. Owned by the unprivileged postgres
// user when the tests run as root; reachable only through a unix socket.
class TestPostgres {
public:
    TestPostgres();
    ~TestPostgres(); // stops the cluster and removes its files

    bool start();
    // pg_ctl stop -m immediate: every backend is killed, nothing is shut down cleanly.
    bool halt();
    // Starts the halted cluster again; returns once it accepts connections.
    bool resume();
    // Starts it again if a test halted it and stopped before resuming it.
    bool ensureRunning() { return !m_halted || resume(); }

    // Instead of start(): a synchronous streaming standby of primary (a commit there returns
    // once this cluster has it too).
    bool startStandbyOf(const TestPostgres &primary);
    // Failover: this standby becomes the primary at primary's address (halt primary first),
    // as a moved virtual address or DNS name would make it. Query it through primary then.
    bool takeOverFrom(const TestPostgres &primary);

    // For hallway-server: postgres://hallway@/hallway?host=...
    QString url() const { return m_url; }
    // Runs SQL as the superuser in the hallway database; the output of psql -At, trimmed.
    // ok is false if psql failed.
    QString query(const QString &sql, bool *ok = nullptr) const;
    QString error() const { return m_error; }

private:
    bool runScript(const QString &command, const QStringList &more = {});

    QString m_dir;
    QString m_url;
    QString m_error;
    bool m_halted = false;
};

} // namespace Hallway::Test
