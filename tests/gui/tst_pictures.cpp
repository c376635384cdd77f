// SPDX-License-Identifier: MIT
// The README's pictures, as scenes an attendee would see in a busy room: the feed with a
// profile open, a chat, and the lightning talks with their tallies. Each scene is built
// against a real server and checked; with HALLWAY_SCREENSHOT_DIR set it is also saved there
// (run under Xvfb with QT_QPA_PLATFORM=xcb for real window decorations; see docs/testing.md).
#include "chatmodel.h"
#include "chatpanel.h"
#include "conversationsmodel.h"
#include "fixtures.h"
#include "mainwindow.h"
#include "profilepanel.h"
#include "protocol.h"
#include "session.h"
#include "snapshot.h"
#include "talkmessages.h"
#include "talksmodel.h"
#include "talkspanel.h"
#include "testclient.h"
#include "testserver.h"

#include <QAction>
#include <QListView>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Hallway;
using namespace Hallway::Test;

namespace {

struct Guest {
    QString username;
    QString name;
    QString city;
    QString fact;
};

const QList<Guest> Guests = {
        {QStringLiteral("ada"), QStringLiteral("Ada Lovelace"), QStringLiteral("London"),
         QStringLiteral("I wrote the first program, before there was a machine to run it.")},
        {QStringLiteral("grace"), QStringLiteral("Grace Hopper"), QStringLiteral("New York"),
         QStringLiteral("Ask me about the moth in the Mark II.")},
        {QStringLiteral("linus"), QStringLiteral("Linus Torvalds"), QStringLiteral("Portland"),
         QStringLiteral("Here for the kernel track; find me at the coffee machine.")},
        {QStringLiteral("margaret"), QStringLiteral("Margaret Hamilton"), QStringLiteral("Boston"),
         QStringLiteral("I care a lot about error recovery.")},
        {QStringLiteral("dennis"), QStringLiteral("Dennis Ritchie"), QStringLiteral("Murray Hill"),
         QStringLiteral("Looking for people who like small languages.")},
};

} // namespace

class tst_Pictures : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void theFeedWithAProfileOpen();
    void aChat();
    void theTalksWithTheirTallies();
    void cleanupTestCase();

private:
    TestServer m_server;
    QTemporaryDir m_settingsDir;
    std::vector<std::unique_ptr<TestClient>> m_guests;
    QHash<QString, qint64> m_ids;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MainWindow> m_window;
    QTranslator m_english; // "4 votes", not "4 vote(s)"
};

// Five guests, each with a fact, one of them away; three talks with votes; then Hanna signs
// in to the app.
void tst_Pictures::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QVERIFY(m_english.load(QStringLiteral("hallway_en"), qEnvironmentVariable("HALLWAY_QM_DIR")));
    QCoreApplication::installTranslator(&m_english);
    QVERIFY(m_server.start());
    int n = 0;
    for (const Guest &guest : Guests) {
        auto client = std::make_unique<TestClient>();
        QVERIFY(client->open(m_server.url()));
        QVERIFY(!client->hello().isError());
        QVERIFY(!client->registerUser(guest.username, TestPassword, guest.name, guest.city)
                         .isError());
        m_ids.insert(guest.username, client->userId());
        QVERIFY(!client->request(Protocol::Type::PostFact,
                                 {{QStringLiteral("clientId"), QStringLiteral("f%1").arg(++n)},
                                  {QStringLiteral("text"), guest.fact}})
                         .isError());
        m_guests.push_back(std::move(client));
    }
    QVERIFY(!m_guests.at(2)
                     ->request(Protocol::Type::SetPresence,
                               {{QStringLiteral("state"), QStringLiteral("away")}})
                     .isError());
    const QList<std::tuple<int, QString, QString>> talks = {
            {0, QStringLiteral("What the Analytical Engine taught me about testing"),
             QStringLiteral("Notes on the first program, and why every program since has "
                            "needed someone to check it.")},
            {1, QStringLiteral("Nanoseconds you can hold"),
             QStringLiteral("A length of wire, and what it says about latency.")},
            {3, QStringLiteral("Error recovery on the way to the Moon"),
             QStringLiteral("Priority scheduling saved Apollo 11's landing. How it was "
                            "designed, and what we still get wrong.")},
    };
    QList<qint64> talkIds;
    for (const auto &[speaker, title, abstract] : talks) {
        const Envelope reply = m_guests.at(speaker)->request(
                Protocol::Type::ProposeTalk, ProposeTalkRequest{title, title, abstract}.toJson());
        QVERIFY(!reply.isError());
        talkIds.append(reply.data.value(QStringLiteral("talk"))
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toInteger());
    }
    // Votes: Apollo 4, the Engine 3, nanoseconds 1.
    const QList<std::pair<int, QList<int>>> votes = {{2, {0, 1, 2, 4}}, {0, {1, 3, 4}}, {1, {0}}};
    for (const auto &[talk, voters] : votes) {
        for (const int voter : voters) {
            QVERIFY(!m_guests.at(voter)
                             ->request(Protocol::Type::ToggleVote,
                                       ToggleVoteRequest{
                                               QStringLiteral("v%1-%2").arg(talk).arg(voter),
                                               talkIds.at(talk)}
                                               .toJson())
                             .isError());
        }
    }

    m_session = std::make_unique<Session>();
    QSignalSpy signedIn(&m_session->client(), &HallwayClient::signedIn);
    m_session->client().registerAccount(m_server.url(),
                                        {QStringLiteral("hanna"),
                                         QStringLiteral("Hanna Arendt"),
                                         TestPassword,
                                         QStringLiteral("Hannover"),
                                         {}});
    QVERIFY(signedIn.wait(10'000));
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_window->resize(1000, 620);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_Pictures::cleanupTestCase()
{
    m_window.reset();
    m_session.reset();
}

void tst_Pictures::theFeedWithAProfileOpen()
{
    QSignalSpy posted(&m_session->client(), &HallwayClient::factPosted);
    m_session->client().postFact(QStringLiteral("Here for the hallway track."));
    QVERIFY(posted.wait(10'000));
    auto *tabs = m_window->findChild<QTabWidget *>(QStringLiteral("centralTabs"));
    tabs->setCurrentIndex(0);
    auto *feed = m_window->findChild<QListView *>(QStringLiteral("communityFeed"));
    QTRY_COMPARE_WITH_TIMEOUT(feed->model()->rowCount(), Guests.size() + 1, 15'000);
    auto *online = m_window->findChild<QListView *>(QStringLiteral("onlineList"));
    QTRY_COMPARE(online->model()->rowCount(), Guests.size() + 1);
    m_window->openProfile(m_ids.value(QStringLiteral("ada")));
    QTRY_COMPARE(m_window->profilePanel()->factList()->model()->rowCount(), 1);
    QVERIFY(snapshot(m_window.get(), QStringLiteral("main-window")));
}

void tst_Pictures::aChat()
{
    const qint64 hanna = m_session->client().currentUser().id;
    auto say = [hanna](TestClient *from, const QString &id, const QString &text) {
        return !from->request(Protocol::Type::SendMessage,
                              {{QStringLiteral("clientId"), id},
                               {QStringLiteral("to"), hanna},
                               {QStringLiteral("text"), text}})
                        .isError();
    };
    TestClient *ada = m_guests.at(0).get();
    QVERIFY(say(ada, QStringLiteral("c1"),
                QStringLiteral("Hi Hanna! Are you going to the "
                               "keynote?")));
    QVERIFY(say(ada, QStringLiteral("c2"), QStringLiteral("I saved you a seat, row 3.")));
    QVERIFY(say(m_guests.at(3).get(), QStringLiteral("c3"),
                QStringLiteral("Lunch at the food trucks? https://example.org/map")));
    auto *conversations = &m_session->conversations();
    QTRY_COMPARE(conversations->rowCount(), 2);

    m_window->closeProfile();
    // In a window in front, an open conversation is read.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->messageUser(m_ids.value(QStringLiteral("ada")), QStringLiteral("Ada Lovelace"));
    ChatModel *chat = m_window->chatPanel()->chat();
    QVERIFY(chat);
    QTRY_COMPARE(chat->rowCount(), 2);
    chat->send(QStringLiteral("Yes! Thank you, on my way."));
    QTRY_COMPARE(chat->rowCount(), 3);
    QTRY_COMPARE(chat->index(2, 0).data(ChatModel::StateRole).toInt(), int(ChatModel::State::Sent));
    // Margaret's conversation still shows her unread message.
    bool margaretUnread = false;
    for (int row = 0; row < conversations->rowCount(); ++row) {
        const QModelIndex index = conversations->index(row, 0);
        if (index.data(ConversationsModel::PeerIdRole).toLongLong()
            == m_ids.value(QStringLiteral("margaret")))
            margaretUnread = index.data(ConversationsModel::UnreadRole).toInt() == 1;
    }
    QVERIFY(margaretUnread);
    QVERIFY(snapshot(m_window.get(), QStringLiteral("chat")));
}

void tst_Pictures::theTalksWithTheirTallies()
{
    m_window->showTalks();
    QListView *list = m_window->talksPanel()->list();
    QTRY_COMPARE(list->model()->rowCount(), 3);
    // Most votes first.
    QTRY_COMPARE(list->model()->index(0, 0).data(TalksModel::VotesRole).toLongLong(), 4);
    QCOMPARE(list->model()->index(1, 0).data(TalksModel::VotesRole).toLongLong(), 3);
    list->setCurrentIndex(list->model()->index(0, 0));
    QVERIFY(snapshot(m_window.get(), QStringLiteral("talks")));
}

QTEST_MAIN(tst_Pictures)
#include "tst_pictures.moc"
