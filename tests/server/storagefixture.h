// SPDX-License-Identifier: MIT
#pragma once

#include "storage/databaseurl.h"
#include "storage/storage.h"
#include "testserver.h"

#include <QSemaphore>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <array>
#include <memory>

namespace Hallway::Test {

// What every storage test needs: a fresh database per test function (SQLite, or PostgreSQL
// with HALLWAY_TEST_BACKEND=postgres), Storage opened on it, and users to act as.
class StorageFixture {
public:
    // A fresh, empty database; false (with the reason logged) if there is none.
    bool init();
    void cleanup() { m_database.reset(); }

    const DatabaseUrl &url() const { return m_url; }
    QString databaseUrl() const { return m_database->url(); }
    bool isPostgres() const { return m_url.driver == DatabaseUrl::Driver::Postgres; }

    // Storage opened on the test's database (migrated); null if it failed.
    std::unique_ptr<Storage> open() const;
    // An attendee named name, from Berlin.
    static NewUser newUser(const QString &name);
    // Creates that attendee; an invalid user (id 0) if the database refused.
    static UserInfo createUser(Storage &storage, const QString &name);
    // Creates an attendee for each name, in order: const auto [ada, bob] = createUsers(...).
    template<std::size_t N>
    static std::array<UserInfo, N> createUsers(Storage &storage, const char *const (&names)[N])
    {
        std::array<UserInfo, N> users;
        for (std::size_t i = 0; i < N; ++i)
            users[i] = createUser(storage, QString::fromUtf8(names[i]));
        return users;
    }
    // Blocks the worker until the returned gate is released, so that the jobs queued
    // meanwhile wait together and run as one batch.
    static std::shared_ptr<QSemaphore> holdTheWorker(Storage &storage, QObject &context);
    // A connection of its own listening to the events nodes send each other (PostgreSQL
    // only): each payload is appended to heard, delivered while context lives. Not open if
    // it failed.
    QSqlDatabase listenToNodeEvents(QObject &context, QStringList &heard) const;
    // Whether a session on the test's database waits on a lock (PostgreSQL only).
    bool aSessionWaitsOnALock() const;
    // Runs sql on a connection of its own, as an operator would; false if it failed.
    bool execDirectly(const QString &sql) const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestDatabase> m_database;
    DatabaseUrl m_url;
};

// The ids of facts, talks, messages..., in their order.
template<typename Item> QList<qint64> idsOf(const QList<Item> &items)
{
    QList<qint64> ids;
    ids.reserve(items.size());
    for (const Item &item : items)
        ids.append(item.id);
    return ids;
}

} // namespace Hallway::Test
