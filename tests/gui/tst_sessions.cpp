// SPDX-License-Identifier: MIT
// One session per server and account, on real widgets against two real servers: switching
// rooms leaves nothing of the first room on screen or in a model (and sends nothing to the
// wrong person), a moderator has the tools however they sign in, and signing out never
// quits the app by surprise.
#include "announcementbar.h"
#include "chatmodel.h"
#include "chatpanel.h"
#include "factcomposer.h"
#include "hallwayapp.h"
#include "mainwindow.h"
#include "moderationpanel.h"
#include "protocol.h"
#include "signindialog.h"
#include "testclient.h"
#include "testserver.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

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
    void withoutAKeychainNothingOffersToRememberYou();

private:
    // Starts the app remembering this server, and signs in through the dialog.
    void startAndSignIn(const QUrl &server, const QString &username);
    void signInThroughTheDialog(const QUrl &server, const QString &username);
    // Answers the start dialog the app is about to show (a modal one, with an event loop of
    // its own): join this server. The flag says it was asked.
    std::shared_ptr<bool> joinWhenAsked(const QUrl &server);

    TestServer m_roomA;
    TestServer m_roomB;
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
}

void tst_Sessions::init()
{
    QSettings().clear();
}

void tst_Sessions::cleanup()
{
    m_app.reset();
}

void tst_Sessions::signInThroughTheDialog(const QUrl &server, const QString &username)
{
    QTRY_VERIFY(m_app->signInDialog() && m_app->signInDialog()->isVisible());
    SignInDialog *dialog = m_app->signInDialog();
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

QTEST_MAIN(tst_Sessions)
#include "tst_sessions.moc"
