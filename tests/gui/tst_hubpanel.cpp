// SPDX-License-Identifier: MIT
// Hubs and moderation on real widgets against a real server: a moderator arranges a hub and
// an attendee's window follows live; the stats widget draws its charts; the moderators' desk
// mutes, lists and lifts, announces to everyone's banner and shows it all in the audit log.
#include "announcementbar.h"
#include "auditlogmodel.h"
#include "charts.h"
#include "errortext.h"
#include "factfeedmodel.h"
#include "hallwayclient.h"
#include "hubpanel.h"
#include "hubsmodel.h"
#include "mainwindow.h"
#include "moderationpanel.h"
#include "presencemodel.h"
#include "protocol.h"
#include "session.h"
#include "testclient.h"
#include "testserver.h"
#include "widgetcard.h"
#include "widgetdialog.h"

#include <QApplication>
#include <QComboBox>
#include <QHelpEvent>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
const QString Password = QStringLiteral("hub-gui-password");

QList<WidgetKind> kindsOf(const HubPanel &panel)
{
    QList<WidgetKind> kinds;
    for (const WidgetCard *card : panel.cards())
        kinds.append(card->widget().spec.kind);
    return kinds;
}

// One person in the app: a client, the models a window keeps, and the hub panel.
struct Person {
    HallwayClient client;
    PresenceModel presence{&client};
    HubsModel hubs{&client};
    HubPanel panel{&client, &hubs, &presence};

    bool signIn(const QUrl &server, const QString &username, bool registerFirst,
                const QString &city = QStringLiteral("Lyon"))
    {
        client.subscribe(Protocol::Topic::Presence); // as HallwayApp does
        QSignalSpy signedIn(&client, &HallwayClient::signedIn);
        if (registerFirst)
            client.registerAccount(server,
                                   {username, username.toUpper(), Password, city,
                                    QStringLiteral("Auvergne-Rhône-Alpes")});
        else
            client.signIn(server, {username, Password});
        return signedIn.wait(10'000);
    }
};

WidgetCard *statsCardOf(const HubPanel &panel)
{
    for (WidgetCard *card : panel.cards()) {
        if (card->widget().spec.kind == WidgetKind::Stats)
            return card;
    }
    return nullptr;
}
} // namespace

class tst_HubPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void moderatorArrangesAHubAndAnAttendeeFollowsLive();
    void aNewHubIsShownOnceCreated();
    void statsWidgetDrawsItsCharts();
    void statsTellTheTruth();
    void emptyStatesSayWhatToDo();
    void widgetDialogBuildsTheSpec();
    void moderatorsDeskMutesAnnouncesAndLogs();
    void screenshotForTheReadme();

private:
    TestServer m_server;
    // A room of its own, with statistics recomputed only hourly on their timer: whatever
    // moves sooner moved because a write or an arrival pushed it.
    TestServer m_quiet;
};

void tst_HubPanel::initTestCase()
{
    m_server.setConfig(
            QStringLiteral("[stats]\ninterval_seconds=1\n[facts]\ncommunity_interval_ms=0\n"));
    QVERIFY(m_server.start());
    QVERIFY(m_server.createModerator(QStringLiteral("mod"), Password));
    m_quiet.setConfig(
            QStringLiteral("[stats]\ninterval_seconds=3600\n[facts]\ncommunity_interval_ms=0\n"));
    QVERIFY(m_quiet.start());
    QVERIFY(m_quiet.createModerator(QStringLiteral("boss"), Password));
}

void tst_HubPanel::moderatorArrangesAHubAndAnAttendeeFollowsLive()
{
    Person moderator;
    Person attendee;
    moderator.panel.show();
    attendee.panel.show();
    QVERIFY(moderator.signIn(m_server.url(), QStringLiteral("mod"), false));
    QVERIFY(attendee.signIn(m_server.url(), QStringLiteral("ann"), true));

    // Both see the Lobby; only the moderator gets the tools.
    const QList<WidgetKind> lobby = {WidgetKind::Announcements, WidgetKind::Stats,
                                     WidgetKind::Talks, WidgetKind::Presence,
                                     WidgetKind::CommunityFeed};
    QTRY_COMPARE(kindsOf(attendee.panel), lobby);
    QTRY_COMPARE(kindsOf(moderator.panel), lobby);
    auto *tools = moderator.panel.findChild<QPushButton *>(QStringLiteral("addWidget"));
    QVERIFY(tools->isVisible());
    QVERIFY(!attendee.panel.findChild<QPushButton *>(QStringLiteral("addWidget"))->isVisible());
    QVERIFY(!attendee.panel.cards()
                     .first()
                     ->findChild<QToolButton *>(QStringLiteral("remove"))
                     ->isVisible());

    // The moderator adds a widget: it appears at the attendee's end of the hub.
    moderator.panel.addWidget(
            WidgetSpec::make(WidgetKind::Talks, {{QStringLiteral("limit"), 3}}).value());
    QTRY_COMPARE(attendee.panel.cards().size(), 6);
    QCOMPARE(attendee.panel.cards().last()->widget().spec.topic(),
             QStringLiteral("widget.talks?limit=3"));

    // Moves it up with its button, then removes the first widget with its own.
    QTRY_COMPARE(moderator.panel.cards().size(), 6);
    QTest::mouseClick(
            moderator.panel.cards().last()->findChild<QToolButton *>(QStringLiteral("moveUp")),
            Qt::LeftButton);
    QTRY_COMPARE(attendee.panel.cards().at(4)->widget().spec.topic(),
                 QStringLiteral("widget.talks?limit=3"));
    QTest::mouseClick(
            moderator.panel.cards().first()->findChild<QToolButton *>(QStringLiteral("remove")),
            Qt::LeftButton);
    QTRY_COMPARE(kindsOf(attendee.panel),
                 (QList<WidgetKind>{WidgetKind::Stats, WidgetKind::Talks, WidgetKind::Presence,
                                    WidgetKind::Talks, WidgetKind::CommunityFeed}));

    // The presence widget lists both people by name.
    WidgetCard *presence = attendee.panel.cards().at(2);
    QTRY_VERIFY(presence->findChild<QLabel *>(QStringLiteral("widgetText"))
                        ->text()
                        .contains(QStringLiteral("ANN")));
    QVERIFY(presence->findChild<QLabel *>(QStringLiteral("widgetText"))
                    ->text()
                    .contains(QStringLiteral("2 online")));

    // A refused edit says why in the panel.
    HubEdit rename;
    rename.operation = HubEdit::Operation::Rename;
    rename.hubId = moderator.panel.currentHubId();
    rename.name = QString(61, QLatin1Char('x'));
    moderator.panel.editHub(rename);
    QTRY_VERIFY(!moderator.panel.errorText().isEmpty());

    // Made a moderator, the attendee gets the tools at once.
    QSignalSpy promoted(&attendee.client, &HallwayClient::currentUserChanged);
    moderator.client.request(Protocol::Type::SetRole,
                             {{QStringLiteral("userId"), attendee.client.currentUser().id},
                              {QStringLiteral("role"), QStringLiteral("moderator")}},
                             this, [](const Expected<QJsonObject> &) {});
    QVERIFY(promoted.wait(5000));
    QVERIFY(attendee.client.isModerator());
    QTRY_VERIFY(attendee.panel.findChild<QPushButton *>(QStringLiteral("addWidget"))->isVisible());
}

void tst_HubPanel::aNewHubIsShownOnceCreated()
{
    Person moderator;
    moderator.panel.show();
    QVERIFY(moderator.signIn(m_server.url(), QStringLiteral("mod"), false));
    auto *picker = moderator.panel.findChild<QComboBox *>(QStringLiteral("hubPicker"));
    QTRY_VERIFY(picker->count() > 0);

    // New hub... asks for a name; the reply comes before the hub's event, and the panel
    // switches to the hub once it is there (it once stayed on the Lobby).
    QTimer::singleShot(0, this, []() {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->setTextValue(QStringLiteral("Track B"));
        dialog->accept();
    });
    QTest::mouseClick(moderator.panel.findChild<QPushButton *>(QStringLiteral("newHub")),
                      Qt::LeftButton);
    QTRY_COMPARE(picker->currentText(), QStringLiteral("Track B"));
    QVERIFY(moderator.hubs.hub(moderator.panel.currentHubId()));
    QCOMPARE(moderator.hubs.hub(moderator.panel.currentHubId())->name, QStringLiteral("Track B"));
    // Back to the Lobby, which the panel remembers for the functions after this one.
    picker->setCurrentIndex(0);
    QCOMPARE(moderator.hubs.hub(moderator.panel.currentHubId())->name, QStringLiteral("Lobby"));
}

void tst_HubPanel::statsWidgetDrawsItsCharts()
{
    Person poster;
    QVERIFY(poster.signIn(m_server.url(), QStringLiteral("poster"), true));
    for (int i = 0; i < 3; ++i)
        poster.client.postFact(QStringLiteral("Fact number %1").arg(i));
    poster.panel.show();
    QTRY_VERIFY(!poster.panel.cards().isEmpty());
    WidgetCard *stats = nullptr;
    for (WidgetCard *card : poster.panel.cards()) {
        if (card->widget().spec.kind == WidgetKind::Stats)
            stats = card;
    }
    QVERIFY(stats);
    auto *cities = stats->findChild<BarChart *>(QStringLiteral("topCities"));
    QTRY_VERIFY_WITH_TIMEOUT(!cities->bars().isEmpty(), 10'000);
    QCOMPARE(cities->bars().first().first, QStringLiteral("Lyon"));
    QCOMPARE(cities->shownLabel(0), QStringLiteral("Lyon")); // a name that fits is whole
    QTRY_COMPARE_WITH_TIMEOUT(cities->bars().first().second, 3, 10'000);
    auto *perMinute = stats->findChild<ColumnChart *>(QStringLiteral("postsPerMinute"));
    QCOMPARE(perMinute->values().size(), 60);
    QCOMPARE(perMinute->values().last() + perMinute->values().at(58), 3);
    QVERIFY(stats->findChild<QLabel *>(QStringLiteral("statsFacts"))->text().toInt() >= 3);
    QVERIFY(cities->grab().width() > 0); // it paints
}

void tst_HubPanel::statsTellTheTruth()
{
    // A place name longer than its column.
    const QString city =
            QStringLiteral("Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch");
    Person here;
    here.panel.resize(520, 900);
    here.panel.show();
    QVERIFY(here.signIn(m_quiet.url(), QStringLiteral("here"), true, city));
    QTRY_VERIFY(statsCardOf(here.panel));
    WidgetCard *stats = statsCardOf(here.panel);
    const auto count = [stats](const char *name) {
        return stats->findChild<QLabel *>(QString::fromLatin1(name))->text();
    };
    // One person here, two accounts (the moderator's is not connected).
    QTRY_COMPARE(count("statsPresent"), QStringLiteral("1"));
    QTRY_COMPARE(count("statsAccounts"), QStringLiteral("2"));
    QCOMPARE(count("statsFacts"), QStringLiteral("0"));

    // No posts in the last hour: the chart says so instead of a scale over nothing.
    auto *perMinute = stats->findChild<ColumnChart *>(QStringLiteral("postsPerMinute"));
    QVERIFY(perMinute->isEmpty());
    QVERIFY(perMinute->peakText().isEmpty());
    QVERIFY(perMinute->emptyText().startsWith(QStringLiteral("No activity yet")));
    QCOMPARE(perMinute->accessibleDescription(), perMinute->emptyText());

    // Someone arrives: here now follows at once, the accounts with them.
    TestClient second;
    QVERIFY(second.open(m_quiet.url()) && !second.hello().isError());
    QVERIFY(!second.registerUser(QStringLiteral("second"), Password).isError());
    QTRY_COMPARE(count("statsPresent"), QStringLiteral("2"));
    QTRY_COMPARE(count("statsAccounts"), QStringLiteral("3"));

    // A post and a message move their counts in seconds, not on the hourly timer.
    here.client.postFact(QStringLiteral("Counting is hard"));
    QTRY_COMPARE_WITH_TIMEOUT(count("statsFacts"), QStringLiteral("1"), 5000);
    QVERIFY(!perMinute->isEmpty());
    QCOMPARE(perMinute->peakText(), QStringLiteral("peak 1 a minute"));
    QVERIFY(!second.request(Protocol::Type::SendMessage,
                            {{QStringLiteral("clientId"), QStringLiteral("m1")},
                             {QStringLiteral("to"), here.client.currentUser().id},
                             {QStringLiteral("text"), QStringLiteral("Hello")}})
                     .isError());
    QTRY_COMPARE_WITH_TIMEOUT(count("statsMessages"), QStringLiteral("1"), 5000);

    // The long city is elided on its bar and given in full in the tooltip.
    auto *cities = stats->findChild<BarChart *>(QStringLiteral("topCities"));
    QTRY_COMPARE(cities->bars().value(0), (std::pair<QString, qint64>(city, 1)));
    QVERIFY(cities->shownLabel(0) != city);
    QVERIFY(cities->shownLabel(0).endsWith(QChar(0x2026)));
    const QPoint at = cities->rowRect(0).center();
    QHelpEvent tip(QEvent::ToolTip, at, cities->mapToGlobal(at));
    QApplication::sendEvent(cities, &tip);
    QTRY_COMPARE(QToolTip::text(), city + QStringLiteral(": 1"));

    // Someone leaves: here now drops; the account stays.
    second.close();
    QTRY_COMPARE(count("statsPresent"), QStringLiteral("1"));
    QCOMPARE(count("statsAccounts"), QStringLiteral("3"));
}

void tst_HubPanel::emptyStatesSayWhatToDo()
{
    Person boss;
    boss.panel.show();
    auto *empty = boss.panel.findChild<QLabel *>(QStringLiteral("hubEmpty"));
    QVERIFY(empty->isVisible());
    QCOMPARE(empty->text(), QStringLiteral("Loading the hubs..."));
    QVERIFY(boss.signIn(m_quiet.url(), QStringLiteral("boss"), false));
    QTRY_VERIFY(!boss.panel.cards().isEmpty());
    QVERIFY(!empty->isVisible());

    // A new hub has no widgets: the moderator is told how to add some.
    HubEdit create;
    create.operation = HubEdit::Operation::Create;
    create.name = QStringLiteral("Side room");
    boss.panel.editHub(create);
    QTRY_COMPARE(boss.hubs.hub(boss.panel.currentHubId())->name, QStringLiteral("Side room"));
    QVERIFY(boss.panel.cards().isEmpty());
    QVERIFY(empty->isVisible());
    QVERIFY(empty->text().contains(QStringLiteral("no widgets yet")));
    QVERIFY(empty->text().contains(QStringLiteral("\"Add widget\"")));
    const qint64 sideRoom = boss.panel.currentHubId();

    // An attendee is told what will come instead.
    Person attendee;
    attendee.panel.show();
    QVERIFY(attendee.signIn(m_quiet.url(), QStringLiteral("visitor"), true));
    QTRY_VERIFY(attendee.hubs.hub(sideRoom));
    attendee.panel.showHub(sideRoom);
    auto *theirs = attendee.panel.findChild<QLabel *>(QStringLiteral("hubEmpty"));
    QVERIFY(theirs->isVisible());
    QVERIFY(theirs->text().contains(QStringLiteral("as soon as a moderator adds them")));
    QVERIFY(!theirs->text().contains(QStringLiteral("Add widget")));

    // The Lobby for the functions after this one.
    boss.panel.showHub(boss.hubs.index(0).data(HubsModel::HubIdRole).toLongLong());
}

void tst_HubPanel::widgetDialogBuildsTheSpec()
{
    Person someone;
    QVERIFY(someone.signIn(m_server.url(), QStringLiteral("dialoguser"), true));
    QTRY_VERIFY(someone.presence.rowCount() > 0);
    WidgetDialog dialog(&someone.presence, std::nullopt);
    dialog.setKind(WidgetKind::UserFacts);
    auto *user = dialog.findChild<QComboBox *>(QStringLiteral("widgetUser"));
    QVERIFY(!user->isHidden());
    QVERIFY(user->count() > 0);
    dialog.setLimit(7);
    const WidgetSpec spec = dialog.spec();
    QCOMPARE(spec.kind, WidgetKind::UserFacts);
    QCOMPARE(spec.limit(), 7);
    QVERIFY(spec.userId() > 0);

    // Changing an existing one keeps its kind.
    WidgetDialog change(&someone.presence, WidgetSpec::make(WidgetKind::Presence, {}).value());
    QVERIFY(!change.findChild<QComboBox *>(QStringLiteral("widgetKind"))->isEnabled());
    QCOMPARE(change.findChild<QSpinBox *>(QStringLiteral("widgetLimit"))->value(), 12);
    QCOMPARE(change.findChild<QSpinBox *>(QStringLiteral("widgetLimit"))->maximum(), 100);
}

void tst_HubPanel::moderatorsDeskMutesAnnouncesAndLogs()
{
    HallwayClient moderator;
    ModerationPanel desk(&moderator);
    desk.show();
    QSignalSpy signedIn(&moderator, &HallwayClient::signedIn);
    moderator.signIn(m_server.url(), {QStringLiteral("mod"), Password});
    QVERIFY(signedIn.wait(10'000));
    desk.setActive(true);

    Person loud;
    AnnouncementBar banner(&loud.client);
    QVERIFY(loud.signIn(m_server.url(), QStringLiteral("loud"), true));

    desk.muteUser(loud.client.currentUser().id, QStringLiteral("LOUD"), 15 * 60);
    QTRY_VERIFY(desk.statusText().contains(QStringLiteral("muted")));
    auto *restricted = desk.findChild<QListWidget *>(QStringLiteral("restrictedList"));
    QTRY_COMPARE(restricted->count(), 1);
    QVERIFY(restricted->item(0)->text().contains(QStringLiteral("muted until")));
    QTRY_VERIFY(desk.auditLog()->rowCount() > 0);
    QVERIFY(desk.auditLog()->index(0).data().toString().contains(
            QStringLiteral("muted LOUD for 15 minute(s)")));

    // The muted person's post is refused with words they understand.
    QSignalSpy rejected(&loud.client, &HallwayClient::factRejected);
    loud.client.postFact(QStringLiteral("LOUD NOISES"));
    QVERIFY(rejected.wait(5000));
    const auto error = rejected.first().at(2).value<Error>();
    QCOMPARE(error.code, ErrorCode::Muted);
    QCOMPARE(errorText(error),
             QStringLiteral("A moderator has muted you. You can post again in 15 minute(s)."));

    // Lift it from the list.
    restricted->setCurrentRow(0);
    QTest::mouseClick(desk.findChild<QPushButton *>(QStringLiteral("liftButton")), Qt::LeftButton);
    QTRY_COMPARE(restricted->count(), 0);
    QTRY_VERIFY(desk.auditLog()->index(0).data().toString().contains(
            QStringLiteral("lifted the mute on LOUD")));

    // A hidden fact comes back from its line in the audit log.
    QSignalSpy posted(&loud.client, &HallwayClient::factPosted);
    loud.client.postFact(QStringLiteral("Quieter now"));
    QVERIFY(posted.wait(5000));
    const qint64 factId = posted.first().first().value<Fact>().id;
    desk.hideFact(factId, true);
    QTRY_COMPARE(desk.auditLog()->index(0).data(AuditLogModel::ActionRole).toString(),
                 QStringLiteral("hide_fact"));
    QVERIFY(desk.bringBack(desk.auditLog()->index(0)));
    QTRY_COMPARE(desk.auditLog()->index(0).data(AuditLogModel::ActionRole).toString(),
                 QStringLiteral("unhide_fact"));
    QVERIFY(!desk.bringBack(desk.auditLog()->index(0))); // nothing to undo on that line

    // An announcement reaches the attendee's banner.
    auto *edit = desk.findChild<QLineEdit *>(QStringLiteral("announcementEdit"));
    QTest::keyClicks(edit, QStringLiteral("Lunch is served"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTRY_VERIFY(banner.text().contains(QStringLiteral("Lunch is served")));
    QTRY_VERIFY(desk.auditLog()->index(0).data().toString().contains(QStringLiteral("announced")));
}

// The README's second picture: a full room on the Hubs tab, with a fresh round of
// statistics; with HALLWAY_HUB_SCREENSHOT=path set, the main window is saved there as well
// (run under Xvfb with QT_QPA_PLATFORM=xcb).
void tst_HubPanel::screenshotForTheReadme()
{
    struct Guest {
        QString name, city, region, fact;
    };
    const QList<Guest> guests = {
            {QStringLiteral("Ada Lovelace"), QStringLiteral("London"), QStringLiteral("England"),
             QStringLiteral("Ask me about the Analytical Engine.")},
            {QStringLiteral("Grace Hopper"), QStringLiteral("New York"), QStringLiteral("New York"),
             QStringLiteral("I brought the nanoseconds.")},
            {QStringLiteral("Linus Torvalds"), QStringLiteral("Portland"), QStringLiteral("Oregon"),
             QStringLiteral("Find me at the coffee machine.")},
            {QStringLiteral("Margaret Hamilton"), QStringLiteral("Boston"),
             QStringLiteral("Massachusetts"), QStringLiteral("Error recovery is a feature.")},
            {QStringLiteral("Dennis Ritchie"), QStringLiteral("New York"),
             QStringLiteral("New York"), QStringLiteral("Small languages, big ideas.")}};
    std::vector<std::unique_ptr<TestClient>> clients;
    qint64 talkId = 0;
    for (const Guest &guest : guests) {
        auto client = std::make_unique<TestClient>();
        QVERIFY(client->open(m_server.url()) && !client->hello().isError());
        QVERIFY(!client->registerUser(QStringLiteral("shot%1").arg(clients.size()), Password,
                                      guest.name, guest.city, guest.region)
                         .isError());
        for (int i = 0; i < 1 + static_cast<int>(clients.size()) % 3; ++i)
            QVERIFY(!client->request(Protocol::Type::PostFact,
                                     {{QStringLiteral("clientId"), QStringLiteral("s%1").arg(i)},
                                      {QStringLiteral("text"), guest.fact}})
                             .isError());
        if (clients.size() < 2) {
            const Envelope talk =
                    client->request(Protocol::Type::ProposeTalk,
                                    {{QStringLiteral("clientId"), QStringLiteral("t")},
                                     {QStringLiteral("title"),
                                      clients.empty() ? QStringLiteral("Notes on the Engine")
                                                      : QStringLiteral("Debugging moths")}});
            talkId = talk.data.value(QStringLiteral("talk"))
                             .toObject()
                             .value(QStringLiteral("id"))
                             .toInteger();
        }
        client->request(Protocol::Type::ToggleVote,
                        {{QStringLiteral("clientId"), QStringLiteral("v")},
                         {QStringLiteral("talkId"), talkId}});
        clients.push_back(std::move(client));
    }
    Session session;
    HallwayClient &client = session.client();
    MainWindow window(&session);
    window.resize(1000, 720);
    window.show();
    QSignalSpy signedIn(&client, &HallwayClient::signedIn);
    client.signIn(m_server.url(), {QStringLiteral("mod"), Password});
    QVERIFY(signedIn.wait(10'000));
    window.moderationPanel()->announce(
            QStringLiteral("The keynote starts in 10 minutes in room A."));
    QSignalSpy pushed(&client, &HallwayClient::topicEvent);
    window.findChild<QTabWidget *>(QStringLiteral("centralTabs"))
            ->setCurrentWidget(window.hubPanel());
    QTRY_VERIFY(!window.hubPanel()->cards().isEmpty());
    // The statistics' next round (every second here) has reached the hub's widgets.
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(pushed.cbegin(), pushed.cend(),
                                         [](const QList<QVariant> &event) {
                                             return event.at(0).toString().startsWith(
                                                     QStringLiteral("widget.stats"));
                                         }),
                             10'000);
    if (const QString path = qEnvironmentVariable("HALLWAY_HUB_SCREENSHOT"); !path.isEmpty())
        QVERIFY(window.grab().save(path));
}

QTEST_MAIN(tst_HubPanel)
#include "tst_hubpanel.moc"
