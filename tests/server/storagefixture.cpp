// SPDX-License-Identifier: MIT
#include "storagefixture.h"
#include "fixtures.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QtDebug>

namespace Hallway::Test {

bool StorageFixture::init()
{
    static int counter = 0;
    const QString dir = m_dir.filePath(QString::number(++counter));
    QDir().mkpath(dir);
    m_database = std::make_unique<TestDatabase>(dir);
    if (!m_database->error().isEmpty()) {
        qWarning("no test database: %s", qPrintable(m_database->error()));
        return false;
    }
    m_url = DatabaseUrl::parse(m_database->url()).value();
    return true;
}

std::unique_ptr<Storage> StorageFixture::open() const
{
    auto storage = std::make_unique<Storage>(m_url);
    const Status opened = storage->open();
    if (!opened)
        qWarning("open failed: %s", qPrintable(opened.error().message));
    return opened ? std::move(storage) : nullptr;
}

NewUser StorageFixture::newUser(const QString &name)
{
    return {name,
            name.toUpper(),
            QStringLiteral("$argon2id$fake"),
            QStringLiteral("Berlin"),
            QStringLiteral("Brandenburg"),
            Role::Attendee};
}

UserInfo StorageFixture::createUser(Storage &storage, const QString &name)
{
    const auto created = storage.runBlocking<Expected<UserInfo>>(
            [&name](StorageWorker &w) { return w.accounts().createUser(newUser(name), 1); });
    if (!created) {
        qWarning("cannot create %s: %s", qPrintable(name), qPrintable(created.error().message));
        return {};
    }
    return created.value();
}

QSqlDatabase StorageFixture::listenToNodeEvents(QObject &context, QStringList &heard) const
{
    QSqlDatabase listener = m_url.addConnection(QStringLiteral("listener"), QStringLiteral("t"));
    if (!listener.open())
        return listener;
    QObject::connect(listener.driver(), &QSqlDriver::notification, &context,
                     [&heard](const QString &, QSqlDriver::NotificationSource,
                              const QVariant &payload) { heard.append(payload.toString()); });
    if (!listener.driver()->subscribeToNotification(QStringLiteral("hallway_events")))
        listener.close();
    return listener;
}

std::shared_ptr<QSemaphore> StorageFixture::holdTheWorker(Storage &storage, QObject &context)
{
    auto gate = std::make_shared<QSemaphore>();
    auto running = std::make_shared<QSemaphore>();
    storage.run<Status>(
            &context,
            [gate, running](StorageWorker &) {
                running->release();
                // Open for good once released: a batch that fails runs its jobs again.
                gate->acquire();
                gate->release();
                return Status(Done{});
            },
            [](const Status &) {});
    // Once it runs, its batch is taken: whatever is queued next waits for the next batch,
    // all of it together.
    if (!running->tryAcquire(1, 10'000))
        qWarning("the storage thread did not start the holding job");
    return gate;
}

bool StorageFixture::aSessionWaitsOnALock() const
{
    return countRows(m_database->url(),
                     QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity "
                                    "WHERE wait_event_type = 'Lock' "
                                    "AND datname = current_database()"))
            > 0;
}

bool StorageFixture::execDirectly(const QString &sql) const
{
    const QString connection = QStringLiteral("direct");
    bool done = false;
    {
        QSqlDatabase db = openDatabase(m_database->url(), connection);
        QSqlQuery query(db);
        done = db.isOpen() && query.exec(sql);
        if (!done)
            qWarning("%s failed: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(connection);
    return done;
}

} // namespace Hallway::Test
