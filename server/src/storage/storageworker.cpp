// SPDX-License-Identifier: MIT
#include "storageworker.h"
#include "cluster/clusterevent.h"
#include "logging.h"
#include "migrations.h"
#include "protocol.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <algorithm>
#include <iterator>

namespace Hallway {

namespace {
const QString UserColumns = QStringLiteral(
        "id, username, display_name, city, region, role, password_hash, banned, muted_until");

// QtSql binds a null QString as SQL NULL; optional texts are stored as '' instead.
QString nonNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

// Whether SQLite failed for its disk's sake: full, read-only, an I/O error, or the file gone.
bool isSqliteDiskError(const QSqlError &error)
{
    // The primary result code is the low byte of an extended one. Qt gives no code for a
    // failed COMMIT, only SQLite's text for it (sqlite3_errstr).
    switch (error.nativeErrorCode().toInt() & 0xff) {
    case 8: // SQLITE_READONLY
    case 10: // SQLITE_IOERR
    case 13: // SQLITE_FULL
    case 14: // SQLITE_CANTOPEN
        return true;
    default:
        break;
    }
    static const QLatin1StringView texts[] = {
            QLatin1StringView("attempt to write a readonly database"),
            QLatin1StringView("disk I/O error"),
            QLatin1StringView("database or disk is full"),
            QLatin1StringView("unable to open database file"),
    };
    const QString text = error.databaseText();
    return std::any_of(std::begin(texts), std::end(texts),
                       [&text](QLatin1StringView known) { return text.contains(known); });
}

Error notFound(const QString &message)
{
    return {ErrorCode::NotFound, message};
}
} // namespace

StorageWorker::StorageWorker(const DatabaseUrl &url)
    : m_url(url),
      m_connectionName(QStringLiteral("hallway-storage-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

StorageWorker::~StorageWorker()
{
    close();
}

Status StorageWorker::open()
{
    if (m_url.driver == DatabaseUrl::Driver::Sqlite) {
        const QFileInfo file(m_url.sqlitePath);
        if (!QDir().mkpath(file.absolutePath()))
            return Error{ErrorCode::Unavailable,
                         QStringLiteral("cannot create folder %1").arg(file.absolutePath())};
    }
    m_db = m_url.addConnection(m_connectionName, QStringLiteral("hallway-server"));
    if (!m_db.isValid())
        return Error{
                ErrorCode::Unavailable,
                QStringLiteral("the Qt SQL driver %1 is not installed").arg(m_url.qtDriverName())};
    if (const Status opened = openConnection(); !opened)
        return opened;

    const auto version = Migrations::apply(m_db, m_url.driver);
    if (!version)
        return version.error();
    m_schemaVersion = version.value();
    qCInfo(lcStorage).noquote() << "database" << m_url.displayString() << "at schema version"
                                << m_schemaVersion;
    m_watch = new QTimer(this);
    m_watch->setInterval(WatchIntervalMs);
    connect(m_watch, &QTimer::timeout, this, &StorageWorker::watchConnection);
    m_watch->start();
    return Done{};
}

Status StorageWorker::openConnection()
{
    if (!m_db.open())
        return Error{ErrorCode::Unavailable,
                     QStringLiteral("cannot open database %1: %2")
                             .arg(m_url.displayString(), m_db.lastError().text())};
    if (m_url.driver == DatabaseUrl::Driver::Sqlite) {
        QSqlQuery pragma(m_db);
        for (const char *statement :
             {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
            if (!pragma.exec(QString::fromLatin1(statement)))
                return failure(QString::fromLatin1(statement), pragma);
        }
    }
    return Done{};
}

bool StorageWorker::detectOutage()
{
    if (m_outage.isOngoing())
        return true;
    QString reason;
    if (m_url.driver == DatabaseUrl::Driver::Postgres) {
        // A statement can fail for its own sake; the connection is gone if a ping fails too.
        QSqlQuery ping(m_db);
        if (m_db.isOpen() && ping.exec(QStringLiteral("SELECT 1")))
            return false;
        reason = ping.lastError().text().trimmed();
        if (reason.isEmpty())
            reason = m_lastError.text().trimmed();
    } else {
        if (!isSqliteDiskError(m_lastError))
            return false;
        reason = QStringLiteral("cannot write %1: %2")
                         .arg(m_url.sqlitePath, m_lastError.databaseText());
    }
    beginOutage(reason.isEmpty() ? QStringLiteral("the connection was lost") : reason);
    return true;
}

void StorageWorker::beginOutage(const QString &reason)
{
    m_outage.begin(reason);
    Q_EMIT availabilityChanged(false, m_outage.reason()); // on one line, as the log has it
}

bool StorageWorker::tryRecover()
{
    if (!m_outage.isOngoing())
        return true;
    if (!m_outage.isTimeToRetry())
        return false;
    // A fresh connection: the old one, and every statement prepared on it, is dead (or, for
    // SQLite, may keep a file handle from before a remount).
    m_statements.clear();
    m_db.close();
    if (const Status opened = openConnection(); !opened) {
        m_outage.retryFailed(m_db.lastError().text().trimmed());
        return false;
    }
    if (m_url.driver == DatabaseUrl::Driver::Sqlite) {
        QSqlQuery probe(m_db);
        probe.prepare(QStringLiteral("INSERT INTO storage_probe (id, written_at) VALUES (1, ?) "
                                     "ON CONFLICT (id) DO UPDATE SET written_at = "
                                     "excluded.written_at"));
        probe.addBindValue(QDateTime::currentMSecsSinceEpoch());
        if (!probe.exec()) {
            m_outage.retryFailed(probe.lastError().databaseText());
            return false;
        }
    }
    m_outage.end();
    Q_EMIT availabilityChanged(true, {});
    return true;
}

void StorageWorker::watchConnection()
{
    if (m_outage.isOngoing()) {
        tryRecover();
        return;
    }
    // An idle server learns of a lost PostgreSQL within a few seconds, not at the next
    // request, so that /healthz tells the truth.
    if (m_url.driver != DatabaseUrl::Driver::Postgres || ++m_watchTicks % IdleCheckTicks != 0)
        return;
    QSqlQuery ping(m_db);
    if (!ping.exec(QStringLiteral("SELECT 1"))) {
        m_lastError = ping.lastError();
        detectOutage();
    }
}

bool StorageWorker::beginBatch()
{
    if (!m_db.transaction()) {
        m_lastError = m_db.lastError();
        return false;
    }
    m_inBatch = true;
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SAVEPOINT job")))
        return true;
    failure(QStringLiteral("begin a savepoint"), query);
    return false;
}

bool StorageWorker::endJob(bool succeeded)
{
    // The savepoint always stands before the next job: a failed job is rolled back to it,
    // a good one is kept and a new savepoint set. The commit keeps the last one's work.
    QSqlQuery query(m_db);
    if (!succeeded) {
        if (query.exec(QStringLiteral("ROLLBACK TO SAVEPOINT job")))
            return true;
        failure(QStringLiteral("roll back a savepoint"), query);
        return false;
    }
    // One round trip on PostgreSQL; SQLite runs one statement per call, in-process.
    const bool moved = m_url.driver == DatabaseUrl::Driver::Postgres
            ? query.exec(QStringLiteral("RELEASE SAVEPOINT job; SAVEPOINT job"))
            : query.exec(QStringLiteral("RELEASE SAVEPOINT job"))
                    && query.exec(QStringLiteral("SAVEPOINT job"));
    if (moved)
        return true;
    failure(QStringLiteral("move a savepoint"), query);
    return false;
}

bool StorageWorker::commitBatch()
{
    m_inBatch = false;
    if (m_db.commit())
        return true;
    m_lastError = m_db.lastError();
    if (!m_outage.isOngoing())
        m_unreported.append(QStringLiteral("a batch failed to commit: %1").arg(m_lastError.text()));
    return false;
}

void StorageWorker::abandonBatch()
{
    m_inBatch = false;
    m_db.rollback();
}

void StorageWorker::close()
{
    if (m_watch)
        m_watch->stop();
    if (!m_db.isValid())
        return;
    m_statements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Error StorageWorker::failure(const QString &what, const QSqlQuery &query) const
{
    m_lastError = query.lastError();
    // During an outage every request would fail the same way: DatabaseOutage logs it once.
    if (!m_outage.isOngoing())
        m_unreported.append(QStringLiteral("%1 failed: %2").arg(what, m_lastError.text()));
    return {ErrorCode::Internal, QStringLiteral("the database failed to %1").arg(what)};
}

void StorageWorker::reportFailures()
{
    // A statement that was the first to find the database gone is the outage's, which
    // DatabaseOutage has logged in one line by now.
    if (!m_outage.isOngoing()) {
        for (const QString &failure : std::as_const(m_unreported))
            qCWarning(lcStorage).noquote() << failure;
    }
    m_unreported.clear();
}

bool StorageWorker::isUniqueViolation(const QSqlQuery &query) const
{
    const QString code = query.lastError().nativeErrorCode();
    if (m_url.driver == DatabaseUrl::Driver::Postgres)
        return code == QLatin1StringView("23505");
    // SQLITE_CONSTRAINT_UNIQUE (2067) and _PRIMARYKEY (1555); the plain SQLITE_CONSTRAINT (19)
    // only with the tell-tale text, so a CHECK failure is not mistaken for a duplicate.
    return code == QLatin1StringView("2067") || code == QLatin1StringView("1555")
            || (code == QLatin1StringView("19")
                && query.lastError().databaseText().contains(QLatin1StringView("UNIQUE")));
}

Expected<UserInfo> StorageWorker::createUser(const NewUser &user, qint64 nowMs)
{
    // The role is decided in the insert itself: on SQLite, whose writes are serial, only one
    // account can be the first.
    PreparedQuery query = prepared(QStringLiteral(
            "INSERT INTO users (username, display_name, password_hash, city, region, role, "
            "created_at) VALUES (?, ?, ?, ?, ?, CASE WHEN ? AND NOT EXISTS (SELECT 1 FROM users) "
            "THEN ? ELSE ? END, ?) ON CONFLICT DO NOTHING"));
    query.addBindValue(user.username);
    query.addBindValue(user.displayName);
    query.addBindValue(user.passwordHash);
    query.addBindValue(nonNull(user.city));
    query.addBindValue(nonNull(user.region));
    query.addBindValue(user.moderatorIfFirst);
    query.addBindValue(roleName(Role::Moderator));
    query.addBindValue(roleName(user.role));
    query.addBindValue(nowMs);
    // A taken username inserts nothing rather than failing: an error would abort the
    // transaction around a batch of jobs on PostgreSQL (see Storage).
    if (!query.exec())
        return failure(QStringLiteral("create a user"), query);
    if (query.numRowsAffected() == 0)
        return Error{ErrorCode::Conflict,
                     QStringLiteral("the username \"%1\" is already taken").arg(user.username)};
    const auto stored = credentialsByUsername(user.username);
    if (!stored)
        return stored.error();
    return stored->user;
}

Expected<StoredCredentials> StorageWorker::readCredentials(QSqlQuery &query)
{
    if (!query.exec())
        return failure(QStringLiteral("read a user"), query);
    if (!query.next())
        return notFound(QStringLiteral("no such user"));
    StoredCredentials stored;
    stored.user.id = query.value(0).toLongLong();
    stored.user.username = query.value(1).toString();
    stored.user.displayName = query.value(2).toString();
    stored.user.city = query.value(3).toString();
    stored.user.region = query.value(4).toString();
    stored.user.role = roleFromName(query.value(5).toString()).value_or(Role::Attendee);
    stored.passwordHash = query.value(6).toString();
    stored.banned = query.value(7).toInt() != 0;
    stored.mutedUntil = query.value(8).toLongLong();
    return stored;
}

Expected<StoredCredentials> StorageWorker::credentialsByUsername(const QString &username)
{
    PreparedQuery query = prepared(QStringLiteral("SELECT ") + UserColumns
                                   + QStringLiteral(" FROM users WHERE username = ?"));
    query.addBindValue(username);
    return readCredentials(query);
}

Expected<StoredCredentials> StorageWorker::credentialsById(qint64 userId)
{
    PreparedQuery query = prepared(QStringLiteral("SELECT ") + UserColumns
                                   + QStringLiteral(" FROM users WHERE id = ?"));
    query.addBindValue(userId);
    return readCredentials(query);
}

namespace {
// A role change made on the server's command line: no moderator; "via" says where it came from.
AuditRecord commandLineRoleChange()
{
    return {std::nullopt,
            QStringLiteral("set_role"),
            std::nullopt,
            {},
            {{QStringLiteral("via"), QStringLiteral("command_line")}}};
}
} // namespace

Expected<UserInfo> StorageWorker::setRole(const QString &username, Role role)
{
    const auto stored = credentialsByUsername(username);
    if (!stored)
        return stored.error().code == ErrorCode::NotFound
                ? notFound(QStringLiteral("no user named \"%1\"").arg(username))
                : stored.error();
    const auto changed = setRoleOf(stored->user.id, role, commandLineRoleChange());
    if (!changed)
        return changed.error();
    return changed->value;
}

Expected<UserInfo> StorageWorker::createModerator(NewUser user, qint64 nowMs)
{
    user.role = Role::Moderator;
    return inTransaction<UserInfo>([&]() -> Expected<UserInfo> {
        const auto created = createUser(user, nowMs);
        if (!created)
            return created.error();
        AuditRecord audit = commandLineRoleChange();
        audit.targetUserId = created->id;
        audit.detail.insert(QStringLiteral("role"), roleName(Role::Moderator));
        const auto entry = appendAudit(audit);
        if (!entry)
            return entry.error();
        return created;
    });
}

Expected<qint64> StorageWorker::userCount()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM users")) || !query.next())
        return failure(QStringLiteral("count users"), query);
    return query.value(0).toLongLong();
}

Expected<UserInfo> StorageWorker::userById(qint64 userId)
{
    const auto stored = credentialsById(userId);
    if (!stored)
        return stored.error().code == ErrorCode::NotFound
                ? Error{ErrorCode::NotFound, QStringLiteral("no user with id %1").arg(userId)}
                : stored.error();
    return stored->user;
}

Status StorageWorker::createSession(qint64 userId, const QString &tokenHash, qint64 nowMs)
{
    // Only for a user who is not banned, checked in the same statement: a ban that commits
    // while the password is being checked still keeps them out.
    PreparedQuery query = prepared(QStringLiteral(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_used_at) "
            "SELECT CAST(? AS TEXT), id, CAST(? AS BIGINT), CAST(? AS BIGINT) FROM users "
            "WHERE id = ? AND banned = 0"));
    query.addBindValue(tokenHash);
    query.addBindValue(nowMs);
    query.addBindValue(nowMs);
    query.addBindValue(userId);
    if (!query.exec())
        return failure(QStringLiteral("create a session"), query);
    if (query.numRowsAffected() == 0)
        return Error{ErrorCode::Forbidden, QStringLiteral("a moderator has banned this account")};
    return Done{};
}

Expected<UserInfo> StorageWorker::userBySession(const QString &tokenHash, qint64 nowMs)
{
    const auto stored = sessionCredentials(tokenHash, nowMs);
    if (!stored)
        return stored.error();
    return stored->user;
}

Expected<StoredCredentials> StorageWorker::sessionCredentials(const QString &tokenHash,
                                                              qint64 nowMs)
{
    PreparedQuery query = prepared(
            QStringLiteral("SELECT u.id, u.username, u.display_name, u.city, u.region, "
                           "u.role, u.password_hash, u.banned, u.muted_until FROM sessions "
                           "s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?"));
    query.addBindValue(tokenHash);
    auto stored = readCredentials(query);
    if (!stored) {
        if (stored.error().code == ErrorCode::NotFound)
            return Error{ErrorCode::Unauthorized,
                         QStringLiteral("this session has ended; please sign in again")};
        return stored.error();
    }
    PreparedQuery touch =
            prepared(QStringLiteral("UPDATE sessions SET last_used_at = ? WHERE token_hash = ?"));
    touch.addBindValue(nowMs);
    touch.addBindValue(tokenHash);
    if (!touch.exec())
        return failure(QStringLiteral("update a session"), touch);
    return stored;
}

Status StorageWorker::deleteSession(const QString &tokenHash)
{
    return inTransaction<Done>([&]() -> Status {
        PreparedQuery query = prepared(
                QStringLiteral("DELETE FROM sessions WHERE token_hash = ? RETURNING user_id"));
        query.addBindValue(tokenHash);
        if (!query.exec())
            return failure(QStringLiteral("end a session"), query);
        if (query.next())
            notifyNodes(ClusterEvent::SessionsEnded,
                        {{QStringLiteral("user"), query.value(0).toLongLong()},
                         {QStringLiteral("reason"), QStringLiteral("signed out")}});
        return Done{};
    });
}

Expected<QSet<QString>> StorageWorker::existingSessions(const QStringList &tokenHashes)
{
    QSet<QString> existing;
    PreparedQuery query = prepared(QStringLiteral("SELECT 1 FROM sessions WHERE token_hash = ?"));
    for (const QString &tokenHash : tokenHashes) {
        query.addBindValue(tokenHash);
        if (!query.exec())
            return failure(QStringLiteral("read a session"), query);
        if (query.next())
            existing.insert(tokenHash);
    }
    return existing;
}

Expected<qint64> StorageWorker::sessionCount(qint64 userId)
{
    PreparedQuery query =
            prepared(QStringLiteral("SELECT COUNT(*) FROM sessions WHERE user_id = ?"));
    query.addBindValue(userId);
    if (!query.exec() || !query.next())
        return failure(QStringLiteral("count sessions"), query);
    return query.value(0).toLongLong();
}

Status StorageWorker::changePassword(qint64 userId, const QString &newHash,
                                     const QString &keepTokenHash)
{
    return inTransaction<Done>([&]() -> Status {
        QSqlQuery query(m_db);
        query.prepare(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"));
        query.addBindValue(newHash);
        query.addBindValue(userId);
        if (!query.exec())
            return failure(QStringLiteral("change a password"), query);
        query.prepare(QStringLiteral("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?"));
        query.addBindValue(userId);
        query.addBindValue(keepTokenHash);
        if (!query.exec())
            return failure(QStringLiteral("end the other sessions"), query);
        notifyNodes(ClusterEvent::SessionsEnded,
                    {{QStringLiteral("user"), userId},
                     {QStringLiteral("reason"), QStringLiteral("the password was changed")}});
        return Done{};
    });
}

} // namespace Hallway

namespace Hallway {

namespace {
const QString TalkColumns = QStringLiteral(
        "t.id, t.title, t.abstract, t.hidden, t.created_at, u.id, u.username, u.display_name, "
        "(SELECT COUNT(*) FROM votes v WHERE v.talk_id = t.id) "
        "FROM talks t JOIN users u ON u.id = t.speaker_id");
} // namespace

Error StorageWorker::votingClosed() const
{
    return {ErrorCode::Conflict, QStringLiteral("voting is closed")};
}

Expected<bool> StorageWorker::votingOpen()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT value FROM room_settings WHERE name = 'voting_open'")))
        return failure(QStringLiteral("read the voting state"), query);
    return !query.next() || query.value(0).toString() == QLatin1StringView("1");
}

Expected<bool> StorageWorker::clientIdStored(const QString &requestType, qint64 userId,
                                             const QString &clientId)
{
    namespace Type = Protocol::Type;
    static const QHash<QString, QString> queries = {
            {Type::PostFact,
             QStringLiteral("SELECT 1 FROM facts WHERE author_id = ? AND client_id = ?")},
            {Type::ProposeTalk,
             QStringLiteral("SELECT 1 FROM talks WHERE speaker_id = ? AND client_id = ?")},
            {Type::ToggleVote,
             QStringLiteral("SELECT 1 FROM vote_toggles WHERE user_id = ? AND client_id = ?")},
            {Type::SendMessage,
             QStringLiteral("SELECT 1 FROM messages WHERE sender_id = ? AND client_id = ?")},
            {Type::Announce,
             QStringLiteral("SELECT 1 FROM announcements WHERE author_id = ? AND client_id = ?")},
    };
    const QString sql = queries.value(requestType);
    if (sql.isEmpty())
        return false;
    PreparedQuery query = prepared(sql);
    query.addBindValue(userId);
    query.addBindValue(clientId);
    if (!query.exec())
        return failure(QStringLiteral("look for a resend"), query);
    return query.next();
}

Expected<AuditEntry> StorageWorker::setVotingOpen(bool open, const AuditRecord &audit)
{
    return inTransaction<AuditEntry>([&]() -> Expected<AuditEntry> {
        PreparedQuery query = prepared(
                QStringLiteral("UPDATE room_settings SET value = ? WHERE name = 'voting_open'"));
        query.addBindValue(open ? QStringLiteral("1") : QStringLiteral("0"));
        if (!query.exec())
            return failure(QStringLiteral("change the voting state"), query);
        notifyNodes(ClusterEvent::VotingChanged);
        return appendAudit(audit);
    });
}

Expected<QList<Talk>> StorageWorker::readTalks(QSqlQuery &query)
{
    if (!query.exec())
        return failure(QStringLiteral("read talks"), query);
    QList<Talk> talks;
    while (query.next()) {
        Talk talk;
        talk.id = query.value(0).toLongLong();
        talk.title = query.value(1).toString();
        talk.abstract = query.value(2).toString();
        talk.hidden = query.value(3).toInt() != 0;
        talk.createdAt = query.value(4).toLongLong();
        talk.speaker = {query.value(5).toLongLong(), query.value(6).toString(),
                        query.value(7).toString()};
        talk.votes = query.value(8).toLongLong();
        talks.append(talk);
    }
    return talks;
}

Expected<Talk> StorageWorker::talk(qint64 talkId)
{
    PreparedQuery query =
            prepared(QStringLiteral("SELECT ") + TalkColumns + QStringLiteral(" WHERE t.id = ?"));
    query.addBindValue(talkId);
    const auto talks = readTalks(query);
    if (!talks)
        return talks.error();
    if (talks->isEmpty())
        return notFound(QStringLiteral("no talk with id %1").arg(talkId));
    return talks->constFirst();
}

Expected<QList<Talk>> StorageWorker::talks(bool includeHidden)
{
    PreparedQuery query =
            prepared(QStringLiteral("SELECT ") + TalkColumns
                     + (includeHidden ? QString() : QStringLiteral(" WHERE t.hidden = 0"))
                     + QStringLiteral(" ORDER BY t.id"));
    return readTalks(query);
}

Expected<StoredTalk> StorageWorker::proposeTalk(qint64 speakerId, const QString &clientId,
                                                const QString &title, const QString &abstract,
                                                qint64 nowMs)
{
    return inTransaction<StoredTalk>([&]() -> Expected<StoredTalk> {
        PreparedQuery existing = prepared(
                QStringLiteral("SELECT id FROM talks WHERE speaker_id = ? AND client_id = ?"));
        existing.addBindValue(speakerId);
        existing.addBindValue(clientId);
        if (!existing.exec())
            return failure(QStringLiteral("read talks"), existing);
        if (existing.next()) {
            const auto stored = talk(existing.value(0).toLongLong());
            if (!stored)
                return stored.error();
            return StoredTalk{stored.value(), true};
        }
        const auto open = votingOpen();
        if (!open)
            return open.error();
        if (!open.value())
            return votingClosed();
        PreparedQuery insert = prepared(
                QStringLiteral("INSERT INTO talks (speaker_id, client_id, title, abstract, "
                               "created_at) VALUES (?, ?, ?, ?, ?) "
                               "ON CONFLICT (speaker_id, client_id) DO NOTHING"));
        insert.addBindValue(speakerId);
        insert.addBindValue(clientId);
        insert.addBindValue(title);
        insert.addBindValue(nonNull(abstract));
        insert.addBindValue(nowMs);
        if (!insert.exec())
            return failure(QStringLiteral("store a talk"), insert);
        // Nothing inserted: the same resend was stored meanwhile, through another node.
        const bool inserted = insert.numRowsAffected() > 0;
        PreparedQuery created = prepared(
                QStringLiteral("SELECT id FROM talks WHERE speaker_id = ? AND client_id = ?"));
        created.addBindValue(speakerId);
        created.addBindValue(clientId);
        if (!created.exec() || !created.next())
            return failure(QStringLiteral("read a new talk"), created);
        const auto stored = talk(created.value(0).toLongLong());
        if (!stored)
            return stored.error();
        if (!inserted)
            return StoredTalk{stored.value(), true};
        notifyNodes(ClusterEvent::TalkChanged, {{QStringLiteral("id"), stored->id}});
        return StoredTalk{stored.value(), false};
    });
}

Expected<Talk> StorageWorker::editTalk(qint64 talkId, qint64 userId,
                                       const std::optional<QString> &title,
                                       const std::optional<QString> &abstract)
{
    return inTransaction<Talk>([&]() -> Expected<Talk> {
        const auto current = talk(talkId);
        if (!current)
            return current.error();
        if (current->speaker.id != userId)
            return Error{ErrorCode::Forbidden, QStringLiteral("only the speaker can edit a talk")};
        const auto open = votingOpen();
        if (!open)
            return open.error();
        if (!open.value())
            return votingClosed();
        PreparedQuery update =
                prepared(QStringLiteral("UPDATE talks SET title = ?, abstract = ? WHERE id = ?"));
        update.addBindValue(title.value_or(current->title));
        update.addBindValue(nonNull(abstract.value_or(current->abstract)));
        update.addBindValue(talkId);
        if (!update.exec())
            return failure(QStringLiteral("edit a talk"), update);
        notifyNodes(ClusterEvent::TalkChanged, {{QStringLiteral("id"), talkId}});
        return talk(talkId);
    });
}

Status StorageWorker::withdrawTalk(qint64 talkId, qint64 userId)
{
    return inTransaction<Done>([&]() -> Status {
        const auto current = talk(talkId);
        if (!current)
            return current.error();
        if (current->speaker.id != userId)
            return Error{ErrorCode::Forbidden,
                         QStringLiteral("only the speaker can withdraw a talk")};
        const auto open = votingOpen();
        if (!open)
            return open.error();
        if (!open.value())
            return votingClosed();
        PreparedQuery remove = prepared(QStringLiteral("DELETE FROM talks WHERE id = ?"));
        remove.addBindValue(talkId);
        if (!remove.exec())
            return failure(QStringLiteral("withdraw a talk"), remove);
        notifyNodes(ClusterEvent::TalkChanged, {{QStringLiteral("id"), talkId}});
        return Done{};
    });
}

Expected<Audited<Talk>> StorageWorker::setTalkHidden(qint64 talkId, bool hidden, AuditRecord audit)
{
    return inTransaction<Audited<Talk>>([&]() -> Expected<Audited<Talk>> {
        PreparedQuery update = prepared(QStringLiteral("UPDATE talks SET hidden = ? WHERE id = ?"));
        update.addBindValue(hidden ? 1 : 0);
        update.addBindValue(talkId);
        if (!update.exec())
            return failure(QStringLiteral("hide a talk"), update);
        if (update.numRowsAffected() == 0)
            return notFound(QStringLiteral("no talk with id %1").arg(talkId));
        const auto changed = talk(talkId);
        if (!changed)
            return changed.error();
        audit.targetUserId = changed->speaker.id;
        audit.detail.insert(QStringLiteral("title"), changed->title);
        notifyNodes(ClusterEvent::TalkChanged, {{QStringLiteral("id"), talkId}});
        const auto entry = appendAudit(audit);
        if (!entry)
            return entry.error();
        return Audited<Talk>{changed.value(), entry.value()};
    });
}

Expected<qint64> StorageWorker::tallyOf(qint64 talkId)
{
    PreparedQuery query = prepared(QStringLiteral("SELECT COUNT(*) FROM votes WHERE talk_id = ?"));
    query.addBindValue(talkId);
    if (!query.exec() || !query.next())
        return failure(QStringLiteral("count votes"), query);
    return query.value(0).toLongLong();
}

Expected<QList<qint64>> StorageWorker::votedTalks(qint64 userId)
{
    PreparedQuery query = prepared(
            QStringLiteral("SELECT talk_id FROM votes WHERE user_id = ? ORDER BY talk_id"));
    query.addBindValue(userId);
    if (!query.exec())
        return failure(QStringLiteral("read votes"), query);
    QList<qint64> ids;
    while (query.next())
        ids.append(query.value(0).toLongLong());
    return ids;
}

} // namespace Hallway

namespace Hallway {

namespace {
const QString MessageColumns = QStringLiteral(
        "m.id, m.sender_id, m.recipient_id, m.text, m.created_at, m.client_id, m.delivered_at "
        "FROM messages m");
} // namespace

Expected<QList<ChatMessage>> StorageWorker::readMessages(QSqlQuery &query)
{
    if (!query.exec())
        return failure(QStringLiteral("read messages"), query);
    QList<ChatMessage> messages;
    while (query.next()) {
        ChatMessage message;
        message.id = query.value(0).toLongLong();
        message.from = query.value(1).toLongLong();
        message.to = query.value(2).toLongLong();
        message.conversation = conversationKey(message.from, message.to);
        message.text = query.value(3).toString();
        message.createdAt = query.value(4).toLongLong();
        message.clientId = query.value(5).toString();
        message.delivered = !query.value(6).isNull();
        messages.append(message);
    }
    return messages;
}

Expected<StoredMessage> StorageWorker::sendMessage(qint64 from, qint64 to, const QString &clientId,
                                                   const QString &text, qint64 nowMs)
{
    return inTransaction<StoredMessage>([&]() -> Expected<StoredMessage> {
        PreparedQuery existing =
                prepared(QStringLiteral("SELECT ") + MessageColumns
                         + QStringLiteral(" WHERE m.sender_id = ? AND m.client_id = ?"));
        existing.addBindValue(from);
        existing.addBindValue(clientId);
        const auto earlier = readMessages(existing);
        if (!earlier)
            return earlier.error();
        if (!earlier->isEmpty())
            return StoredMessage{earlier->constFirst(), true};
        const auto recipient = userById(to);
        if (!recipient)
            return recipient.error();
        PreparedQuery insert = prepared(QStringLiteral(
                "INSERT INTO messages (sender_id, recipient_id, user_low, user_high, "
                "client_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (sender_id, client_id) DO NOTHING"));
        insert.addBindValue(from);
        insert.addBindValue(to);
        insert.addBindValue(qMin(from, to));
        insert.addBindValue(qMax(from, to));
        insert.addBindValue(clientId);
        insert.addBindValue(text);
        insert.addBindValue(nowMs);
        if (!insert.exec())
            return failure(QStringLiteral("store a message"), insert);
        // Nothing inserted: the same resend was stored meanwhile, through another node.
        const bool inserted = insert.numRowsAffected() > 0;
        PreparedQuery stored =
                prepared(QStringLiteral("SELECT ") + MessageColumns
                         + QStringLiteral(" WHERE m.sender_id = ? AND m.client_id = ?"));
        stored.addBindValue(from);
        stored.addBindValue(clientId);
        const auto created = readMessages(stored);
        if (!created || created->isEmpty())
            return created ? Error{ErrorCode::Internal, QStringLiteral("a stored message vanished")}
                           : created.error();
        if (!inserted)
            return StoredMessage{created->constFirst(), true};
        notifyNodes(ClusterEvent::ChatMessage,
                    {{QStringLiteral("id"), created->constFirst().id},
                     {QStringLiteral("from"), from},
                     {QStringLiteral("to"), to}});
        return StoredMessage{created->constFirst(), false};
    });
}

Expected<ChatMessage> StorageWorker::message(qint64 messageId)
{
    PreparedQuery query = prepared(QStringLiteral("SELECT ") + MessageColumns
                                   + QStringLiteral(" WHERE m.id = ?"));
    query.addBindValue(messageId);
    const auto messages = readMessages(query);
    if (!messages)
        return messages.error();
    if (messages->isEmpty())
        return notFound(QStringLiteral("no message with id %1").arg(messageId));
    return messages->constFirst();
}

Expected<QList<ChatMessage>> StorageWorker::history(qint64 userLow, qint64 userHigh,
                                                    std::optional<qint64> beforeId, int limit)
{
    PreparedQuery query =
            prepared(QStringLiteral("SELECT ") + MessageColumns
                     + QStringLiteral(" WHERE m.user_low = ? AND m.user_high = ? AND m.id < ? "
                                      "ORDER BY m.id DESC LIMIT ?"));
    query.addBindValue(userLow);
    query.addBindValue(userHigh);
    query.addBindValue(beforeId.value_or(std::numeric_limits<qint64>::max()));
    query.addBindValue(limit + 1);
    return readMessages(query);
}

Expected<QList<Conversation>> StorageWorker::conversations(qint64 userId)
{
    PreparedQuery last = prepared(
            QStringLiteral("SELECT ") + MessageColumns
            + QStringLiteral(" JOIN (SELECT MAX(id) AS last_id FROM messages WHERE user_low = ? OR "
                             "user_high = ? GROUP BY user_low, user_high) c ON c.last_id = m.id "
                             "ORDER BY m.id DESC"));
    last.addBindValue(userId);
    last.addBindValue(userId);
    const auto lastMessages = readMessages(last);
    if (!lastMessages)
        return lastMessages.error();

    PreparedQuery unread = prepared(QStringLiteral(
            "SELECT m.sender_id, COUNT(*) FROM messages m LEFT JOIN read_markers r ON "
            "r.user_id = m.recipient_id AND r.peer_id = m.sender_id WHERE m.recipient_id = ? AND "
            "m.id > COALESCE(r.last_read_id, 0) GROUP BY m.sender_id"));
    unread.addBindValue(userId);
    if (!unread.exec())
        return failure(QStringLiteral("count unread messages"), unread);
    QHash<qint64, qint64> unreadByPeer;
    while (unread.next())
        unreadByPeer.insert(unread.value(0).toLongLong(), unread.value(1).toLongLong());

    QList<Conversation> result;
    for (const ChatMessage &message : lastMessages.value()) {
        const qint64 peerId = message.from == userId ? message.to : message.from;
        const auto peer = userById(peerId);
        if (!peer)
            return peer.error();
        result.append({message.conversation,
                       {peer->id, peer->username, peer->displayName},
                       message,
                       unreadByPeer.value(peerId)});
    }
    return result;
}

Expected<qint64> StorageWorker::markRead(qint64 userId, qint64 peerId, qint64 upToId)
{
    return inTransaction<qint64>([&]() -> Expected<qint64> {
        // What there was to read: an id beyond the conversation's newest message would tell
        // the peer that messages not written yet were read.
        PreparedQuery newest = prepared(QStringLiteral(
                "SELECT MAX(id) FROM messages WHERE user_low = ? AND user_high = ? AND id <= ?"));
        newest.addBindValue(qMin(userId, peerId));
        newest.addBindValue(qMax(userId, peerId));
        newest.addBindValue(upToId);
        if (!newest.exec() || !newest.next())
            return failure(QStringLiteral("find the newest message read"), newest);
        if (newest.isNull(0))
            return qint64(0);
        const qint64 readUpTo = newest.value(0).toLongLong();

        PreparedQuery update = prepared(
                QStringLiteral("UPDATE read_markers SET last_read_id = ? WHERE user_id = ? AND "
                               "peer_id = ? AND last_read_id < ?"));
        update.addBindValue(readUpTo);
        update.addBindValue(userId);
        update.addBindValue(peerId);
        update.addBindValue(readUpTo);
        if (!update.exec())
            return failure(QStringLiteral("move a read marker"), update);
        bool moved = update.numRowsAffected() > 0;
        if (!moved) {
            PreparedQuery insert = prepared(
                    QStringLiteral("INSERT INTO read_markers (user_id, peer_id, last_read_id) "
                                   "VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
            insert.addBindValue(userId);
            insert.addBindValue(peerId);
            insert.addBindValue(readUpTo);
            if (!insert.exec())
                return failure(QStringLiteral("store a read marker"), insert);
            moved = insert.numRowsAffected() > 0;
        }
        if (!moved)
            return qint64(0);
        notifyNodes(ClusterEvent::ChatRead,
                    {{QStringLiteral("user"), userId},
                     {QStringLiteral("peer"), peerId},
                     {QStringLiteral("upToId"), readUpTo}});
        return readUpTo;
    });
}

Expected<QList<ChatMessage>>
StorageWorker::markDelivered(qint64 recipientId, const QList<qint64> &messageIds, qint64 nowMs)
{
    return inTransaction<QList<ChatMessage>>([&]() -> Expected<QList<ChatMessage>> {
        QList<ChatMessage> newlyDelivered;
        for (const qint64 id : messageIds) {
            PreparedQuery update =
                    prepared(QStringLiteral("UPDATE messages SET delivered_at = ? WHERE id = ? AND "
                                            "recipient_id = ? AND delivered_at IS NULL"));
            update.addBindValue(nowMs);
            update.addBindValue(id);
            update.addBindValue(recipientId);
            if (!update.exec())
                return failure(QStringLiteral("mark a message delivered"), update);
            if (update.numRowsAffected() == 0)
                continue;
            PreparedQuery read = prepared(QStringLiteral("SELECT ") + MessageColumns
                                          + QStringLiteral(" WHERE m.id = ?"));
            read.addBindValue(id);
            const auto message = readMessages(read);
            if (!message)
                return message.error();
            newlyDelivered += message.value();
            notifyNodes(ClusterEvent::ChatDelivered,
                        {{QStringLiteral("id"), id},
                         {QStringLiteral("from"), message->constFirst().from}});
        }
        return newlyDelivered;
    });
}

} // namespace Hallway
