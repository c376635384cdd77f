// SPDX-License-Identifier: MIT
// Small runs of hallway-loadgen on a fresh PostgreSQL database, so the benchmarks that need
// one keep working: two server nodes, and the pinned layout with pgbench as the reference.
// The figures that matter are in docs/performance.md.
#include "fixtures.h"
#include "testserver.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Hallway::Test;

class tst_PostgresBenchSmoke : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fanoutAcrossTwoNodes();
    void pinnedBesidePgbench();

private:
    // Runs hallway-loadgen with arguments; its output, or an empty string on failure.
    static QString runLoadgen(const QStringList &arguments)
    {
        QProcess loadgen;
        loadgen.setProcessChannelMode(QProcess::MergedChannels);
        loadgen.start(QStringLiteral(HALLWAY_LOADGEN_PATH), arguments);
        const bool finished = loadgen.waitForFinished(90'000);
        const QString output = QString::fromUtf8(loadgen.readAll());
        if (!finished || loadgen.exitCode() != 0) {
            qWarning("hallway-loadgen failed:\n%s", qPrintable(output));
            return {};
        }
        return output;
    }
};

void tst_PostgresBenchSmoke::fanoutAcrossTwoNodes()
{
    HALLWAY_REQUIRE_POSTGRES(); // two nodes need PostgreSQL
    QTemporaryDir dir;
    TestDatabase database(dir.path(), true);
    QVERIFY2(database.error().isEmpty(), qPrintable(database.error()));
    const QString output = runLoadgen(
            {QStringLiteral("--scenario"), QStringLiteral("fanout"), QStringLiteral("--nodes"),
             QStringLiteral("2"), QStringLiteral("--connections"), QStringLiteral("20"),
             QStringLiteral("--rate"), QStringLiteral("50"), QStringLiteral("--duration"),
             QStringLiteral("2"), QStringLiteral("--database"), database.url()});
    QVERIFY(!output.isEmpty());
    // Every post reached all 20 connections, half of them across nodes.
    const auto deliveries =
            QRegularExpression(QStringLiteral(R"(deliveries/s\s+(\d+))")).match(output);
    QVERIFY2(deliveries.hasMatch() && deliveries.captured(1).toInt() > 0, qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("cross-node p50/p99/max")), qPrintable(output));
}

void tst_PostgresBenchSmoke::pinnedBesidePgbench()
{
    HALLWAY_REQUIRE_POSTGRES();
    QTemporaryDir dir;
    TestDatabase database(dir.path(), true);
    QVERIFY2(database.error().isEmpty(), qPrintable(database.error()));
    // PostgreSQL on a core of its own where there are two; everything on core 0 where not.
    const QString other =
            QThread::idealThreadCount() > 1 ? QStringLiteral("1") : QStringLiteral("0");
    const QString output = runLoadgen(
            {QStringLiteral("--scenario"), QStringLiteral("fanout"),
             QStringLiteral("--connections"), QStringLiteral("2"), QStringLiteral("--rate"),
             QStringLiteral("200"), QStringLiteral("--duration"), QStringLiteral("1"),
             QStringLiteral("--no-reference"), QStringLiteral("--database"), database.url(),
             QStringLiteral("--postgres-cpus"), other, QStringLiteral("--server-cpus"),
             QStringLiteral("0"), QStringLiteral("--loadgen-cpus"), QStringLiteral("0"),
             QStringLiteral("--pgbench")});
    QVERIFY(!output.isEmpty());
    // What Linux says each runs on, the server's PostgreSQL backend included.
    QVERIFY2(output.contains(QStringLiteral("hallway-server on cores 0\n")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("load generator on cores 0\n")), qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("postgres on cores %1\n").arg(other)),
             qPrintable(output));
    // pgbench measured both ways, and the ratio is there.
    for (const QString &line : {QStringLiteral(R"(1 row a transaction\s+(\d+) rows/s)"),
                                QStringLiteral(R"(100 rows a transaction\s+(\d+) rows/s)")}) {
        const auto rows = QRegularExpression(line).match(output);
        QVERIFY2(rows.hasMatch() && rows.captured(1).toInt() > 0, qPrintable(output));
    }
    QVERIFY2(output.contains(QStringLiteral("ratio Hallway / pgbench")), qPrintable(output));
    // And took its rows away again: only the run's posts are left.
    QCOMPARE(countRows(
                     database.url(),
                     QStringLiteral("SELECT COUNT(*) FROM facts WHERE client_id LIKE 'pgbench-%'")),
             0);
}

QTEST_GUILESS_MAIN(tst_PostgresBenchSmoke)
#include "tst_postgresbenchsmoke.moc"
