// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <memory>

namespace Hallway {

// A prepared statement in the cache; while lent out, its query lives in a PreparedQuery.
struct CachedStatement {
    QSqlQuery query; // moved out while lent
    bool lent = false;
    bool stale = false; // came back unrun or failed: prepared anew before its next use
};

// A statement from the StatementCache, ready to bind and run. It is a QSqlQuery; when it goes
// out of scope its result is released and the prepared statement goes back to the cache.
class PreparedQuery : public QSqlQuery {
public:
    // home: the cache's entry, which gets the statement back; null for one not cached.
    PreparedQuery(QSqlQuery &&query, CachedStatement *home)
        : QSqlQuery(std::move(query)), m_home(home)
    {
    }
    PreparedQuery(const PreparedQuery &) = delete;
    PreparedQuery &operator=(const PreparedQuery &) = delete;
    ~PreparedQuery()
    {
        if (!m_home)
            return;
        // Only a statement that ran and succeeded goes back as it is: one left with values
        // bound and not run would carry them into its next use (Qt has no way to clear
        // them), and one that failed may have failed for good (a changed table).
        if (isActive() && !lastError().isValid()) {
            finish();
            m_home->query.swap(*this);
        } else {
            m_home->stale = true;
        }
        m_home->lent = false;
    }

private:
    CachedStatement *m_home;
};

// Prepared statements by SQL text, prepared once per connection and reused: PostgreSQL then
// parses and plans a statement once instead of at every call, and saves the PREPARE and
// DEALLOCATE round trips around it; SQLite saves compiling it.
class StatementCache {
public:
    // db is watched, not copied: the worker opens it after making the cache.
    explicit StatementCache(const QSqlDatabase &db) : m_db(db) { }

    // The cached statement for sql, or, while that one is in use (a query inside a loop over
    // the same query's rows), a fresh one.
    PreparedQuery prepared(const QString &sql)
    {
        auto found = m_statements.find(sql);
        if (found == m_statements.end()) {
            QSqlQuery query(m_db);
            if (!query.prepare(sql))
                return {std::move(query), nullptr}; // exec() fails with the reason
            found = m_statements.insert(
                    sql, std::make_shared<CachedStatement>(CachedStatement{std::move(query)}));
        }
        CachedStatement &home = **found;
        if (home.stale && !home.lent) {
            QSqlQuery query(m_db);
            if (!query.prepare(sql))
                return {std::move(query), nullptr};
            home.query = std::move(query);
            home.stale = false;
        }
        if (home.lent) {
            QSqlQuery fresh(m_db);
            fresh.prepare(sql);
            return {std::move(fresh), nullptr};
        }
        home.lent = true;
        return {std::move(home.query), &home};
    }
    // Before the connection closes, with no statement lent out.
    void clear()
    {
        for (const auto &statement : std::as_const(m_statements))
            Q_ASSERT(!statement->lent);
        m_statements.clear();
    }

private:
    const QSqlDatabase &m_db;
    QHash<QString, std::shared_ptr<CachedStatement>> m_statements;
};

} // namespace Hallway
