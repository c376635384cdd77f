// SPDX-License-Identifier: MIT
// The talks panel on real widgets against a real server: a click votes, the count and the
// check mark change, and the list re-sorts by votes with your selection kept.
#include "fixtures.h"
#include "hallwayclient.h"
#include "protocol.h"
#include "talkmessages.h"
#include "talksmodel.h"
#include "talkspanel.h"
#include "testclient.h"
#include "testserver.h"

#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {

QStringList titlesInOrder(const QListView *list)
{
    QStringList titles;
    for (int row = 0; row < list->model()->rowCount(); ++row)
        titles.append(list->model()->index(row, 0).data(TalksModel::TitleRole).toString());
    return titles;
}
} // namespace

class tst_TalksPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void voteAndWatchTheListResortWithSelectionKept();

private:
    TestServer m_server;
};

void tst_TalksPanel::voteAndWatchTheListResortWithSelectionKept()
{
    m_server.setConfig(QStringLiteral("[talks]\ntally_interval_ms=100\n"));
    QVERIFY(m_server.start());
    auto speaker = signedIn(m_server.url(), QStringLiteral("speaker"));
    QVERIFY(speaker);
    QMap<QString, qint64> ids;
    for (const QString &title :
         {QStringLiteral("Alpha"), QStringLiteral("Beta"), QStringLiteral("Gamma")}) {
        const Envelope reply = speaker->request(
                Protocol::Type::ProposeTalk, ProposeTalkRequest{title, title, QString()}.toJson());
        QVERIFY(!reply.isError());
        ids.insert(title,
                   reply.data.value(QStringLiteral("talk"))
                           .toObject()
                           .value(QStringLiteral("id"))
                           .toInteger());
    }
    std::vector<std::unique_ptr<TestClient>> voters;
    auto vote = [&](const QString &title) {
        voters.push_back(signedIn(m_server.url(), QStringLiteral("voter%1").arg(voters.size())));
        QVERIFY(!voters.back()
                         ->request(
                                 Protocol::Type::ToggleVote,
                                 ToggleVoteRequest{QStringLiteral("x"), ids.value(title)}.toJson())
                         .isError());
    };
    vote(QStringLiteral("Alpha"));
    vote(QStringLiteral("Alpha"));
    vote(QStringLiteral("Beta"));

    HallwayClient client;
    TalksPanel panel(&client);
    panel.resize(500, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy signedInSpy(&client, &HallwayClient::signedIn);
    client.registerAccount(
            m_server.url(),
            {QStringLiteral("myself"), QStringLiteral("Myself"), TestPassword, {}, {}});
    QVERIFY(signedInSpy.wait(10'000));

    QListView *list = panel.list();
    QTRY_COMPARE(titlesInOrder(list),
                 (QStringList{QStringLiteral("Alpha"), QStringLiteral("Beta"),
                              QStringLiteral("Gamma")}));
    QVERIFY(panel.stateText().contains(QStringLiteral("Voting is open")));

    // Select Gamma and vote with a click.
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualRect(list->model()->index(2, 0)).center());
    QCOMPARE(list->currentIndex().data(TalksModel::TitleRole).toString(), QStringLiteral("Gamma"));
    auto *voteButton = panel.findChild<QPushButton *>(QStringLiteral("voteButton"));
    QVERIFY(voteButton->isEnabled());
    QTest::mouseClick(voteButton, Qt::LeftButton);
    QTRY_COMPARE(list->currentIndex().data(TalksModel::VotesRole).toLongLong(), 1);
    QVERIFY(list->currentIndex().data(TalksModel::VotedByMeRole).toBool());
    QCOMPARE(voteButton->text(), QStringLiteral("Take back &vote"));

    // Two more people vote for Gamma: it climbs to the top, and stays selected.
    vote(QStringLiteral("Gamma"));
    vote(QStringLiteral("Gamma"));
    QTRY_COMPARE(titlesInOrder(list),
                 (QStringList{QStringLiteral("Gamma"), QStringLiteral("Alpha"),
                              QStringLiteral("Beta")}));
    QCOMPARE(list->currentIndex().data(TalksModel::TitleRole).toString(), QStringLiteral("Gamma"));
    QCOMPARE(list->currentIndex().row(), 0);
    QVERIFY(list->selectionModel()->isSelected(list->currentIndex()));
    QCOMPARE(list->currentIndex().data(TalksModel::VotesRole).toLongLong(), 3);

    // Space takes the vote back: the marker goes, the count drops, Gamma ties Alpha and,
    // being newer, goes below it.
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Space);
    QTRY_VERIFY(!list->currentIndex().data(TalksModel::VotedByMeRole).toBool());
    QTRY_COMPARE(titlesInOrder(list),
                 (QStringList{QStringLiteral("Alpha"), QStringLiteral("Gamma"),
                              QStringLiteral("Beta")}));
    QCOMPARE(list->currentIndex().data(TalksModel::TitleRole).toString(), QStringLiteral("Gamma"));
}

QTEST_MAIN(tst_TalksPanel)
#include "tst_talkspanel.moc"
