// SPDX-License-Identifier: MIT
#include "testclient.h"
#include "protocol.h"

#include <QSignalSpy>
#include <QTest>

namespace Hallway::Test {

TestClient::TestClient(QObject *parent) : QObject(parent)
{
    m_clock.start();
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        const auto envelope = Envelope::fromJson(text.toUtf8());
        if (!envelope) {
            qWarning("unparseable frame from server: %s", qPrintable(text));
            return;
        }
        if (envelope->type == Protocol::Type::Event) {
            m_receivedAt.insert(envelope->topic + QLatin1Char('/') + QString::number(envelope->seq),
                                m_clock.elapsed());
            m_events.append(envelope.value());
        } else
            m_replies.append(envelope.value());
    });
}

bool TestClient::open(const QUrl &url, int timeoutMs)
{
    QSignalSpy connected(&m_socket, &QWebSocket::connected);
    m_socket.open(url);
    return connected.count() > 0 || connected.wait(timeoutMs);
}

void TestClient::close()
{
    m_socket.close();
    waitForDisconnected(2000);
}

bool TestClient::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor(
            [this]() { return m_socket.state() == QAbstractSocket::UnconnectedState; }, timeoutMs);
}

void TestClient::sendRaw(const QString &text)
{
    m_socket.sendTextMessage(text);
}

Envelope TestClient::request(const QString &type, const QJsonObject &data, int timeoutMs)
{
    const qint64 id = m_nextId++;
    m_socket.sendTextMessage(QString::fromUtf8(Envelope{type, id, data, {}, 0}.toJson()));
    std::optional<Envelope> reply;
    (void)QTest::qWaitFor(
            [&]() {
                reply = takeReply(id);
                return reply || m_socket.state() == QAbstractSocket::UnconnectedState;
            },
            timeoutMs);
    if (!reply)
        reply = takeReply(id); // it may have come with the close
    if (!reply)
        return Envelope::error(id,
                               {ErrorCode::Internal, QStringLiteral("no reply to %1").arg(type)});
    rememberAccount(type, *reply);
    return *reply;
}

Envelope TestClient::waitForReply(const QJsonValue &id, int timeoutMs)
{
    std::optional<Envelope> reply;
    (void)QTest::qWaitFor([&]() { return (reply = takeReply(id)).has_value(); }, timeoutMs);
    return reply ? *reply
                 : Envelope::error(QJsonValue::Undefined,
                                   {ErrorCode::Internal, QStringLiteral("no reply")});
}

std::optional<Envelope> TestClient::takeReply(const QJsonValue &id)
{
    // Numbers compare by value: an id sent as an integer may come back parsed as a double.
    const auto sameId = [&id](const QJsonValue &replyId) {
        return id.isDouble() ? replyId.isDouble() && replyId.toDouble() == id.toDouble()
                             : replyId == id;
    };
    for (qsizetype i = 0; i < m_replies.size(); ++i) {
        if (sameId(m_replies.at(i).id))
            return m_replies.takeAt(i);
    }
    return std::nullopt;
}

void TestClient::rememberAccount(const QString &requestType, const Envelope &reply)
{
    if (reply.isError()
        || (requestType != Protocol::Type::Register && requestType != Protocol::Type::Login))
        return;
    m_userId = userIdOf(reply);
    m_token = reply.data.value(QStringLiteral("token")).toString();
}

Envelope TestClient::hello()
{
    return request(Protocol::Type::Hello,
                   {{QStringLiteral("protocol"), Protocol::Version},
                    {QStringLiteral("client"), QStringLiteral("tst")}});
}

Envelope TestClient::registerUser(const QString &username, const QString &password,
                                  const QString &displayName, const QString &city,
                                  const QString &region)
{
    QJsonObject data{
            {QStringLiteral("username"), username},
            {QStringLiteral("password"), password},
            {QStringLiteral("displayName"), displayName.isEmpty() ? username : displayName}};
    if (!city.isEmpty())
        data.insert(QStringLiteral("city"), city);
    if (!region.isEmpty())
        data.insert(QStringLiteral("region"), region);
    return request(Protocol::Type::Register, data);
}

Envelope TestClient::login(const QString &username, const QString &password)
{
    return request(
            Protocol::Type::Login,
            {{QStringLiteral("username"), username}, {QStringLiteral("password"), password}});
}

Envelope TestClient::subscribe(const QString &topic, const QJsonObject &since)
{
    QJsonObject data{{QStringLiteral("topic"), topic}};
    if (!since.isEmpty())
        data.insert(QStringLiteral("since"), since);
    return request(Protocol::Type::Subscribe, data);
}

Envelope TestClient::waitForEvent(const QString &topic,
                                  const std::function<bool(const Envelope &)> &match, int timeoutMs)
{
    Envelope found;
    (void)QTest::qWaitFor(
            [&]() {
                for (qsizetype i = 0; i < m_events.size(); ++i) {
                    if (m_events.at(i).topic == topic && match(m_events.at(i))) {
                        found = m_events.takeAt(i);
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
    return found;
}

} // namespace Hallway::Test
