// SPDX-License-Identifier: MIT
// TalkStore against a real database: SQLite, or PostgreSQL in the _postgres variant. Toggles
// queued together and toggles racing through two nodes are tst_storage's.
#include "fixtures.h"
#include "storagefixture.h"

#include <QTest>
#include <algorithm>

using namespace Hallway;
using Hallway::Test::idsOf;
using Hallway::Test::StorageFixture;

class tst_TalkStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void aProposalIsStoredOncePerClientId();
    void onlyTheSpeakerEditsAndWhatIsNotGivenIsKept();
    void onlyTheSpeakerWithdraws();
    void closedVotingRefusesProposalsEditsAndToggles();
    void hiddenTalksAreOnlyInTheModeratorsList();
    void aToggleAddsThenRemovesAndAResendChangesNothing();
    void talliesAreTheCountOfVotes();
    void anUnknownTalkIsNotFound();

private:
    qint64 votesInTheDatabase(qint64 talkId) const;

    Test::StorageFixture m_fixture;
};

void tst_TalkStore::initTestCase()
{
    HALLWAY_REQUIRE_BACKEND();
}

void tst_TalkStore::init()
{
    QVERIFY(m_fixture.init());
}

void tst_TalkStore::cleanup()
{
    m_fixture.cleanup();
}

// The votes stored for a talk, counted as an operator would, past the store.
qint64 tst_TalkStore::votesInTheDatabase(qint64 talkId) const
{
    return Test::countRows(m_fixture.databaseUrl(),
                           QStringLiteral("SELECT COUNT(*) FROM votes WHERE talk_id = ?"),
                           {talkId});
}

namespace {
Expected<StoredTalk> propose(Storage &storage, qint64 speakerId, const QString &clientId,
                             const QString &title, const QString &abstract = {})
{
    return storage.runBlocking<Expected<StoredTalk>>([&](StorageWorker &w) {
        return w.talks().proposeTalk(speakerId, clientId, title, abstract, 1000);
    });
}

Expected<Talk> edit(Storage &storage, qint64 talkId, qint64 userId,
                    const std::optional<QString> &title, const std::optional<QString> &abstract)
{
    return storage.runBlocking<Expected<Talk>>(
            [&](StorageWorker &w) { return w.talks().editTalk(talkId, userId, title, abstract); });
}

Status withdraw(Storage &storage, qint64 talkId, qint64 userId)
{
    return storage.runBlocking<Status>(
            [&](StorageWorker &w) { return w.talks().withdrawTalk(talkId, userId); });
}

Expected<VoteResult> toggle(Storage &storage, qint64 userId, const QString &clientId, qint64 talkId)
{
    return storage.runBlocking<Expected<VoteResult>>(
            [&](StorageWorker &w) { return w.talks().toggleVote(userId, clientId, talkId, 2000); });
}

Expected<Talk> talkById(Storage &storage, qint64 talkId)
{
    return storage.runBlocking<Expected<Talk>>(
            [&](StorageWorker &w) { return w.talks().talk(talkId); });
}

QList<Talk> talks(Storage &storage, bool includeHidden)
{
    return storage
            .runBlocking<Expected<QList<Talk>>>(
                    [&](StorageWorker &w) { return w.talks().talks(includeHidden); })
            .value();
}

Expected<AuditEntry> setVotingOpen(Storage &storage, bool open)
{
    return storage.runBlocking<Expected<AuditEntry>>([open](StorageWorker &w) {
        return w.talks().setVotingOpen(
                open,
                {std::nullopt,
                 open ? QStringLiteral("open_voting") : QStringLiteral("close_voting"),
                 std::nullopt,
                 {},
                 {}});
    });
}

QList<AuditEntry> auditLog(Storage &storage)
{
    return storage
            .runBlocking<Expected<QList<AuditEntry>>>(
                    [](StorageWorker &w) { return w.moderation().auditLog(std::nullopt, 100); })
            .value();
}
} // namespace

// An app sends a proposal again until it hears back: (speaker, client id) is stored once.
void tst_TalkStore::aProposalIsStoredOncePerClientId()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto [ada, bob] = StorageFixture::createUsers(*storage, {"ada", "bob"});
    QVERIFY(ada.id > 0 && bob.id > 0);

    const auto first = propose(*storage, ada.id, QStringLiteral("p1"), QStringLiteral("Knitting"),
                               QStringLiteral("In C++"));
    QVERIFY(first);
    QVERIFY(!first->duplicate);
    QCOMPARE(first->talk.title, QStringLiteral("Knitting"));
    QCOMPARE(first->talk.abstract, QStringLiteral("In C++"));
    QCOMPARE(first->talk.speaker.id, ada.id);
    QCOMPARE(first->talk.speaker.username, QStringLiteral("ada"));
    QCOMPARE(first->talk.speaker.displayName, QStringLiteral("ADA"));
    QCOMPARE(first->talk.createdAt, 1000);
    QCOMPARE(first->talk.votes, 0);
    QVERIFY(!first->talk.hidden);

    // The resend is the stored talk, whatever it says now.
    const auto again = propose(*storage, ada.id, QStringLiteral("p1"), QStringLiteral("Changed"));
    QVERIFY(again);
    QVERIFY(again->duplicate);
    QCOMPARE(again->talk, first->talk);

    // Another speaker's client id is their own.
    const auto other = propose(*storage, bob.id, QStringLiteral("p1"), QStringLiteral("Bob's"));
    QVERIFY(other);
    QVERIFY(!other->duplicate);
    QVERIFY(other->talk.id > first->talk.id);

    QCOMPARE(idsOf(talks(*storage, false)), (QList<qint64>{first->talk.id, other->talk.id}));
    QCOMPARE(talkById(*storage, first->talk.id).value(), first->talk);
}

// Only the speaker edits, and an edit changes only what it names.
void tst_TalkStore::onlyTheSpeakerEditsAndWhatIsNotGivenIsKept()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto [ada, bob] = StorageFixture::createUsers(*storage, {"ada", "bob"});
    QVERIFY(ada.id > 0 && bob.id > 0);
    const auto proposed = propose(*storage, ada.id, QStringLiteral("p"), QStringLiteral("Title"),
                                  QStringLiteral("Abstract"));
    QVERIFY(proposed);
    const qint64 id = proposed->talk.id;

    const auto byBob = edit(*storage, id, bob.id, QStringLiteral("Bob's title"), std::nullopt);
    QVERIFY(!byBob);
    QCOMPARE(byBob.error().code, ErrorCode::Forbidden);
    QCOMPARE(talkById(*storage, id)->title, QStringLiteral("Title"));

    const auto retitled = edit(*storage, id, ada.id, QStringLiteral("New title"), std::nullopt);
    QVERIFY(retitled);
    QCOMPARE(retitled->title, QStringLiteral("New title"));
    QCOMPARE(retitled->abstract, QStringLiteral("Abstract"));

    // An empty abstract clears it; the title stays.
    const auto cleared = edit(*storage, id, ada.id, std::nullopt, QString());
    QVERIFY(cleared);
    QCOMPARE(cleared->title, QStringLiteral("New title"));
    QCOMPARE(cleared->abstract, QString());

    // What the edit returned is what is stored, the rest of the talk untouched.
    const auto stored = talkById(*storage, id);
    QCOMPARE(stored.value(), cleared.value());
    QCOMPARE(stored->speaker.id, ada.id);
    QCOMPARE(stored->createdAt, proposed->talk.createdAt);
}

// Only the speaker withdraws a talk; it goes with its votes.
void tst_TalkStore::onlyTheSpeakerWithdraws()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto [ada, bob] = StorageFixture::createUsers(*storage, {"ada", "bob"});
    QVERIFY(ada.id > 0 && bob.id > 0);
    const auto kept = propose(*storage, ada.id, QStringLiteral("k"), QStringLiteral("Kept"));
    const auto gone = propose(*storage, ada.id, QStringLiteral("g"), QStringLiteral("Gone"));
    QVERIFY(kept && gone);
    QVERIFY(toggle(*storage, bob.id, QStringLiteral("v1"), kept->talk.id));
    QVERIFY(toggle(*storage, bob.id, QStringLiteral("v2"), gone->talk.id));

    const Status byBob = withdraw(*storage, gone->talk.id, bob.id);
    QVERIFY(!byBob);
    QCOMPARE(byBob.error().code, ErrorCode::Forbidden);
    QVERIFY(talkById(*storage, gone->talk.id));

    QVERIFY(withdraw(*storage, gone->talk.id, ada.id));
    const auto missing = talkById(*storage, gone->talk.id);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QCOMPARE(idsOf(talks(*storage, true)), QList<qint64>{kept->talk.id});
    // Bob's vote for it went with it; his other vote stays.
    QCOMPARE(votesInTheDatabase(gone->talk.id), 0);
    QCOMPARE(storage->runBlocking<Expected<QList<qint64>>>(
                            [&](StorageWorker &w) { return w.talks().votedTalks(bob.id); })
                     .value(),
             QList<qint64>{kept->talk.id});

    const Status again = withdraw(*storage, gone->talk.id, ada.id);
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::NotFound);
}

// Once a moderator closes voting, the talks and the votes stay as they are.
void tst_TalkStore::closedVotingRefusesProposalsEditsAndToggles()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto [ada, bob] = StorageFixture::createUsers(*storage, {"ada", "bob"});
    QVERIFY(ada.id > 0 && bob.id > 0);
    const auto votingOpen = [&]() {
        return storage->runBlocking<Expected<bool>>(
                [](StorageWorker &w) { return w.talks().votingOpen(); });
    };
    QVERIFY(votingOpen().value()); // it starts open
    const auto talk = propose(*storage, ada.id, QStringLiteral("p"), QStringLiteral("Title"));
    QVERIFY(talk);
    QVERIFY(toggle(*storage, bob.id, QStringLiteral("v1"), talk->talk.id));

    const auto closed = setVotingOpen(*storage, false);
    QVERIFY(closed);
    QCOMPARE(closed->action, QStringLiteral("close_voting"));
    QVERIFY(!votingOpen().value());
    QCOMPARE(auditLog(*storage).size(), 1);

    const auto refusedAsClosed = [](const auto &result) {
        return !result && result.error().code == ErrorCode::Conflict;
    };
    QVERIFY(refusedAsClosed(
            propose(*storage, bob.id, QStringLiteral("p2"), QStringLiteral("Late"))));
    QVERIFY(refusedAsClosed(
            edit(*storage, talk->talk.id, ada.id, QStringLiteral("Retitled"), std::nullopt)));
    QVERIFY(refusedAsClosed(withdraw(*storage, talk->talk.id, ada.id)));
    QVERIFY(refusedAsClosed(toggle(*storage, bob.id, QStringLiteral("v2"), talk->talk.id)));
    QVERIFY(refusedAsClosed(toggle(*storage, ada.id, QStringLiteral("v3"), talk->talk.id)));
    // Not the speaker is still the first thing said.
    QCOMPARE(edit(*storage, talk->talk.id, bob.id, QStringLiteral("X"), std::nullopt).error().code,
             ErrorCode::Forbidden);
    // A resend of a proposal stored before still hears back.
    const auto resent = propose(*storage, ada.id, QStringLiteral("p"), QStringLiteral("Title"));
    QVERIFY(resent);
    QVERIFY(resent->duplicate);

    const auto stored = talkById(*storage, talk->talk.id);
    QCOMPARE(stored->title, QStringLiteral("Title"));
    QCOMPARE(stored->votes, 1);
    QCOMPARE(talks(*storage, true).size(), 1);

    // Open again, all of it works again.
    QVERIFY(setVotingOpen(*storage, true));
    QVERIFY(votingOpen().value());
    QVERIFY(propose(*storage, bob.id, QStringLiteral("p2"), QStringLiteral("Late")));
    QVERIFY(toggle(*storage, bob.id, QStringLiteral("v2"), talk->talk.id));
    QCOMPARE(auditLog(*storage).size(), 2);
}

// A hidden talk is out of the attendees' list and the vote, in the moderators' list, and the
// hiding is in the audit log once.
void tst_TalkStore::hiddenTalksAreOnlyInTheModeratorsList()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto [mod, ada] = StorageFixture::createUsers(*storage, {"mod", "ada"});
    QVERIFY(mod.id > 0 && ada.id > 0);
    const auto kept = propose(*storage, ada.id, QStringLiteral("k"), QStringLiteral("Kept"));
    const auto hidden = propose(*storage, ada.id, QStringLiteral("h"), QStringLiteral("Spam"));
    QVERIFY(kept && hidden);
    const auto setHidden = [&](qint64 talkId, bool hide) {
        const QString action = hide ? QStringLiteral("hide_talk") : QStringLiteral("unhide_talk");
        return storage->runBlocking<Expected<TalkVisibilityChange>>([&](StorageWorker &w) {
            return w.talks().setTalkHidden(
                    talkId, hide,
                    {mod.id, action, std::nullopt, QStringLiteral("talk %1").arg(talkId), {}});
        });
    };

    const auto hid = setHidden(hidden->talk.id, true);
    QVERIFY(hid);
    QVERIFY(hid->talk.hidden);
    QVERIFY(hid->entry);
    QCOMPARE(hid->talk.id, hidden->talk.id);
    QCOMPARE(hid->entry->action, QStringLiteral("hide_talk"));
    QCOMPARE(hid->entry->moderator->id, mod.id);
    QCOMPARE(hid->entry->target->id, ada.id); // the speaker
    QCOMPARE(hid->entry->subject, QStringLiteral("talk %1").arg(hidden->talk.id));
    QCOMPARE(hid->entry->detail.value(QStringLiteral("title")).toString(), QStringLiteral("Spam"));
    const QList<AuditEntry> log = auditLog(*storage);
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.at(0).id, hid->entry->id);
    // A second moderator hiding it too (or a resend) changes nothing and logs nothing.
    const auto again = setHidden(hidden->talk.id, true);
    QVERIFY(again);
    QVERIFY(again->talk.hidden);
    QVERIFY(!again->entry);
    QCOMPARE(auditLog(*storage).size(), 1);

    QCOMPARE(idsOf(talks(*storage, false)), QList<qint64>{kept->talk.id});
    const QList<Talk> all = talks(*storage, true);
    QCOMPARE(idsOf(all), (QList<qint64>{kept->talk.id, hidden->talk.id}));
    QVERIFY(!all.at(0).hidden);
    QVERIFY(all.at(1).hidden);
    QVERIFY(talkById(*storage, hidden->talk.id)->hidden);
    // Nobody votes for it.
    const auto vote = toggle(*storage, ada.id, QStringLiteral("v"), hidden->talk.id);
    QVERIFY(!vote);
    QCOMPARE(vote.error().code, ErrorCode::NotFound);
    QCOMPARE(votesInTheDatabase(hidden->talk.id), 0);

    const auto shown = setHidden(hidden->talk.id, false);
    QVERIFY(shown);
    QVERIFY(!shown->talk.hidden);
    QVERIFY(shown->entry);
    QCOMPARE(shown->entry->action, QStringLiteral("unhide_talk"));
    QCOMPARE(idsOf(talks(*storage, false)), (QList<qint64>{kept->talk.id, hidden->talk.id}));
    QCOMPARE(auditLog(*storage).size(), 2);

    // No such talk: nothing is audited.
    const auto missing = setHidden(999'999, true);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ErrorCode::NotFound);
    QCOMPARE(auditLog(*storage).size(), 2);
}

// A toggle adds the user's vote, the next removes it; a resend of either changes nothing and
// says what the first send did.
void tst_TalkStore::aToggleAddsThenRemovesAndAResendChangesNothing()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto [ada, bob] = StorageFixture::createUsers(*storage, {"ada", "bob"});
    QVERIFY(ada.id > 0 && bob.id > 0);
    const auto talk = propose(*storage, ada.id, QStringLiteral("p"), QStringLiteral("Title"));
    QVERIFY(talk);
    const qint64 id = talk->talk.id;

    const auto added = toggle(*storage, bob.id, QStringLiteral("v1"), id);
    QVERIFY(added);
    QCOMPARE(added->talkId, id);
    QVERIFY(added->voted);
    QVERIFY(added->changed);
    QCOMPARE(added->votes, 1);

    const auto resent = toggle(*storage, bob.id, QStringLiteral("v1"), id);
    QVERIFY(resent);
    QVERIFY(resent->voted);
    QVERIFY(!resent->changed);
    QCOMPARE(resent->votes, 1);
    QCOMPARE(votesInTheDatabase(id), 1);

    const auto removed = toggle(*storage, bob.id, QStringLiteral("v2"), id);
    QVERIFY(removed);
    QVERIFY(!removed->voted);
    QVERIFY(removed->changed);
    QCOMPARE(removed->votes, 0);
    QCOMPARE(votesInTheDatabase(id), 0);

    // The first toggle arriving once more does not vote again: it says what it did, with the
    // tally as it is now.
    const auto late = toggle(*storage, bob.id, QStringLiteral("v1"), id);
    QVERIFY(late);
    QVERIFY(late->voted);
    QVERIFY(!late->changed);
    QCOMPARE(late->votes, 0);
    const auto lateRemoval = toggle(*storage, bob.id, QStringLiteral("v2"), id);
    QVERIFY(lateRemoval);
    QVERIFY(!lateRemoval->voted);
    QVERIFY(!lateRemoval->changed);
    QCOMPARE(votesInTheDatabase(id), 0);
    QCOMPARE(talkById(*storage, id)->votes, 0);

    // A client id is the user's own: the speaker's "v1" is a vote of hers.
    const auto hers = toggle(*storage, ada.id, QStringLiteral("v1"), id);
    QVERIFY(hers);
    QVERIFY(hers->voted && hers->changed);
    QCOMPARE(hers->votes, 1);
}

// Whichever way it is read, a tally is the number of votes stored, and a user's votes are
// the talks they vote for.
void tst_TalkStore::talliesAreTheCountOfVotes()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const auto users = StorageFixture::createUsers(*storage, {"ada", "bob", "cat", "dan"});
    QVERIFY(std::all_of(users.cbegin(), users.cend(), [](const UserInfo &u) { return u.id > 0; }));
    QList<qint64> talkIds;
    for (int i = 0; i < 3; ++i) {
        const auto stored = propose(*storage, users.at(0).id, QStringLiteral("p%1").arg(i),
                                    QStringLiteral("Talk %1").arg(i));
        QVERIFY(stored);
        talkIds.append(stored->talk.id);
    }
    // Every user toggles some talks, some twice (a vote taken back), in no order of talk.
    int clientId = 0;
    const auto vote = [&](std::size_t user, qsizetype talk) {
        return toggle(*storage, users.at(user).id, QStringLiteral("c%1").arg(++clientId),
                      talkIds.at(talk));
    };
    QVERIFY(vote(1, 2) && vote(1, 0) && vote(2, 0) && vote(3, 0) && vote(3, 2));
    QVERIFY(vote(2, 1) && vote(2, 1)); // cat votes and takes it back
    QVERIFY(vote(0, 2)); // the speaker votes for her own
    const auto last = vote(3, 0); // dan takes his back
    QVERIFY(last);
    QCOMPARE(last->votes, 2);

    const QList<qint64> expected{2, 0, 3};
    const QList<Talk> listed = talks(*storage, false);
    QCOMPARE(idsOf(listed), talkIds);
    for (qsizetype i = 0; i < talkIds.size(); ++i) {
        const qint64 id = talkIds.at(i);
        QCOMPARE(votesInTheDatabase(id), expected.at(i));
        QCOMPARE(storage->runBlocking<Expected<qint64>>(
                                [id](StorageWorker &w) { return w.talks().tallyOf(id); })
                         .value(),
                 expected.at(i));
        QCOMPARE(talkById(*storage, id)->votes, expected.at(i));
        QCOMPARE(listed.at(i).votes, expected.at(i));
    }

    const auto votedBy = [&](std::size_t user) {
        return storage
                ->runBlocking<Expected<QList<qint64>>>([id = users.at(user).id](StorageWorker &w) {
                    return w.talks().votedTalks(id);
                })
                .value();
    };
    QCOMPARE(votedBy(0), QList<qint64>{talkIds.at(2)});
    QCOMPARE(votedBy(1), (QList<qint64>{talkIds.at(0), talkIds.at(2)})); // by talk
    QCOMPARE(votedBy(2), QList<qint64>{talkIds.at(0)});
    QCOMPARE(votedBy(3), QList<qint64>{talkIds.at(2)});
}

void tst_TalkStore::anUnknownTalkIsNotFound()
{
    auto storage = m_fixture.open();
    QVERIFY(storage);
    const UserInfo ada = StorageFixture::createUser(*storage, QStringLiteral("ada"));
    QVERIFY(ada.id > 0);
    const qint64 nothing = 999'999;
    const auto notFound = [](const auto &result) {
        return !result && result.error().code == ErrorCode::NotFound;
    };
    QVERIFY(notFound(talkById(*storage, nothing)));
    QVERIFY(notFound(edit(*storage, nothing, ada.id, QStringLiteral("T"), std::nullopt)));
    QVERIFY(notFound(withdraw(*storage, nothing, ada.id)));
    QVERIFY(notFound(toggle(*storage, ada.id, QStringLiteral("v"), nothing)));
    QCOMPARE(storage->runBlocking<Expected<QList<qint64>>>(
                            [&](StorageWorker &w) { return w.talks().votedTalks(ada.id); })
                     .value(),
             QList<qint64>());
    // The refused toggle claimed nothing: its client id still votes once there is a talk.
    const auto talk = propose(*storage, ada.id, QStringLiteral("p"), QStringLiteral("Title"));
    QVERIFY(talk);
    const auto vote = toggle(*storage, ada.id, QStringLiteral("v"), talk->talk.id);
    QVERIFY(vote);
    QVERIFY(vote->voted && vote->changed);
}

QTEST_GUILESS_MAIN(tst_TalkStore)
#include "tst_talkstore.moc"
