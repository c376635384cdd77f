// SPDX-License-Identifier: MIT
// The Feed tab on real widgets against a real server, read as in a busy room: what you read
// stays put while 50 facts arrive above, a "50 new facts" button takes you to the top; at the
// top new facts simply show; your own facts are marked; times read "5 min ago" with the full
// date on hover; an empty feed says what to do; a moderator's hide asks once and offers Undo
// in place, and the author's app says that a moderator hid their fact.
#include "appfixtures.h"
#include "factcomposer.h"
#include "factdelegate.h"
#include "factfeedmodel.h"
#include "feedpanel.h"
#include "hallwayclient.h"
#include "protocol.h"
#include "snapshot.h"
#include "testclient.h"
#include "testserver.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <functional>
#include <memory>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
// The app side of the test: a client, the community feed and the panel on screen.
// Declared in the order they are built; the panel goes first, the client last.
struct FeedApp {
    HallwayClient client;
    std::unique_ptr<FactFeedModel> ownedFeed{FactFeedModel::community(&client)};
    FactFeedModel *feed = ownedFeed.get();
    FeedPanel panel{&client, feed};

    FeedApp()
    {
        panel.resize(520, 420);
        panel.show();
    }
};

qint64 factIdOf(const Envelope &posted)
{
    return posted.data.value(QStringLiteral("fact"))
            .toObject()
            .value(QStringLiteral("id"))
            .toInteger();
}

Envelope post(TestClient &client, const QString &text)
{
    static int clientIds = 0;
    return client.request(Protocol::Type::PostFact,
                          {{QStringLiteral("clientId"), QStringLiteral("f%1").arg(++clientIds)},
                           {QStringLiteral("text"), text}});
}

int rowOf(const FactFeedModel *feed, const QString &text)
{
    for (int row = 0; row < feed->rowCount(); ++row) {
        if (feed->index(row).data(FactFeedModel::TextRole).toString() == text)
            return row;
    }
    return -1;
}

// The fact at the top edge of the list, as the reader sees it.
QModelIndex firstVisible(QListView *list)
{
    return list->indexAt(QPoint(10, 0));
}

// Answers the next message box the app opens (a modal dialog runs its own loop, so the answer
// must already be waiting for it). The poll belongs to owner and gives up after 10 s, so that
// it never outlives what it captured.
void answerNextMessageBox(QObject *owner, const std::function<void(QMessageBox *)> &answer)
{
    constexpr int IntervalMs = 10;
    constexpr int GiveUpAfter = 10'000 / IntervalMs;
    auto *poll = new QTimer(owner);
    poll->setInterval(IntervalMs);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer, tries = 0]() mutable {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box && ++tries < GiveUpAfter)
            return;
        poll->stop();
        poll->deleteLater();
        if (box)
            answer(box);
    });
    poll->start();
}
} // namespace

class tst_FeedPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void readingPositionHoldsWhileFactsArrive();
    void aLongBurstKeepsTheReadingPositionWithinTheCap();
    void atTheTopNewFactsSimplyShow();
    void ownFactsAreMarked();
    void timesReadRelativeWithTheDateOnHover_data();
    void timesReadRelativeWithTheDateOnHover();
    void emptyFeedSaysWhatToDo();
    void hidingAsksOnceThenOffersUndo();
    void authorIsToldThatAModeratorHidTheirFact();

private:
    TestServer m_server;
};

void tst_FeedPanel::initTestCase()
{
    // Every fact goes out at once: the test counts them one by one.
    m_server.setConfig(QStringLiteral("[facts]\ncommunity_interval_ms=0\n"));
    QVERIFY(m_server.start());
    QVERIFY(m_server.createModerator(QStringLiteral("feedmod"), TestPassword));
}

void tst_FeedPanel::readingPositionHoldsWhileFactsArrive()
{
    auto poster = signedIn(m_server.url(), QStringLiteral("busyposter"), SignIn::LoginOrRegister);
    QVERIFY(poster);
    for (int i = 0; i < 20; ++i)
        QVERIFY(!post(*poster, QStringLiteral("Earlier fact %1").arg(i)).isError());

    FeedApp app;
    QVERIFY(registerInApp(app.client, m_server.url(), QStringLiteral("busyreader")));
    QListView *list = app.panel.list();
    QTRY_COMPARE(app.feed->rowCount(), 20);
    QCOMPARE(app.feed->index(0).data().toString(), QStringLiteral("Earlier fact 19"));

    // The reader scrolls down into the feed.
    QScrollBar *bar = list->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 100);
    bar->setValue(bar->maximum() / 2);
    const QModelIndex reading = firstVisible(list);
    QVERIFY(reading.isValid());
    const QString readText = reading.data().toString();
    const int readTop = list->visualRect(reading).top();
    QVERIFY(!app.panel.newFactsButton()->isVisible());

    // 50 facts arrive from someone else, one at a time.
    for (int i = 0; i < 50; ++i)
        QVERIFY(!post(*poster, QStringLiteral("New fact %1").arg(i)).isError());
    QTRY_COMPARE(app.panel.newFactCount(), 50);
    // None of what was being read was pushed out of the feed meanwhile.
    QCOMPARE(app.feed->rowCount(), 70);
    QCOMPARE(app.feed->index(0).data().toString(), QStringLiteral("New fact 49"));

    // What the reader was looking at has not moved a pixel.
    const QModelIndex stillReading = firstVisible(list);
    QCOMPARE(stillReading.data().toString(), readText);
    QCOMPARE(list->visualRect(stillReading).top(), readTop);
    QToolButton *button = app.panel.newFactsButton();
    QVERIFY(button->isVisible());
    // "50 new facts" with the English catalogue; the test runs without one ("fact(s)").
    QVERIFY2(button->text().contains(QStringLiteral("50 new fact")), qPrintable(button->text()));
    QVERIFY(!button->accessibleName().isEmpty());
    snapshot(&app.panel, QStringLiteral("feed-new-facts"));
    // Floating over the top of the list, in the middle.
    const QRect area = list->viewport()->geometry();
    QVERIFY(button->geometry().top() < area.top() + area.height() / 4);
    QVERIFY(qAbs(button->geometry().center().x() - area.center().x()) <= 2);

    // The button takes the reader to the newest, and goes; the feed is its size again.
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(bar->value(), bar->minimum());
    QVERIFY(!button->isVisible());
    QCOMPARE(app.panel.newFactCount(), 0);
    QCOMPARE(firstVisible(list).data().toString(), QStringLiteral("New fact 49"));
    QCOMPARE(app.feed->rowCount(), 20);
}

void tst_FeedPanel::aLongBurstKeepsTheReadingPositionWithinTheCap()
{
    auto poster = signedIn(m_server.url(), QStringLiteral("floodposter"), SignIn::LoginOrRegister);
    QVERIFY(poster);
    for (int i = 0; i < 20; ++i)
        QVERIFY(!post(*poster, QStringLiteral("Before the flood %1").arg(i)).isError());
    FeedApp app;
    QVERIFY(registerInApp(app.client, m_server.url(), QStringLiteral("floodreader")));
    QListView *list = app.panel.list();
    QTRY_COMPARE(rowOf(app.feed, QStringLiteral("Before the flood 19")), 0);
    QCOMPARE(app.feed->rowCount(), 20);
    QScrollBar *bar = list->verticalScrollBar();
    QTRY_VERIFY(bar->maximum() > 100);
    bar->setValue(bar->maximum() / 2);
    const QModelIndex reading = firstVisible(list);
    QVERIFY(reading.isValid());
    const QString readText = reading.data().toString();
    const int readTop = list->visualRect(reading).top();
    const int cap = app.feed->holdingCap();
    QCOMPARE(cap, 200); // ten times the server's 20

    // 300 facts come in above, more than the cap.
    for (int i = 0; i < 300; ++i)
        QVERIFY(!post(*poster, QStringLiteral("Flood %1").arg(i)).isError());
    QTRY_COMPARE_WITH_TIMEOUT(app.panel.newFactCount(), 300, 20'000);
    QCOMPARE(app.feed->index(0).data().toString(), QStringLiteral("Flood 299"));

    // What is being read has not moved, and of the older facts only those in sight stay.
    const QModelIndex stillReading = firstVisible(list);
    QCOMPARE(stillReading.data().toString(), readText);
    QCOMPARE(list->visualRect(stillReading).top(), readTop);
    const QModelIndex lastInSight =
            list->indexAt(QPoint(10, list->viewport()->height() - 1)).isValid()
            ? list->indexAt(QPoint(10, list->viewport()->height() - 1))
            : app.feed->index(app.feed->rowCount() - 1);
    QVERIFY2(app.feed->rowCount() <= qMax(cap, lastInSight.row() + 1),
             qPrintable(QStringLiteral("%1 rows, cap %2, last in sight %3")
                                .arg(app.feed->rowCount())
                                .arg(cap)
                                .arg(lastInSight.row())));
    QVERIFY(app.feed->rowCount() < 320);
    QCOMPARE(app.feed->index(app.feed->rowCount() - 1), lastInSight);

    // Back at the top, the feed is its size again.
    QTest::mouseClick(app.panel.newFactsButton(), Qt::LeftButton);
    QCOMPARE(app.feed->rowCount(), 20);
    QCOMPARE(firstVisible(list).data().toString(), QStringLiteral("Flood 299"));
}

void tst_FeedPanel::atTheTopNewFactsSimplyShow()
{
    auto poster = signedIn(m_server.url(), QStringLiteral("topposter"), SignIn::LoginOrRegister);
    QVERIFY(poster);
    for (int i = 0; i < 20; ++i)
        QVERIFY(!post(*poster, QStringLiteral("Filler %1").arg(i)).isError());
    FeedApp app;
    QVERIFY(registerInApp(app.client, m_server.url(), QStringLiteral("topreader")));
    QTRY_COMPARE(rowOf(app.feed, QStringLiteral("Filler 19")), 0);
    QScrollBar *bar = app.panel.list()->verticalScrollBar();
    QCOMPARE(bar->value(), bar->minimum());

    for (int i = 0; i < 3; ++i)
        QVERIFY(!post(*poster, QStringLiteral("Fresh at the top %1").arg(i)).isError());
    QTRY_COMPARE(rowOf(app.feed, QStringLiteral("Fresh at the top 2")), 0);
    QCOMPARE(firstVisible(app.panel.list()).data().toString(),
             QStringLiteral("Fresh at the top 2"));
    QCOMPARE(bar->value(), bar->minimum());
    QCOMPARE(app.panel.newFactCount(), 0);
    QVERIFY(!app.panel.newFactsButton()->isVisible());
}

void tst_FeedPanel::ownFactsAreMarked()
{
    auto other = signedIn(m_server.url(), QStringLiteral("notme"), SignIn::LoginOrRegister);
    QVERIFY(other);
    FeedApp app;
    QVERIFY(registerInApp(app.client, m_server.url(), QStringLiteral("markedme")));
    QVERIFY(!post(*other, QStringLiteral("Not mine")).isError());
    QTRY_VERIFY(rowOf(app.feed, QStringLiteral("Not mine")) >= 0);

    // Posted from the composer, as a person does.
    auto *edit = app.panel.composer()->findChild<QLineEdit *>(QStringLiteral("factEdit"));
    QTest::keyClicks(edit, QStringLiteral("Mine, all mine"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(rowOf(app.feed, QStringLiteral("Mine, all mine")) >= 0);
    // Marked while it goes out, and once stored.
    QVERIFY(app.feed->index(rowOf(app.feed, QStringLiteral("Mine, all mine")))
                    .data(FactFeedModel::IsOwnRole)
                    .toBool());
    QTRY_VERIFY(!app.feed->index(rowOf(app.feed, QStringLiteral("Mine, all mine")))
                         .data(FactFeedModel::PendingRole)
                         .toBool());
    QVERIFY(app.feed->index(rowOf(app.feed, QStringLiteral("Mine, all mine")))
                    .data(FactFeedModel::IsOwnRole)
                    .toBool());
    QVERIFY(!app.feed->index(rowOf(app.feed, QStringLiteral("Not mine")))
                     .data(FactFeedModel::IsOwnRole)
                     .toBool());
    snapshot(&app.panel, QStringLiteral("feed-own-fact"));
    // Selected, the row is all highlight: the "You" badge turns inside out to stay visible.
    QListView *list = app.panel.list();
    const QModelIndex own = app.feed->index(rowOf(app.feed, QStringLiteral("Mine, all mine")));
    QVERIFY(QTest::qWaitForWindowActive(&app.panel));
    list->setFocus();
    list->setCurrentIndex(own);
    QVERIFY(list->selectionModel()->isSelected(own));
    QStyleOptionViewItem option;
    option.initFrom(list->viewport());
    option.font = list->font();
    option.widget = list;
    option.rect = list->visualRect(own);
    auto *delegate = qobject_cast<FactDelegate *>(list->itemDelegate());
    QVERIFY(delegate);
    const QRect name = delegate->nameRect(option, own);
    const QRect badge(name.right() + 12, name.top(),
                      QFontMetrics(list->font()).horizontalAdvance(QStringLiteral("You")) + 8,
                      name.height());
    const QImage shot = list->viewport()->grab().toImage();
    const QRgb highlight = list->palette().color(QPalette::Active, QPalette::Highlight).rgb();
    const QRgb onHighlight =
            list->palette().color(QPalette::Active, QPalette::HighlightedText).rgb();
    int inverted = 0;
    int invisible = 0;
    for (int y = badge.top() + 2; y <= badge.bottom() - 2; ++y) {
        for (int x = badge.left() + 2; x <= badge.right() - 2; ++x) {
            const QRgb pixel = shot.pixel(x * shot.width() / list->viewport()->width(),
                                          y * shot.height() / list->viewport()->height());
            inverted += (pixel & 0xffffff) == (onHighlight & 0xffffff) ? 1 : 0;
            invisible += (pixel & 0xffffff) == (highlight & 0xffffff) ? 1 : 0;
        }
    }
    QVERIFY2(inverted > invisible,
             qPrintable(QStringLiteral("%1 badge pixels, %2 lost in the highlight")
                                .arg(inverted)
                                .arg(invisible)));

    // The full date and time are a hover away.
    const QModelIndex mine = app.feed->index(rowOf(app.feed, QStringLiteral("Mine, all mine")));
    const QString tooltip = mine.data(Qt::ToolTipRole).toString();
    QVERIFY2(tooltip.contains(QLocale().toString(QDate::currentDate(), QLocale::LongFormat)),
             qPrintable(tooltip));
}

void tst_FeedPanel::timesReadRelativeWithTheDateOnHover_data()
{
    QTest::addColumn<qint64>("secondsAgo");
    QTest::addColumn<QString>("expected");
    const QDateTime now = QDateTime::currentDateTime();
    QTest::newRow("now") << qint64(0) << QStringLiteral("just now");
    QTest::newRow("a clock ahead") << qint64(-30) << QStringLiteral("just now");
    QTest::newRow("59 s") << qint64(59) << QStringLiteral("just now");
    QTest::newRow("5 min") << qint64(5 * 60 + 10) << QStringLiteral("5 min ago");
    if (now.time().hour() >= 2)
        QTest::newRow("2 h") << qint64(2 * 3600 + 5) << QStringLiteral("2 h ago");
    const QDateTime yesterday(now.date().addDays(-1), QTime(14, 5));
    QTest::newRow("yesterday") << yesterday.secsTo(now)
                               << QStringLiteral("yesterday %1")
                                          .arg(QLocale().toString(QTime(14, 5),
                                                                  QLocale::ShortFormat));
    const QDateTime lastWeek(now.date().addDays(-7), QTime(9, 30));
    QTest::newRow("a week ago") << lastWeek.secsTo(now)
                                << QLocale().toString(lastWeek, QLocale::ShortFormat);
}

void tst_FeedPanel::timesReadRelativeWithTheDateOnHover()
{
    QFETCH(qint64, secondsAgo);
    QFETCH(QString, expected);
    const QDateTime now = QDateTime::currentDateTime();
    QCOMPARE(FactDelegate::relativeTime(now.addSecs(-secondsAgo), now), expected);
}

void tst_FeedPanel::emptyFeedSaysWhatToDo()
{
    // A room of its own, where nobody has said anything yet.
    TestServer quiet;
    quiet.setConfig(QStringLiteral("[facts]\ncommunity_interval_ms=0\n"));
    QVERIFY(quiet.start());
    FeedApp app;
    QVERIFY(registerInApp(app.client, quiet.url(), QStringLiteral("firstone")));
    QLabel *empty = app.panel.emptyState();
    QTRY_VERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("No facts yet")));
    QVERIFY(empty->geometry().intersects(app.panel.list()->viewport()->geometry()));
    snapshot(&app.panel, QStringLiteral("feed-empty"));

    auto *edit = app.panel.composer()->findChild<QLineEdit *>(QStringLiteral("factEdit"));
    QTest::keyClicks(edit, QStringLiteral("First!"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(!empty->isVisible());
    QCOMPARE(app.feed->index(0).data().toString(), QStringLiteral("First!"));
}

void tst_FeedPanel::hidingAsksOnceThenOffersUndo()
{
    auto poster = signedIn(m_server.url(), QStringLiteral("rudeposter"), SignIn::LoginOrRegister);
    QVERIFY(poster);
    const QString rude = QStringLiteral("Something rude to hide");
    const Envelope posted = post(*poster, rude);
    QVERIFY(!posted.isError());

    FeedApp app;
    QSignalSpy signedInSpy(&app.client, &HallwayClient::signedIn);
    app.client.signIn(m_server.url(), {QStringLiteral("feedmod"), TestPassword});
    QVERIFY(signedInSpy.wait(10'000));
    QVERIFY(app.client.isModerator());
    QTRY_VERIFY(rowOf(app.feed, rude) >= 0);

    // Asked first; Cancel is the default (Enter cancels), and cancelling changes nothing.
    QString asked;
    bool cancelIsDefault = false;
    answerNextMessageBox(&app.panel, [&asked, &cancelIsDefault](QMessageBox *box) {
        asked = box->text() + QLatin1Char('\n') + box->informativeText();
        cancelIsDefault = box->defaultButton() != nullptr
                && box->defaultButton() == box->button(QMessageBox::Cancel);
        QTest::keyClick(box, Qt::Key_Return);
        if (box->isVisible())
            box->reject(); // whatever Enter did, the test goes on and says what was wrong
    });
    app.panel.askToHide(app.feed->index(rowOf(app.feed, rude)));
    QVERIFY(cancelIsDefault);
    QVERIFY2(asked.contains(rude), qPrintable(asked));
    QVERIFY(asked.contains(QStringLiteral("RUDEPOSTER")));
    QVERIFY(!app.panel.isNoticeShown());
    // Still there once a later fact has come through the same feed.
    QVERIFY(!post(*poster, QStringLiteral("fence after cancel")).isError());
    QTRY_VERIFY(rowOf(app.feed, QStringLiteral("fence after cancel")) >= 0);
    QVERIFY(rowOf(app.feed, rude) >= 0);

    // Hide it: gone from the feed, and the Undo is right there.
    answerNextMessageBox(&app.panel, [](QMessageBox *box) {
        box->findChild<QPushButton *>(QStringLiteral("confirmHideButton"))->click();
    });
    app.panel.askToHide(app.feed->index(rowOf(app.feed, rude)));
    QTRY_COMPARE(rowOf(app.feed, rude), -1);
    QTRY_VERIFY(app.panel.isNoticeShown());
    QVERIFY2(app.panel.noticeText().contains(QStringLiteral("hidden")),
             qPrintable(app.panel.noticeText()));
    QVERIFY(app.panel.undoButton()->isVisible());
    snapshot(&app.panel, QStringLiteral("feed-undo-hide"));

    QTest::mouseClick(app.panel.undoButton(), Qt::LeftButton);
    QTRY_VERIFY(rowOf(app.feed, rude) >= 0);
    QTRY_VERIFY(app.panel.noticeText().contains(QStringLiteral("back")));
    QVERIFY(!app.panel.undoButton()->isVisible());
    QCOMPARE(app.feed->index(rowOf(app.feed, rude)).data(FactFeedModel::FactIdRole).toLongLong(),
             factIdOf(posted));
}

void tst_FeedPanel::authorIsToldThatAModeratorHidTheirFact()
{
    auto moderator = signedIn(m_server.url(), QStringLiteral("feedmod"), SignIn::Login);
    QVERIFY(moderator);
    FeedApp author;
    QVERIFY(registerInApp(author.client, m_server.url(), QStringLiteral("toldinapp")));
    auto *edit = author.panel.composer()->findChild<QLineEdit *>(QStringLiteral("factEdit"));
    const QString text = QStringLiteral("A fact a moderator will not like");
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(rowOf(author.feed, text) >= 0);
    QTRY_VERIFY(author.feed->index(rowOf(author.feed, text))
                        .data(FactFeedModel::FactIdRole)
                        .toLongLong()
                > 0);
    const qint64 factId = author.feed->index(rowOf(author.feed, text))
                                  .data(FactFeedModel::FactIdRole)
                                  .toLongLong();
    QVERIFY(!author.panel.isNoticeShown());

    QVERIFY(!moderator->request(Protocol::Type::HideFact, {{QStringLiteral("factId"), factId}})
                     .isError());
    QTRY_COMPARE(rowOf(author.feed, text), -1);
    QTRY_VERIFY(author.panel.isNoticeShown());
    QCOMPARE(author.panel.noticeText(),
             QStringLiteral("A moderator hid your fact \"%1\".").arg(text));
    QVERIFY(!author.panel.undoButton()->isVisible()); // not theirs to undo
    snapshot(&author.panel, QStringLiteral("feed-author-told"));

    QVERIFY(!moderator
                     ->request(Protocol::Type::HideFact,
                               {{QStringLiteral("factId"), factId},
                                {QStringLiteral("hidden"), false}})
                     .isError());
    QTRY_COMPARE(author.panel.noticeText(),
                 QStringLiteral("A moderator brought back your fact \"%1\".").arg(text));
}

QTEST_MAIN(tst_FeedPanel)
#include "tst_feedpanel.moc"
