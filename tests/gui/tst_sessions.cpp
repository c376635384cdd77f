// SPDX-License-Identifier: MIT
// One session per server and account, on real widgets against two real servers: switching
// rooms leaves nothing of the first room on screen or in a model (and sends nothing to the
// wrong person), a moderator has the tools however they sign in, and signing out never
// quits the app by surprise.
#include "announcementbar.h"
#include "appfixtures.h"
#include "chatmodel.h"
#include "chatpanel.h"
#include "connectionbar.h"
#include "factcomposer.h"
#include "factfeedmodel.h"
#include "hallwayapp.h"
#include "mainwindow.h"
#include "messagecomposer.h"
#include "moderationpanel.h"
#include "presencemodel.h"
#include "protocol.h"
#include "roomhost.h"
#include "roominfodialog.h"
#include "session.h"
#include "signindialog.h"
#include "snapshot.h"
#include "talksmodel.h"
#include "talkspanel.h"
#include "testclient.h"
#include "testserver.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <functional>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString Password = QStringLiteral("sessions-password");

// Every piece of text a person could see in the app's visible windows, or read out of the
// models behind its lists.
QStringList visibleTexts()
{
    QStringList texts;
    for (QWidget *top : QApplication::topLevelWidgets()) {
        if (!top->isVisible())
            continue;
        QList<QWidget *> widgets = top->findChildren<QWidget *>();
        widgets.prepend(top);
        for (QWidget *widget : std::as_const(widgets)) {
            texts.append(widget->windowTitle());
            texts.append(widget->toolTip());
            if (auto *label = qobject_cast<QLabel *>(widget))
                texts.append(label->text());
            else if (auto *edit = qobject_cast<QLineEdit *>(widget))
                texts.append(edit->text());
            else if (auto *plain = qobject_cast<QPlainTextEdit *>(widget))
                texts.append(plain->toPlainText());
            else if (auto *button = qobject_cast<QAbstractButton *>(widget))
                texts.append(button->text());
            else if (auto *tabs = qobject_cast<QTabBar *>(widget))
                for (int tab = 0; tab < tabs->count(); ++tab)
                    texts.append(tabs->tabText(tab));
            else if (auto *view = qobject_cast<QAbstractItemView *>(widget); view && view->model())
                for (int row = 0; row < view->model()->rowCount(); ++row)
                    for (const int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)})
                        texts.append(view->model()->index(row, 0).data(role).toString());
        }
    }
    texts.removeAll(QString());
    return texts;
}

QStringList textsContaining(const QString &needle)
{
    QStringList found;
    for (const QString &text : visibleTexts())
        if (text.contains(needle, Qt::CaseInsensitive))
            found.append(text);
    return found;
}

template<typename T> T *child(QObject *parent, const char *name)
{
    if (!*name)
        return parent->findChild<T *>();
    return parent->findChild<T *>(QString::fromLatin1(name));
}

QAction *actionNamed(QWidget *window, const QString &text)
{
    for (QAction *action : window->findChildren<QAction *>())
        if (action->text() == text)
            return action;
    return nullptr;
}

// A visible top-level widget with this object name (the modal dialogs the app opens).
QWidget *visibleTopLevel(const char *name)
{
    for (QWidget *top : QApplication::topLevelWidgets())
        if (top->isVisible() && top->objectName() == QLatin1StringView(name))
            return top;
    return nullptr;
}

// The windows that make QApplication ignore a request to quit (QApplication::event, Qt 6.4):
// visible top-level widgets but popups and dialogs with a parent.
QStringList windowsKeepingTheAppOpen()
{
    QStringList open;
    for (QWidget *top : QApplication::topLevelWidgets()) {
        if (!top->isVisible() || top->windowType() == Qt::Popup || top->windowType() == Qt::Desktop
            || (top->windowType() == Qt::Dialog && top->parentWidget()))
            continue;
        open.append(QString::fromLatin1(top->metaObject()->className()) + QLatin1Char(' ')
                    + top->objectName() + QLatin1Char(' ') + top->windowTitle());
    }
    return open;
}

struct Person {
    std::unique_ptr<TestClient> client = std::make_unique<TestClient>();
    qint64 id = 0;

    bool signIn(const QUrl &server, const QString &username)
    {
        if (!client->open(server) || client->hello().isError())
            return false;
        const Envelope reply = client->login(username, Password);
        id = userIdOf(reply);
        return !reply.isError();
    }
    Envelope write(const QString &type, QJsonObject data)
    {
        data.insert(QStringLiteral("clientId"), QStringLiteral("w%1").arg(++writes));
        return client->request(type, data);
    }
    int writes = 0;
};
} // namespace

class tst_Sessions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void switchingRoomsLeavesNothingOfTheFirstRoom();
    void aModeratorSigningInWithAPasswordHasTheToolsAtOnce();
    void cancellingSignInAfterSigningOutKeepsTheAppOpen();
    void turningDownTheStartDialogAfterSwitchingServerQuits();
    void withoutAKeychainNothingOffersToRememberYou();
    void writesMadeWhileTheServerIsDownShowPendingThenDoneOnce();
    void theNetworkComingBackReconnectsAtOnce();
    void signedOutElsewhereOrBannedIsSaidAndNotRetried();
    void theHostOfARoomModeratesIt();
    void aDismissedAnnouncementStaysInItsRoom();
    void signingOutWhileAskedToSignInAgainKeepsTheEventsNodes();
    void theStartDialogStartsInTheAddressAndOffersRecentServers();
    void anInviteLinkAsksToJoinItsServer();
    void aBrokenInviteLinkIsExplainedAndTheAddressCanBeTyped();
    void aLinkClickedWhileTheAppRunsIsHandedToIt();
    void changesThatCannotBeKeptOnDiskAreSaidAndClosingAsks();

private:
    // Starts the app remembering this server, and signs in through the dialog.
    void startAndSignIn(const QUrl &server, const QString &username);
    void signInThroughTheDialog(const QUrl &server, const QString &username);
    // Another device resumes the app's session and signs it out.
    void signOutElsewhere(const QUrl &server);
    // Answers the start dialog the app is about to show (a modal one, with an event loop of
    // its own): join this server. The flag says it was asked.
    std::shared_ptr<bool> joinWhenAsked(const QUrl &server);

    TestServer m_roomA;
    TestServer m_roomB;
    TestServer m_flaky; // killed and restarted
    QTemporaryDir m_settingsDir;
    std::unique_ptr<HallwayApp> m_app;
};

void tst_Sessions::initTestCase()
{
    QVERIFY(m_roomA.start());
    QVERIFY(m_roomB.start());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    // The same user ids in both rooms belong to different people: Alice in room A is user 1,
    // and so is Carol in room B. Bob is in both.
    const QList<std::tuple<TestServer *, QString, QString>> accounts = {
            {&m_roomA, QStringLiteral("alice"), QStringLiteral("Alice Liddell")},
            {&m_roomA, QStringLiteral("bob"), QStringLiteral("Bob")},
            {&m_roomB, QStringLiteral("carol"), QStringLiteral("Carol Shields")},
            {&m_roomB, QStringLiteral("bob"), QStringLiteral("Bob")},
    };
    for (const auto &[server, username, name] : accounts) {
        TestClient setup;
        QVERIFY(setup.open(server->url()));
        QVERIFY(!setup.hello().isError());
        QVERIFY(!setup.registerUser(username, Password, name).isError());
    }
    QVERIFY(m_roomA.createModerator(QStringLiteral("mona"), Password));
    QVERIFY(m_roomB.createModerator(QStringLiteral("bea"), Password));
    QVERIFY(m_flaky.start());
    for (const QString &name : {QStringLiteral("dora"), QStringLiteral("eve")}) {
        TestClient setup;
        QVERIFY(setup.open(m_flaky.url()));
        QVERIFY(!setup.hello().isError());
        QVERIFY(!setup.registerUser(name, Password, name.toUpper()).isError());
    }
}

void tst_Sessions::init()
{
    QSettings().clear();
    if (!m_flaky.isRunning()) // a test that failed half-way left it stopped
        QVERIFY(m_flaky.restart());
}

void tst_Sessions::cleanup()
{
    m_app.reset();
}

void tst_Sessions::signInThroughTheDialog(const QUrl &server, const QString &username)
{
    QTRY_VERIFY(m_app->signInDialog() && m_app->signInDialog()->isVisible());
    SignInDialog *dialog = m_app->signInDialog();
    if (dialog->serverUrl() != server) // (what the app filled in stays, other nodes included)
        child<QLineEdit>(dialog, "serverUrl")->setText(server.toString());
    child<QLineEdit>(dialog, "username")->setText(username);
    auto *password = child<QLineEdit>(dialog, "password");
    password->setText(Password);
    QTest::keyClick(password, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(m_app->mainWindow() && m_app->mainWindow()->isVisible()
                                     && m_app->client().status() == HallwayClient::Status::Online
                                     && m_app->client().currentUser().username == username,
                             10'000);
}

void tst_Sessions::signOutElsewhere(const QUrl &server)
{
    TestClient otherDevice;
    QVERIFY(otherDevice.open(server));
    QVERIFY(!otherDevice.hello().isError());
    QVERIFY(!otherDevice
                     .request(Protocol::Type::Resume,
                              {{QStringLiteral("token"), m_app->client().token()}})
                     .isError());
    QVERIFY(!otherDevice.request(Protocol::Type::Logout).isError());
}

void tst_Sessions::startAndSignIn(const QUrl &server, const QString &username)
{
    QSettings().setValue(QStringLiteral("session/server"), server);
    m_app = std::make_unique<HallwayApp>();
    m_app->start();
    signInThroughTheDialog(server, username);
}

std::shared_ptr<bool> tst_Sessions::joinWhenAsked(const QUrl &server)
{
    auto asked = std::make_shared<bool>(false);
    auto *answer = new QTimer(m_app.get());
    answer->setInterval(20);
    connect(answer, &QTimer::timeout, answer, [answer, server, asked]() {
        QWidget *start = visibleTopLevel("startDialog");
        if (!start || *asked)
            return;
        *asked = true;
        answer->deleteLater();
        child<QLineEdit>(start, "joinUrl")->setText(server.toString());
        child<QPushButton>(start, "joinButton")->click();
    });
    answer->start();
    return asked;
}

void tst_Sessions::switchingRoomsLeavesNothingOfTheFirstRoom()
{
    startAndSignIn(m_roomA.url(), QStringLiteral("bob"));
    MainWindow *windowA = m_app->mainWindow();
    const qint64 bobInA = m_app->client().currentUser().id;

    // In room A: Alice writes to Bob, a moderator announces and mutes Bob, and Bob leaves a
    // draft in the conversation with Alice.
    Person alice;
    QVERIFY(alice.signIn(m_roomA.url(), QStringLiteral("alice")));
    Person mona;
    QVERIFY(mona.signIn(m_roomA.url(), QStringLiteral("mona")));
    QVERIFY(!alice.client
                     ->request(Protocol::Type::SendMessage,
                               {{QStringLiteral("clientId"), QStringLiteral("a1")},
                                {QStringLiteral("to"), bobInA},
                                {QStringLiteral("text"), QStringLiteral("Hi Bob, Alice here")}})
                     .isError());
    QVERIFY(!mona.client
                     ->request(
                             Protocol::Type::Announce,
                             {{QStringLiteral("clientId"), QStringLiteral("m1")},
                              {QStringLiteral("text"), QStringLiteral("Room A: lunch in hall 2")}})
                     .isError());
    QVERIFY(!mona.client
                     ->request(
                             Protocol::Type::Mute,
                             {{QStringLiteral("userId"), bobInA}, {QStringLiteral("seconds"), 600}})
                     .isError());
    QTest::keyClicks(child<QLineEdit>(windowA, "factEdit"), QStringLiteral("Posted while muted"));
    QTest::keyClick(child<QLineEdit>(windowA, "factEdit"), Qt::Key_Return);
    QTRY_VERIFY2(windowA->composer()->errorText().contains(QStringLiteral("muted")),
                 qPrintable(windowA->composer()->errorText() + windowA->composer()->text()));
    windowA->messageUser(alice.id, QStringLiteral("Alice Liddell"));
    ChatPanel *chatA = windowA->chatPanel();
    QTRY_VERIFY(chatA->chat() && chatA->chat()->rowCount() == 1);
    QTRY_VERIFY(
            windowA->announcementBar()->text().contains(QStringLiteral("Room A: lunch in hall 2")));
    QTest::keyClicks(chatA->composer(), QStringLiteral("A draft for Alice"));
    const QStringList roomA = {QStringLiteral("Alice"), QStringLiteral("Hi Bob"),
                               QStringLiteral("lunch in hall 2"), QStringLiteral("muted"),
                               QStringLiteral("A draft for Alice")};
    for (const QString &text : roomA)
        QVERIFY2(!textsContaining(text).isEmpty(), qPrintable(text));

    // Bob goes to room B, where user id of Alice belongs to Carol.
    QAction *switchServer = actionNamed(windowA, QStringLiteral("Connect to another &server..."));
    QVERIFY(switchServer);
    joinWhenAsked(m_roomB.url());
    switchServer->trigger();
    signInThroughTheDialog(m_roomB.url(), QStringLiteral("bob"));
    Person carol;
    QVERIFY(carol.signIn(m_roomB.url(), QStringLiteral("carol")));
    QCOMPARE(carol.id, alice.id);
    MainWindow *windowB = m_app->mainWindow();
    QTRY_VERIFY(textsContaining(QStringLiteral("Carol Shields")).size() > 0); // who's online

    // Nothing of room A is anywhere: no conversation, message, banner, error or draft.
    for (const QString &text : roomA)
        QVERIFY2(textsContaining(text).isEmpty(),
                 qPrintable(text + QStringLiteral(" is still shown: ")
                            + textsContaining(text).join(QStringLiteral(" | "))));
    QVERIFY(!windowB->announcementBar()->isVisible());
    QVERIFY(windowB->composer()->errorText().isEmpty());
    QVERIFY(!windowB->chatPanel()->chat() || windowB->chatPanel()->chat()->rowCount() == 0);

    // Bob writes to the person with that id here, and it is Carol the window shows and Carol
    // who gets it.
    windowB->messageUser(carol.id, QStringLiteral("Carol Shields"));
    ChatPanel *chatB = windowB->chatPanel();
    QTRY_VERIFY(chatB->chat() && chatB->chat()->peerId() == carol.id);
    QVERIFY(chatB->composer()->text().isEmpty());
    QVERIFY(!textsContaining(QStringLiteral("Carol Shields")).isEmpty());
    QVERIFY(!carol.client->subscribe(Protocol::Topic::Chat).isError());
    QTest::keyClicks(chatB->composer(), QStringLiteral("Hello Carol"));
    QTest::keyClick(chatB->composer(), Qt::Key_Return);
    const Envelope received =
            carol.client->waitForEvent(Protocol::Topic::Chat, [](const Envelope &event) {
                return event.data.value(QStringLiteral("kind")).toString()
                        == Protocol::ChatEvent::Message;
            });
    QCOMPARE(received.data.value(QStringLiteral("message"))
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
             QStringLiteral("Hello Carol"));
    QVERIFY(textsContaining(QStringLiteral("Alice")).isEmpty());
}

void tst_Sessions::aModeratorSigningInWithAPasswordHasTheToolsAtOnce()
{
    startAndSignIn(m_roomA.url(), QStringLiteral("mona"));
    MainWindow *window = m_app->mainWindow();
    QVERIFY(m_app->client().isModerator());
    QVERIFY(window->isModerationTabShown());
    QVERIFY(window->moderationPanel()->isEnabled());
}

void tst_Sessions::cancellingSignInAfterSigningOutKeepsTheAppOpen()
{
    startAndSignIn(m_roomA.url(), QStringLiteral("bob"));
    m_app->mainWindow()->findChild<QAction *>(QStringLiteral("signOutAction"))->trigger();
    QTRY_VERIFY(m_app->signInDialog() && m_app->signInDialog()->isVisible());
    QTRY_VERIFY(!m_app->mainWindow() || !m_app->mainWindow()->isVisible());

    // Cancel: the app asks what to do next (join or host) rather than vanish; from there, on
    // to another room.
    const auto asked = joinWhenAsked(m_roomB.url());
    child<QDialogButtonBox>(m_app->signInDialog(), "")->button(QDialogButtonBox::Cancel)->click();
    QTRY_VERIFY(*asked);
    signInThroughTheDialog(m_roomB.url(), QStringLiteral("bob"));
}

// This test runs with no D-Bus session, so there is no keychain.
void tst_Sessions::withoutAKeychainNothingOffersToRememberYou()
{
    QSettings().setValue(QStringLiteral("session/server"), m_roomA.url());
    m_app = std::make_unique<HallwayApp>();
    m_app->start();
    QTRY_VERIFY(m_app->signInDialog() && m_app->signInDialog()->isVisible());
    auto *remember = child<QCheckBox>(m_app->signInDialog(), "rememberMe");
    QTRY_VERIFY(!remember->isChecked());
    QVERIFY(!remember->isEnabled());
    QVERIFY(remember->toolTip().contains(QStringLiteral("keychain")));

    signInThroughTheDialog(m_roomA.url(), QStringLiteral("bob"));
    auto *notice = child<QLabel>(m_app->mainWindow(), "keychainNotice");
    QTRY_VERIFY(notice->isVisible());
    // In words a person understands, not the system's English error.
    const QString reason = m_app->credentials().unavailableReason();
    QVERIFY(!reason.isEmpty());
    QVERIFY2(!notice->text().contains(reason), qPrintable(notice->text()));
}

namespace {
QList<int> rowsWith(const QAbstractItemModel *model, int role, const QVariant &value)
{
    QList<int> rows;
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data(role) == value)
            rows.append(row);
    return rows;
}

bool everyoneUnknown(const QAbstractItemModel *presence)
{
    for (int row = 0; row < presence->rowCount(); ++row)
        if (presence->index(row, 0).data(PresenceModel::IsKnownRole).toBool())
            return false;
    return presence->rowCount() > 0;
}
} // namespace

void tst_Sessions::writesMadeWhileTheServerIsDownShowPendingThenDoneOnce()
{
    Person eve;
    QVERIFY(eve.signIn(m_flaky.url(), QStringLiteral("eve")));
    const Envelope proposed =
            eve.client->request(Protocol::Type::ProposeTalk,
                                {{QStringLiteral("clientId"), QStringLiteral("e1")},
                                 {QStringLiteral("title"), QStringLiteral("Eve's talk")}});
    QVERIFY(!proposed.isError());
    const qint64 talkId = proposed.data.value(QStringLiteral("talk"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();

    startAndSignIn(m_flaky.url(), QStringLiteral("dora"));
    MainWindow *window = m_app->mainWindow();
    ConnectionBar *bar = window->connectionBar();
    QVERIFY(bar->text().isEmpty()); // online: nothing to say
    const QAbstractItemModel *presence = child<QListView>(window, "onlineList")->model();
    const QAbstractItemModel *feed = child<QListView>(window, "communityFeed")->model();
    TalksModel *talks = window->talksPanel()->talks();
    QTRY_VERIFY(presence->rowCount() == 2
                && rowsWith(talks, TalksModel::TalkIdRole, talkId).size() == 1);
    window->messageUser(eve.id, QStringLiteral("EVE"));
    QTRY_VERIFY(window->chatPanel()->chat());
    // Only "Reconnect now" can bring it back within this test.
    m_app->client().connection().setReconnectDelays(60'000, 60'000);

    m_flaky.kill();
    QTRY_VERIFY(bar->text().startsWith(QStringLiteral("Connection lost. Reconnecting in")));
    QCOMPARE(bar->actionText(), QStringLiteral("Reconnect &now"));
    QTRY_VERIFY(everyoneUnknown(presence)); // greyed, not shown as here
    QCOMPARE(child<QLabel>(window, "onlineCount")->text(), QStringLiteral("Not connected"));
    QVERIFY(child<QLineEdit>(window, "factEdit")->isEnabled()); // writing goes on, queued

    // A fact, a message, a vote and a proposal while the server is gone: each shows, pending.
    window->findChild<QTabWidget *>(QStringLiteral("centralTabs"))->setCurrentIndex(0);
    QTest::keyClicks(child<QLineEdit>(window, "factEdit"), QStringLiteral("Written offline"));
    QTest::keyClick(child<QLineEdit>(window, "factEdit"), Qt::Key_Return);
    QCOMPARE(rowsWith(feed, FactFeedModel::PendingRole, true).size(), 1);
    QCOMPARE(feed->index(0, 0).data().toString(), QStringLiteral("Written offline"));
    snapshot(window, QStringLiteral("pending-fact"));
    window->messageUser(eve.id, QStringLiteral("EVE"));
    ChatModel *chat = window->chatPanel()->chat();
    QTest::keyClicks(window->chatPanel()->composer(), QStringLiteral("Sent offline"));
    QTest::keyClick(window->chatPanel()->composer(), Qt::Key_Return);
    QTRY_COMPARE(rowsWith(chat, ChatModel::StateRole, int(ChatModel::State::Sending)).size(), 1);
    m_app->client().toggleVote(talkId);
    const int talkRow = rowsWith(talks, TalksModel::TalkIdRole, talkId).value(0);
    QVERIFY(talks->index(talkRow, 0).data(TalksModel::VotePendingRole).toBool());
    m_app->client().submitWrite(Protocol::Type::ProposeTalk,
                                {{QStringLiteral("title"), QStringLiteral("Proposed offline")}});
    QCOMPARE(rowsWith(talks, TalksModel::PendingRole, true).size(), 1);
    // Not stored yet: it cannot be voted on or hidden, and it ranks below the stored talks.
    QListView *talkList = window->talksPanel()->list();
    const QAbstractItemModel *ranking = talkList->model();
    const int pendingRank = rowsWith(ranking, TalksModel::PendingRole, true).value(0);
    QCOMPARE(pendingRank, ranking->rowCount() - 1);
    talkList->setCurrentIndex(ranking->index(pendingRank, 0));
    QVERIFY(!child<QPushButton>(window->talksPanel(), "voteButton")->isEnabled());
    QVERIFY(!child<QPushButton>(window->talksPanel(), "hideTalkButton")->isEnabled());
    QVERIFY2(bar->text().contains(QStringLiteral("4 change")), qPrintable(bar->text()));
    snapshot(window, QStringLiteral("reconnecting-with-pending-writes"));

    // The server comes back; "Reconnect now" does not wait out the delay.
    QVERIFY(m_flaky.restart());
    QVERIFY(bar->text().startsWith(QStringLiteral("Connection lost. Reconnecting in")));
    child<QPushButton>(bar, "connectionBarAction")->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->client().status(), HallwayClient::Status::Online, 10'000);
    QTRY_VERIFY(bar->text().isEmpty());
    QTRY_VERIFY(!everyoneUnknown(presence));

    // Each is done, and there once.
    QTRY_COMPARE(m_app->client().pendingWriteCount(), 0);
    QTRY_COMPARE(rowsWith(feed, Qt::DisplayRole, QStringLiteral("Written offline")).size(), 1);
    QCOMPARE(rowsWith(feed, FactFeedModel::PendingRole, true).size(), 0);
    QTRY_COMPARE(rowsWith(chat, ChatModel::TextRole, QStringLiteral("Sent offline")).size(), 1);
    QCOMPARE(rowsWith(chat, ChatModel::StateRole, int(ChatModel::State::Sending)).size(), 0);
    QTRY_VERIFY(talks->index(rowsWith(talks, TalksModel::TalkIdRole, talkId).value(0), 0)
                        .data(TalksModel::VotedByMeRole)
                        .toBool());
    QVERIFY(!talks->index(rowsWith(talks, TalksModel::TalkIdRole, talkId).value(0), 0)
                     .data(TalksModel::VotePendingRole)
                     .toBool());
    QTRY_COMPARE(rowsWith(talks, TalksModel::TitleRole, QStringLiteral("Proposed offline")).size(),
                 1);
    QCOMPARE(rowsWith(talks, TalksModel::PendingRole, true).size(), 0);
    // And the server stored each once.
    Person check;
    QVERIFY(check.signIn(m_flaky.url(), QStringLiteral("eve")));
    const qint64 dora = m_app->client().currentUser().id;
    const Envelope history = check.client->request(
            Protocol::Type::ChatHistory,
            {{QStringLiteral("conversation"),
              QStringLiteral("%1:%2").arg(qMin(dora, check.id)).arg(qMax(dora, check.id))}});
    QVERIFY(!history.isError());
    QCOMPARE(history.data.value(QStringLiteral("messages")).toArray().size(), 1);
}

void tst_Sessions::theNetworkComingBackReconnectsAtOnce()
{
    startAndSignIn(m_flaky.url(), QStringLiteral("dora"));
    ConnectionBar *bar = m_app->mainWindow()->connectionBar();
    ServerConnection &connection = m_app->client().connection();
    connection.setReconnectDelays(60'000, 60'000);
    // What QNetworkInformation reports on a laptop whose Wi-Fi drops while the server restarts.
    connection.setNetworkReachable(false);
    m_flaky.kill();
    QTRY_COMPARE(
            bar->text(),
            QStringLiteral("You are offline. Hallway reconnects as soon as the network is back."));
    QVERIFY(m_flaky.restart());
    connection.setNetworkReachable(true);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->client().status(), HallwayClient::Status::Online, 10'000);
    QTRY_VERIFY(bar->text().isEmpty());
}

void tst_Sessions::signedOutElsewhereOrBannedIsSaidAndNotRetried()
{
    startAndSignIn(m_roomA.url(), QStringLiteral("bob"));
    MainWindow *window = m_app->mainWindow();
    ConnectionBar *bar = window->connectionBar();

    // Another device with the same session signs out: this one is told, and asked again.
    signOutElsewhere(m_roomA.url());
    QTRY_COMPARE(m_app->mainWindow()->session()->client().connectionState(),
                 HallwayClient::ConnectionState::SessionEnded);
    QVERIFY(bar->text().startsWith(QStringLiteral("Your session has ended")));
    QCOMPARE(bar->actionText(), QStringLiteral("Sign &in again"));
    QTRY_VERIFY(m_app->signInDialog() && m_app->signInDialog()->isVisible());
    m_app->signInDialog()->reject(); // later: the bar's button asks again
    snapshot(window, QStringLiteral("signed-out-elsewhere"));
    QVERIFY(window->isVisible());
    child<QPushButton>(bar, "connectionBarAction")->click();
    signInThroughTheDialog(m_roomA.url(), QStringLiteral("bob"));
    QVERIFY(m_app->mainWindow() != window);

    // A moderator bans Bob: the window says so and does not reconnect.
    window = m_app->mainWindow();
    bar = window->connectionBar();
    Person mona;
    QVERIFY(mona.signIn(m_roomA.url(), QStringLiteral("mona")));
    QVERIFY(!mona.client
                     ->request(Protocol::Type::Ban,
                               {{QStringLiteral("userId"), m_app->client().currentUser().id}})
                     .isError());
    QTRY_COMPARE(window->session()->client().connectionState(),
                 HallwayClient::ConnectionState::Banned);
    QCOMPARE(bar->text(),
             QStringLiteral("A moderator has banned this account. Hallway will not reconnect."));
    snapshot(window, QStringLiteral("banned"));
    // The session is over: nothing can be written into it any more, and nobody is shown as here.
    QVERIFY(!child<QLineEdit>(window, "factEdit")->isEnabled());
    QVERIFY(!window->chatPanel()->composer()->isEnabled());
    QCOMPARE(child<QLabel>(window, "onlineCount")->text(), QStringLiteral("Not connected"));
    QCOMPARE(window->session()->client().connection().state(),
             ServerConnection::State::Disconnected);
    QVERIFY(!mona.client
                     ->request(Protocol::Type::Ban,
                               {{QStringLiteral("userId"),
                                 window->session()->client().currentUser().id},
                                {QStringLiteral("banned"), false}})
                     .isError());
}

void tst_Sessions::theHostOfARoomModeratesIt()
{
    QStandardPaths::setTestModeEnabled(true); // the hosted room's database in a test folder
    QFile::remove(RoomHost::defaultDatabasePath());
    QSettings settings;
    settings.setValue(QStringLiteral("host/enabled"), true);
    settings.setValue(QStringLiteral("host/port"), 0); // any free port
    m_app = std::make_unique<HallwayApp>();
    m_app->start();
    QVERIFY(m_app->host().isRunning());
    QTRY_VERIFY(m_app->signInDialog() && m_app->signInDialog()->isVisible());
    SignInDialog *dialog = m_app->signInDialog();
    QCOMPARE(dialog->serverUrl(), m_app->host().localUrl());
    dialog->setRegisterMode(true);
    child<QLineEdit>(dialog, "username")->setText(QStringLiteral("host"));
    child<QLineEdit>(dialog, "password")->setText(Password);
    child<QLineEdit>(dialog, "displayName")->setText(QStringLiteral("The Host"));
    dialog->submit();
    QTRY_VERIFY_WITH_TIMEOUT(m_app->mainWindow() && m_app->mainWindow()->isVisible(), 10'000);
    MainWindow *window = m_app->mainWindow();

    // The first account of the hosted room moderates it, from the first moment.
    QVERIFY(m_app->client().isModerator());
    QVERIFY(window->isModerationTabShown());
    // Anyone after is an attendee, whom the host can make a moderator.
    TestClient guest;
    QVERIFY(guest.open(m_app->host().localUrl()));
    QVERIFY(!guest.hello().isError());
    const Envelope registered = guest.registerUser(QStringLiteral("guest"), Password);
    QCOMPARE(registered.data.value(QStringLiteral("user"))
                     .toObject()
                     .value(QStringLiteral("role"))
                     .toString(),
             QStringLiteral("attendee"));

    // About this room: the address to share (copied with one click) and the database.
    QVERIFY(window->roomInfoAction()->isVisible());
    QString shown;
    QString invite;
    QString copiedInvite;
    QString database;
    QTimer::singleShot(0, this, [&]() {
        auto *about = qobject_cast<RoomInfoDialog *>(visibleTopLevel("roomInfoDialog"));
        if (!about)
            return;
        snapshot(about, QStringLiteral("about-this-room"));
        shown = child<QLineEdit>(about, "roomAddress")->text();
        invite = child<QLineEdit>(about, "inviteLink")->text();
        database = child<QLineEdit>(about, "roomDatabase")->text();
        child<QPushButton>(about, "inviteLinkCopyButton")->click();
        copiedInvite = QGuiApplication::clipboard()->text();
        child<QPushButton>(about, "roomAddressCopyButton")->click();
        about->reject();
    });
    window->roomInfoAction()->trigger(); // a modal dialog: returns once answered
    const QString address = QStringLiteral("ws://127.0.0.1:%1").arg(m_app->host().port());
    const QString inviteLink = QStringLiteral("hallway://127.0.0.1:%1").arg(m_app->host().port());
    QCOMPARE(shown, address);
    QCOMPARE(invite, inviteLink);
    QCOMPARE(copiedInvite, inviteLink);
    QCOMPARE(database, RoomHost::defaultDatabasePath());
    QCOMPARE(QGuiApplication::clipboard()->text(), address);
    // The invite link is one click away in the menu too.
    QGuiApplication::clipboard()->clear();
    QVERIFY(window->copyInviteAction()->isVisible());
    window->copyInviteAction()->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), inviteLink);
    m_app.reset();
    QFile::remove(RoomHost::defaultDatabasePath());
}

// Room A's announcement 1, dismissed, says nothing about room B's announcement 1.
void tst_Sessions::aDismissedAnnouncementStaysInItsRoom()
{
    Person bea;
    QVERIFY(bea.signIn(m_roomB.url(), QStringLiteral("bea")));
    const Envelope announced = bea.write(Protocol::Type::Announce,
                                         {{QStringLiteral("text"), QStringLiteral("Room B news")}});
    QVERIFY(!announced.isError());
    QCOMPARE(announced.data.value(QStringLiteral("announcement"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toInteger(),
             1);
    Person mona;
    QVERIFY(mona.signIn(m_roomA.url(), QStringLiteral("mona")));
    QVERIFY(!mona.write(Protocol::Type::Announce,
                        {{QStringLiteral("text"), QStringLiteral("Room A news")}})
                     .isError()); // number 1 or later
    startAndSignIn(m_roomA.url(), QStringLiteral("bob"));
    AnnouncementBar *bar = m_app->mainWindow()->announcementBar();
    QTRY_VERIFY(bar->text().contains(QStringLiteral("Room A news")));
    child<QToolButton>(bar, "dismissAnnouncement")->click();
    QVERIFY(bar->text().isEmpty());

    QAction *switchServer =
            actionNamed(m_app->mainWindow(), QStringLiteral("Connect to another &server..."));
    joinWhenAsked(m_roomB.url());
    switchServer->trigger();
    signInThroughTheDialog(m_roomB.url(), QStringLiteral("bob"));
    QTRY_VERIFY(
            m_app->mainWindow()->announcementBar()->text().contains(QStringLiteral("Room B news")));
}

// Signed out elsewhere, the sign-in dialog open over the window, and then Sign out from the
// menu: a new dialog asks (the old one belonged to the ended session), with the event's other
// nodes still there to fail over to.
void tst_Sessions::signingOutWhileAskedToSignInAgainKeepsTheEventsNodes()
{
    const QUrl otherNode(QStringLiteral("ws://127.0.0.1:1"));
    QSettings().setValue(QStringLiteral("session/alternates"), QStringList{otherNode.toString()});
    startAndSignIn(m_roomA.url(), QStringLiteral("bob"));
    QCOMPARE(m_app->client().alternateServers(), QList<QUrl>{otherNode});
    QPointer<MainWindow> window = m_app->mainWindow();
    signOutElsewhere(m_roomA.url());
    QTRY_VERIFY(m_app->signInDialog() && m_app->signInDialog()->isVisible());

    window->findChild<QAction *>(QStringLiteral("signOutAction"))->trigger();
    QTRY_VERIFY(!window);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // all that was to go
    QVERIFY(m_app->signInDialog());
    QVERIFY(m_app->signInDialog()->isVisible());
    QCOMPARE(m_app->signInDialog()->serverUrls(), (QList<QUrl>{m_roomA.url(), otherNode}));
}

namespace {
// What the start dialog showed when it came up, before the test answered it.
struct StartSeen {
    bool asked = false;
    QString focus; // the object name of the field with the cursor
    bool placeholderFits = false;
    QStringList recent; // the recent servers listed, top to bottom (none when hidden)
    QString filledByClick; // the address after a click on the first recent server
    QString address; // in the address field when the dialog came up
    QString intro; // the text at the top
};

// Answers the next start dialog with answer(dialog, seen), once, after noting what it showed.
std::shared_ptr<StartSeen> whenStartAsks(QObject *owner,
                                         std::function<void(QWidget *, StartSeen &)> answer)
{
    auto seen = std::make_shared<StartSeen>();
    auto *poll = new QTimer(owner);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, seen, answer]() {
        QWidget *start = visibleTopLevel("startDialog");
        if (!start || seen->asked)
            return;
        seen->asked = true;
        poll->stop();
        poll->deleteLater();
        seen->focus = start->focusWidget() ? start->focusWidget()->objectName() : QString();
        auto *url = child<QLineEdit>(start, "joinUrl");
        seen->address = url->text();
        seen->intro = child<QLabel>(start, "startIntro")->text();
        seen->placeholderFits = url->contentsRect().width()
                >= url->fontMetrics().horizontalAdvance(url->placeholderText());
        auto *recent = child<QListWidget>(start, "recentServers");
        if (recent->isVisible()) {
            for (int row = 0; row < recent->count(); ++row)
                seen->recent.append(recent->item(row)->text());
        }
        answer(start, *seen);
    });
    poll->start();
    return seen;
}
} // namespace

void tst_Sessions::theStartDialogStartsInTheAddressAndOffersRecentServers()
{
    // The first start: the cursor is in the address, which shows its whole example, and no
    // server is offered yet. The address is typed.
    m_app = std::make_unique<HallwayApp>();
    auto first = whenStartAsks(m_app.get(), [this](QWidget *start, StartSeen &) {
        QTest::keyClicks(child<QLineEdit>(start, "joinUrl"), m_roomA.url().toString());
        child<QPushButton>(start, "joinButton")->click();
    });
    m_app->start();
    QVERIFY(first->asked);
    QCOMPARE(first->focus, QStringLiteral("joinUrl"));
    QVERIFY(first->placeholderFits);
    QVERIFY(first->recent.isEmpty());
    signInThroughTheDialog(m_roomA.url(), QStringLiteral("bob"));

    // Room A is offered next time; a click on it fills the address in. Room B is joined.
    auto second = whenStartAsks(m_app.get(), [this](QWidget *start, StartSeen &seen) {
        auto *recent = child<QListWidget>(start, "recentServers");
        if (recent->count() > 0) {
            QTest::mouseClick(recent->viewport(), Qt::LeftButton, {},
                              recent->visualItemRect(recent->item(0)).center());
            seen.filledByClick = child<QLineEdit>(start, "joinUrl")->text();
        }
        child<QLineEdit>(start, "joinUrl")->setText(m_roomB.url().toString());
        child<QPushButton>(start, "joinButton")->click();
    });
    actionNamed(m_app->mainWindow(), QStringLiteral("Connect to another &server..."))->trigger();
    QTRY_VERIFY(second->asked); // (asked from the event loop, once the window is gone)
    QCOMPARE(second->focus, QStringLiteral("joinUrl"));
    QCOMPARE(second->recent, QStringList{m_roomA.url().toString()});
    QCOMPARE(second->filledByClick, m_roomA.url().toString());
    signInThroughTheDialog(m_roomB.url(), QStringLiteral("bob"));

    // The most recent first; room A is picked again from the keyboard: Enter on it joins.
    auto third = whenStartAsks(m_app.get(), [](QWidget *start, StartSeen &) {
        auto *recent = child<QListWidget>(start, "recentServers");
        recent->setFocus(Qt::TabFocusReason);
        recent->setCurrentRow(recent->count() - 1);
        QTest::keyClick(recent, Qt::Key_Return);
    });
    actionNamed(m_app->mainWindow(), QStringLiteral("Connect to another &server..."))->trigger();
    QTRY_VERIFY(third->asked);
    QCOMPARE(third->recent, (QStringList{m_roomB.url().toString(), m_roomA.url().toString()}));
    QTRY_VERIFY(m_app->signInDialog() && m_app->signInDialog()->isVisible());
    QCOMPARE(m_app->signInDialog()->serverUrl(), m_roomA.url());
    signInThroughTheDialog(m_roomA.url(), QStringLiteral("bob"));
}

// A click on an invite link starts the app with it: it asks to join that server (not the
// one it signed in to last time), with the address filled in and Enter on Join.
void tst_Sessions::anInviteLinkAsksToJoinItsServer()
{
    QSettings().setValue(QStringLiteral("session/server"), m_roomB.url());
    m_app = std::make_unique<HallwayApp>();
    auto asked = whenStartAsks(m_app.get(), [](QWidget *start, StartSeen &) {
        QTest::keyClick(start->focusWidget(), Qt::Key_Return);
    });
    m_app->start(QStringLiteral("hallway://127.0.0.1:%1").arg(m_roomA.port()));
    QVERIFY(asked->asked);
    QCOMPARE(asked->address, m_roomA.url().toString());
    QCOMPARE(asked->focus, QStringLiteral("joinButton"));
    QVERIFY2(asked->intro.contains(QStringLiteral("invited")), qPrintable(asked->intro));
    QTRY_VERIFY(m_app->signInDialog() && m_app->signInDialog()->isVisible());
    QCOMPARE(m_app->signInDialog()->serverUrl(), m_roomA.url());
    signInThroughTheDialog(m_roomA.url(), QStringLiteral("bob"));
    // Someone else's room: there is nothing of ours to invite to.
    QVERIFY(!m_app->mainWindow()->copyInviteAction()->isVisible());
}

// A link that names no server says why, then the app asks as on a first start; an invite
// link pasted into the address joins like the address itself.
void tst_Sessions::aBrokenInviteLinkIsExplainedAndTheAddressCanBeTyped()
{
    m_app = std::make_unique<HallwayApp>();
    QString error;
    auto *answerError = new QTimer(m_app.get());
    answerError->setInterval(20);
    connect(answerError, &QTimer::timeout, answerError, [answerError, &error]() {
        auto *box = qobject_cast<QMessageBox *>(visibleTopLevel("inviteLinkError"));
        if (!box)
            return;
        error = box->text() + QLatin1Char('\n') + box->informativeText();
        answerError->deleteLater();
        box->accept();
    });
    answerError->start();
    auto asked = whenStartAsks(m_app.get(), [this](QWidget *start, StartSeen &) {
        child<QLineEdit>(start, "joinUrl")
                ->setText(QStringLiteral("hallway://127.0.0.1:%1/").arg(m_roomA.port()));
        child<QPushButton>(start, "joinButton")->click();
    });
    m_app->start(QStringLiteral("hallway://bob:secret@127.0.0.1:%1").arg(m_roomA.port()));
    QVERIFY2(error.contains(QStringLiteral("more in it than a server address")), qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("bob:secret@127.0.0.1")));
    QVERIFY(asked->asked);
    QCOMPARE(asked->address, QString()); // nothing of the broken link is offered
    QVERIFY(!asked->intro.contains(QStringLiteral("invited")));
    QTRY_VERIFY(m_app->signInDialog() && m_app->signInDialog()->isVisible());
    QCOMPARE(m_app->signInDialog()->serverUrl(), m_roomA.url());
    signInThroughTheDialog(m_roomA.url(), QStringLiteral("bob"));
}

// Connect to another server, then close the start dialog: nothing is left on screen, so
// the app quits (QApplication ignores a quit while a top-level window is visible).
void tst_Sessions::turningDownTheStartDialogAfterSwitchingServerQuits()
{
    startAndSignIn(m_roomA.url(), QStringLiteral("bob"));
    // Signed out and in again on the way, as a person may be.
    m_app->mainWindow()->findChild<QAction *>(QStringLiteral("signOutAction"))->trigger();
    signInThroughTheDialog(m_roomA.url(), QStringLiteral("bob"));

    auto seen = whenStartAsks(m_app.get(), [](QWidget *start, StartSeen &) {
        QTest::keyClick(start, Qt::Key_Escape);
    });
    actionNamed(m_app->mainWindow(), QStringLiteral("Connect to another &server..."))->trigger();
    QTRY_VERIFY(seen->asked);
    QTRY_VERIFY2(windowsKeepingTheAppOpen().isEmpty(),
                 qPrintable(windowsKeepingTheAppOpen().join(QStringLiteral(", "))));
}

namespace {
// Answers the message box named boxName, once, with its button of that role.
std::shared_ptr<bool> answerWhenAsked(QObject *owner, const char *boxName,
                                      QMessageBox::ButtonRole role)
{
    auto asked = std::make_shared<bool>(false);
    auto *poll = new QTimer(owner);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, asked, boxName, role]() {
        auto *box = qobject_cast<QMessageBox *>(visibleTopLevel(boxName));
        if (!box || *asked)
            return;
        *asked = true;
        poll->deleteLater();
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == role)
                button->click();
        }
    });
    poll->start();
    return asked;
}

// Answers the question whether to leave the room for another one, once: leave or stay.
std::shared_ptr<bool> whenAskedToLeave(QObject *owner, bool leave)
{
    return answerWhenAsked(owner, "joinAnotherRoom",
                           leave ? QMessageBox::AcceptRole : QMessageBox::RejectRole);
}
} // namespace

// A click on an invite link while the app runs starts it a second time; that start hands the
// link to the running app and ends. A link to the room the app is in changes nothing; one to
// another room asks first, and then joins it as a link does at start.
void tst_Sessions::aLinkClickedWhileTheAppRunsIsHandedToIt()
{
    startAndSignIn(m_roomA.url(), QStringLiteral("bob"));
    QPointer<MainWindow> windowA = m_app->mainWindow();
    QSignalSpy handedOver(&m_app->instance(), &SingleInstance::activated);
    QVERIFY(m_app->instance().isListening());

    QVERIFY(handOverFromAnotherStart(QStringLiteral("hallway://127.0.0.1:%1").arg(m_roomA.port())));
    QTRY_COMPARE(handedOver.size(), 1);
    QCOMPARE(m_app->mainWindow(), windowA.data());
    QVERIFY(windowA->isVisible());
    QCOMPARE(m_app->client().status(), HallwayClient::Status::Online);

    const QString linkB = QStringLiteral("hallway://127.0.0.1:%1").arg(m_roomB.port());
    auto asked = whenAskedToLeave(m_app.get(), false);
    QVERIFY(handOverFromAnotherStart(linkB));
    QTRY_COMPARE(handedOver.size(), 2);
    QVERIFY(*asked);
    QCOMPARE(m_app->mainWindow(), windowA.data()); // stayed
    QCOMPARE(m_app->client().status(), HallwayClient::Status::Online);

    asked = whenAskedToLeave(m_app.get(), true);
    auto start = whenStartAsks(m_app.get(), [](QWidget *dialog, StartSeen &) {
        QTest::keyClick(dialog->focusWidget(), Qt::Key_Return);
    });
    QVERIFY(handOverFromAnotherStart(linkB));
    QTRY_VERIFY(start->asked);
    QVERIFY(*asked);
    QCOMPARE(start->address, m_roomB.url().toString());
    QVERIFY2(start->intro.contains(QStringLiteral("invited")), qPrintable(start->intro));
    signInThroughTheDialog(m_roomB.url(), QStringLiteral("bob"));
    QVERIFY(!windowA);

    // A second start without a link brings the app forward and asks nothing.
    QVERIFY(handOverFromAnotherStart(QString()));
    QTRY_COMPARE(handedOver.size(), 4);
    QVERIFY(m_app->mainWindow()->isVisible());
}

// Writes made offline are kept in a file for the next start. When that file cannot be
// written (a full disk; here its folder is a file), the bar says they are in memory only, and
// closing the window or signing out asks before losing them.
void tst_Sessions::changesThatCannotBeKeptOnDiskAreSaidAndClosingAsks()
{
    startAndSignIn(m_flaky.url(), QStringLiteral("dora"));
    MainWindow *window = m_app->mainWindow();
    ConnectionBar *bar = window->connectionBar();
    const QString outbox = m_app->client().outboxFile();
    QVERIFY(!outbox.isEmpty());
    const QString folder = QFileInfo(outbox).absolutePath();
    QVERIFY(QDir(folder).removeRecursively());
    QFile blocker(folder);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();

    m_app->client().connection().setReconnectDelays(60'000, 60'000);
    m_flaky.kill();
    QTRY_VERIFY(bar->text().startsWith(QStringLiteral("Connection lost.")));
    window->findChild<QTabWidget *>(QStringLiteral("centralTabs"))->setCurrentIndex(0);
    auto *factEdit = child<QLineEdit>(window, "factEdit");
    QTest::keyClicks(factEdit, QStringLiteral("Kept in memory only"));
    QTest::keyClick(factEdit, Qt::Key_Return);
    QTRY_VERIFY2(
            bar->text().contains(QStringLiteral("cannot keep unsent changes on this computer")),
            qPrintable(bar->text()));

    // Closing asks; keeping Hallway open keeps the change.
    auto asked = answerWhenAsked(m_app.get(), "unsentChangesQuestion", QMessageBox::RejectRole);
    QVERIFY(!window->close());
    QVERIFY(*asked);
    QVERIFY(window->isVisible());
    QCOMPARE(m_app->client().pendingWriteCount(), 1);
    // So does signing out.
    asked = answerWhenAsked(m_app.get(), "unsentChangesQuestion", QMessageBox::RejectRole);
    window->findChild<QAction *>(QStringLiteral("signOutAction"))->trigger();
    QVERIFY(*asked);
    QCOMPARE(m_app->mainWindow(), window);
    QVERIFY(window->isVisible());
    QCOMPARE(m_app->client().pendingWriteCount(), 1);

    // Room on disk again: the next change keeps both, and the warning goes.
    QVERIFY(QFile::remove(folder));
    QTest::keyClicks(factEdit, QStringLiteral("Kept on disk"));
    QTest::keyClick(factEdit, Qt::Key_Return);
    QTRY_VERIFY2(!bar->text().contains(QStringLiteral("cannot keep unsent changes")),
                 qPrintable(bar->text()));
    QVERIFY(bar->text().contains(QStringLiteral("2 change")));
    QVERIFY(QFile::exists(outbox));

    // The server is back: both go out.
    QVERIFY(m_flaky.restart());
    child<QPushButton>(bar, "connectionBarAction")->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_app->client().pendingWriteCount(), 0, 10'000);
}

QTEST_MAIN(tst_Sessions)
#include "tst_sessions.moc"
