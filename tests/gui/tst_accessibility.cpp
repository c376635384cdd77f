// SPDX-License-Identifier: MIT
// Every window and dialog of the app, walked widget by widget: each widget that takes the
// keyboard focus has a name a screen reader can say (its own text, an accessible name, or a
// label that is its buddy), and no Alt+letter is claimed twice by what is on screen together
// (nor by two entries of one menu). In English, and again in every language the app ships
// (HALLWAY_TEST_LANG).
#include "changepassworddialog.h"
#include "chatpanel.h"
#include "fixtures.h"
#include "hallwayclient.h"
#include "hubpanel.h"
#include "mainwindow.h"
#include "presencemodel.h"
#include "presenterview.h"
#include "protocol.h"
#include "roominfodialog.h"
#include "session.h"
#include "signindialog.h"
#include "startdialog.h"
#include "talkdialog.h"
#include "testclient.h"
#include "testserver.h"
#include "widgetdialog.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Hallway;
using namespace Hallway::Test;

namespace {

QString describe(const QWidget *widget)
{
    return QStringLiteral("%1 \"%2\"")
            .arg(QString::fromLatin1(widget->metaObject()->className()), widget->objectName());
}

// Widgets that are part of another widget (a spin box's editor, a combo box's popup) are
// named through it.
bool isPartOfAnother(const QWidget *widget)
{
    const QWidget *parent = widget->parentWidget();
    return parent
            && (qobject_cast<const QAbstractSpinBox *>(parent)
                || qobject_cast<const QComboBox *>(parent));
}

// Focusable widgets of this window with nothing a screen reader could call them. Widgets on
// tabs not shown count; a widget hidden on purpose (a button for a state the window is not
// in, whose text comes with the state) does not.
QStringList unnamed(QWidget *window)
{
    QList<const QWidget *> buddies;
    const QList<QLabel *> labels = window->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->buddy())
            buddies.append(label->buddy());
    }
    QStringList problems;
    const QList<QWidget *> widgets = window->findChildren<QWidget *>();
    for (const QWidget *widget : widgets) {
        if (widget->focusPolicy() == Qt::NoFocus || widget->window() != window || widget->isHidden()
            || isPartOfAnother(widget))
            continue;
        bool named = !widget->accessibleName().trimmed().isEmpty() || buddies.contains(widget);
        if (auto *button = qobject_cast<const QAbstractButton *>(widget))
            named = named || !button->text().remove(u'&').trimmed().isEmpty();
        if (auto *group = qobject_cast<const QGroupBox *>(widget))
            named = named || !group->title().trimmed().isEmpty();
        if (auto *tabs = qobject_cast<const QTabBar *>(widget))
            named = named || (tabs->count() > 0 && !tabs->tabText(0).isEmpty());
        if (!named)
            problems.append(describe(widget));
    }
    return problems;
}

void addMnemonic(QMultiHash<QKeySequence, QString> &seen, const QString &text)
{
    const QKeySequence key = QKeySequence::mnemonic(text);
    if (!key.isEmpty())
        seen.insert(key, text);
}

QStringList duplicates(const QMultiHash<QKeySequence, QString> &seen, const QString &where)
{
    QStringList problems;
    const QList<QKeySequence> keys = seen.uniqueKeys();
    for (const QKeySequence &key : keys) {
        const QStringList texts = seen.values(key);
        if (texts.size() > 1)
            problems.append(QStringLiteral("%1: %2 for %3")
                                    .arg(where, key.toString(), texts.join(QStringLiteral(", "))));
    }
    return problems;
}

// Each menu on its own: its entries must not share a letter.
QStringList menuDuplicates(const QMenu *menu)
{
    QMultiHash<QKeySequence, QString> seen;
    QStringList problems;
    const QList<QAction *> actions = menu->actions();
    for (const QAction *action : actions) {
        if (!action->isVisible() || action->isSeparator())
            continue;
        addMnemonic(seen, action->text());
        if (action->menu())
            problems += menuDuplicates(action->menu());
    }
    return problems + duplicates(seen, menu->title().remove(u'&'));
}

// Alt+letters of what is on screen in this window right now: the menu bar, tab bars, buttons,
// labels with buddies and group boxes.
QStringList visibleDuplicates(QWidget *window, const QString &where)
{
    QMultiHash<QKeySequence, QString> seen;
    QStringList problems;
    const QList<QWidget *> widgets = window->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (!widget->isVisible() || widget->window() != window)
            continue;
        if (auto *bar = qobject_cast<QMenuBar *>(widget)) {
            const QList<QAction *> actions = bar->actions();
            for (const QAction *action : actions) {
                if (!action->isVisible())
                    continue;
                addMnemonic(seen, action->text());
                if (action->menu())
                    problems += menuDuplicates(action->menu());
            }
        } else if (auto *button = qobject_cast<QAbstractButton *>(widget)) {
            addMnemonic(seen, button->text());
        } else if (auto *label = qobject_cast<QLabel *>(widget); label && label->buddy()) {
            addMnemonic(seen, label->text());
        } else if (auto *group = qobject_cast<QGroupBox *>(widget)) {
            addMnemonic(seen, group->title());
        } else if (auto *tabs = qobject_cast<QTabBar *>(widget)) {
            for (int tab = 0; tab < tabs->count(); ++tab) {
                if (tabs->isTabVisible(tab))
                    addMnemonic(seen, tabs->tabText(tab));
            }
        }
    }
    return problems + duplicates(seen, where);
}

// Every state of the window's tabs, nested ones included.
QStringList everyTabsDuplicates(QWidget *window)
{
    QStringList problems;
    const QList<QTabWidget *> tabWidgets = window->findChildren<QTabWidget *>();
    if (tabWidgets.isEmpty())
        return visibleDuplicates(window, window->objectName());
    for (QTabWidget *tabs : tabWidgets) {
        for (int index = 0; index < tabs->count(); ++index) {
            tabs->setCurrentIndex(index);
            problems += visibleDuplicates(
                    window,
                    QStringLiteral("%1, tab %2").arg(window->objectName(), tabs->tabText(index)));
        }
    }
    problems.removeDuplicates();
    return problems;
}

} // namespace

class tst_Accessibility : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void theMainWindow_data();
    void theMainWindow();
    void everyDialog_data();
    void everyDialog();

private:
    TestServer m_server;
    QTemporaryDir m_settingsDir;
    QTranslator m_translator; // HALLWAY_TEST_LANG: the same walk in another language
    qint64 m_attendeeId = 0;
};

void tst_Accessibility::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    if (const QString language = qEnvironmentVariable("HALLWAY_TEST_LANG"); !language.isEmpty()) {
        QVERIFY(m_translator.load(QStringLiteral("hallway_") + language,
                                  qEnvironmentVariable("HALLWAY_QM_DIR")));
        QCoreApplication::installTranslator(&m_translator);
    }
    QVERIFY(m_server.start());
    QVERIFY(m_server.createModerator(QStringLiteral("mona"), TestPassword));
    TestClient setup;
    QVERIFY(setup.open(m_server.url()));
    QVERIFY(!setup.hello().isError());
    QVERIFY(!setup.registerUser(QStringLiteral("ada"), TestPassword, QStringLiteral("Ada"))
                     .isError());
    m_attendeeId = setup.userId();
}

void tst_Accessibility::theMainWindow_data()
{
    QTest::addColumn<QString>("username");
    QTest::newRow("moderator") << QStringLiteral("mona");
    QTest::newRow("attendee") << QStringLiteral("ada");
}

void tst_Accessibility::theMainWindow()
{
    QFETCH(QString, username);
    Session session;
    QSignalSpy signedIn(&session.client(), &HallwayClient::signedIn);
    session.client().signIn(m_server.url(), {username, TestPassword});
    QVERIFY(signedIn.wait(10'000));
    MainWindow window(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.isModerationTabShown(), username == QLatin1String("mona"));
    // Everything that can be on screen: a profile, and a conversation open.
    window.openProfile(m_attendeeId);
    if (username != QLatin1String("ada"))
        window.messageUser(m_attendeeId, QStringLiteral("Ada"));

    const QStringList missingNames = unnamed(&window);
    QVERIFY2(missingNames.isEmpty(), qPrintable(missingNames.join(u'\n')));
    const QStringList twice = everyTabsDuplicates(&window);
    QVERIFY2(twice.isEmpty(), qPrintable(twice.join(u'\n')));

    // A moderator's presenter view is a window of its own.
    if (!window.isModerationTabShown())
        return;
    QTRY_VERIFY(window.hubPanel()->currentHubId() > 0);
    window.hubPanel()->present();
    QPointer<PresenterView> presenter = window.hubPanel()->presenterView();
    QVERIFY(presenter);
    QVERIFY(QTest::qWaitForWindowExposed(presenter));
    presenter->setObjectName(QStringLiteral("presenter"));
    const QStringList presenterUnnamed = unnamed(presenter);
    QVERIFY2(presenterUnnamed.isEmpty(), qPrintable(presenterUnnamed.join(u'\n')));
    const QStringList presenterTwice = everyTabsDuplicates(presenter);
    QVERIFY2(presenterTwice.isEmpty(), qPrintable(presenterTwice.join(u'\n')));
    presenter->close();
}

void tst_Accessibility::everyDialog_data()
{
    QTest::addColumn<QString>("dialog");
    for (const char *name :
         {"start", "signIn", "register", "changePassword", "talk", "widget", "roomInfo"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void tst_Accessibility::everyDialog()
{
    QFETCH(QString, dialog);
    HallwayClient client;
    PresenceModel people(&client);
    std::unique_ptr<QWidget> window;
    if (dialog == QLatin1String("start"))
        window = std::make_unique<StartDialog>();
    else if (dialog == QLatin1String("signIn"))
        window = std::make_unique<SignInDialog>(&client);
    else if (dialog == QLatin1String("register")) {
        auto signIn = std::make_unique<SignInDialog>(&client);
        signIn->setRegisterMode(true); // display name, city and region besides
        window = std::move(signIn);
    } else if (dialog == QLatin1String("changePassword"))
        window = std::make_unique<ChangePasswordDialog>(&client);
    else if (dialog == QLatin1String("talk"))
        window = std::make_unique<TalkDialog>();
    else if (dialog == QLatin1String("widget"))
        window = std::make_unique<WidgetDialog>(&people, std::nullopt);
    else if (dialog == QLatin1String("roomInfo"))
        window = std::make_unique<RoomInfoDialog>(QStringLiteral("ws://192.0.2.7:9000"), true,
                                                  QStringLiteral("/tmp/room.sqlite"));
    QVERIFY(window);
    window->setObjectName(dialog);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));

    const QStringList missingNames = unnamed(window.get());
    QVERIFY2(missingNames.isEmpty(), qPrintable(missingNames.join(u'\n')));
    const QStringList twice = everyTabsDuplicates(window.get());
    QVERIFY2(twice.isEmpty(), qPrintable(twice.join(u'\n')));
}

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
