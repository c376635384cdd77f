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
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>

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
    const auto envelope = Envelope::fromJson(text.toUtf8(), &requestId);
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
