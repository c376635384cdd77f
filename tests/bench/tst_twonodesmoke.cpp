// SPDX-License-Identifier: MIT
// A small run of hallway-loadgen with two server nodes on a fresh PostgreSQL database, so the
// two-node benchmark keeps working; the figures that matter are in docs/performance.md.
#include "fixtures.h"
#include "testserver.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Hallway::Test;

class tst_TwoNodeSmoke : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fanoutAcrossTwoNodes();
};

void tst_TwoNodeSmoke::fanoutAcrossTwoNodes()
{
    HALLWAY_REQUIRE_POSTGRES(); // two nodes need PostgreSQL
    QTemporaryDir dir;
    TestDatabase database(dir.path(), true);
    QVERIFY2(database.error().isEmpty(), qPrintable(database.error()));

    QProcess loadgen;
    loadgen.setProcessChannelMode(QProcess::MergedChannels);
    loadgen.start(QStringLiteral(HALLWAY_LOADGEN_PATH),
                  {QStringLiteral("--scenario"), QStringLiteral("fanout"),
                   QStringLiteral("--nodes"), QStringLiteral("2"), QStringLiteral("--connections"),
                   QStringLiteral("20"), QStringLiteral("--rate"), QStringLiteral("50"),
                   QStringLiteral("--duration"), QStringLiteral("2"), QStringLiteral("--database"),
                   database.url()});
    QVERIFY(loadgen.waitForFinished(90'000));
    const QString output = QString::fromUtf8(loadgen.readAll());
    QVERIFY2(loadgen.exitCode() == 0, qPrintable(output));
    // Every post reached all 20 connections, half of them across nodes.
    const auto deliveries =
            QRegularExpression(QStringLiteral(R"(deliveries/s\s+(\d+))")).match(output);
    QVERIFY2(deliveries.hasMatch() && deliveries.captured(1).toInt() > 0, qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("cross-node p50/p99/max")), qPrintable(output));
}

QTEST_GUILESS_MAIN(tst_TwoNodeSmoke)
#include "tst_twonodesmoke.moc"
