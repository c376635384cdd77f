// SPDX-License-Identifier: MIT
// "Host on this computer": the app's in-process server on SQLite, with two app clients
// signed into it seeing each other, and one disappearing from the other's list on quitting.
#include "hallwayclient.h"
#include "presencemodel.h"
#include "protocol.h"
#include "roomhost.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Hallway;

class tst_RoomHost : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void twoAppsInAHostedRoom();
    void busyPortIsAClearError();
};

void tst_RoomHost::twoAppsInAHostedRoom()
{
    QTemporaryDir dir;
    RoomHost host;
    const Status started =
            host.start(dir.filePath(QStringLiteral("room.db")), QHostAddress::LocalHost, 0);
    QVERIFY2(started, qPrintable(started ? QString() : started.error().message));
    QVERIFY(host.isRunning());
    QVERIFY(host.port() > 0);

    HallwayClient first;
    PresenceModel firstList(&first);
    first.subscribe(Protocol::Topic::Presence);
    QSignalSpy firstIn(&first, &HallwayClient::signedIn);
    first.registerAccount(host.localUrl(),
                          {QStringLiteral("host"),
                           QStringLiteral("Host"),
                           QStringLiteral("host-password"),
                           {},
                           {}});
    QVERIFY(firstIn.wait(10'000));

    auto second = std::make_unique<HallwayClient>();
    PresenceModel secondList(second.get());
    second->subscribe(Protocol::Topic::Presence);
    QSignalSpy secondIn(second.get(), &HallwayClient::signedIn);
    second->registerAccount(host.localUrl(),
                            {QStringLiteral("guest"),
                             QStringLiteral("Guest"),
                             QStringLiteral("guest-password"),
                             {},
                             {}});
    QVERIFY(secondIn.wait(10'000));

    QTRY_COMPARE(firstList.rowCount(), 2);
    QTRY_COMPARE(secondList.rowCount(), 2);
    QCOMPARE(firstList.data(firstList.index(0), PresenceModel::DisplayNameRole).toString(),
             QStringLiteral("Guest"));
    QCOMPARE(firstList.data(firstList.index(1), PresenceModel::DisplayNameRole).toString(),
             QStringLiteral("Host"));
    QVERIFY(firstList.data(firstList.index(1), PresenceModel::IsSelfRole).toBool());

    // The guest quits the app (no sign-out; the socket just goes away).
    second.reset();
    QTRY_COMPARE_WITH_TIMEOUT(firstList.rowCount(), 1, 5000);
    QCOMPARE(firstList.data(firstList.index(0), PresenceModel::UsernameRole).toString(),
             QStringLiteral("host"));

    // Stopping the host ends the room; the client notices and starts reconnecting.
    host.stop();
    QVERIFY(!host.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(first.status(), HallwayClient::Status::Reconnecting, 5000);
}

void tst_RoomHost::busyPortIsAClearError()
{
    QTemporaryDir dir;
    RoomHost first;
    QVERIFY(first.start(dir.filePath(QStringLiteral("a.db")), QHostAddress::LocalHost, 0));
    RoomHost second;
    const Status clash = second.start(dir.filePath(QStringLiteral("b.db")), QHostAddress::LocalHost,
                                      first.port());
    QVERIFY(!clash);
    QVERIFY2(clash.error().message.contains(QStringLiteral("cannot listen")),
             qPrintable(clash.error().message));
    QVERIFY(!second.isRunning());
}

QTEST_GUILESS_MAIN(tst_RoomHost)
#include "tst_roomhost.moc"
