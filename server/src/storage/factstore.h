// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "fact.h"

#include <QList>
#include <optional>

class QSqlQuery;

namespace Hallway {

class SqlSession;
class StorageWorker;

struct StoredFact {
    Fact fact;
    bool duplicate = false; // the (author, clientId) pair was stored before
};

struct NewFact {
    qint64 authorId = 0;
    QString clientId;
    QString text;
    qint64 createdAt = 0; // ms since the epoch
};

// Facts posted, as one statement for all the posts of a batch (Storage::runGrouped).
struct PostFacts {
    using Request = NewFact;
    using Result = Expected<StoredFact>;
    static Expected<QList<StoredFact>> runAll(StorageWorker &worker, const QList<NewFact> &posts);
};

// Facts: posted once per (author, client id), read newest first. Hiding one is a
// moderator's action (ModerationStore::setFactHidden).
class FactStore {
public:
    explicit FactStore(SqlSession &session) : m_session(session) { }

    // Stores a fact once per (author, clientId); a repeat returns the stored one.
    Expected<StoredFact> post(qint64 authorId, const QString &clientId, const QString &text,
                              qint64 nowMs);
    // As post() for each, in order, by one statement (two when some are repeats).
    Expected<QList<StoredFact>> postFacts(const QList<NewFact> &posts);
    // A user's facts, newest first, older than beforeId if given; one more than limit is read
    // to tell whether there are more.
    Expected<QList<Fact>> factsByAuthor(qint64 authorId, std::optional<qint64> beforeId, int limit);
    Expected<QList<Fact>> latestFacts(int limit);
    Expected<Fact> fact(qint64 factId); // hidden or not
    Expected<QList<Fact>> facts(const QList<qint64> &factIds); // those that exist, by id

private:
    Expected<QList<Fact>> readFacts(QSqlQuery &query);
    Expected<QList<Fact>> factsByKey(const QList<NewFact> &posts);
    // The facts stored of these posts (repeats insert nothing); PostgreSQL keeps and sends
    // one fact.posted for them all in the same statement.
    Expected<QList<Fact>> insertFacts(const QList<NewFact> &posts);
    Expected<QList<Fact>> insertFactsNotifying(const QList<NewFact> &posts);

    SqlSession &m_session;
};

} // namespace Hallway
