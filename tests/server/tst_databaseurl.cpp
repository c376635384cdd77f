// SPDX-License-Identifier: MIT
#include "storage/databaseurl.h"

#include <QTest>

using namespace Hallway;

class tst_DatabaseUrl : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sqlite();
    void postgresTcp();
    void postgresSocket();
    void rejects_data();
    void rejects();
};

void tst_DatabaseUrl::sqlite()
{
    const auto url = DatabaseUrl::parse(QStringLiteral("sqlite:/var/lib/hallway/room.db"));
    QVERIFY(url);
    QCOMPARE(url->driver, DatabaseUrl::Driver::Sqlite);
    QCOMPARE(url->sqlitePath, QStringLiteral("/var/lib/hallway/room.db"));
    QCOMPARE(url->qtDriverName(), QStringLiteral("QSQLITE"));
    QCOMPARE(DatabaseUrl::parse(QStringLiteral("sqlite:///tmp/x.db"))->sqlitePath,
             QStringLiteral("/tmp/x.db"));
}

void tst_DatabaseUrl::postgresTcp()
{
    const auto url = DatabaseUrl::parse(
            QStringLiteral("postgres://app:p%40ss@db.example.org:6543/hallway?sslmode=require"));
    QVERIFY(url);
    QCOMPARE(url->driver, DatabaseUrl::Driver::Postgres);
    QCOMPARE(url->user, QStringLiteral("app"));
    QCOMPARE(url->password, QStringLiteral("p@ss"));
    QCOMPARE(url->host, QStringLiteral("db.example.org"));
    QCOMPARE(url->port, 6543);
    QCOMPARE(url->databaseName, QStringLiteral("hallway"));
    QCOMPARE(url->connectOptions, QStringLiteral("sslmode=require"));
    QVERIFY2(!url->displayString().contains(QStringLiteral("p@ss")),
             "the password must stay out of logs");
}

void tst_DatabaseUrl::postgresSocket()
{
    const auto url = DatabaseUrl::parse(
            QStringLiteral("postgresql://hallway@/events?host=/run/postgresql&port=5433"));
    QVERIFY(url);
    QCOMPARE(url->host, QStringLiteral("/run/postgresql"));
    QCOMPARE(url->port, 5433);
    QCOMPARE(url->databaseName, QStringLiteral("events"));
}

void tst_DatabaseUrl::rejects_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("empty") << QString();
    QTest::newRow("mysql") << QStringLiteral("mysql://a@b/c");
    QTest::newRow("sqlite without path") << QStringLiteral("sqlite:");
    QTest::newRow("postgres without database") << QStringLiteral("postgres://a@b");
    QTest::newRow("bad port") << QStringLiteral("postgres://a@b:99999/c");
    QTest::newRow("unknown option") << QStringLiteral("postgres://a@b/c?frobnicate=1");
}

void tst_DatabaseUrl::rejects()
{
    QFETCH(QString, url);
    const auto parsed = DatabaseUrl::parse(url);
    QVERIFY(!parsed);
    QVERIFY(parsed.error().message.startsWith(QStringLiteral("invalid database URL")));
}

QTEST_GUILESS_MAIN(tst_DatabaseUrl)
#include "tst_databaseurl.moc"
