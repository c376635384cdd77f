// SPDX-License-Identifier: MIT
// The presenter view on real widgets against a real server: a moderator puts a hub on the
// big screen from the Hubs tab; it is full screen, large and dark, says where to join,
// follows another moderator's live edits and the votes, and Escape takes it down.
#include "charts.h"
#include "hallwayclient.h"
#include "hubpanel.h"
#include "hubsmodel.h"
#include "presencemodel.h"
#include "presenterview.h"
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"
#include "widgetcard.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QVariantAnimation>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString Password = QStringLiteral("presenter-password");

struct Person {
    HallwayClient client;
    PresenceModel presence{&client};
    HubsModel hubs{&client};
    HubPanel panel{&client, &hubs, &presence};

    bool signIn(const QUrl &server, const QString &username, bool registerFirst)
    {
        client.subscribe(Protocol::Topic::Presence); // as HallwayApp does
        QSignalSpy signedIn(&client, &HallwayClient::signedIn);
        if (registerFirst)
            client.registerAccount(server,
                                   {username, username.toUpper(), Password, QStringLiteral("Turin"),
                                    QStringLiteral("Piedmont")});
        else
            client.signIn(server, {username, Password});
        return signedIn.wait(10'000);
    }
};

QList<WidgetKind> kindsOf(const QList<WidgetCard *> &cards)
{
    QList<WidgetKind> kinds;
    for (const WidgetCard *card : cards)
        kinds.append(card->widget().spec.kind);
    return kinds;
}

// A raw client signed in (registered first unless it is a moderator made beforehand).
std::unique_ptr<TestClient> signedIn(const QUrl &server, const QString &username,
                                     bool registerFirst, const QString &city = {})
{
    auto client = std::make_unique<TestClient>();
    if (!client->open(server) || client->hello().isError())
        return nullptr;
    const Envelope reply = registerFirst
            ? client->registerUser(username, Password, username, city, QString())
            : client->login(username, Password);
    return reply.isError() ? nullptr : std::move(client);
}

Envelope edit(TestClient &client, const HubEdit &change)
{
    return client.request(change.type(), change.toJson());
}

BarChart *talliesOf(const PresenterView &view)
{
    for (WidgetCard *card : view.cards()) {
        if (card->widget().spec.kind == WidgetKind::Talks)
            return card->findChild<BarChart *>(QStringLiteral("talkTallies"));
    }
    return nullptr;
}
} // namespace

class tst_PresenterView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void aModeratorPresentsAHubThatFollowsLiveEdits();
    void anEmptyOrDeletedHubSaysSo();
    void barsGlideToANewTally();
    void aBusyHubFitsTheScreenWithoutScrolling_data();
    void aBusyHubFitsTheScreenWithoutScrolling();

private:
    qint64 busyHub(); // made on first use, with its people kept online
    TestServer m_server;
    qint64 m_busyHub = 0;
    std::vector<std::unique_ptr<TestClient>> m_crowd;
};

void tst_PresenterView::initTestCase()
{
    // Tallies and the community feed at once: the big screen is checked against what was sent.
    m_server.setConfig(
            QStringLiteral("[talks]\ntally_interval_ms=0\n[facts]\ncommunity_interval_ms=0\n"
                           "[abuse]\nposts_burst=100\n"));
    QVERIFY(m_server.start());
    QVERIFY(m_server.createModerator(QStringLiteral("mod"), Password));
    QVERIFY(m_server.createModerator(QStringLiteral("stage"), Password));
}

void tst_PresenterView::aModeratorPresentsAHubThatFollowsLiveEdits()
{
    Person moderator;
    Person attendee;
    moderator.panel.show();
    attendee.panel.show();
    QVERIFY(moderator.signIn(m_server.url(), QStringLiteral("mod"), false));
    QVERIFY(attendee.signIn(m_server.url(), QStringLiteral("guest"), true));
    QTRY_VERIFY(!moderator.panel.cards().isEmpty());
    QTRY_VERIFY(!attendee.panel.cards().isEmpty());

    // The button is the moderators' alone.
    auto *present = moderator.panel.findChild<QPushButton *>(QStringLiteral("presentHub"));
    QVERIFY(present);
    QTRY_VERIFY(present->isVisible());
    QVERIFY(present->isEnabled());
    QVERIFY(!attendee.panel.findChild<QPushButton *>(QStringLiteral("presentHub"))->isVisible());

    // A talk with no votes yet, to watch its bar on the big screen.
    auto speaker = signedIn(m_server.url(), QStringLiteral("speaker"), true);
    QVERIFY(speaker);
    const Envelope proposed =
            speaker->request(Protocol::Type::ProposeTalk,
                             {{QStringLiteral("clientId"), QStringLiteral("t1")},
                              {QStringLiteral("title"), QStringLiteral("Slides are optional")}});
    QVERIFY(!proposed.isError());
    const qint64 talkId = proposed.data.value(QStringLiteral("talk"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toInteger();

    // One screen here (offscreen), so no question: it goes full screen at once.
    QCOMPARE(QGuiApplication::screens().size(), 1);
    QTest::mouseClick(present, Qt::LeftButton);
    PresenterView *view = moderator.panel.presenterView();
    QVERIFY(view);
    QTRY_VERIFY(view->isVisible());
    QVERIFY(view->windowState() & Qt::WindowFullScreen);
    QCOMPARE(view->screen(), QGuiApplication::primaryScreen());
    QCOMPARE(kindsOf(view->cards()), kindsOf(moderator.panel.cards()));
    QCOMPARE(view->titleText(), QStringLiteral("Lobby"));
    // Where to join: the address this app is connected to.
    QCOMPARE(view->joinText(),
             QStringLiteral("Join at ws://%1:%2").arg(m_server.url().host()).arg(m_server.port()));
    auto *hint = view->findChild<QLabel *>(QStringLiteral("presenterHint"));
    QVERIFY(hint->isVisible());
    QCOMPARE(hint->text(), QStringLiteral("Esc to leave"));
    // Large type, white on dark.
    QVERIFY(view->font().pixelSize() >= 20);
    QVERIFY(view->font().pixelSize() > moderator.panel.font().pointSize() * 2);
    QVERIFY(view->palette().color(QPalette::Window).lightness() < 40);
    QCOMPARE(view->palette().color(QPalette::WindowText), QColor(Qt::white));
    QVERIFY(!view->findChild<QToolButton *>(QStringLiteral("remove"))
            || !view->findChild<QToolButton *>(QStringLiteral("remove"))->isVisible());

    // Its talks are bars; the talk is there with no vote.
    BarChart *tallies = talliesOf(*view);
    QVERIFY(tallies);
    const QString talkLabel = QStringLiteral("Slides are optional (speaker)");
    QTRY_COMPARE(tallies->bars().value(0), (std::pair<QString, qint64>(talkLabel, 0)));

    // Another moderator edits the hub from elsewhere: the big screen follows.
    auto stage = signedIn(m_server.url(), QStringLiteral("stage"), false);
    QVERIFY(stage);
    HubEdit add;
    add.operation = HubEdit::Operation::AddWidget;
    add.hubId = view->hubId();
    add.spec = WidgetSpec::make(WidgetKind::Presence, {{QStringLiteral("limit"), 5}}).value();
    QVERIFY(!edit(*stage, add).isError());
    QTRY_COMPARE(view->cards().size(), moderator.panel.cards().size());
    QCOMPARE(view->cards().last()->widget().spec.topic(),
             QStringLiteral("widget.presence?limit=5"));
    HubEdit rename;
    rename.operation = HubEdit::Operation::Rename;
    rename.hubId = view->hubId();
    rename.name = QStringLiteral("Main stage");
    QVERIFY(!edit(*stage, rename).isError());
    QTRY_COMPARE(view->titleText(), QStringLiteral("Main stage"));
    QVERIFY(view->windowTitle().contains(QStringLiteral("Main stage")));
    // The cards that stayed kept their data: the tally is still there.
    QCOMPARE(talliesOf(*view), tallies);

    // A vote moves the bar, all the way.
    QVERIFY(!attendee.client.isModerator());
    auto voter = signedIn(m_server.url(), QStringLiteral("voter"), true);
    QVERIFY(voter);
    QVERIFY(!voter->request(Protocol::Type::ToggleVote,
                            {{QStringLiteral("clientId"), QStringLiteral("v1")},
                             {QStringLiteral("talkId"), talkId}})
                     .isError());
    QTRY_COMPARE(tallies->bars().value(0).second, 1);
    QTRY_COMPARE(tallies->shownValue(0), 1.0);
    // The room in numbers on the big screen counts it too, within seconds.
    QLabel *votes = nullptr;
    for (WidgetCard *card : view->cards()) {
        if (card->widget().spec.kind == WidgetKind::Stats)
            votes = card->findChild<QLabel *>(QStringLiteral("statsVotes"));
    }
    QVERIFY(votes);
    QTRY_COMPARE_WITH_TIMEOUT(votes->text(), QStringLiteral("1"), 5000);

    // The README's picture of it (not a check): HALLWAY_PRESENTER_SCREENSHOT=path, or
    // HALLWAY_SCREENSHOT_DIR=folder for folder/presenter.png (under Xvfb, QT_QPA_PLATFORM=xcb).
    QString shot = qEnvironmentVariable("HALLWAY_PRESENTER_SCREENSHOT");
    if (const QString folder = qEnvironmentVariable("HALLWAY_SCREENSHOT_DIR");
        shot.isEmpty() && !folder.isEmpty())
        shot = QDir(folder).filePath(QStringLiteral("presenter.png"));
    if (!shot.isEmpty()) {
        // A room worth a picture: a few people from a few places, their facts, a second talk.
        const QList<std::pair<QString, QString>> guests = {
                {QStringLiteral("ada"), QStringLiteral("London")},
                {QStringLiteral("grace"), QStringLiteral("New York")},
                {QStringLiteral("linus"), QStringLiteral("Portland")}};
        std::vector<std::unique_ptr<TestClient>> room;
        for (const auto &[name, city] : guests) {
            room.push_back(signedIn(m_server.url(), name, true, city));
            QVERIFY(room.back());
            QVERIFY(!room.back()
                             ->request(Protocol::Type::PostFact,
                                       {{QStringLiteral("clientId"), QStringLiteral("f")},
                                        {QStringLiteral("text"),
                                         QStringLiteral("Hello from %1!").arg(city)}})
                             .isError());
        }
        const Envelope second =
                room.front()->request(Protocol::Type::ProposeTalk,
                                      {{QStringLiteral("clientId"), QStringLiteral("t2")},
                                       {QStringLiteral("title"),
                                        QStringLiteral("What the Analytical Engine taught me")}});
        for (const auto &guest : room)
            guest->request(Protocol::Type::ToggleVote,
                           {{QStringLiteral("clientId"), QStringLiteral("v")},
                            {QStringLiteral("talkId"),
                             second.data.value(QStringLiteral("talk"))
                                     .toObject()
                                     .value(QStringLiteral("id"))
                                     .toInteger()}});
        QTRY_COMPARE_WITH_TIMEOUT(votes->text(), QStringLiteral("4"), 5000);
        QTRY_COMPARE(tallies->shownValue(0), 3.0);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QVERIFY(view->grab().save(shot));
    }

    // Escape leaves it, and it is gone (not just hidden).
    QTest::keyClick(view, Qt::Key_Escape);
    QTRY_VERIFY(!moderator.panel.presenterView());

    // Back to the Lobby's name for the functions after this one.
    rename.name = QStringLiteral("Lobby");
    QVERIFY(!edit(*stage, rename).isError());
}

void tst_PresenterView::anEmptyOrDeletedHubSaysSo()
{
    Person moderator;
    moderator.panel.show();
    QVERIFY(moderator.signIn(m_server.url(), QStringLiteral("mod"), false));
    QTRY_VERIFY(moderator.hubs.rowCount() > 0);
    auto stage = signedIn(m_server.url(), QStringLiteral("stage"), false);
    QVERIFY(stage);
    HubEdit create;
    create.operation = HubEdit::Operation::Create;
    create.name = QStringLiteral("Quiet room");
    const Envelope created = edit(*stage, create);
    QVERIFY(!created.isError());
    const qint64 hubId = created.data.value(QStringLiteral("hub"))
                                 .toObject()
                                 .value(QStringLiteral("id"))
                                 .toInteger();
    QVERIFY(hubId > 0);
    QTRY_VERIFY(moderator.hubs.hub(hubId));
    moderator.panel.showHub(hubId);
    moderator.panel.present(QGuiApplication::primaryScreen());
    PresenterView *view = moderator.panel.presenterView();
    QVERIFY(view);
    QTRY_VERIFY(view->isVisible());
    QCOMPARE(view->titleText(), QStringLiteral("Quiet room"));
    auto *empty = view->findChild<QLabel *>(QStringLiteral("presenterEmpty"));
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("no widgets yet")));

    HubEdit remove;
    remove.operation = HubEdit::Operation::Delete;
    remove.hubId = hubId;
    QVERIFY(!edit(*stage, remove).isError());
    QTRY_COMPARE(view->titleText(), QStringLiteral("This hub was deleted"));
    QVERIFY(empty->text().contains(QStringLiteral("Esc")));
    view->close();
    QTRY_VERIFY(!moderator.panel.presenterView());
}

void tst_PresenterView::barsGlideToANewTally()
{
    // The glide itself, on the chart alone: a new value starts from the old one.
    BarChart chart;
    chart.setAnimated(true);
    chart.resize(400, 100);
    chart.show();
    chart.setBars({{QStringLiteral("A talk"), 2}});
    QTRY_COMPARE(chart.shownValue(0), 2.0);
    auto *glide = chart.findChild<QVariantAnimation *>();
    QVERIFY(glide);
    QSignalSpy steps(glide, &QVariantAnimation::valueChanged);
    chart.setBars({{QStringLiteral("A talk"), 6}});
    QCOMPARE(chart.bars().first().second, 6);
    QVERIFY(chart.shownValue(0) < 6.0); // not there at once
    QCOMPARE(glide->state(), QAbstractAnimation::Running);
    QTRY_COMPARE(chart.shownValue(0), 6.0);
    QVERIFY(steps.size() >= 2);
}

// A hub with more than a screen holds: every kind, long lists, talks with long titles.
const QString LongTitle = QStringLiteral("What the Analytical Engine taught me about debugging");

qint64 tst_PresenterView::busyHub()
{
    if (m_busyHub > 0)
        return m_busyHub;
    auto stage = signedIn(m_server.url(), QStringLiteral("stage"), false);
    if (!stage)
        return 0;
    HubEdit create;
    create.operation = HubEdit::Operation::Create;
    create.name = QStringLiteral("Busy room");
    const Envelope created = edit(*stage, create);
    const qint64 hubId = created.data.value(QStringLiteral("hub"))
                                 .toObject()
                                 .value(QStringLiteral("id"))
                                 .toInteger();
    const QList<std::pair<WidgetKind, int>> kinds = {{WidgetKind::Announcements, 3},
                                                     {WidgetKind::Stats, 0},
                                                     {WidgetKind::Talks, 10},
                                                     {WidgetKind::Presence, 30},
                                                     {WidgetKind::CommunityFeed, 30}};
    for (const auto &[kind, limit] : kinds) {
        HubEdit add;
        add.operation = HubEdit::Operation::AddWidget;
        add.hubId = hubId;
        add.spec = WidgetSpec::make(kind,
                                    limit > 0 ? QJsonObject{{QStringLiteral("limit"), limit}}
                                              : QJsonObject())
                           .value();
        if (edit(*stage, add).isError())
            return 0;
    }
    const QStringList cities = {QStringLiteral("London"),   QStringLiteral("New York"),
                                QStringLiteral("Portland"), QStringLiteral("Berlin"),
                                QStringLiteral("Nairobi"),  QStringLiteral("Lima"),
                                QStringLiteral("Osaka"),    QStringLiteral("Turin")};
    qint64 leading = 0;
    for (qsizetype i = 0; i < cities.size(); ++i) {
        auto person = signedIn(m_server.url(), QStringLiteral("busy%1").arg(i), true, cities.at(i));
        if (!person)
            return 0;
        for (int fact = 0; fact < 3; ++fact)
            person->request(Protocol::Type::PostFact,
                            {{QStringLiteral("clientId"), QStringLiteral("f%1").arg(fact)},
                             {QStringLiteral("text"),
                              QStringLiteral("Fact %1 from %2, long enough to need a line")
                                      .arg(fact)
                                      .arg(cities.at(i))}});
        const QString title = i == 0 ? LongTitle : QStringLiteral("Lightning talk %1").arg(i);
        const Envelope talk = person->request(Protocol::Type::ProposeTalk,
                                              {{QStringLiteral("clientId"), QStringLiteral("t")},
                                               {QStringLiteral("title"), title}});
        if (talk.isError())
            return 0;
        if (i == 0)
            leading = talk.data.value(QStringLiteral("talk"))
                              .toObject()
                              .value(QStringLiteral("id"))
                              .toInteger();
        m_crowd.push_back(std::move(person));
    }
    // Every vote for the long title: it leads the tally.
    for (const auto &person : m_crowd)
        person->request(Protocol::Type::ToggleVote,
                        {{QStringLiteral("clientId"), QStringLiteral("v")},
                         {QStringLiteral("talkId"), leading}});
    m_busyHub = hubId;
    return hubId;
}

void tst_PresenterView::aBusyHubFitsTheScreenWithoutScrolling_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1920x1080") << QSize(1920, 1080);
    QTest::newRow("1280x720") << QSize(1280, 720);
}

void tst_PresenterView::aBusyHubFitsTheScreenWithoutScrolling()
{
    // A projector never scrolls: more than fits is dropped a whole line at a time, the type
    // steps down for what must show in full, and nothing runs off the screen.
    QFETCH(QSize, size);
    const qint64 hubId = busyHub();
    QVERIFY(hubId > 0);
    Person moderator;
    QVERIFY(moderator.signIn(m_server.url(), QStringLiteral("mod"), false));
    QTRY_VERIFY(moderator.hubs.hub(hubId));
    PresenterView view(&moderator.client, &moderator.hubs, hubId);
    view.resize(size);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.size(), size);
    QCOMPARE(view.cards().size(), 5);

    WidgetCard *feed = nullptr;
    WidgetCard *stats = nullptr;
    WidgetCard *announcements = nullptr;
    for (WidgetCard *card : view.cards()) {
        if (card->widget().spec.kind == WidgetKind::CommunityFeed)
            feed = card;
        else if (card->widget().spec.kind == WidgetKind::Stats)
            stats = card;
        else if (card->widget().spec.kind == WidgetKind::Announcements)
            announcements = card;
    }
    QVERIFY(feed && stats && announcements);
    BarChart *tallies = talliesOf(view);
    QVERIFY(tallies);
    QTRY_VERIFY(tallies->bars().size() >= 8); // the room's talks: the busy room's and earlier ones
    QLabel *facts = stats->findChild<QLabel *>(QStringLiteral("statsFacts"));
    QTRY_VERIFY_WITH_TIMEOUT(facts->text().toInt() >= 24, 5000);
    const auto feedLines = [feed]() {
        return feed->findChild<QWidget *>(QStringLiteral("widgetLines"))
                ->findChildren<QLabel *>(Qt::FindDirectChildrenOnly);
    };
    QTRY_VERIFY(feedLines().size() >= 24);
    const auto shownFacts = [&]() {
        const QList<QLabel *> lines = feedLines();
        return std::count_if(lines.cbegin(), lines.cend(),
                             [](const QLabel *line) { return !line->isHidden(); });
    };
    QTRY_VERIFY(shownFacts() >= 3); // once the cards have settled on their room
    // A picture of it at this size (not a check), beside the README's.
    if (const QString folder = qEnvironmentVariable("HALLWAY_SCREENSHOT_DIR"); !folder.isEmpty())
        QVERIFY(view.grab().save(QDir(folder).filePath(
                QStringLiteral("presenter-busy-%1x%2.png").arg(size.width()).arg(size.height()))));

    // No scroll bar anywhere, every card whole on the screen.
    for (const QScrollBar *bar : view.findChildren<QScrollBar *>())
        QVERIFY2(!bar->isVisible(), qPrintable(bar->objectName()));
    for (const WidgetCard *card : view.cards()) {
        QVERIFY(card->isVisible());
        const QRect onScreen(card->mapTo(&view, QPoint(0, 0)), card->size());
        QVERIFY2(view.rect().contains(onScreen),
                 qPrintable(QStringLiteral("%1 at %2,%3 %4x%5")
                                    .arg(HubsModel::kindTitle(card->widget().spec.kind))
                                    .arg(onScreen.x())
                                    .arg(onScreen.y())
                                    .arg(onScreen.width())
                                    .arg(onScreen.height())));
    }
    // A short card is as tall as its content, not as the tallest card beside it.
    QVERIFY(announcements->height() < stats->height() / 2);

    // The feed shows as many facts as fit, whole ones, the newest first.
    const QList<QLabel *> lines = feedLines();
    const QWidget *area = lines.first()->parentWidget();
    qsizetype shown = 0;
    for (const QLabel *line : lines) {
        if (line->isHidden())
            continue;
        ++shown;
        QVERIFY(line->geometry().bottom() <= area->height());
        QVERIFY(QRect(line->mapTo(&view, QPoint(0, 0)), line->size()).bottom()
                <= view.rect().bottom());
    }
    QVERIFY(shown >= 3);
    QVERIFY(shown < lines.size()); // 24 facts do not fit: no scrolling, the oldest give way
    for (qsizetype i = 0; i < shown; ++i)
        QVERIFY(!lines.at(i)->isHidden());

    // A long talk title wraps instead of being cut: shown in full within its row.
    const QString label = QStringLiteral("%1 (busy0)").arg(LongTitle);
    const qsizetype row = [&]() {
        for (qsizetype i = 0; i < tallies->bars().size(); ++i) {
            if (tallies->bars().at(i).first == label)
                return i;
        }
        return qsizetype(-1);
    }();
    QVERIFY(row >= 0);
    QVERIFY(row < tallies->shownRows());
    QCOMPARE(tallies->shownLabel(row), label);
    const QFontMetrics metrics = tallies->fontMetrics();
    const QRect wrapped =
            metrics.boundingRect(QRect(0, 0, tallies->width(), 10'000), Qt::TextWordWrap, label);
    QVERIFY(wrapped.height() > metrics.lineSpacing()); // it does need a second line here
    QVERIFY(wrapped.height() < tallies->rowRect(row).height());
    QVERIFY(tallies->rowRect(row).bottom() < tallies->height());

    // The counts: an equal column each, apart, number above its caption.
    QList<QRect> numbers;
    for (const char *name :
         {"statsPresent", "statsAccounts", "statsFacts", "statsMessages", "statsVotes"}) {
        const QLabel *number = stats->findChild<QLabel *>(QString::fromLatin1(name));
        numbers.append(QRect(number->mapTo(stats, QPoint(0, 0)), number->size()));
    }
    for (const QRect &number : std::as_const(numbers))
        QVERIFY(stats->rect().contains(number)); // none cut off
    for (qsizetype i = 1; i < numbers.size(); ++i) {
        QVERIFY(qAbs(numbers.at(i).width() - numbers.first().width()) <= 2);
        if (numbers.at(i).top() == numbers.at(i - 1).top()) // same row: apart
            QVERIFY(numbers.at(i).left() > numbers.at(i - 1).right() + 8);
    }
    // The posts-per-minute chart has real height on the big screen.
    const auto *chart = stats->findChild<ColumnChart *>(QStringLiteral("postsPerMinute"));
    QVERIFY(chart->height() >= chart->fontMetrics().height() * 5);
}

QTEST_MAIN(tst_PresenterView)
#include "tst_presenterview.moc"
