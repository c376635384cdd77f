// SPDX-License-Identifier: MIT
// Crash safety: a chat sender built on the app's real client core sends 1,000 messages to
// another user while the real hallway-server process is killed with SIGKILL 20 times at
// pseudo-random moments and restarted on the same port and database. The client reconnects,
// resumes and resends its outbox by itself; in the end the database holds every message
// exactly once and nothing else.
//
// The kill moments come from a seed printed at the start; HALLWAY_TEST_SEED=<seed> repeats
// them.
#include "fixtures.h"
#include "hallwayclient.h"
#include "protocol.h"
#include "testclient.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QMetaEnum>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <algorithm>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
constexpr int MessageCount = 1000;
constexpr int KillCount = 20;
// Messages waiting for their acknowledgement at most, while the server is up: a busy chat.
constexpr int Window = 50;
// Written while the server is down, after each kill: 0 to this many.
constexpr int WrittenWhileDown = 5;
// The whole run, kills and restarts included, is bounded by this.
constexpr qint64 DeadlineMs = 60'000;
const QString Password = QStringLiteral("crash-safety-password");
} // namespace

// Sends chat messages through HallwayClient's outbox (submitWrite, as the chat panel does)
// and keeps the books: what it wrote, and each acknowledgement and refusal the client reports.
class ChatSender : public QObject {
    Q_OBJECT
public:
    ChatSender(HallwayClient &client, qint64 recipient) : m_client(client), m_recipient(recipient)
    {
        connect(&client, &HallwayClient::writeAcknowledged, this,
                [this](const QString &, const QString &clientId, const QJsonObject &result) {
                    ++m_acks[clientId];
                    ++m_acknowledged;
                    // Stored before a kill, but its result never reached us: the resend finds it.
                    m_resendsFound += result.value(QStringLiteral("duplicate")).toBool();
                    topUp();
                    if (m_acknowledged == m_notifyAt)
                        Q_EMIT reached();
                    if (done())
                        Q_EMIT settled();
                });
        connect(&client, &HallwayClient::writeRejected, this,
                [this](const QString &, const QString &clientId, const QJsonObject &,
                       const Hallway::Error &error) {
                    m_rejected.append(clientId + QStringLiteral(": ") + error.message);
                    if (done())
                        Q_EMIT settled();
                });
    }

    // Writes until Window messages wait for their acknowledgement, or all are written.
    void topUp()
    {
        while (m_client.pendingWriteCount() < Window && submitted() < MessageCount)
            submitOne();
    }
    // Writes up to n more now, whatever the connection is doing.
    void submit(int n)
    {
        for (int i = 0; i < n && submitted() < MessageCount; ++i)
            submitOne();
    }
    // reached() is emitted when the acknowledgements come to this many.
    void notifyAt(int acknowledged) { m_notifyAt = acknowledged; }

    int submitted() const { return static_cast<int>(m_texts.size()); }
    int acknowledged() const { return m_acknowledged; }
    int resendsFound() const { return m_resendsFound; }
    const QHash<QString, QString> &texts() const { return m_texts; }
    const QHash<QString, int> &acks() const { return m_acks; }
    const QStringList &rejected() const { return m_rejected; }
    bool done() const { return submitted() == MessageCount && m_client.pendingWriteCount() == 0; }
    QString state() const
    {
        return QStringLiteral("%1 written, %2 acknowledged (%3 distinct), %4 refused, %5 in "
                              "the outbox, client status %6")
                .arg(submitted())
                .arg(m_acknowledged)
                .arg(m_acks.size())
                .arg(m_rejected.size())
                .arg(m_client.pendingWriteCount())
                .arg(QString::fromLatin1(QMetaEnum::fromType<HallwayClient::Status>().valueToKey(
                        static_cast<int>(m_client.status()))));
    }

Q_SIGNALS:
    void reached();
    // Every message is written and the client has reported on each.
    void settled();

private:
    void submitOne()
    {
        const QString text = QStringLiteral("crash-safety message %1").arg(submitted() + 1);
        const QString clientId = m_client.submitWrite(
                Protocol::Type::SendMessage,
                {{QStringLiteral("to"), m_recipient}, {QStringLiteral("text"), text}});
        m_texts.insert(clientId, text);
    }

    HallwayClient &m_client;
    qint64 m_recipient = 0;
    int m_notifyAt = -1;
    int m_acknowledged = 0;
    int m_resendsFound = 0;
    QHash<QString, QString> m_texts; // client id -> text, as written
    QHash<QString, int> m_acks; // client id -> acknowledgements reported
    QStringList m_rejected;
};

class tst_CrashSafety : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyMessageStoredOnceThroughTwentyKills();
};

void tst_CrashSafety::everyMessageStoredOnceThroughTwentyKills()
{
    HALLWAY_REQUIRE_BACKEND();
    const quint32 seed = testSeed("these kill moments");
    QRandomGenerator random(seed);
    // Kill after this many acknowledgements. Equal moments kill again at once after the
    // restart, while the client is still reconnecting or resending.
    QList<int> killAt;
    for (int i = 0; i < KillCount; ++i)
        killAt.append(static_cast<int>(random.bounded(MessageCount)));
    std::sort(killAt.begin(), killAt.end());
    QStringList moments;
    for (const int moment : std::as_const(killAt))
        moments.append(QString::number(moment));
    qInfo("kills after %s acknowledgements", qPrintable(moments.join(QStringLiteral(", "))));

    // No [abuse] section: no rate limits to slow the sender down.
    TestServer server;
    QVERIFY(server.start());
    qint64 recipientId = 0;
    {
        TestClient recipient;
        QVERIFY(recipient.open(server.url()));
        QVERIFY(!recipient.hello().isError());
        const Envelope reply = recipient.registerUser(QStringLiteral("recipient"), Password);
        QVERIFY2(!reply.isError(), qPrintable(reply.toError().message));
        recipientId = reply.data.value(QStringLiteral("user"))
                              .toObject()
                              .value(QStringLiteral("id"))
                              .toInteger();
    }

    HallwayClient client;
    client.connection().setReconnectDelays(50, 250);
    QSignalSpy signedIn(&client, &HallwayClient::signedIn);
    client.registerAccount(server.url(),
                           {QStringLiteral("sender"), QStringLiteral("Sender"), Password, {}, {}});
    QVERIFY(signedIn.wait(10'000));
    const qint64 senderId = client.currentUser().id;

    QElapsedTimer clock;
    clock.start();
    auto remainingMs = [&clock]() {
        return static_cast<int>(qMax<qint64>(1, DeadlineMs - clock.elapsed()));
    };
    ChatSender sender(client, recipientId);
    QSignalSpy reached(&sender, &ChatSender::reached);
    sender.topUp();
    for (int kill = 0; kill < KillCount; ++kill) {
        if (sender.acknowledged() < killAt.at(kill)) {
            reached.clear();
            sender.notifyAt(killAt.at(kill));
            QVERIFY2(reached.wait(remainingMs()),
                     qPrintable(QStringLiteral("seed %1, waiting for kill %2 at %3: %4")
                                        .arg(seed)
                                        .arg(kill + 1)
                                        .arg(killAt.at(kill))
                                        .arg(sender.state())));
        }
        server.kill();
        sender.submit(static_cast<int>(random.bounded(WrittenWhileDown + 1)));
        QVERIFY(server.restart());
    }
    if (!sender.done()) {
        QSignalSpy settled(&sender, &ChatSender::settled);
        QVERIFY2(settled.wait(remainingMs()),
                 qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(sender.state())));
    }
    const qint64 elapsed = clock.elapsed();

    // The client's books: every message acknowledged once, none refused.
    QVERIFY2(sender.rejected().isEmpty(), qPrintable(sender.rejected().join(QLatin1Char('\n'))));
    QCOMPARE(sender.acks().size(), MessageCount);
    for (auto it = sender.acks().cbegin(); it != sender.acks().cend(); ++it)
        QVERIFY2(it.value() == 1,
                 qPrintable(QStringLiteral("seed %1: %2 acknowledged %3 times")
                                    .arg(seed)
                                    .arg(it.key())
                                    .arg(it.value())));

    // The database's: each client id exactly once, with its text, from the sender to the
    // recipient, and nothing else.
    QHash<QString, int> stored;
    QStringList wrong;
    {
        QSqlDatabase db = openDatabase(server.databaseUrl(), QStringLiteral("crashsafety"));
        QSqlQuery query(db);
        QVERIFY2(query.exec(QStringLiteral(
                         "SELECT client_id, text, sender_id, recipient_id FROM messages")),
                 qPrintable(query.lastError().text()));
        while (query.next()) {
            const QString clientId = query.value(0).toString();
            ++stored[clientId];
            if (sender.texts().value(clientId) != query.value(1).toString()
                || query.value(2).toLongLong() != senderId
                || query.value(3).toLongLong() != recipientId)
                wrong.append(clientId + QStringLiteral(": ") + query.value(1).toString());
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("crashsafety"));
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
    QStringList missing;
    QStringList doubled;
    for (auto it = sender.texts().cbegin(); it != sender.texts().cend(); ++it) {
        const int count = stored.value(it.key());
        if (count == 0)
            missing.append(it.value());
        else if (count > 1)
            doubled.append(QStringLiteral("%1 (%2 times)").arg(it.value()).arg(count));
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("seed %1, lost: %2")
                                .arg(seed)
                                .arg(missing.join(QStringLiteral(", ")))));
    QVERIFY2(doubled.isEmpty(),
             qPrintable(QStringLiteral("seed %1, doubled: %2")
                                .arg(seed)
                                .arg(doubled.join(QStringLiteral(", ")))));
    QCOMPARE(stored.size(), MessageCount);
    qInfo("%d messages through %d kills in %lld ms (seed %u); %d resends found their message "
          "already stored",
          MessageCount, KillCount, elapsed, seed, sender.resendsFound());
}

QTEST_GUILESS_MAIN(tst_CrashSafety)
#include "tst_crashsafety.moc"
