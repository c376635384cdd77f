// SPDX-License-Identifier: MIT
// Who's online on real widgets against a real server: the people here before those away,
// the count of both, a box that finds a person by name, and Enter that opens the first match.
#include "fixtures.h"
#include "hallwayclient.h"
#include "onlinepanel.h"
#include "presencemodel.h"
#include "protocol.h"
#include "snapshot.h"
#include "testclient.h"
#include "testserver.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
QStringList listedNames(const QListView *list)
{
    QStringList names;
    for (int row = 0; row < list->model()->rowCount(); ++row)
        names.append(list->model()->index(row, 0).data().toString());
    return names;
}

} // namespace

class tst_OnlinePanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void theAwayComeAfterThoseHereAndAreCounted();
    void theFilterNarrowsTheListAndEnterOpensTheFirstMatch();
    void aFilterWithNoMatchSaysSo();
    void enterOnTheListWorksWithoutAnArrowKeyFirst();

private:
    TestServer m_server;
    std::unique_ptr<HallwayClient> m_client;
    std::unique_ptr<PresenceModel> m_people;
    std::unique_ptr<OnlinePanel> m_panel;
    std::vector<std::unique_ptr<TestClient>> m_others;
};

void tst_OnlinePanel::initTestCase()
{
    QVERIFY(m_server.start());
    for (const auto &[username, name] :
         {std::pair{QStringLiteral("zoe"), QStringLiteral("Zoe Adams")},
          std::pair{QStringLiteral("anna"), QStringLiteral("Anna Berg")},
          std::pair{QStringLiteral("mia"), QStringLiteral("Mia Chen")}}) {
        auto other = signedIn(m_server.url(), username, SignIn::Register, displayedAs(name));
        QVERIFY(other);
        m_others.push_back(std::move(other));
    }
    // The account this app signs in with, in each test function.
    QVERIFY(signedIn(m_server.url(), QStringLiteral("benme"), SignIn::Register,
                     displayedAs(QStringLiteral("Ben Me"))));
    // Anna steps away.
    QVERIFY(!m_others.at(1)
                     ->request(Protocol::Type::SetPresence,
                               {{QStringLiteral("state"), QStringLiteral("away")}})
                     .isError());
}

void tst_OnlinePanel::init()
{
    m_client = std::make_unique<HallwayClient>();
    m_people = std::make_unique<PresenceModel>(m_client.get());
    m_panel = std::make_unique<OnlinePanel>(m_client.get(), m_people.get());
    m_panel->resize(260, 400);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
    QCOMPARE(m_panel->countText(), QStringLiteral("Not connected"));
    m_client->subscribe(Protocol::Topic::Presence);
    QSignalSpy signedInSpy(m_client.get(), &HallwayClient::signedIn);
    m_client->signIn(m_server.url(), {QStringLiteral("benme"), TestPassword});
    QVERIFY(signedInSpy.wait(10'000));
    QTRY_COMPARE(m_people->rowCount(), 4);
}

void tst_OnlinePanel::cleanup()
{
    m_panel.reset();
    m_people.reset();
    m_client.reset();
}

void tst_OnlinePanel::theAwayComeAfterThoseHereAndAreCounted()
{
    QTRY_COMPARE(listedNames(m_panel->list()),
                 (QStringList{QStringLiteral("Ben Me"), QStringLiteral("Mia Chen"),
                              QStringLiteral("Zoe Adams"), QStringLiteral("Anna Berg")}));
    QCOMPARE(m_panel->countText(), QStringLiteral("3 online, 1 away"));
    snapshot(m_panel.get(), QStringLiteral("online"));
    QCOMPARE(m_panel->findChild<QLabel *>(QStringLiteral("onlineCount"))->text(),
             m_panel->countText());

    // Zoe goes away too: she moves down among the away, and the count follows.
    QVERIFY(!m_others.at(0)
                     ->request(Protocol::Type::SetPresence,
                               {{QStringLiteral("state"), QStringLiteral("away")}})
                     .isError());
    QTRY_COMPARE(listedNames(m_panel->list()),
                 (QStringList{QStringLiteral("Ben Me"), QStringLiteral("Mia Chen"),
                              QStringLiteral("Anna Berg"), QStringLiteral("Zoe Adams")}));
    QTRY_COMPARE(m_panel->countText(), QStringLiteral("2 online, 2 away"));
    QVERIFY(!m_others.at(0)
                     ->request(Protocol::Type::SetPresence,
                               {{QStringLiteral("state"), QStringLiteral("online")}})
                     .isError());
    QTRY_COMPARE(m_panel->countText(), QStringLiteral("3 online, 1 away"));
}

void tst_OnlinePanel::theFilterNarrowsTheListAndEnterOpensTheFirstMatch()
{
    QLineEdit *filter = m_panel->filterBox();
    QCOMPARE(filter->placeholderText(), QStringLiteral("Find a person (Ctrl+K)"));
    QVERIFY(!filter->accessibleName().isEmpty());
    QSignalSpy chosen(m_panel.get(), &OnlinePanel::personActivated);

    // By display name, whatever the case...
    filter->setFocus();
    QTest::keyClicks(filter, QStringLiteral("cHE"));
    QTRY_COMPARE(listedNames(m_panel->list()), QStringList{QStringLiteral("Mia Chen")});
    // ...and by username.
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("ZO"));
    QTRY_COMPARE(listedNames(m_panel->list()), QStringList{QStringLiteral("Zoe Adams")});
    // Several match "a": Enter opens the first of them.
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("a"));
    QTRY_COMPARE(listedNames(m_panel->list()),
                 (QStringList{QStringLiteral("Mia Chen"), QStringLiteral("Zoe Adams"),
                              QStringLiteral("Anna Berg")}));
    QTest::keyClick(filter, Qt::Key_Return);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toLongLong(), m_others.at(2)->userId());

    // The count is about the room, not the filter; clearing it brings everyone back.
    QCOMPARE(m_panel->countText(), QStringLiteral("3 online, 1 away"));
    filter->clear();
    QTRY_COMPARE(m_panel->list()->model()->rowCount(), 4);
}

void tst_OnlinePanel::aFilterWithNoMatchSaysSo()
{
    QVERIFY(m_panel->emptyText().isEmpty());
    QVERIFY(m_panel->list()->isVisible());
    QSignalSpy chosen(m_panel.get(), &OnlinePanel::personActivated);
    QTest::keyClicks(m_panel->filterBox(), QStringLiteral("xavier"));
    QTRY_VERIFY(
            m_panel->emptyText().startsWith(QStringLiteral("Nobody called \"xavier\" is here.")));
    QVERIFY(!m_panel->list()->isVisible());
    snapshot(m_panel.get(), QStringLiteral("online-nomatch"));
    QTest::keyClick(m_panel->filterBox(), Qt::Key_Return);
    QCOMPARE(chosen.size(), 0);
    // Esc clears the box and everyone is back.
    QTest::keyClick(m_panel->filterBox(), Qt::Key_Escape);
    QTRY_VERIFY(m_panel->emptyText().isEmpty());
    QVERIFY(m_panel->filterBox()->text().isEmpty());
    QVERIFY(m_panel->list()->isVisible());
}

void tst_OnlinePanel::enterOnTheListWorksWithoutAnArrowKeyFirst()
{
    QSignalSpy chosen(m_panel.get(), &OnlinePanel::personActivated);
    QListView *list = m_panel->list();
    QVERIFY(!list->currentIndex().isValid());
    list->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(list->hasFocus());
    QVERIFY(list->currentIndex().isValid());
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.at(0).at(0).toLongLong(), m_client->currentUser().id); // "Ben Me", first
    // Space does the same, and Down from the filter walks into the list.
    QTest::keyClick(list, Qt::Key_Down);
    QTest::keyClick(list, Qt::Key_Space);
    QCOMPARE(chosen.size(), 2);
    QCOMPARE(chosen.at(1).at(0).toLongLong(), m_others.at(2)->userId()); // Mia Chen
    m_panel->filterBox()->setFocus();
    QTest::keyClick(m_panel->filterBox(), Qt::Key_Down);
    QTRY_VERIFY(list->hasFocus());
}

QTEST_MAIN(tst_OnlinePanel)
#include "tst_onlinepanel.moc"
