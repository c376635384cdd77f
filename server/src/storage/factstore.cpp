// SPDX-License-Identifier: MIT
// FactStore's statements. Posts are set-based: the posts of one batch are stored by one
// statement, their rows passed as one JSON parameter (QtSql binds no arrays, and JSON needs
// no quoting of our own), and on PostgreSQL the same statement keeps and sends the one
// fact.posted event that tells the other nodes of them all.
#include "factstore.h"
#include "cluster/clusterevent.h"
#include "sqlsession.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace Hallway {

namespace {
const QString FactColumns =
        QStringLiteral("f.id, f.text, f.created_at, f.client_id, u.id, u.username, u.display_name "
                       "FROM facts f JOIN users u ON u.id = f.author_id");

using FactKey = std::pair<qint64, QString>; // (author, client id): unique per fact

FactKey keyOf(const NewFact &post)
{
    return {post.authorId, post.clientId};
}

QString compactJson(const QJsonArray &rows)
{
    return QString::fromUtf8(QJsonDocument(rows).toJson(QJsonDocument::Compact));
}

// [{"a": author, "c": client id, "t": text, "n": created at}, ...]
QString postsAsJson(const QList<NewFact> &posts, bool withContent)
{
    QJsonArray rows;
    for (const NewFact &post : posts) {
        QJsonObject row{{QStringLiteral("a"), post.authorId}, {QStringLiteral("c"), post.clientId}};
        if (withContent) {
            row.insert(QStringLiteral("t"), post.text);
            row.insert(QStringLiteral("n"), post.createdAt);
        }
        rows.append(row);
    }
    return compactJson(rows);
}
} // namespace

Expected<QList<Fact>> FactStore::readFacts(QSqlQuery &query)
{
    if (!query.exec())
        return m_session.failure(QStringLiteral("read facts"), query);
    QList<Fact> facts;
    while (query.next()) {
        Fact fact;
        fact.id = query.value(0).toLongLong();
        fact.text = query.value(1).toString();
        fact.createdAt = query.value(2).toLongLong();
        fact.clientId = query.value(3).toString();
        fact.author = {query.value(4).toLongLong(), query.value(5).toString(),
                       query.value(6).toString()};
        facts.append(fact);
    }
    return facts;
}

Expected<Fact> FactStore::fact(qint64 factId)
{
    PreparedQuery query = m_session.prepared(QStringLiteral("SELECT ") + FactColumns
                                             + QStringLiteral(" WHERE f.id = ?"));
    query.addBindValue(factId);
    const auto facts = readFacts(query);
    if (!facts)
        return facts.error();
    if (facts->isEmpty())
        return Error{ErrorCode::NotFound, QStringLiteral("no fact with id %1").arg(factId)};
    return facts->constFirst();
}

Expected<QList<Fact>> FactStore::facts(const QList<qint64> &factIds)
{
    QJsonArray ids;
    for (qint64 id : factIds)
        ids.append(id);
    const QString idSet = m_session.isPostgres()
            ? QStringLiteral("SELECT CAST(value AS BIGINT) FROM "
                             "json_array_elements_text(CAST(? AS JSON))")
            : QStringLiteral("SELECT value FROM json_each(?)");
    PreparedQuery query =
            m_session.prepared(QStringLiteral("SELECT ") + FactColumns
                               + QStringLiteral(" WHERE f.id IN (%1) ORDER BY f.id").arg(idSet));
    query.addBindValue(compactJson(ids));
    return readFacts(query);
}

Expected<StoredFact> FactStore::post(qint64 authorId, const QString &clientId, const QString &text,
                                     qint64 nowMs)
{
    const auto stored = postFacts({NewFact{authorId, clientId, text, nowMs}});
    if (!stored)
        return stored.error();
    return stored->constFirst();
}

Expected<QList<StoredFact>> FactStore::postFacts(const QList<NewFact> &posts)
{
    // One transaction: the other nodes hear of the facts if and only if they are stored.
    return m_session.inTransaction<QList<StoredFact>>([&]() -> Expected<QList<StoredFact>> {
        // A resend meets the unique (author, client id) and inserts nothing. No error is
        // raised, so this also works inside a larger transaction, which an error would abort
        // on PostgreSQL.
        const auto inserted =
                m_session.isPostgres() ? insertFactsNotifying(posts) : insertFacts(posts);
        if (!inserted)
            return inserted.error();
        QHash<FactKey, Fact> fresh;
        for (const Fact &fact : inserted.value())
            fresh.insert({fact.author.id, fact.clientId}, fact);
        // What a repeat returns: the fact its first send stored.
        QList<NewFact> repeats;
        for (const NewFact &post : posts)
            if (!fresh.contains(keyOf(post)))
                repeats.append(post);
        QHash<FactKey, Fact> stored;
        if (!repeats.isEmpty()) {
            const auto earlier = factsByKey(repeats);
            if (!earlier)
                return earlier.error();
            for (const Fact &fact : earlier.value())
                stored.insert({fact.author.id, fact.clientId}, fact);
        }
        QList<StoredFact> results;
        results.reserve(posts.size());
        for (const NewFact &post : posts) {
            const FactKey key = keyOf(post);
            if (const auto first = fresh.constFind(key); first != fresh.constEnd()) {
                results.append({first.value(), false});
                stored.insert(key, first.value()); // a second send in this batch is a repeat
                fresh.erase(first);
                continue;
            }
            const auto earlier = stored.constFind(key);
            if (earlier == stored.constEnd())
                return Error{ErrorCode::Internal, QStringLiteral("a stored fact vanished")};
            results.append({earlier.value(), true});
        }
        return results;
    });
}

Expected<QList<Fact>> FactStore::factsByKey(const QList<NewFact> &posts)
{
    const QString keys = m_session.isPostgres()
            // A lookup by the unique key per post: PostgreSQL guesses 100 rows for the JSON
            // and might otherwise scan every fact to match them.
            ? QStringLiteral("f.id IN (SELECT (SELECT id FROM facts x WHERE x.author_id = k.a "
                             "AND x.client_id = k.c) FROM json_to_recordset(CAST(? AS JSON)) "
                             "AS k(a BIGINT, c TEXT))")
            : QStringLiteral("(f.author_id, f.client_id) IN (SELECT json_extract(value, '$.a'), "
                             "json_extract(value, '$.c') FROM json_each(?))");
    PreparedQuery query = m_session.prepared(QStringLiteral("SELECT ") + FactColumns
                                             + QStringLiteral(" WHERE ") + keys);
    query.addBindValue(postsAsJson(posts, false));
    return readFacts(query);
}

Expected<QList<Fact>> FactStore::insertFacts(const QList<NewFact> &posts)
{
    // SQLite: the new rows' ids, then the rows with their authors. The WHERE clause is
    // SQLite's way to tell an upsert's ON from a join's.
    PreparedQuery insert = m_session.prepared(QStringLiteral(
            "INSERT INTO facts (author_id, client_id, text, created_at) "
            "SELECT json_extract(value, '$.a'), json_extract(value, '$.c'), "
            "json_extract(value, '$.t'), json_extract(value, '$.n') FROM json_each(?) "
            "WHERE true ORDER BY key ON CONFLICT (author_id, client_id) DO NOTHING RETURNING id"));
    insert.addBindValue(postsAsJson(posts, true));
    if (!insert.exec())
        return m_session.failure(QStringLiteral("store facts"), insert);
    QList<qint64> ids;
    while (insert.next())
        ids.append(insert.value(0).toLongLong());
    insert.finish();
    if (ids.isEmpty())
        return QList<Fact>();
    return facts(ids);
}

Expected<QList<Fact>> FactStore::insertFactsNotifying(const QList<NewFact> &posts)
{
    // The event is what m_session.notifyNodes() would send, with the ids of every fact stored.
    PreparedQuery query = m_session.prepared(
            QStringLiteral(
                    "WITH input AS (SELECT * FROM ROWS FROM (json_to_recordset(CAST(? AS JSON)) "
                    "AS (a BIGINT, c TEXT, t TEXT, n BIGINT)) WITH ORDINALITY "
                    "AS i(author_id, client_id, text, created_at, ord)), "
                    "posted AS (INSERT INTO facts (author_id, client_id, text, created_at) "
                    "SELECT author_id, client_id, text, created_at FROM input ORDER BY ord "
                    "ON CONFLICT (author_id, client_id) DO NOTHING "
                    "RETURNING id, text, created_at, client_id, author_id), "
                    "%1 "
                    "SELECT p.id, p.text, p.created_at, p.client_id, u.id, u.username, "
                    "u.display_name, (SELECT COUNT(*) FROM notified) "
                    "FROM posted p JOIN users u ON u.id = p.author_id ORDER BY p.id")
                    .arg(SqlSession::eventOfStatement(QStringLiteral("posted"),
                                                      QStringLiteral("json_agg(id ORDER BY id)"))));
    query.addBindValue(postsAsJson(posts, true));
    m_session.bindEventOfStatement(query, ClusterEvent::FactPosted);
    return readFacts(query);
}

Expected<QList<Fact>> FactStore::factsByAuthor(qint64 authorId, std::optional<qint64> beforeId,
                                               int limit)
{
    PreparedQuery query = m_session.prepared(
            QStringLiteral("SELECT ") + FactColumns
            + QStringLiteral(" WHERE f.author_id = ? AND f.id < ? AND f.hidden = 0 "
                             "ORDER BY f.id DESC LIMIT ?"));
    query.addBindValue(authorId);
    query.addBindValue(beforeId.value_or(std::numeric_limits<qint64>::max()));
    query.addBindValue(limit + 1);
    return readFacts(query);
}

Expected<QList<Fact>> FactStore::latestFacts(int limit)
{
    PreparedQuery query =
            m_session.prepared(QStringLiteral("SELECT ") + FactColumns
                               + QStringLiteral(" WHERE f.hidden = 0 ORDER BY f.id DESC LIMIT ?"));
    query.addBindValue(limit);
    return readFacts(query);
}

} // namespace Hallway
