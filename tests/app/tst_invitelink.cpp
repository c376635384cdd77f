// SPDX-License-Identifier: MIT
// Invite links: hallway://host:port names a ws:// server and hallways:// a wss:// one; what
// a browser or chat app adds to a link (a trailing slash, capitals in the scheme) is fine,
// and anything that is not a server address is refused with a reason a person can read.
#include "invitelink.h"

#include <QTest>

using namespace Hallway;

class tst_InviteLink : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void linksNameTheirServer_data();
    void linksNameTheirServer();
    void otherTextIsRefusedWithAReason_data();
    void otherTextIsRefusedWithAReason();
    void aServerGivesItsLink_data();
    void aServerGivesItsLink();
};

void tst_InviteLink::linksNameTheirServer_data()
{
    QTest::addColumn<QString>("link");
    QTest::addColumn<QUrl>("server");
    QTest::newRow("plain") << "hallway://hallway.example.org:9000"
                           << QUrl(QStringLiteral("ws://hallway.example.org:9000"));
    QTest::newRow("tls") << "hallways://hallway.example.org:443"
                         << QUrl(QStringLiteral("wss://hallway.example.org:443"));
    QTest::newRow("default port") << "hallway://10.0.0.5"
                                  << QUrl(QStringLiteral("ws://10.0.0.5:8470"));
    QTest::newRow("trailing slash")
            << "hallway://10.0.0.5:8470/" << QUrl(QStringLiteral("ws://10.0.0.5:8470"));
    QTest::newRow("spaces around") << "  hallway://10.0.0.5:8470\n"
                                   << QUrl(QStringLiteral("ws://10.0.0.5:8470"));
    QTest::newRow("capitals") << "HALLWAYS://Room.Example.org:8470"
                              << QUrl(QStringLiteral("wss://room.example.org:8470"));
    QTest::newRow("IPv6") << "hallway://[::1]:8471" << QUrl(QStringLiteral("ws://[::1]:8471"));
}

void tst_InviteLink::linksNameTheirServer()
{
    QFETCH(QString, link);
    QFETCH(QUrl, server);
    QVERIFY(InviteLink::looksLikeOne(link));
    const Expected<QUrl> named = InviteLink::serverOf(link);
    QVERIFY2(named, named ? "" : qPrintable(named.error().message));
    QCOMPARE(named.value(), server);
}

void tst_InviteLink::otherTextIsRefusedWithAReason_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("looksLikeOne");
    QTest::addColumn<QString>("reason");
    const QString notALink = QStringLiteral("not a Hallway invite link");
    QTest::newRow("web page") << "https://hallway.example.org" << false << notALink;
    QTest::newRow("server address") << "ws://hallway.example.org:8470" << false << notALink;
    QTest::newRow("nothing") << "" << false << notALink;
    QTest::newRow("bad port") << "hallway://hallway.example.org:99999" << true << notALink;
    QTest::newRow("no host") << "hallway://:8470" << true << QStringLiteral("names no server");
    QTest::newRow("password") << "hallway://bob:secret@hallway.example.org:8470" << true
                              << QStringLiteral("more in it than");
    QTest::newRow("path") << "hallway://hallway.example.org:8470/admin" << true
                          << QStringLiteral("more in it than");
    QTest::newRow("query") << "hallway://hallway.example.org:8470/?token=x" << true
                           << QStringLiteral("more in it than");
}

void tst_InviteLink::otherTextIsRefusedWithAReason()
{
    QFETCH(QString, text);
    QFETCH(bool, looksLikeOne);
    QFETCH(QString, reason);
    QCOMPARE(InviteLink::looksLikeOne(text), looksLikeOne);
    const Expected<QUrl> named = InviteLink::serverOf(text);
    QVERIFY(!named);
    QVERIFY2(named.error().message.contains(reason), qPrintable(named.error().message));
}

void tst_InviteLink::aServerGivesItsLink_data()
{
    QTest::addColumn<QUrl>("server");
    QTest::addColumn<QString>("link");
    QTest::addColumn<QUrl>("linkedServer"); // where the link leads: the same server
    const auto add = [](const char *name, const QString &server, const QString &link,
                        const QString &linked) {
        QTest::newRow(name) << QUrl(server) << link << QUrl(linked);
    };
    add("plain", "ws://192.168.1.20:8470", "hallway://192.168.1.20:8470", "ws://192.168.1.20:8470");
    add("tls", "wss://hallway.example.org:8443", "hallways://hallway.example.org:8443",
        "wss://hallway.example.org:8443");
    add("port of ws", "ws://hallway.example.org", "hallway://hallway.example.org:80",
        "ws://hallway.example.org:80");
    add("port of wss", "wss://hallway.example.org", "hallways://hallway.example.org:443",
        "wss://hallway.example.org:443");
    add("IPv6", "ws://[fe80::1]:8470", "hallway://[fe80::1]:8470", "ws://[fe80::1]:8470");
    add("not a server", "https://example.org", QString(), QString());
    add("nothing", QString(), QString(), QString());
}

void tst_InviteLink::aServerGivesItsLink()
{
    QFETCH(QUrl, server);
    QFETCH(QString, link);
    QFETCH(QUrl, linkedServer);
    QCOMPARE(InviteLink::to(server), link);
    if (link.isEmpty())
        return;
    const Expected<QUrl> back = InviteLink::serverOf(link);
    QVERIFY(back);
    QCOMPARE(back.value(), linkedServer);
}

QTEST_GUILESS_MAIN(tst_InviteLink)
#include "tst_invitelink.moc"
