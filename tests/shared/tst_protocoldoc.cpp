// SPDX-License-Identifier: MIT
// docs/protocol.md and hallway-shared check each other. Every JSON example of the document
// (the ```json blocks, the "> " and "< " lines of its transcripts, and the inline `{"type": ...}`
// frames that are JSON) is read with the shared codec:
// - a frame from a client must be a request the server reads (Envelope::requestFromJson) of a
//   known type, and its data must parse with that type's parser, every field it names being
//   one the parser knows; a frame the document shows refused must be answered, next in its
//   block, with the error the codec gives;
// - a result must follow a request with its id, and parse with the reader of that request's
//   result using the same member names at every depth; an event likewise by its topic;
// - an error must carry a known code, "code" and "message", and "retryAfterMs" only for a wait;
// - a data shape shown on its own (a User, a Fact...) must be one of the shared shapes, member
//   for member;
// - a topic.subscribe example must name a topic there is, unless the document shows it refused.
// And the other way round: every request type and error code the library declares is
// documented. A field renamed on either side makes this test fail.
#include "envelope.h"
#include "errorcode.h"
#include "hub.h"
#include "protocol.h"
#include "protocolcatalog.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace Hallway;
using namespace Hallway::Test;

namespace {
// Where the document comes from: HALLWAY_PROTOCOL_DOC if set, else the source tree's.
QString documentPath()
{
    const QString path = qEnvironmentVariable("HALLWAY_PROTOCOL_DOC");
    return path.isEmpty() ? QStringLiteral(HALLWAY_SOURCE_DIR "/docs/protocol.md") : path;
}

struct Example {
    int line = 0; // 1-based, in the document
    int block = 0; // examples of one block (or one inline span) share a number
    bool fromClient = false; // a "> " transcript line
    QString text;
    std::optional<QJsonObject> json; // empty: the text is not a JSON object
};

std::optional<QJsonObject> parseObject(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// The examples in document order. A ```json block is one JSON value, or one per line; a line
// of a ```json block that is neither is kept (json empty) so that the test can name it.
QList<Example> extractExamples(const QStringList &lines)
{
    static const QRegularExpression inlineFrame(QStringLiteral(R"(`(\{"type"[^`]*)`)"));
    QList<Example> examples;
    int block = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (!line.startsWith(QLatin1StringView("```"))) {
            // Inline frames; shapes such as `{"type", "id", "data"}` are not JSON and are left.
            auto matches = inlineFrame.globalMatch(line);
            while (matches.hasNext()) {
                const QString span = matches.next().captured(1);
                if (const auto json = parseObject(span))
                    examples.append({int(i) + 1, ++block, false, span, json});
            }
            continue;
        }
        const bool jsonBlock = line.mid(3).trimmed() == QLatin1StringView("json");
        const qsizetype start = i + 1;
        qsizetype end = start;
        while (end < lines.size() && !lines.at(end).startsWith(QLatin1StringView("```")))
            ++end;
        ++block;
        const QStringList body = lines.mid(start, end - start);
        if (jsonBlock) {
            if (const auto whole = parseObject(body.join(QLatin1Char('\n')))) {
                examples.append(
                        {int(start) + 1, block, false, body.join(QLatin1Char('\n')), whole});
            } else {
                for (qsizetype k = 0; k < body.size(); ++k) {
                    if (!body.at(k).trimmed().isEmpty())
                        examples.append({int(start + k) + 1, block, false, body.at(k).trimmed(),
                                         parseObject(body.at(k))});
                }
            }
        } else {
            for (qsizetype k = 0; k < body.size(); ++k) {
                const QString &frame = body.at(k);
                if (frame.startsWith(QLatin1StringView("> "))
                    || frame.startsWith(QLatin1StringView("< ")))
                    examples.append({int(start + k) + 1, block, frame.startsWith(QLatin1Char('>')),
                                     frame.mid(2).trimmed(), parseObject(frame.mid(2))});
            }
        }
        i = end;
    }
    return examples;
}

// A key for an id, whatever its JSON type.
QString idKey(const QJsonValue &id)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{id}).toJson(QJsonDocument::Compact));
}

bool isKnownTopic(const QString &topic)
{
    namespace Topic = Protocol::Topic;
    static const QStringList fixed = {Topic::Presence,  Topic::CommunityFacts, Topic::Talks,
                                      Topic::Chat,      Topic::Announcements,  Topic::Hubs,
                                      Topic::Moderation};
    if (fixed.contains(topic) || Topic::userFactsId(topic))
        return true;
    return topic.startsWith(Topic::WidgetPrefix) && WidgetSpec::fromTopic(topic).hasValue();
}

// The part of a message that is not illustrative: the document says the offset and the parser's
// wording of "malformed JSON at offset N: ..." are examples.
QString stableMessage(const QString &message)
{
    const qsizetype offset = message.indexOf(QLatin1StringView(" at offset "));
    return message.startsWith(QLatin1StringView("malformed JSON")) && offset > 0
            ? message.left(offset)
            : message;
}

QString describe(const QSet<QString> &paths)
{
    QStringList sorted = paths.values();
    sorted.sort();
    return sorted.join(QStringLiteral(", "));
}
} // namespace

class tst_ProtocolDoc : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyExampleReads_data();
    void everyExampleReads();
    void everyRequestTypeIsDocumented_data();
    void everyRequestTypeIsDocumented();
    void documentedRequestTypesExist();
    void everyErrorCodeIsDocumented_data();
    void everyErrorCodeIsDocumented();
    void everyCloseCodeIsDocumented_data();
    void everyCloseCodeIsDocumented();

private:
    void checkRequest(qsizetype index);
    void checkResult(qsizetype index);
    void checkError(qsizetype index);
    void checkEvent(qsizetype index);
    void checkShape(qsizetype index);
    // The nearest example after index in the same block, or -1.
    qsizetype nextInBlock(qsizetype index) const;

    QString m_document;
    QStringList m_lines;
    QList<Example> m_examples;
    // For each example, the index of the latest request example before it with its id (-1).
    QList<qsizetype> m_requestOf;
};

void tst_ProtocolDoc::initTestCase()
{
    QFile file(documentPath());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(documentPath()));
    m_document = QString::fromUtf8(file.readAll());
    m_lines = m_document.split(QLatin1Char('\n'));
    m_examples = extractExamples(m_lines);
    // A document without examples, or a parser that finds none, must not pass quietly.
    QVERIFY2(m_examples.size() >= 60, qPrintable(QString::number(m_examples.size())));

    QHash<QString, qsizetype> latestRequest;
    for (qsizetype i = 0; i < m_examples.size(); ++i) {
        const Example &example = m_examples.at(i);
        m_requestOf.append(-1);
        if (!example.json)
            continue;
        const QJsonObject &frame = *example.json;
        const QString type = frame.value(QStringLiteral("type")).toString();
        const QString id = idKey(frame.value(QStringLiteral("id")));
        if (Protocol::requestTypes().contains(type))
            latestRequest.insert(id, i);
        else if (type == Protocol::Type::Result || type == Protocol::Type::Error)
            m_requestOf[i] = latestRequest.value(id, -1);
    }
}

qsizetype tst_ProtocolDoc::nextInBlock(qsizetype index) const
{
    const qsizetype next = index + 1;
    return next < m_examples.size() && m_examples.at(next).block == m_examples.at(index).block
            ? next
            : -1;
}

void tst_ProtocolDoc::everyExampleReads_data()
{
    QTest::addColumn<qsizetype>("index");
    for (qsizetype i = 0; i < m_examples.size(); ++i)
        QTest::addRow("line %d", m_examples.at(i).line) << i;
}

void tst_ProtocolDoc::everyExampleReads()
{
    QFETCH(qsizetype, index);
    const Example &example = m_examples.at(index);
    if (!example.json) {
        // Only a client's frame may be broken, to show what the server answers.
        QVERIFY2(example.fromClient, qPrintable("not a JSON object: " + example.text));
        return checkRequest(index);
    }
    const QJsonObject &frame = *example.json;
    if (!frame.contains(QStringLiteral("type")))
        return checkShape(index);
    const QString type = frame.value(QStringLiteral("type")).toString();
    if (type == Protocol::Type::Result)
        return checkResult(index);
    if (type == Protocol::Type::Error)
        return checkError(index);
    if (type == Protocol::Type::Event)
        return checkEvent(index);
    QVERIFY2(Protocol::requestTypes().contains(type),
             qPrintable(QStringLiteral("no request type \"%1\" in protocol.h").arg(type)));
    checkRequest(index);
}

void tst_ProtocolDoc::checkRequest(qsizetype index)
{
    const Example &example = m_examples.at(index);
    QJsonValue requestId = QJsonValue::Undefined;
    const auto envelope = Envelope::requestFromJson(example.text.toUtf8(), &requestId);
    Error refusal;
    if (!envelope) {
        refusal = envelope.error();
    } else {
        QVERIFY2(Protocol::requestTypes().contains(envelope->type),
                 qPrintable(QStringLiteral("no request type \"%1\"").arg(envelope->type)));
        const auto data = readRequest(envelope->type, envelope->data);
        if (data) {
            if (requestTakesNoData(envelope->type))
                QVERIFY2(envelope->data.isEmpty(), "this request type takes no data");
            // Every field of the example is one the parser reads, and writes back.
            const QSet<QString> known = memberPaths(data.value());
            for (const QString &path : memberPaths(envelope->data))
                QVERIFY2(known.contains(path),
                         qPrintable(QStringLiteral("%1 has no field \"%2\"; it knows: %3")
                                            .arg(envelope->type, path, describe(known))));
            if (envelope->type == Protocol::Type::Subscribe) {
                const QString topic = envelope->data.value(QStringLiteral("topic")).toString();
                const qsizetype next = nextInBlock(index);
                const bool refused = next >= 0 && m_examples.at(next).json
                        && m_examples.at(next).json->value(QStringLiteral("type"))
                                == Protocol::Type::Error;
                // A name the server knows is no example of a topic that does not exist, and
                // the other way round; a user's feed exists or not with the user.
                if (!Protocol::Topic::userFactsId(topic))
                    QVERIFY2(refused != isKnownTopic(topic),
                             qPrintable(QStringLiteral("topic \"%1\" is %2 topic, but the document "
                                                       "shows it %3")
                                                .arg(topic,
                                                     isKnownTopic(topic) ? QStringLiteral("a")
                                                                         : QStringLiteral("no"),
                                                     refused ? QStringLiteral("refused")
                                                             : QStringLiteral("accepted"))));
            }
            return;
        }
        refusal = data.error();
    }
    // The document shows this request refused: the next frame of its block says how.
    QCOMPARE(refusal.code, ErrorCode::BadRequest);
    const qsizetype next = nextInBlock(index);
    const bool answered = next >= 0 && m_examples.at(next).json
            && m_examples.at(next).json->value(QStringLiteral("type")) == Protocol::Type::Error;
    QVERIFY2(answered,
             qPrintable("the server refuses this request (\"" + refusal.message
                        + "\"), but the document shows no error after it"));
    const QJsonObject reply = *m_examples.at(next).json;
    QCOMPARE(reply.value(QStringLiteral("id")),
             requestId.isUndefined() ? QJsonValue(QJsonValue::Null) : requestId);
    const QJsonObject data = reply.value(QStringLiteral("data")).toObject();
    QCOMPARE(data.value(QStringLiteral("code")).toString(), errorCodeName(refusal.code));
    QCOMPARE(stableMessage(data.value(QStringLiteral("message")).toString()),
             stableMessage(refusal.message));
}

void tst_ProtocolDoc::checkResult(qsizetype index)
{
    const QJsonObject &frame = *m_examples.at(index).json;
    const qsizetype request = m_requestOf.at(index);
    QVERIFY2(request >= 0, "a result example must come after the request it answers (same id)");
    const QString requestType =
            m_examples.at(request).json->value(QStringLiteral("type")).toString();
    const QJsonObject data = frame.value(QStringLiteral("data")).toObject();
    const auto read = readResult(requestType, data);
    QVERIFY2(read, qPrintable(requestType + ": " + (read ? QString() : read.error().message)));
    QCOMPARE(describe(memberPaths(data)), describe(memberPaths(read.value())));
}

void tst_ProtocolDoc::checkError(qsizetype index)
{
    const QJsonObject &frame = *m_examples.at(index).json;
    const QJsonObject data = frame.value(QStringLiteral("data")).toObject();
    const auto code = errorCodeFromName(data.value(QStringLiteral("code")).toString());
    QVERIFY2(code, qPrintable(data.value(QStringLiteral("code")).toString()));
    QVERIFY(!data.value(QStringLiteral("message")).toString().isEmpty());
    // "code" and "message", and "retryAfterMs" only where the document says there is a wait.
    QStringList members = data.keys();
    if (members.removeOne(QStringLiteral("retryAfterMs"))) {
        QVERIFY2(*code == ErrorCode::RateLimited || *code == ErrorCode::Muted
                         || *code == ErrorCode::Unavailable,
                 "retryAfterMs with a code that never waits");
        QVERIFY(data.value(QStringLiteral("retryAfterMs")).toInteger(-1) > 0);
    } else {
        QVERIFY2(*code != ErrorCode::RateLimited && *code != ErrorCode::Muted,
                 "this code always comes with retryAfterMs");
    }
    QCOMPARE(members, QStringList({QStringLiteral("code"), QStringLiteral("message")}));
    QVERIFY(frame.contains(QStringLiteral("id")));
}

void tst_ProtocolDoc::checkEvent(qsizetype index)
{
    const QJsonObject &frame = *m_examples.at(index).json;
    QVERIFY(!frame.contains(QStringLiteral("id")));
    QVERIFY(frame.value(QStringLiteral("seq")).toInteger(0) > 0);
    const QString topic = frame.value(QStringLiteral("topic")).toString();
    QVERIFY2(isKnownTopic(topic), qPrintable(topic));
    const QJsonObject data = frame.value(QStringLiteral("data")).toObject();
    const auto read = readEvent(topic, data);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
    QCOMPARE(describe(memberPaths(data)), describe(memberPaths(read.value())));
}

void tst_ProtocolDoc::checkShape(qsizetype index)
{
    const QJsonObject &object = *m_examples.at(index).json;
    const QSet<QString> paths = memberPaths(object);
    QStringList near;
    for (const QString &shape : shapeNames()) {
        const auto read = readShape(shape, object);
        if (read && memberPaths(read.value()) == paths)
            return;
        if (read)
            near.append(shape + QStringLiteral(" {") + describe(memberPaths(read.value()))
                        + QLatin1Char('}'));
    }
    QFAIL(qPrintable(QStringLiteral("{%1} is none of the shapes; near: %2")
                             .arg(describe(paths), near.join(QStringLiteral("; ")))));
}

void tst_ProtocolDoc::everyRequestTypeIsDocumented_data()
{
    QTest::addColumn<QString>("type");
    for (const QString &type : Protocol::requestTypes())
        QTest::newRow(qPrintable(type)) << type;
}

// In the table "At a glance", and with a section or a row of its own.
void tst_ProtocolDoc::everyRequestTypeIsDocumented()
{
    QFETCH(QString, type);
    const QString quoted = QLatin1Char('`') + type + QLatin1Char('`');
    const bool atAGlance = std::any_of(m_lines.cbegin(), m_lines.cend(), [&](const QString &line) {
        return line.startsWith(QLatin1StringView("| client -> server |")) && line.contains(quoted);
    });
    QVERIFY2(atAGlance, "not in the table \"At a glance\"");
    QVERIFY2(m_lines.contains(QStringLiteral("### ") + quoted)
                     || m_document.contains(QStringLiteral("\n| ") + quoted + QStringLiteral(" |")),
             "no section \"### `TYPE`\" and no table row \"| `TYPE` |\"");
}

void tst_ProtocolDoc::documentedRequestTypesExist()
{
    static const QRegularExpression name(QStringLiteral("`([a-z_.]+)`"));
    for (const QString &line : std::as_const(m_lines)) {
        if (!line.startsWith(QLatin1StringView("| client -> server |")))
            continue;
        const QString types = line.section(QLatin1Char('|'), 2, 2);
        auto matches = name.globalMatch(types);
        while (matches.hasNext()) {
            const QString type = matches.next().captured(1);
            QVERIFY2(Protocol::requestTypes().contains(type), qPrintable(type));
        }
    }
}

void tst_ProtocolDoc::everyErrorCodeIsDocumented_data()
{
    QTest::addColumn<ErrorCode>("code");
    for (const ErrorCode code : allErrorCodes())
        QTest::newRow(qPrintable(errorCodeName(code))) << code;
}

void tst_ProtocolDoc::everyErrorCodeIsDocumented()
{
    QFETCH(ErrorCode, code);
    const QString row = QStringLiteral("\n| `%1` |").arg(errorCodeName(code));
    QVERIFY2(m_document.contains(row), "no row in the table \"Error codes\"");
}

void tst_ProtocolDoc::everyCloseCodeIsDocumented_data()
{
    namespace Close = Protocol::CloseCode;
    QTest::addColumn<int>("code");
    // The standard codes the server sends, then the application's own from protocol.h.
    for (const int code : {1001, 1002, 1007, 1009, Close::HelloTimeout, Close::SignInTimeout,
                           Close::UnsupportedProtocol, Close::TooSlow, Close::SessionEnded,
                           Close::Banned, Close::TooManyConnections})
        QTest::newRow(qPrintable(QString::number(code))) << code;
}

void tst_ProtocolDoc::everyCloseCodeIsDocumented()
{
    QFETCH(int, code);
    QVERIFY2(m_document.contains(QStringLiteral("\n| %1 |").arg(code)),
             "no row in the table \"Close codes\"");
}

QTEST_GUILESS_MAIN(tst_ProtocolDoc)
#include "tst_protocoldoc.moc"
