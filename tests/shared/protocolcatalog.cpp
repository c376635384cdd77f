// SPDX-License-Identifier: MIT
#include "protocolcatalog.h"
#include "chat.h"
#include "chatmessages.h"
#include "hub.h"
#include "messages.h"
#include "moderation.h"
#include "protocol.h"
#include "stats.h"
#include "talk.h"
#include "talkmessages.h"

#include <QHash>
#include <QJsonArray>

namespace Hallway::Test {

namespace {
using Reader = Expected<QJsonObject> (*)(const QJsonObject &);

template<typename Message> Expected<QJsonObject> read(const QJsonObject &data)
{
    const auto parsed = Message::fromJson(data);
    if (!parsed)
        return parsed.error();
    return parsed->toJson();
}

Expected<QJsonObject> noData(const QJsonObject &)
{
    return QJsonObject();
}

// "A result whose request has nothing to return carries "data": {}."
Expected<QJsonObject> emptyResult(const QJsonObject &data)
{
    if (!data.isEmpty())
        return badRequest(QStringLiteral("this result carries nothing: \"data\": {}"));
    return QJsonObject();
}

Error noReader(const QString &what, const QString &name)
{
    return {ErrorCode::Internal,
            QStringLiteral("no reader for the %1 of %2 in tests/shared/protocolcatalog.cpp")
                    .arg(what, name)};
}

const QHash<QString, Reader> &requestReaders()
{
    namespace Type = Protocol::Type;
    static const QHash<QString, Reader> readers = {
            {Type::Hello, &read<HelloRequest>},
            {Type::Register, &read<RegisterRequest>},
            {Type::Login, &read<LoginRequest>},
            {Type::Resume, &read<ResumeRequest>},
            {Type::Logout, &noData},
            {Type::ChangePassword, &read<ChangePasswordRequest>},
            {Type::Subscribe, &read<SubscribeRequest>},
            {Type::Unsubscribe, &read<UnsubscribeRequest>},
            {Type::SetPresence, &read<SetPresenceRequest>},
            {Type::PostFact, &read<PostFactRequest>},
            {Type::ListFacts, &read<ListFactsRequest>},
            {Type::GetUser, &read<GetUserRequest>},
            {Type::ProposeTalk, &read<ProposeTalkRequest>},
            {Type::EditTalk, &read<EditTalkRequest>},
            {Type::WithdrawTalk, &read<TalkRequest>},
            {Type::ToggleVote, &read<ToggleVoteRequest>},
            {Type::MyVotes, &noData},
            {Type::SetVoting, &read<SetVotingRequest>},
            {Type::HideTalk, &read<SetHiddenRequest>},
            {Type::ListTalks, &noData},
            {Type::ExportTalks, &noData},
            {Type::SendMessage, &read<SendMessageRequest>},
            {Type::ChatHistory, &read<ChatHistoryRequest>},
            {Type::Conversations, &noData},
            {Type::MarkRead, &read<MarkReadRequest>},
            {Type::AckDelivery, &read<AckDeliveryRequest>},
            {Type::SetRole, &read<SetRoleRequest>},
            {Type::HideFact, &read<HideFactRequest>},
            {Type::Mute, &read<MuteRequest>},
            {Type::Ban, &read<BanRequest>},
            {Type::Announce, &read<AnnounceRequest>},
            {Type::AuditLog, &read<AuditLogRequest>},
            {Type::RestrictedUsers, &noData},
            // The hub.* requests share one parser, which takes the type.
            {Type::CreateHub, nullptr},
            {Type::RenameHub, nullptr},
            {Type::DeleteHub, nullptr},
            {Type::AddWidget, nullptr},
            {Type::RemoveWidget, nullptr},
            {Type::MoveWidget, nullptr},
            {Type::ConfigureWidget, nullptr},
    };
    return readers;
}

const QHash<QString, Reader> &resultReaders()
{
    namespace Type = Protocol::Type;
    static const QHash<QString, Reader> readers = {
            {Type::Hello, &read<HelloReply>},       {Type::Register, &read<SessionReply>},
            {Type::Login, &read<SessionReply>},     {Type::Resume, &read<SessionReply>},
            {Type::Logout, &emptyResult},           {Type::ChangePassword, &emptyResult},
            {Type::Unsubscribe, &emptyResult},      {Type::SetPresence, &emptyResult},
            {Type::PostFact, &read<PostFactReply>}, {Type::ListFacts, &read<FactPage>},
            {Type::GetUser, &read<UserProfile>},    {Type::WithdrawTalk, &emptyResult},
            {Type::ToggleVote, &read<VoteReply>},   {Type::MyVotes, &read<MyVotesReply>},
            {Type::SetVoting, &emptyResult},        {Type::ListTalks, &read<TalkList>},
            {Type::MarkRead, &emptyResult},         {Type::AckDelivery, &emptyResult},
            {Type::Mute, &read<RestrictedUser>},    {Type::Ban, &read<RestrictedUser>},
    };
    return readers;
}

const QHash<QString, Reader> &shapeReaders()
{
    static const QHash<QString, Reader> readers = {
            {QStringLiteral("User"), &read<UserInfo>},
            {QStringLiteral("OnlineUser"), &read<OnlineUser>},
            {QStringLiteral("Fact"), &read<Fact>},
            {QStringLiteral("Talk"), &read<Talk>},
            {QStringLiteral("Message"), &read<ChatMessage>},
            {QStringLiteral("Conversation"), &read<Conversation>},
            {QStringLiteral("Announcement"), &read<Announcement>},
            {QStringLiteral("AuditEntry"), &read<AuditEntry>},
            {QStringLiteral("RestrictedUser"), &read<RestrictedUser>},
            {QStringLiteral("Hub"), &read<Hub>},
            {QStringLiteral("Statistics"), &read<RoomStats>},
    };
    return readers;
}

Expected<QJsonObject> readFactsEvent(const QJsonObject &data)
{
    if (data.value(QStringLiteral("kind")) == Protocol::FactEvent::Removed)
        return read<FactsRemoved>(data);
    return read<FactsPosted>(data);
}

Expected<QJsonObject> readSubscribeResult(const QJsonObject &data)
{
    const auto reply = SubscribeReply::fromJson(data);
    if (!reply)
        return reply.error();
    QJsonObject written = reply->toJson();
    if (reply->snapshot) {
        const auto snapshot = readSnapshot(reply->topic, *reply->snapshot);
        if (!snapshot)
            return snapshot.error();
        written.insert(QStringLiteral("snapshot"), snapshot.value());
        return written;
    }
    QJsonArray events;
    for (const QJsonObject &event : reply->events) {
        const auto eventData =
                readEvent(reply->topic, event.value(QStringLiteral("data")).toObject());
        if (!eventData)
            return eventData.error();
        events.append(QJsonObject{{QStringLiteral("seq"), event.value(QStringLiteral("seq"))},
                                  {QStringLiteral("data"), eventData.value()}});
    }
    written.insert(QStringLiteral("events"), events);
    return written;
}
} // namespace

bool requestTakesNoData(const QString &type)
{
    return requestReaders().value(type) == &noData;
}

QStringList requestTypesWithReaders()
{
    return requestReaders().keys();
}

Expected<QJsonObject> readRequest(const QString &type, const QJsonObject &data)
{
    if (HubEdit::operationOf(type)) {
        const auto edit = HubEdit::fromJson(type, data);
        if (!edit)
            return edit.error();
        return edit->toJson();
    }
    const Reader reader = requestReaders().value(type);
    if (!reader)
        return noReader(QStringLiteral("request"), type);
    return reader(data);
}

Expected<QJsonObject> readResult(const QString &requestType, const QJsonObject &data)
{
    if (requestType == Protocol::Type::Subscribe)
        return readSubscribeResult(data);
    const Reader reader = resultReaders().value(requestType);
    if (!reader)
        return noReader(QStringLiteral("result"), requestType);
    return reader(data);
}

Expected<QJsonObject> readEvent(const QString &topic, const QJsonObject &data)
{
    namespace Topic = Protocol::Topic;
    if (topic == Topic::Presence)
        return read<PresenceChange>(data);
    if (topic == Topic::CommunityFacts || Topic::userFactsId(topic))
        return readFactsEvent(data);
    if (topic == Topic::Talks)
        return read<TalkChange>(data);
    if (topic == Topic::Chat
        && data.value(QStringLiteral("kind")) == Protocol::ChatEvent::FactHidden)
        return read<FactHiddenNotice>(data);
    if (topic == Topic::Chat
        && data.value(QStringLiteral("kind")) == Protocol::ChatEvent::ReadByPeer)
        return read<ReadByPeerNotice>(data);
    return noReader(QStringLiteral("events"), topic);
}

Expected<QJsonObject> readSnapshot(const QString &topic, const QJsonObject &snapshot)
{
    namespace Topic = Protocol::Topic;
    if (topic == Topic::Presence)
        return read<PresenceSnapshot>(snapshot);
    if (Topic::userFactsId(topic))
        return read<FactPage>(snapshot);
    if (topic == Topic::Talks)
        return read<TalkList>(snapshot);
    return noReader(QStringLiteral("snapshot"), topic);
}

namespace {
void collectPaths(const QJsonValue &value, const QString &prefix, QSet<QString> &paths)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString path = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
            paths.insert(path);
            collectPaths(it.value(), path, paths);
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectPaths(item, prefix + QStringLiteral("[]"), paths);
    }
}
} // namespace

QSet<QString> memberPaths(const QJsonObject &object)
{
    QSet<QString> paths;
    collectPaths(object, {}, paths);
    return paths;
}

QStringList shapeNames()
{
    return shapeReaders().keys();
}

Expected<QJsonObject> readShape(const QString &shape, const QJsonObject &object)
{
    const Reader reader = shapeReaders().value(shape);
    if (!reader)
        return noReader(QStringLiteral("shape"), shape);
    return reader(object);
}

} // namespace Hallway::Test
