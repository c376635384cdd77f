// SPDX-License-Identifier: MIT
// The main window as a person arranges it, against a real server: it comes back the way it
// was left (size, place, docks, the profile's width, the tab), opening a profile never widens
// the window and belongs to the tab it was opened from, the tabs answer Ctrl+1..5 and Ctrl+K
// finds a person, the focus ring can be seen, and the high-contrast palette leaves nothing
// light behind.
#include "announcementbar.h"
#include "appearance.h"
#include "chatpanel.h"
#include "fixtures.h"
#include "hubpanel.h"
#include "mainwindow.h"
#include "moderationpanel.h"
#include "onlinepanel.h"
#include "presencemodel.h"
#include "presenterview.h"
#include "profilepanel.h"
#include "protocol.h"
#include "session.h"
#include "talkspanel.h"
#include "testclient.h"
#include "testserver.h"

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString LongName = QStringLiteral("Maximiliane Alexandra von Hohenzollern-Sigmaringen");
}

class tst_MainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void theWindowComesBackAsItWasLeft();
    void openingAProfileKeepsTheWindowsWidth();
    void theProfileBelongsToItsTab();
    void ctrlNumbersSwitchTabs();
    void ctrlKFindsAPerson();
    void theFocusRingCanBeSeen();
    void highContrastLeavesNothingLight();
    void fitsAFullHdScreenAtTwiceTheScale();
    void noHintIsCutAtTheDefaultSize();
    void theConversationKeepsRoomBesideAProfile();
    void theProjectorShowsTheAddressOfTheRoomHostedHere();

private:
    // A signed-in session for username (a moderator if asked), and its window, shown.
    std::unique_ptr<MainWindow> openWindow(const QString &username);

    TestServer m_server;
    QTemporaryDir m_settingsDir;
    std::vector<std::unique_ptr<Session>> m_sessions;
    qint64 m_longNameId = 0;
};

void tst_MainWindow::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    Appearance::apply();
    QVERIFY(m_server.start());
    QVERIFY(m_server.createModerator(QStringLiteral("mona"), TestPassword));
    TestClient setup;
    QVERIFY(setup.open(m_server.url()));
    QVERIFY(!setup.hello().isError());
    QVERIFY(!setup.registerUser(QStringLiteral("maxi"), TestPassword, LongName).isError());
    m_longNameId = setup.userId();
    QVERIFY(!setup.request(Protocol::Type::PostFact,
                           {{QStringLiteral("clientId"), QStringLiteral("f1")},
                            {QStringLiteral("text"), QStringLiteral("I collect long names.")}})
                     .isError());
}

void tst_MainWindow::init()
{
    m_sessions.clear(); // their windows went with the function that opened them
    QSettings().clear();
    if (Appearance::isHighContrast())
        Appearance::setHighContrast(false);
}

std::unique_ptr<MainWindow> tst_MainWindow::openWindow(const QString &username)
{
    auto session = std::make_unique<Session>();
    QSignalSpy signedIn(&session->client(), &HallwayClient::signedIn);
    session->client().signIn(m_server.url(), {username, TestPassword});
    if (!signedIn.wait(10'000))
        return nullptr;
    auto window = std::make_unique<MainWindow>(session.get());
    m_sessions.push_back(std::move(session));
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

void tst_MainWindow::theWindowComesBackAsItWasLeft()
{
    QRect geometry;
    int profileWidth = 0;
    {
        auto window = openWindow(QStringLiteral("mona"));
        QVERIFY(window);
        window->setGeometry(120, 80, 1100, 720);
        QTRY_COMPARE(window->geometry().size(), QSize(1100, 720));
        window->openProfile(m_longNameId);
        auto *splitter = window->findChild<QSplitter *>(QStringLiteral("profileSplitter"));
        QVERIFY(splitter);
        const int total = splitter->sizes().at(0) + splitter->sizes().at(1);
        splitter->setSizes({total - 300, 300});
        profileWidth = splitter->sizes().at(1);
        window->closeProfile();
        window->showTalks();
        geometry = window->geometry();
        window->close();
    }
    // The next start (a new window, as after quitting and starting again).
    auto window = openWindow(QStringLiteral("mona"));
    QVERIFY(window);
    QTRY_COMPARE(window->geometry().size(), geometry.size());
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("centralTabs"));
    QCOMPARE(tabs->currentWidget(), window->talksPanel());
    window->openProfile(m_longNameId);
    auto *splitter = window->findChild<QSplitter *>(QStringLiteral("profileSplitter"));
    QTRY_VERIFY(qAbs(splitter->sizes().at(1) - profileWidth) <= 2);
}

void tst_MainWindow::openingAProfileKeepsTheWindowsWidth()
{
    auto window = openWindow(QStringLiteral("mona"));
    QVERIFY(window);
    window->resize(900, 560);
    QTRY_COMPARE(window->width(), 900);
    QCoreApplication::processEvents(); // the layout that follows the resize
    auto *dock = window->findChild<QDockWidget *>(QStringLiteral("onlineDock"));
    const int dockWidth = dock->width();

    window->openProfile(m_longNameId);
    QTRY_VERIFY(window->profilePanel()->isVisible());
    auto *name = window->profilePanel()->findChild<QLabel *>(QStringLiteral("profileName"));
    QTRY_COMPARE(name->text(), LongName);
    // Every layout the profile asked for, done before measuring (a wider minimum would
    // widen the window then).
    for (int pass = 0; pass < 3; ++pass)
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QCOMPARE(window->width(), 900);
    QCOMPARE(dock->width(), dockWidth);
    // The profile takes two fifths of the width beside the tabs, and keeps it.
    auto *splitter = window->findChild<QSplitter *>(QStringLiteral("profileSplitter"));
    const int expected = splitter->width() * 2 / 5;
    QTRY_VERIFY2(qAbs(window->profilePanel()->width() - expected) <= 8,
                 qPrintable(QStringLiteral("profile %1 px of %2")
                                    .arg(window->profilePanel()->width())
                                    .arg(splitter->width())));
    // The long name wraps inside the panel instead of being cut.
    QVERIFY(name->geometry().right() <= window->profilePanel()->width());
    QVERIFY(name->heightForWidth(name->width()) <= name->height());
}

void tst_MainWindow::theProfileBelongsToItsTab()
{
    auto window = openWindow(QStringLiteral("mona"));
    QVERIFY(window);
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("centralTabs"));
    tabs->setCurrentIndex(0);
    window->openProfile(m_longNameId);
    QVERIFY(window->profilePanel()->isVisible());
    QCOMPARE(window->profileTab(), tabs->widget(0));

    tabs->setCurrentWidget(window->chatPanel());
    QVERIFY(!window->profilePanel()->isVisible());
    tabs->setCurrentIndex(0);
    QVERIFY(window->profilePanel()->isVisible());

    QTest::keyClick(window.get(), Qt::Key_Escape);
    QVERIFY(!window->profilePanel()->isVisible());
    tabs->setCurrentWidget(window->chatPanel());
    tabs->setCurrentIndex(0);
    QVERIFY(!window->profilePanel()->isVisible());
}

void tst_MainWindow::ctrlNumbersSwitchTabs()
{
    auto window = openWindow(QStringLiteral("mona"));
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("centralTabs"));
    const QList<std::pair<Qt::Key, QWidget *>> expected = {
            {Qt::Key_2, window->hubPanel()},  {Qt::Key_3, window->talksPanel()},
            {Qt::Key_4, window->chatPanel()}, {Qt::Key_5, window->moderationPanel()},
            {Qt::Key_1, tabs->widget(0)},
    };
    for (const auto &[key, page] : expected) {
        QTest::keyClick(window.get(), key, Qt::ControlModifier);
        QCOMPARE(tabs->currentWidget(), page);
    }

    // An attendee has no moderation tab: Ctrl+5 does nothing.
    auto attendee = openWindow(QStringLiteral("maxi"));
    QVERIFY(attendee);
    attendee->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(attendee.get()));
    auto *attendeeTabs = attendee->findChild<QTabWidget *>(QStringLiteral("centralTabs"));
    QTest::keyClick(attendee.get(), Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(attendeeTabs->currentWidget(), attendee->talksPanel());
    QTest::keyClick(attendee.get(), Qt::Key_5, Qt::ControlModifier);
    QCOMPARE(attendeeTabs->currentWidget(), attendee->talksPanel());
}

void tst_MainWindow::ctrlKFindsAPerson()
{
    TestClient maxi; // here, so in who's online
    QVERIFY(maxi.open(m_server.url()));
    QVERIFY(!maxi.hello().isError());
    QVERIFY(!maxi.login(QStringLiteral("maxi"), TestPassword).isError());
    auto window = openWindow(QStringLiteral("mona"));
    QVERIFY(window);
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    auto *dock = window->findChild<QDockWidget *>(QStringLiteral("onlineDock"));
    dock->hide();
    QTest::keyClick(window.get(), Qt::Key_K, Qt::ControlModifier);
    QVERIFY(dock->isVisible());
    auto *filter = window->onlinePanel()->filterBox();
    QTRY_VERIFY(filter->hasFocus());
    // Typing a name and Enter opens that person's profile.
    QTest::keyClicks(filter, QStringLiteral("hohenzollern"));
    auto *list = window->findChild<QListView *>(QStringLiteral("onlineList"));
    QTRY_COMPARE(list->model()->rowCount(), 1); // once presence has her
    QTest::keyClick(filter, Qt::Key_Return);
    QTRY_VERIFY(window->profilePanel()->isVisible());
    auto *name = window->profilePanel()->findChild<QLabel *>(QStringLiteral("profileName"));
    QTRY_COMPARE(name->text(), LongName);
}

// A focused button shows a ring of at least 2 px in the highlight colour all round.
void tst_MainWindow::theFocusRingCanBeSeen()
{
    QWidget window;
    auto *first = new QPushButton(QStringLiteral("First"), &window);
    auto *second = new QPushButton(QStringLiteral("Second"), &window);
    second->move(0, 60);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    first->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(first->hasFocus());
    const QImage focused = first->grab().toImage();
    second->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(!first->hasFocus());
    const QImage unfocused = first->grab().toImage();

    const QColor ring = first->palette().color(QPalette::Active, QPalette::Highlight);
    auto isRing = [&ring](QRgb pixel) {
        const QColor color(pixel);
        return qAbs(color.red() - ring.red()) < 40 && qAbs(color.green() - ring.green()) < 40
                && qAbs(color.blue() - ring.blue()) < 40;
    };
    // Along the middle row and column, each edge has ring pixels when focused and none
    // when not.
    const int midY = focused.height() / 2;
    const int midX = focused.width() / 2;
    int focusedRing = 0;
    int unfocusedRing = 0;
    for (int x = 0; x < 5; ++x) {
        focusedRing += isRing(focused.pixel(x, midY))
                + isRing(focused.pixel(focused.width() - 1 - x, midY));
        unfocusedRing += isRing(unfocused.pixel(x, midY))
                + isRing(unfocused.pixel(unfocused.width() - 1 - x, midY));
    }
    for (int y = 0; y < 5; ++y) {
        focusedRing += isRing(focused.pixel(midX, y))
                + isRing(focused.pixel(midX, focused.height() - 1 - y));
        unfocusedRing += isRing(unfocused.pixel(midX, y))
                + isRing(unfocused.pixel(midX, unfocused.height() - 1 - y));
    }
    QVERIFY2(focusedRing >= 8, qPrintable(QString::number(focusedRing)));
    QCOMPARE(unfocusedRing, 0);
}

// With the high-contrast palette, every widget on every tab is light text on black: a widget
// that kept a light background of its own (a style sheet, a colour in a delegate) is mostly
// light pixels. The announcement bar and the profile are on screen too.
void tst_MainWindow::highContrastLeavesNothingLight()
{
    TestClient mona;
    QVERIFY(mona.open(m_server.url()));
    QVERIFY(!mona.hello().isError());
    QVERIFY(!mona.login(QStringLiteral("mona"), TestPassword).isError());
    QVERIFY(!mona.request(Protocol::Type::Announce,
                          {{QStringLiteral("clientId"), QStringLiteral("hc1")},
                           {QStringLiteral("text"), QStringLiteral("Lunch is served in hall 2")}})
                     .isError());
    auto window = openWindow(QStringLiteral("mona"));
    QVERIFY(window);
    window->resize(960, 640);
    window->openProfile(m_longNameId);
    QTRY_VERIFY(window->announcementBar()->isVisible());
    const QColor desktopWindow = QApplication::palette().color(QPalette::Window);
    Appearance::setHighContrast(true);
    QVERIFY(Appearance::isHighContrast());
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("centralTabs"));
    for (int index = 0; index < tabs->count(); ++index) {
        tabs->setCurrentIndex(index);
        QCoreApplication::processEvents();
        const QList<QWidget *> widgets = window->findChildren<QWidget *>();
        for (QWidget *widget : widgets) {
            if (!widget->isVisible() || widget->width() < 24 || widget->height() < 12)
                continue;
            const QImage image = widget->grab().toImage();
            qint64 light = 0;
            for (int y = 0; y < image.height(); ++y) {
                for (int x = 0; x < image.width(); ++x)
                    light += QColor(image.pixel(x, y)).lightnessF() > 0.6;
            }
            const double share = double(light) / (image.width() * image.height());
            QVERIFY2(share < 0.4,
                     qPrintable(QStringLiteral("%1, %2 \"%3\": %4 % light")
                                        .arg(tabs->tabText(index),
                                             QString::fromLatin1(widget->metaObject()->className()),
                                             widget->objectName())
                                        .arg(share * 100, 0, 'f', 1)));
        }
    }
    // Off again: the desktop's palette, as before.
    Appearance::setHighContrast(false);
    QCOMPARE(QApplication::palette().color(QPalette::Window), desktopWindow);
}

// At 200 % a 1920 x 1080 screen is 960 x 540 device-independent pixels, less a panel and
// the title bar: the window, a profile open, must fit (layouts are in those pixels, so this
// holds at any scale).
void tst_MainWindow::fitsAFullHdScreenAtTwiceTheScale()
{
    auto window = openWindow(QStringLiteral("mona"));
    QVERIFY(window);
    window->openProfile(m_longNameId);
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("centralTabs"));
    // Room for a profile beside every tab: a 960 px window, less who's online, shared three
    // to two.
    QStringList tooWide;
    for (int index = 0; index < tabs->count(); ++index) {
        const int pageMinimum = tabs->widget(index)->minimumSizeHint().width();
        if (pageMinimum > 430)
            tooWide.append(
                    QStringLiteral("%1 needs %2 px").arg(tabs->tabText(index)).arg(pageMinimum));
    }
    QVERIFY2(tooWide.isEmpty(), qPrintable(tooWide.join(QStringLiteral(", "))));
    for (int index = 0; index < tabs->count(); ++index) {
        tabs->setCurrentIndex(index);
        const QSize minimum = window->minimumSizeHint().expandedTo(window->minimumSize());
        QVERIFY2(minimum.width() <= 960 && minimum.height() <= 480,
                 qPrintable(QStringLiteral("%1: %2 x %3")
                                    .arg(tabs->tabText(index))
                                    .arg(minimum.width())
                                    .arg(minimum.height())));
    }
}

namespace {
// The hints in the visible text fields of window that do not fit their field: a line edit
// elides its placeholder, a text edit wraps it and shows the first line only.
QStringList cutHints(QWidget *window)
{
    QStringList cut;
    for (QLineEdit *field : window->findChildren<QLineEdit *>()) {
        if (!field->isVisible() || field->placeholderText().isEmpty())
            continue;
        // What QLineEdit draws in: inside its frame, its text margins and 2 px on each side.
        const int frame = field->style()->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, field);
        const QMargins margins = field->textMargins();
        const int room =
                field->contentsRect().width() - 2 * frame - margins.left() - margins.right() - 4;
        if (field->fontMetrics().horizontalAdvance(field->placeholderText()) > room)
            cut.append(field->objectName() + QStringLiteral(": ") + field->placeholderText());
    }
    for (QPlainTextEdit *field : window->findChildren<QPlainTextEdit *>()) {
        if (!field->isVisible() || field->placeholderText().isEmpty())
            continue;
        const int room = field->viewport()->width()
                - int(std::ceil(2 * field->document()->documentMargin()));
        if (field->fontMetrics().horizontalAdvance(field->placeholderText()) > room)
            cut.append(field->objectName() + QStringLiteral(": ") + field->placeholderText());
    }
    return cut;
}
} // namespace

// Every hint in an empty field can be read whole at the size the window first opens at, on
// every tab, and with a profile open beside it.
void tst_MainWindow::noHintIsCutAtTheDefaultSize()
{
    auto window = openWindow(QStringLiteral("mona"));
    QVERIFY(window);
    QCOMPARE(window->size(), QSize(960, 640));
    window->chatPanel()->openConversation(m_longNameId, LongName);
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("centralTabs"));
    QStringList cut;
    for (const bool withProfile : {false, true}) {
        for (int index = 0; index < tabs->count(); ++index) {
            tabs->setCurrentIndex(index);
            if (withProfile)
                window->openProfile(m_longNameId);
            for (int pass = 0; pass < 3; ++pass)
                QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            for (const QString &hint : cutHints(window.get()))
                cut.append(QStringLiteral("%1%2: %3")
                                   .arg(tabs->tabText(index).remove(QLatin1Char('&')),
                                        withProfile ? QStringLiteral(" with a profile") : QString(),
                                        hint));
        }
    }
    QVERIFY2(cut.isEmpty(), qPrintable(cut.join(QStringLiteral("\n"))));
}

// A profile opened beside a conversation takes its width from the list of conversations
// first, and gives it back when it closes.
void tst_MainWindow::theConversationKeepsRoomBesideAProfile()
{
    auto window = openWindow(QStringLiteral("mona"));
    QVERIFY(window);
    ChatPanel *chat = window->chatPanel();
    chat->openConversation(m_longNameId, LongName);
    auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("centralTabs"));
    tabs->setCurrentWidget(chat);
    auto *splitter = chat->findChild<QSplitter *>(QStringLiteral("chatSplitter"));
    QTRY_VERIFY(splitter->isVisible());
    const QList<int> before = splitter->sizes();

    window->openProfile(m_longNameId);
    QTRY_VERIFY(window->profilePanel()->isVisible());
    for (int pass = 0; pass < 3; ++pass)
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    const QList<int> beside = splitter->sizes();
    // The list narrowed, and the conversation is still the wider of the two.
    QVERIFY2(beside.at(0) < before.at(0) && beside.at(1) > beside.at(0),
             qPrintable(QStringLiteral("list %1 px, conversation %2 px (were %3 and %4)")
                                .arg(beside.at(0))
                                .arg(beside.at(1))
                                .arg(before.at(0))
                                .arg(before.at(1))));

    window->closeProfile();
    QTRY_COMPARE(splitter->sizes(), before);
}

// Attendees join a room hosted on this computer at its network address, not at the loopback
// address the app itself connected to.
void tst_MainWindow::theProjectorShowsTheAddressOfTheRoomHostedHere()
{
    auto window = openWindow(QStringLiteral("mona"));
    QVERIFY(window);
    window->setHostedRoom(QStringLiteral("ws://192.0.2.7:8470"), true, QStringLiteral("/tmp/r.db"));
    QTRY_VERIFY(window->hubPanel()->currentHubId() > 0);
    window->hubPanel()->present();
    QVERIFY(window->hubPanel()->presenterView());
    QCOMPARE(window->hubPanel()->presenterView()->joinText(),
             QStringLiteral("Join at ws://192.0.2.7:8470"));
    window->hubPanel()->presenterView()->close();
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
