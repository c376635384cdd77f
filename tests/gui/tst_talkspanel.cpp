// SPDX-License-Identifier: MIT
// The talks panel on real widgets against a real server: a click votes, the count and the
// check mark change, and the list re-sorts by votes with your selection kept; the selected
// talk is shown in full; an empty list says so; the Propose dialog works from the keyboard.
#include "fixtures.h"
#include "hallwayclient.h"
#include "protocol.h"
#include "snapshot.h"
#include "talkdialog.h"
#include "talkmessages.h"
#include "talksmodel.h"
#include "talkspanel.h"
#include "testclient.h"
#include "testserver.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

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

QPushButton *defaultButton(const QWidget *dialog)
{
    for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
        if (button->isDefault())
            return button;
    }
    return nullptr;
}

// Signs this panel's client up on server as a new person.
bool signUp(HallwayClient &client, const QUrl &server, const QString &username)
{
    QSignalSpy signedInSpy(&client, &HallwayClient::signedIn);
    client.registerAccount(server, {username, username.toUpper(), TestPassword, {}, {}});
    return signedInSpy.wait(10'000);
}

} // namespace

class tst_TalksPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void voteAndWatchTheListResortWithSelectionKept();
    void theSelectedTalkIsShownInFull();
    void anEmptyListSaysSoUntilATalkIsProposedWithCtrlEnter();
    void proposeIsTheDefaultButtonAndTabTabEnterDoesNotCancel();
    void ctrlEnterProposesFromEveryField();

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
    QCOMPARE(voteButton->text(), QStringLiteral("Take back v&ote"));

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

void tst_TalksPanel::theSelectedTalkIsShownInFull()
{
    TestServer server;
    QVERIFY(server.start());
    auto speaker = signedIn(server.url(), QStringLiteral("ada"), SignIn::Register,
                            displayedAs(QStringLiteral("Ada Lovelace")));
    QVERIFY(speaker);
    const QString abstract = QStringLiteral(
            "Notes on the analytical engine, and why a machine that weaves patterns of "
            "numbers could one day compose music. Far longer than a row of the list can "
            "show: the end of it must still be readable. The last words: bring a pencil.");
    for (const auto &[title, text] : {std::pair{QStringLiteral("Short one"), QString()},
                                      std::pair{QStringLiteral("The engine"), abstract}}) {
        QVERIFY(!speaker->request(Protocol::Type::ProposeTalk,
                                  ProposeTalkRequest{title, title, text}.toJson())
                         .isError());
    }

    HallwayClient client;
    TalksPanel panel(&client);
    panel.resize(500, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(signUp(client, server.url(), QStringLiteral("reader")));
    QListView *list = panel.list();
    QTRY_COMPARE(list->model()->rowCount(), 2);
    QVERIFY(panel.detailsText().contains(QStringLiteral("Select a talk")));

    const int row = titlesInOrder(list).indexOf(QStringLiteral("The engine"));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualRect(list->model()->index(row, 0)).center());
    QTRY_VERIFY(panel.detailsText().contains(abstract));
    QVERIFY(panel.detailsText().contains(QStringLiteral("The engine")));
    QVERIFY(panel.detailsText().contains(QStringLiteral("by Ada Lovelace")));
    QVERIFY(panel.detailsText().contains(QStringLiteral("0 vote")));
    auto *details = panel.findChild<QWidget *>(QStringLiteral("talkDetails"));
    QVERIFY(details->isVisible());
    QVERIFY(!details->accessibleName().isEmpty());

    // A vote shows in the details at once, and says it is yours.
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("voteButton")), Qt::LeftButton);
    QTRY_VERIFY(panel.detailsText().contains(QStringLiteral("yours among them")));
    snapshot(&panel, QStringLiteral("talks-details"));
}

void tst_TalksPanel::anEmptyListSaysSoUntilATalkIsProposedWithCtrlEnter()
{
    TestServer server;
    QVERIFY(server.start());
    QVERIFY(server.createModerator(QStringLiteral("mod"), TestPassword));
    HallwayClient client;
    TalksPanel panel(&client);
    panel.resize(500, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    QVERIFY(signUp(client, server.url(), QStringLiteral("newcomer")));
    QListView *list = panel.list();
    QTRY_VERIFY(panel.emptyText().startsWith(QStringLiteral("No talks proposed yet.")));
    QVERIFY(panel.emptyText().contains(QStringLiteral("Propose a talk")));
    QVERIFY(!list->isVisible());
    snapshot(&panel, QStringLiteral("talks-empty"));

    // Voting closes: the empty list says that too.
    auto moderator = signedIn(server.url(), QStringLiteral("mod"), SignIn::Login);
    QVERIFY(moderator);
    QVERIFY(!moderator->request(Protocol::Type::SetVoting, SetVotingRequest{false}.toJson())
                     .isError());
    QTRY_VERIFY(panel.emptyText().contains(QStringLiteral("voting is closed")));
    QVERIFY(!moderator->request(Protocol::Type::SetVoting, SetVotingRequest{true}.toJson())
                     .isError());
    QTRY_VERIFY(!panel.emptyText().contains(QStringLiteral("voting is closed")));

    // The dialog is modal: it is answered from the event loop it runs, as a person would,
    // with the keyboard only.
    struct Seen {
        QString defaultButton;
        bool sentByCtrlEnter = false;
    };
    auto seen = std::make_shared<Seen>();
    auto *answer = new QTimer(&panel);
    answer->setInterval(20);
    connect(answer, &QTimer::timeout, answer, [answer, seen]() {
        auto *dialog = qobject_cast<TalkDialog *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        answer->stop();
        if (QPushButton *button = defaultButton(dialog))
            seen->defaultButton = button->text();
        auto *title = dialog->findChild<QLineEdit *>(QStringLiteral("talkTitle"));
        auto *abstract = dialog->findChild<QPlainTextEdit *>(QStringLiteral("talkAbstract"));
        QTest::keyClicks(title, QStringLiteral("Knitting at conferences"));
        QTest::keyClick(title, Qt::Key_Tab);
        QTest::keyClicks(abstract, QStringLiteral("Why the back row clicks."));
        QTest::keyClick(abstract, Qt::Key_Return, Qt::ControlModifier);
        seen->sentByCtrlEnter = !dialog->isVisible() && dialog->result() == QDialog::Accepted;
        if (dialog->isVisible())
            dialog->reject(); // the test fails below instead of waiting for ever in exec()
        answer->deleteLater();
    });
    answer->start();
    QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("proposeButton")),
                      Qt::LeftButton);
    QCOMPARE(seen->defaultButton, QStringLiteral("&Propose"));
    QVERIFY(seen->sentByCtrlEnter);

    // The talk arrives: the list takes the empty state's place.
    QTRY_COMPARE(titlesInOrder(list), QStringList{QStringLiteral("Knitting at conferences")});
    QTRY_VERIFY(panel.emptyText().isEmpty());
    QVERIFY(list->isVisible());
    QTRY_VERIFY(!list->model()->index(0, 0).data(TalksModel::PendingRole).toBool());
    // The list gets focus with nothing selected: Space votes on the first talk at once.
    panel.activateWindow(); // (back from the dialog)
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    QVERIFY(!list->currentIndex().isValid());
    list->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(list->currentIndex().isValid());
    QTest::keyClick(list, Qt::Key_Space);
    QTRY_COMPARE(list->currentIndex().data(TalksModel::VotesRole).toLongLong(), 1);
    QVERIFY(panel.detailsText().contains(QStringLiteral("Why the back row clicks.")));
}

void tst_TalksPanel::proposeIsTheDefaultButtonAndTabTabEnterDoesNotCancel()
{
    TalkDialog dialog;
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QCOMPARE(defaultButton(&dialog)->text(), QStringLiteral("&Propose"));
    auto *title = dialog.findChild<QLineEdit *>(QStringLiteral("talkTitle"));
    QTRY_COMPARE(QApplication::focusWidget(), title);

    // Nothing written yet: Tab, Tab, Enter neither cancels nor proposes.
    for (const Qt::Key key : {Qt::Key_Tab, Qt::Key_Tab, Qt::Key_Return})
        QTest::keyClick(QApplication::focusWidget(), key);
    QVERIFY(dialog.isVisible());
    QCOMPARE(rejected.size(), 0);
    QCOMPARE(accepted.size(), 0);
    // The default button stays Propose whichever button has the focus.
    QCOMPARE(defaultButton(&dialog)->text(), QStringLiteral("&Propose"));

    // With a title, the same keys from the title propose it.
    title->setFocus();
    QTest::keyClicks(title, QStringLiteral("A title"));
    for (const Qt::Key key : {Qt::Key_Tab, Qt::Key_Tab, Qt::Key_Return})
        QTest::keyClick(QApplication::focusWidget(), key);
    QCOMPARE(rejected.size(), 0);
    QCOMPARE(accepted.size(), 1);
    QCOMPARE(dialog.title(), QStringLiteral("A title"));
}

// Ctrl+Enter sends from the title and from a focused button as well as from the abstract.
void tst_TalksPanel::ctrlEnterProposesFromEveryField()
{
    for (const char *field : {"talkTitle", "talkAbstract", "talkSubmit"}) {
        TalkDialog dialog;
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        dialog.findChild<QLineEdit *>(QStringLiteral("talkTitle"))->setText(QStringLiteral("T"));
        auto *focus = dialog.findChild<QWidget *>(QString::fromLatin1(field));
        QVERIFY2(focus, field);
        focus->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), focus);
        QTest::keyClick(focus, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY2(accepted.size() == 1, field);
    }
}

QTEST_MAIN(tst_TalksPanel)
#include "tst_talkspanel.moc"
