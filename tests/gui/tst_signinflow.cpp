// SPDX-License-Identifier: MIT
// The app as a person uses it, on real widgets against a real server: sign in through the
// dialog, see who is online, go away, sign out, and come back remembered (or, without a
// keychain, be told why not).
#include "chatmodel.h"
#include "chatpanel.h"
#include "credentialstore.h"
#include "factcomposer.h"
#include "factfeedmodel.h"
#include "hallwayapp.h"
#include "mainwindow.h"
#include "presencemodel.h"
#include "profilepanel.h"
#include "protocol.h"
#include "session.h"
#include "signindialog.h"
#include "testclient.h"
#include "testserver.h"

#include <QAction>
#include <QCheckBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString Password = QStringLiteral("gui-password");

bool keychainExpected()
{
    return qEnvironmentVariable("HALLWAY_TEST_KEYCHAIN") == QLatin1StringView("available");
}

QStringList listedNames(const MainWindow *window)
{
    const auto *list = window->findChild<QListView *>(QStringLiteral("onlineList"));
    QStringList names;
    for (int row = 0; row < list->model()->rowCount(); ++row)
        names.append(list->model()->index(row, 0).data().toString());
    return names;
}

template<typename T> T *child(QWidget *parent, const char *name)
{
    return parent->findChild<T *>(QString::fromLatin1(name));
}
} // namespace

class tst_SignInFlow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void wrongPasswordIsShownInTheDialog();
    void registerThroughTheDialogAndSeeWhoIsOnline();
    void postAFactAndReadSomeoneElses();
    void rememberedSessionResumesWithoutAPassword();
    void signOutForgetsTheSession();

private:
    void typeInto(QWidget *dialog, const char *name, const QString &text);
    // The functions follow one attendee's day; each sets up what it needs, so that it also
    // runs alone: the app started, or the app with Hanna signed in through its dialog (and
    // remembered where there is a keychain), as the functions before leave it.
    void startApp();
    void signInAsHanna();
    TestServer m_server;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<HallwayApp> m_app;
};

void tst_SignInFlow::initTestCase()
{
    QVERIFY(m_server.start());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings settings;
    settings.setValue(QStringLiteral("session/server"), m_server.url());
    // Register a user to sign in as later.
    TestClient setup;
    QVERIFY(setup.open(m_server.url()));
    QVERIFY(!setup.hello().isError());
    QVERIFY(!setup.registerUser(QStringLiteral("greta"), Password, QStringLiteral("Greta"))
                     .isError());
}

void tst_SignInFlow::typeInto(QWidget *dialog, const char *name, const QString &text)
{
    auto *field = child<QLineEdit>(dialog, name);
    QVERIFY2(field, name);
    field->clear();
    QTest::keyClicks(field, text);
}

void tst_SignInFlow::startApp()
{
    if (m_app)
        return;
    m_app = std::make_unique<HallwayApp>();
    m_app->start();
}

void tst_SignInFlow::signInAsHanna()
{
    startApp();
    if (m_app->mainWindow() && m_app->client().status() == HallwayClient::Status::Online)
        return;
    TestClient setup; // her account, unless she registered before
    QVERIFY(setup.open(m_server.url()) && !setup.hello().isError());
    setup.registerUser(QStringLiteral("hanna"), Password, QStringLiteral("Hanna Arendt"),
                       QStringLiteral("Hannover"));
    QTRY_VERIFY(m_app->signInDialog() && m_app->signInDialog()->isVisible());
    SignInDialog *dialog = m_app->signInDialog();
    typeInto(dialog, "serverUrl", m_server.url().toString());
    if (dialog->isRegisterMode())
        QTest::mouseClick(child<QCheckBox>(dialog, "registerMode"), Qt::LeftButton);
    typeInto(dialog, "username", QStringLiteral("hanna"));
    typeInto(dialog, "password", Password);
    QTest::mouseClick(child<QPushButton>(dialog, "submitButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->client().status(), HallwayClient::Status::Online, 10'000);
    QTRY_VERIFY(m_app->mainWindow() && m_app->mainWindow()->isVisible());
    if (keychainExpected()) {
        // Remembered: the read-back queues behind the app's write of the token.
        std::optional<Expected<QString>> stored;
        m_app->credentials().readToken(
                CredentialStore::accountKey(m_server.url().toString(), QStringLiteral("hanna")),
                [&stored](const Expected<QString> &token) { stored = token; });
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value() && stored->hasValue(), 10'000);
    }
}

void tst_SignInFlow::wrongPasswordIsShownInTheDialog()
{
    m_app = std::make_unique<HallwayApp>();
    m_app->start();
    SignInDialog *dialog = m_app->signInDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCOMPARE(child<QLineEdit>(dialog, "serverUrl")->text(), m_server.url().toString());

    typeInto(dialog, "username", QStringLiteral("greta"));
    typeInto(dialog, "password", QStringLiteral("not-her-password"));
    QTest::mouseClick(child<QPushButton>(dialog, "submitButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->errorText().isEmpty(), 10'000);
    QCOMPARE(dialog->errorText(), QStringLiteral("Wrong username or password."));
    QVERIFY(dialog->isVisible());
    // The error is about what was sent: it goes once the password is being typed again.
    QTest::keyClick(child<QLineEdit>(dialog, "password"), Qt::Key_Backspace);
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));

    // An address that does not answer says so, rather than hanging.
    typeInto(dialog, "serverUrl", QStringLiteral("ws://127.0.0.1:1"));
    typeInto(dialog, "password", Password);
    QTest::keyClick(child<QLineEdit>(dialog, "password"), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->errorText().contains(QStringLiteral("Cannot reach")), 10'000);
}

void tst_SignInFlow::registerThroughTheDialogAndSeeWhoIsOnline()
{
    startApp();
    SignInDialog *dialog = m_app->signInDialog();
    QVERIFY(dialog);
    typeInto(dialog, "serverUrl", m_server.url().toString());
    QTest::mouseClick(child<QCheckBox>(dialog, "registerMode"), Qt::LeftButton);
    QVERIFY(dialog->isRegisterMode());
    typeInto(dialog, "username", QStringLiteral("hanna"));
    typeInto(dialog, "password", Password);
    typeInto(dialog, "displayName", QStringLiteral("Hanna Arendt"));
    typeInto(dialog, "city", QStringLiteral("Hannover"));
    // Remembering is offered only where there is a keychain to remember with.
    QTRY_COMPARE(child<QCheckBox>(dialog, "rememberMe")->isChecked(), keychainExpected());
    QTest::mouseClick(child<QPushButton>(dialog, "submitButton"), Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(m_app->mainWindow() && m_app->mainWindow()->isVisible(), 10'000);
    MainWindow *window = m_app->mainWindow();
    QTRY_VERIFY(!m_app->signInDialog() || !m_app->signInDialog()->isVisible());
    QTRY_COMPARE(listedNames(window), QStringList{QStringLiteral("Hanna Arendt")});
    QVERIFY(window->connectionStatusText().contains(QStringLiteral("Online as hanna")));

    // Without a keychain the app says so, in words, and carries on.
    auto *notice = child<QLabel>(window, "keychainNotice");
    if (keychainExpected()) {
        // A fence: reading the token back queues behind the app's write of it, so once the
        // read is answered, the write has worked or failed (and the notice would be up).
        std::optional<Expected<QString>> stored;
        m_app->credentials().readToken(
                CredentialStore::accountKey(m_server.url().toString(), QStringLiteral("hanna")),
                [&stored](const Expected<QString> &token) { stored = token; });
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 10'000);
        QVERIFY2(stored->hasValue(), "the session token is not in the keychain");
        QVERIFY(!notice->isVisible());
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(notice->isVisible(), 10'000);
        QVERIFY(notice->text().contains(QStringLiteral("keychain")));
    }

    // Someone else comes online and goes away: the list follows live.
    TestClient greta;
    QVERIFY(greta.open(m_server.url()));
    QVERIFY(!greta.hello().isError());
    QVERIFY(!greta.login(QStringLiteral("greta"), Password).isError());
    QTRY_COMPARE(listedNames(window),
                 (QStringList{QStringLiteral("Greta"), QStringLiteral("Hanna Arendt")}));
    QVERIFY(!greta.subscribe(Protocol::Topic::Presence).isError());

    // Hanna appears away to Greta from the menu.
    window->findChild<QAction *>(QStringLiteral("awayAction"))->trigger();
    const Envelope away = greta.waitForEvent(Protocol::Topic::Presence, [](const Envelope &event) {
        return event.data.value(QStringLiteral("kind")).toString() == QStringLiteral("state");
    });
    QCOMPARE(away.data.value(QStringLiteral("state")).toString(), QStringLiteral("away"));

    greta.close();
    QTRY_COMPARE(listedNames(window), QStringList{QStringLiteral("Hanna Arendt")});
}

void tst_SignInFlow::postAFactAndReadSomeoneElses()
{
    signInAsHanna();
    if (QTest::currentTestFailed())
        return;
    MainWindow *window = m_app->mainWindow();
    QVERIFY(window);
    auto *edit = child<QLineEdit>(window, "factEdit");
    auto *postButton = child<QPushButton>(window, "postFactButton");
    auto *feed = child<QListView>(window, "communityFeed");
    QVERIFY(edit && postButton && feed);

    // The count is live, and too long a fact cannot be posted.
    QTest::keyClicks(edit, QString(281, QLatin1Char('a')));
    QCOMPARE(window->composer()->counterText(), QStringLiteral("281/280"));
    QVERIFY(!postButton->isEnabled());
    edit->clear();
    QCOMPARE(window->composer()->counterText(), QStringLiteral("0/280"));

    // Enter posts; the fact is at the top of the feed as soon as the server has it.
    QSignalSpy feedEvents(&m_app->client(), &HallwayClient::topicEvent);
    QTest::keyClicks(edit, QStringLiteral("I read Hannah Arendt on trains"));
    QCOMPARE(window->composer()->counterText(), QStringLiteral("30/280"));
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(edit->text().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(feed->model()->rowCount() > 0, 5000);
    QCOMPARE(feed->model()->index(0, 0).data().toString(),
             QStringLiteral("I read Hannah Arendt on trains"));
    QCOMPARE(feed->model()->index(0, 0).data(FactFeedModel::AuthorDisplayNameRole).toString(),
             QStringLiteral("Hanna Arendt"));
    // The server's batch brings it again; the feed has taken that batch in (it is connected
    // to the signal before the spy) once the spy has it.
    const auto batchBroughtIt = [&feedEvents]() {
        for (const QList<QVariant> &event : feedEvents) {
            if (event.at(0).toString() == Protocol::Topic::CommunityFacts
                && QJsonDocument(event.at(2).toJsonObject())
                           .toJson()
                           .contains("I read Hannah Arendt on trains"))
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(batchBroughtIt(), 10'000);
    int mine = 0;
    for (int row = 0; row < feed->model()->rowCount(); ++row)
        mine += feed->model()->index(row, 0).data().toString()
                == QStringLiteral("I read Hannah Arendt on trains");
    QCOMPARE(mine, 1); // never twice, even when the server's batch brings it again

    // Greta shares two facts; click her name in who's online and read them.
    TestClient greta;
    QVERIFY(greta.open(m_server.url()));
    QVERIFY(!greta.hello().isError());
    QVERIFY(!greta.login(QStringLiteral("greta"), Password).isError());
    for (const char *text : {"I knit on conference calls", "I have been to 31 conferences"})
        QVERIFY(!greta.request(Protocol::Type::PostFact,
                               {{QStringLiteral("clientId"), QString::fromLatin1(text)},
                                {QStringLiteral("text"), QString::fromLatin1(text)}})
                         .isError());
    auto *online = child<QListView>(window, "onlineList");
    QTRY_COMPARE(listedNames(window),
                 (QStringList{QStringLiteral("Greta"), QStringLiteral("Hanna Arendt")}));
    const QRect gretaRow = online->visualRect(online->model()->index(0, 0));
    QTest::mouseClick(online->viewport(), Qt::LeftButton, {}, gretaRow.center());

    ProfilePanel *profile = window->profilePanel();
    QTRY_VERIFY(profile->isVisible());
    QTRY_COMPARE(profile->displayName(), QStringLiteral("Greta"));
    QCOMPARE(profile->presenceText(), QStringLiteral("Here now"));
    QTRY_COMPARE_WITH_TIMEOUT(profile->factList()->model()->rowCount(), 2, 5000);
    QCOMPARE(profile->factList()->model()->index(0, 0).data().toString(),
             QStringLiteral("I have been to 31 conferences"));
    QCOMPARE(profile->factList()->model()->index(1, 0).data().toString(),
             QStringLiteral("I knit on conference calls"));

    // Her next fact arrives live in the open profile; she leaves and the profile says so.
    QVERIFY(!greta.request(Protocol::Type::PostFact,
                           {{QStringLiteral("clientId"), QStringLiteral("g3")},
                            {QStringLiteral("text"), QStringLiteral("I am off to the keynote")}})
                     .isError());
    QTRY_COMPARE(profile->factList()->model()->index(0, 0).data().toString(),
                 QStringLiteral("I am off to the keynote"));
    greta.close();
    QTRY_COMPARE(profile->presenceText(), QStringLiteral("Not here right now"));

    // "Send a message" on her profile opens the chat with her.
    QTest::mouseClick(child<QPushButton>(profile, "messageButton"), Qt::LeftButton);
    QTRY_VERIFY(window->chatPanel()->chat());
    QVERIFY(window->chatPanel()->isVisible());
    QVERIFY(window->chatPanel()->composer()->isEnabled());
    QCOMPARE(window->chatPanel()->chat()->peerId(), profile->userId());

    // Escape closes the profile.
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
    QTest::keyClick(window, Qt::Key_Escape);
    QTRY_VERIFY(!profile->isVisible());
}

void tst_SignInFlow::rememberedSessionResumesWithoutAPassword()
{
    signInAsHanna();
    if (QTest::currentTestFailed())
        return;
    // Quit and start again.
    m_app.reset();
    m_app = std::make_unique<HallwayApp>();
    m_app->start();
    if (keychainExpected()) {
        QTRY_COMPARE_WITH_TIMEOUT(m_app->client().status(), HallwayClient::Status::Online, 10'000);
        QVERIFY(m_app->mainWindow()->isVisible());
        QVERIFY(!m_app->signInDialog() || !m_app->signInDialog()->isVisible());
        QCOMPARE(m_app->client().currentUser().username, QStringLiteral("hanna"));
        QTRY_COMPARE(listedNames(m_app->mainWindow()), QStringList{QStringLiteral("Hanna Arendt")});
    } else {
        // The token lived in memory only: the password is asked for, the name remembered.
        QTRY_VERIFY(m_app->signInDialog() && m_app->signInDialog()->isVisible());
        QCOMPARE(child<QLineEdit>(m_app->signInDialog(), "username")->text(),
                 QStringLiteral("hanna"));
        typeInto(m_app->signInDialog(), "password", Password);
        QTest::keyClick(child<QLineEdit>(m_app->signInDialog(), "password"), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_app->client().status(), HallwayClient::Status::Online, 10'000);
    }
}

void tst_SignInFlow::signOutForgetsTheSession()
{
    signInAsHanna();
    if (QTest::currentTestFailed())
        return;
    QPointer<MainWindow> window = m_app->mainWindow();
    QVERIFY(window);
    QPointer<Session> session = &m_app->session();
    const QString token = m_app->client().token();
    QVERIFY(!token.isEmpty());
    window->findChild<QAction *>(QStringLiteral("signOutAction"))->trigger();
    // The window and its session go, with everything they showed; a new session asks.
    QTRY_VERIFY(!window);
    QTRY_VERIFY(!session);
    QVERIFY(m_app->signInDialog() && m_app->signInDialog()->isVisible());
    QCOMPARE(m_app->client().status(), HallwayClient::Status::SignedOut);

    // The token is revoked on the server...
    TestClient check;
    QVERIFY(check.open(m_server.url()));
    QVERIFY(!check.hello().isError());
    QCOMPARE(check.request(Protocol::Type::Resume, {{QStringLiteral("token"), token}})
                     .toError()
                     .code,
             ErrorCode::Unauthorized);
    // ...and the next start asks for the password.
    m_app.reset();
    m_app = std::make_unique<HallwayApp>();
    m_app->start();
    QTRY_VERIFY(m_app->signInDialog() && m_app->signInDialog()->isVisible());
    QCOMPARE(m_app->client().status(), HallwayClient::Status::SignedOut);
    m_app.reset();
}

QTEST_MAIN(tst_SignInFlow)
#include "tst_signinflow.moc"
