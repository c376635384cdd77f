// SPDX-License-Identifier: MIT
#pragma once

#include "accountstore.h"
#include "chatstore.h"
#include "clusterstore.h"
#include "databaseoutage.h"
#include "databaseurl.h"
#include "expected.h"
#include "factstore.h"
#include "hubstore.h"
#include "moderationstore.h"
#include "resendcheck.h"
#include "sqlsession.h"
#include "statsstore.h"
#include "talkstore.h"

#include <QObject>
#include <QTimer>

namespace Hallway {

// Owns the database connection (its SqlSession) and the stores that run every statement, one
// per domain. Lives on the storage thread and is only ever called there (through Storage); it
// knows nothing of sockets or of the protocol beyond the domain types. The worker itself only
// opens the database, tells outages, and batches jobs into one transaction. Every store method
// returns after its transaction has committed (or, in a batch, its savepoint was kept).
class StorageWorker : public QObject {
    Q_OBJECT
public:
    static constexpr int WatchIntervalMs = 1000;
    static constexpr int IdleCheckTicks = 5; // a ping every 5 s outside an outage

    explicit StorageWorker(const DatabaseUrl &url);
    ~StorageWorker() override;

    Status open();
    void close();

    // Outages (see Storage). A job that failed in the database may have failed because the
    // database is gone (PostgreSQL restarting, a network cut) or cannot write (SQLite on a
    // full or read-only disk); then an outage begins, logged once, and told through
    // availabilityChanged. During one, the connection is tried again with a short back-off,
    // by the next job or by a timer when there is none.
    bool isInOutage() const { return m_outage.isOngoing(); }
    // Whether jobs are answered without running: PostgreSQL's connection is gone. SQLite
    // still reads while its disk is full, so its jobs run and only writes fail.
    bool refusesJobs() const
    {
        return m_outage.isOngoing() && m_url.driver == DatabaseUrl::Driver::Postgres;
    }
    // After a job failed in the database: whether that was an outage (one may begin).
    bool detectOutage();
    // Logs the statements that failed since the last call, unless an outage explains them:
    // called once the jobs that ran are known to have met one or not.
    void reportFailures();
    // During an outage, once the back-off has passed: reconnects, and for SQLite writes a
    // probe row. True if the outage is over.
    bool tryRecover();
    // What a job refused or failed in an outage returns.
    Error outageError() { return m_outage.error(); }
    void countRefused() { m_outage.countRefused(); }

    // Group commit (see Storage): one transaction around several jobs, a savepoint before
    // each. Each returns false if the database refused; then abandonBatch() rolls back all.
    bool beginBatch();
    bool endJob(bool succeeded); // keeps the job's changes, or rolls them back
    bool commitBatch();
    void abandonBatch();
    int schemaVersion() const { return m_schemaVersion; }

    // The stores, one per domain, all on this worker's connection.
    AccountStore &accounts() { return m_accounts; }
    FactStore &facts() { return m_facts; }
    TalkStore &talks() { return m_talks; }
    ChatStore &chat() { return m_chat; }
    ModerationStore &moderation() { return m_moderation; }
    HubStore &hubs() { return m_hubs; }
    StatsStore &stats() { return m_stats; }
    ClusterStore &cluster() { return m_cluster; }
    ResendCheck &resends() { return m_resends; }

Q_SIGNALS:
    // From the storage thread: an outage began (reason says why) or ended.
    void availabilityChanged(bool available, const QString &reason);

private:
    void beginOutage(const QString &reason);
    void watchConnection();

    DatabaseUrl m_url;
    DatabaseOutage m_outage{QStringLiteral("the database")};
    SqlSession m_session{m_url, m_outage};
    AccountStore m_accounts{m_session};
    FactStore m_facts{m_session};
    ModerationStore m_moderation{m_session, m_accounts, m_facts};
    TalkStore m_talks{m_session, m_moderation};
    ChatStore m_chat{m_session, m_accounts};
    HubStore m_hubs{m_session, m_accounts, m_moderation};
    StatsStore m_stats{m_session};
    ClusterStore m_cluster{m_session};
    ResendCheck m_resends{m_session};
    int m_schemaVersion = 0;
    QTimer *m_watch = nullptr; // retries in an outage; checks an idle connection
    int m_watchTicks = 0;
};

} // namespace Hallway
