// SPDX-License-Identifier: MIT
// libFuzzer target: one text frame from a client, read the way the server reads it. The frame
// becomes an Envelope (or the error reply the server would send), and the envelope's data goes
// through the parser of its type, for every request type of protocol v1. A request that
// parses is encoded again and must parse again to the same JSON; an error must make a reply a
// client can read. No sockets and no database: only hallway-shared, compiled into the fuzzer.
#include "chatmessages.h"
#include "envelope.h"
#include "hub.h"
#include "messages.h"
#include "moderation.h"
#include "protocol.h"
#include "talkmessages.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <optional>
#include <random>

using namespace Hallway;

namespace {
Q_LOGGING_CATEGORY(lcFuzz, "hallway.fuzz")

[[noreturn]] void fail(const char *what, const QString &type, const QJsonObject &json = {})
{
    qCCritical(lcFuzz).noquote() << type << what
                                 << QJsonDocument(json).toJson(QJsonDocument::Compact);
    std::abort();
}

// What the server sends back for a request it refuses; a client must be able to read it.
void reply(const QJsonValue &requestId, const Error &error, const QString &type)
{
    if (error.message.isEmpty())
        fail("refused without a message", type);
    const QByteArray frame = Envelope::error(requestId, error).toJson();
    const auto back = Envelope::fromJson(frame);
    if (!back || !back->isError() || back->toError().code != error.code
        || back->toError().message != error.message)
        fail("error reply does not read back", type, QJsonDocument::fromJson(frame).object());
}

// A number the server accepts is the number the client sent (strings may be trimmed or cut).
void checkNumbersKept(const Envelope &request, const QJsonObject &encoded)
{
    for (auto it = encoded.begin(); it != encoded.end(); ++it) {
        const QJsonValue sent = request.data.value(it.key());
        if (it.value().isDouble() && sent.isDouble() && it.value().toDouble() != sent.toDouble())
            fail("accepted a number as another", request.type, request.data);
    }
}

// Parses the request, and what it encodes to once more: both parse, to the same JSON.
template<typename Request> std::optional<Request> parse(const Envelope &request)
{
    const auto parsed = Request::fromJson(request.data);
    if (!parsed) {
        if (parsed.error().code != ErrorCode::BadRequest)
            fail("refused with another code than bad_request", request.type, request.data);
        reply(request.id, parsed.error(), request.type);
        return std::nullopt;
    }
    const QJsonObject encoded = parsed->toJson();
    checkNumbersKept(request, encoded);
    const auto again = Request::fromJson(encoded);
    if (!again)
        fail("encoded request does not parse", request.type, encoded);
    if (again->toJson() != encoded)
        fail("encoded request parses to another", request.type, encoded);
    return parsed.value();
}

// A widget's topic name names the same widget again (subscribers share it by that name).
void checkWidgetTopic(const WidgetSpec &spec, const QString &type)
{
    const auto back = WidgetSpec::fromTopic(spec.topic());
    if (!back || !(back.value() == spec))
        fail("widget topic does not name its widget", type,
             {{QStringLiteral("topic"), spec.topic()}});
}

// topic.subscribe and topic.unsubscribe: the request, then the topic name as the server reads it.
template<typename Request> void parseTopicRequest(const Envelope &request)
{
    const auto parsed = parse<Request>(request);
    if (!parsed)
        return;
    const QString &topic = parsed->topic;
    // The reply and the events carry the feed's own name: only that name may subscribe.
    if (const auto userId = Protocol::Topic::userFactsId(topic)) {
        if (*userId <= 0 || Protocol::Topic::userFacts(*userId) != topic)
            fail("user feed accepted under another name", request.type, request.data);
    }
    if (topic.startsWith(Protocol::Topic::WidgetPrefix)) {
        const auto spec = WidgetSpec::fromTopic(topic);
        if (spec) {
            if (spec->topic() != topic)
                fail("widget topic accepted under another name", request.type, request.data);
            checkWidgetTopic(spec.value(), request.type);
        }
    }
}

// Every hub.* request. A widget's configuration is checked against its kind by the server
// (when it knows the widget); here against every kind.
void parseHubEdit(const Envelope &request)
{
    const auto edit = HubEdit::fromJson(request.type, request.data);
    if (!edit) {
        reply(request.id, edit.error(), request.type);
        return;
    }
    const QJsonObject encoded = edit->toJson();
    checkNumbersKept(request, encoded);
    const auto again = HubEdit::fromJson(edit->type(), encoded);
    if (!again || again->toJson() != encoded)
        fail("encoded hub edit does not parse to the same", request.type, encoded);
    if (edit->operation == HubEdit::Operation::AddWidget)
        checkWidgetTopic(edit->spec, request.type);
    if (edit->operation == HubEdit::Operation::Configure) {
        for (const WidgetKind kind : allWidgetKinds()) {
            if (const auto spec = WidgetSpec::make(kind, edit->config))
                checkWidgetTopic(spec.value(), request.type);
        }
    }
}

// Requests whose data the server does not read.
void noData(const Envelope &) { }

using Parser = void (*)(const Envelope &);

template<typename Request> void parseOnly(const Envelope &request)
{
    parse<Request>(request);
}

const QHash<QString, Parser> &parsers()
{
    namespace Type = Protocol::Type;
    static const QHash<QString, Parser> table = {
            {Type::Hello, &parseOnly<HelloRequest>},
            {Type::Register, &parseOnly<RegisterRequest>},
            {Type::Login, &parseOnly<LoginRequest>},
            {Type::Resume, &parseOnly<ResumeRequest>},
            {Type::Logout, &noData},
            {Type::ChangePassword, &parseOnly<ChangePasswordRequest>},
            {Type::Subscribe, &parseTopicRequest<SubscribeRequest>},
            {Type::Unsubscribe, &parseTopicRequest<UnsubscribeRequest>},
            {Type::SetPresence, &parseOnly<SetPresenceRequest>},
            {Type::PostFact, &parseOnly<PostFactRequest>},
            {Type::ListFacts, &parseOnly<ListFactsRequest>},
            {Type::GetUser, &parseOnly<GetUserRequest>},
            {Type::ProposeTalk, &parseOnly<ProposeTalkRequest>},
            {Type::EditTalk, &parseOnly<EditTalkRequest>},
            {Type::WithdrawTalk, &parseOnly<TalkRequest>},
            {Type::ToggleVote, &parseOnly<ToggleVoteRequest>},
            {Type::MyVotes, &noData},
            {Type::SetVoting, &parseOnly<SetVotingRequest>},
            {Type::HideTalk, &parseOnly<SetHiddenRequest>},
            {Type::ListTalks, &noData},
            {Type::ExportTalks, &noData},
            {Type::SendMessage, &parseOnly<SendMessageRequest>},
            {Type::ChatHistory, &parseOnly<ChatHistoryRequest>},
            {Type::Conversations, &noData},
            {Type::MarkRead, &parseOnly<MarkReadRequest>},
            {Type::AckDelivery, &parseOnly<AckDeliveryRequest>},
            {Type::SetRole, &parseOnly<SetRoleRequest>},
            {Type::HideFact, &parseOnly<HideFactRequest>},
            {Type::Mute, &parseOnly<MuteRequest>},
            {Type::Ban, &parseOnly<BanRequest>},
            {Type::Announce, &parseOnly<AnnounceRequest>},
            {Type::AuditLog, &parseOnly<AuditLogRequest>},
            {Type::RestrictedUsers, &noData},
            {Type::CreateHub, &parseHubEdit},
            {Type::RenameHub, &parseHubEdit},
            {Type::DeleteHub, &parseHubEdit},
            {Type::AddWidget, &parseHubEdit},
            {Type::RemoveWidget, &parseHubEdit},
            {Type::MoveWidget, &parseHubEdit},
            {Type::ConfigureWidget, &parseHubEdit},
    };
    return table;
}
} // namespace

// Structure-aware mutations, for half of them: a frame that is JSON gets another request type,
// or one of its values (at any depth) replaced by a value parsers find hard: numbers at the
// edges of int, 2^32 and a double's exact integers, strings empty, long, with control
// characters or lone surrogates, or a value of another JSON type. Byte-level mutations alone
// rarely turn a "limit": 1 into a "limit": 4294967297.
namespace {
using Random = std::minstd_rand;

std::size_t pick(Random &random, std::size_t count)
{
    return std::uniform_int_distribution<std::size_t>(0, count - 1)(random);
}

QJsonValue edgeValue(Random &random)
{
    static const double numbers[] = {0,
                                     1,
                                     -1,
                                     100,
                                     2147483647,
                                     2147483648,
                                     -2147483649,
                                     4294967296,
                                     4294967297,
                                     -4294967295,
                                     9007199254740991,
                                     -9007199254740991,
                                     9007199254740992,
                                     1e300,
                                     -1e300,
                                     0.5,
                                     1e-300};
    static const QString pieces[] = {QString(),
                                     QStringLiteral("x"),
                                     QStringLiteral(" "),
                                     QStringLiteral("\u0007"),
                                     QStringLiteral("\u2028"),
                                     QStringLiteral("\U0001F600"),
                                     QString(QChar(0xD800)),
                                     QStringLiteral("0"),
                                     QStringLiteral("3:7")};
    switch (pick(random, 6)) {
    case 0:
    case 1:
        return numbers[pick(random, std::size(numbers))];
    case 2: {
        const QString piece = pieces[pick(random, std::size(pieces))];
        const std::size_t repeat = pick(random, 3) == 0 ? pick(random, 4100) + 1 : 1;
        return piece.repeated(static_cast<qsizetype>(repeat));
    }
    case 3:
        return pick(random, 2) == 0;
    case 4:
        return QJsonValue::Null;
    default:
        return pick(random, 2) == 0 ? QJsonValue(QJsonObject()) : QJsonValue(QJsonArray());
    }
}

// Replaces one value somewhere below the top: the frame itself stays an object.
QJsonValue mutate(const QJsonValue &value, Random &random, bool top = false)
{
    if (value.isObject() && !value.toObject().isEmpty() && (top || pick(random, 4) != 0)) {
        QJsonObject object = value.toObject();
        const QString key = object.keys().at(static_cast<qsizetype>(pick(random, object.size())));
        object.insert(key, mutate(object.value(key), random));
        return object;
    }
    if (value.isArray() && !value.toArray().isEmpty() && pick(random, 4) != 0) {
        QJsonArray array = value.toArray();
        const auto index = static_cast<qsizetype>(pick(random, array.size()));
        array.replace(index, mutate(array.at(index), random));
        return array;
    }
    return edgeValue(random);
}
} // namespace

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t *data, std::size_t size, std::size_t maxSize);

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t *data, std::size_t size,
                                               std::size_t maxSize, unsigned int seed)
{
    Random random(seed);
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromRawData(
            reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));
    if (pick(random, 2) == 0 || !document.isObject() || document.object().isEmpty())
        return LLVMFuzzerMutate(data, size, maxSize);
    QJsonObject frame = document.object();
    if (pick(random, 4) == 0) {
        const QStringList types = Protocol::requestTypes();
        frame.insert(QStringLiteral("type"),
                     types.at(static_cast<qsizetype>(pick(random, types.size()))));
    } else {
        frame = mutate(frame, random, true).toObject();
    }
    const QByteArray mutated = QJsonDocument(frame).toJson(QJsonDocument::Compact);
    if (static_cast<std::size_t>(mutated.size()) > maxSize)
        return LLVMFuzzerMutate(data, size, maxSize);
    std::memcpy(data, mutated.constData(), static_cast<std::size_t>(mutated.size()));
    return static_cast<std::size_t>(mutated.size());
}

// A request type without a parser here, or a parser for a type that is gone, stops the run.
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    const auto known = parsers().keys();
    const QSet<QString> parsed(known.cbegin(), known.cend());
    const QStringList types = Protocol::requestTypes();
    const QSet<QString> requestTypes(types.cbegin(), types.cend());
    if (parsed != requestTypes) {
        qCCritical(lcFuzz).noquote()
                << "request types without a parser here:" << (requestTypes - parsed).values()
                << "parsers for no request type:" << (parsed - requestTypes).values();
        std::abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *bytes, std::size_t size)
{
    // QtWebSockets hands the server a QString; the server encodes it as UTF-8 again.
    const QString text =
            QString::fromUtf8(reinterpret_cast<const char *>(bytes), static_cast<qsizetype>(size));
    QJsonValue requestId = QJsonValue::Null;
    const auto envelope = Envelope::requestFromJson(text.toUtf8(), &requestId);
    if (!envelope) {
        reply(requestId.isUndefined() ? QJsonValue(QJsonValue::Null) : requestId, envelope.error(),
              QStringLiteral("(frame)"));
        return 0;
    }
    if (const Parser parser = parsers().value(envelope->type))
        parser(envelope.value());
    else
        reply(envelope->id, {ErrorCode::BadRequest, QStringLiteral("unknown message type")},
              envelope->type);
    return 0;
}
