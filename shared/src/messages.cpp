// SPDX-License-Identifier: MIT
#include "messages.h"
#include "jsonfields.h"
#include "protocol.h"
#include "validation.h"

namespace Hallway {

namespace {
const QString ProtocolKey = QStringLiteral("protocol");
const QString ClientKey = QStringLiteral("client");
const QString ServerKey = QStringLiteral("server");
const QString MaxMessageBytesKey = QStringLiteral("maxMessageBytes");
const QString UsernameKey = QStringLiteral("username");
const QString DisplayNameKey = QStringLiteral("displayName");
const QString PasswordKey = QStringLiteral("password");
const QString CityKey = QStringLiteral("city");
const QString RegionKey = QStringLiteral("region");
const QString TokenKey = QStringLiteral("token");
const QString UserKey = QStringLiteral("user");
const QString CurrentPasswordKey = QStringLiteral("currentPassword");
const QString NewPasswordKey = QStringLiteral("newPassword");
const QString TopicKey = QStringLiteral("topic");
const QString SinceKey = QStringLiteral("since");
const QString EpochKey = QStringLiteral("epoch");
const QString SeqKey = QStringLiteral("seq");
const QString SnapshotKey = QStringLiteral("snapshot");
const QString EventsKey = QStringLiteral("events");
const QString StateKey = QStringLiteral("state");
const QString UsersKey = QStringLiteral("users");
const QString KindKey = QStringLiteral("kind");
const QString UserIdKey = QStringLiteral("userId");

// Tokens are 32 random bytes in unpadded base64url: 43 characters.
constexpr int MaxTokenLength = 128;
constexpr int MaxClientNameLength = 128;
constexpr int MaxTopicLength = 128;

std::optional<TopicPosition> readPosition(JsonFields &fields, const QJsonObject &object)
{
    JsonFields inner(object);
    TopicPosition position;
    position.epoch = inner.requiredString(EpochKey);
    position.seq = inner.requiredInteger(SeqKey);
    if (inner.ok() && position.seq < 0)
        inner.fail(QStringLiteral("field \"seq\" must not be negative"));
    if (!inner.ok()) {
        fields.fail(inner.error().message);
        return std::nullopt;
    }
    return position;
}
} // namespace

QJsonObject HelloRequest::toJson() const
{
    return {{ProtocolKey, protocol}, {ClientKey, client}};
}

Expected<HelloRequest> HelloRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    HelloRequest request;
    const qint64 protocol = fields.requiredInteger(ProtocolKey);
    request.client = fields.optionalString(ClientKey).left(MaxClientNameLength);
    if (!fields.ok())
        return fields.error();
    if (protocol < 1 || protocol > 1'000'000)
        return badRequest(QStringLiteral("field \"protocol\" must be a positive version number"));
    request.protocol = static_cast<int>(protocol);
    return request;
}

QJsonObject HelloReply::toJson() const
{
    return {{ProtocolKey, protocol}, {ServerKey, server}, {MaxMessageBytesKey, maxMessageBytes}};
}

Expected<HelloReply> HelloReply::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    HelloReply reply;
    reply.protocol = static_cast<int>(fields.requiredInteger(ProtocolKey));
    reply.server = fields.requiredString(ServerKey);
    reply.maxMessageBytes = fields.requiredInteger(MaxMessageBytesKey);
    if (!fields.ok())
        return fields.error();
    return reply;
}

QJsonObject RegisterRequest::toJson() const
{
    QJsonObject object{
            {UsernameKey, username}, {DisplayNameKey, displayName}, {PasswordKey, password}};
    if (!city.isEmpty())
        object.insert(CityKey, city);
    if (!region.isEmpty())
        object.insert(RegionKey, region);
    return object;
}

Expected<RegisterRequest> RegisterRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    RegisterRequest request;
    request.username = Validation::normalizeUsername(fields.requiredString(UsernameKey));
    request.displayName = fields.requiredString(DisplayNameKey).trimmed();
    request.password = fields.requiredString(PasswordKey);
    request.city = fields.optionalString(CityKey).trimmed();
    request.region = fields.optionalString(RegionKey).trimmed();
    if (!fields.ok())
        return fields.error();

    for (const auto &problem : {Validation::checkUsername(request.username),
                                Validation::checkDisplayName(request.displayName),
                                Validation::checkPassword(request.password),
                                Validation::checkPlace(request.city, QStringLiteral("city")),
                                Validation::checkPlace(request.region, QStringLiteral("region"))}) {
        if (problem)
            return badRequest(*problem);
    }
    return request;
}

QJsonObject LoginRequest::toJson() const
{
    return {{UsernameKey, username}, {PasswordKey, password}};
}

Expected<LoginRequest> LoginRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    LoginRequest request;
    request.username = Validation::normalizeUsername(fields.requiredString(UsernameKey));
    request.password = fields.requiredString(PasswordKey);
    if (!fields.ok())
        return fields.error();
    // Only bounds here: a wrong but well-formed name must look like a wrong password.
    if (request.username.isEmpty() || request.username.size() > Validation::UsernameMaxLength)
        return badRequest(QStringLiteral("username must be 1 to %1 characters long")
                                  .arg(Validation::UsernameMaxLength));
    if (request.password.isEmpty() || request.password.size() > Validation::PasswordMaxLength)
        return badRequest(QStringLiteral("password must be 1 to %1 characters long")
                                  .arg(Validation::PasswordMaxLength));
    return request;
}

QJsonObject ResumeRequest::toJson() const
{
    return {{TokenKey, token}};
}

Expected<ResumeRequest> ResumeRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    ResumeRequest request;
    request.token = fields.requiredString(TokenKey);
    if (!fields.ok())
        return fields.error();
    if (request.token.isEmpty() || request.token.size() > MaxTokenLength)
        return badRequest(
                QStringLiteral("token must be 1 to %1 characters long").arg(MaxTokenLength));
    return request;
}

QJsonObject SessionReply::toJson() const
{
    QJsonObject object{{UserKey, user.toJson()}};
    if (!token.isEmpty())
        object.insert(TokenKey, token);
    return object;
}

Expected<SessionReply> SessionReply::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    SessionReply reply;
    reply.token = fields.optionalString(TokenKey);
    const auto userObject = fields.optionalObject(UserKey);
    if (!fields.ok())
        return fields.error();
    if (!userObject)
        return badRequest(QStringLiteral("field \"user\" is required"));
    auto user = UserInfo::fromJson(*userObject);
    if (!user)
        return user.error();
    reply.user = user.value();
    return reply;
}

QJsonObject ChangePasswordRequest::toJson() const
{
    return {{CurrentPasswordKey, currentPassword}, {NewPasswordKey, newPassword}};
}

Expected<ChangePasswordRequest> ChangePasswordRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    ChangePasswordRequest request;
    request.currentPassword = fields.requiredString(CurrentPasswordKey);
    request.newPassword = fields.requiredString(NewPasswordKey);
    if (!fields.ok())
        return fields.error();
    if (request.currentPassword.size() > Validation::PasswordMaxLength)
        return badRequest(QStringLiteral("current password is too long"));
    if (const auto problem = Validation::checkPassword(request.newPassword))
        return badRequest(QStringLiteral("new ") + *problem);
    return request;
}

QJsonObject SubscribeRequest::toJson() const
{
    QJsonObject object{{TopicKey, topic}};
    if (since)
        object.insert(SinceKey, QJsonObject{{EpochKey, since->epoch}, {SeqKey, since->seq}});
    return object;
}

Expected<SubscribeRequest> SubscribeRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    SubscribeRequest request;
    request.topic = fields.requiredString(TopicKey);
    if (const auto since = fields.optionalObject(SinceKey))
        request.since = readPosition(fields, *since);
    if (!fields.ok())
        return fields.error();
    if (request.topic.isEmpty() || request.topic.size() > MaxTopicLength)
        return badRequest(
                QStringLiteral("topic must be 1 to %1 characters long").arg(MaxTopicLength));
    return request;
}

QJsonObject SubscribeReply::toJson() const
{
    QJsonObject object{{TopicKey, topic}, {EpochKey, position.epoch}, {SeqKey, position.seq}};
    if (snapshot) {
        object.insert(SnapshotKey, *snapshot);
    } else {
        QJsonArray array;
        for (const QJsonObject &event : events)
            array.append(event);
        object.insert(EventsKey, array);
    }
    return object;
}

Expected<SubscribeReply> SubscribeReply::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    SubscribeReply reply;
    reply.topic = fields.requiredString(TopicKey);
    reply.position.epoch = fields.requiredString(EpochKey);
    reply.position.seq = fields.requiredInteger(SeqKey);
    reply.snapshot = fields.optionalObject(SnapshotKey);
    if (!fields.ok())
        return fields.error();
    if (!reply.snapshot) {
        const QJsonValue events = data.value(EventsKey);
        if (!events.isArray())
            return badRequest(QStringLiteral("a subscribe reply needs \"snapshot\" or \"events\""));
        for (const QJsonValue &event : events.toArray()) {
            if (!event.isObject())
                return badRequest(QStringLiteral("each of \"events\" must be an object"));
            reply.events.append(event.toObject());
        }
    }
    return reply;
}

QJsonObject UnsubscribeRequest::toJson() const
{
    return {{TopicKey, topic}};
}

Expected<UnsubscribeRequest> UnsubscribeRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    UnsubscribeRequest request;
    request.topic = fields.requiredString(TopicKey);
    if (!fields.ok())
        return fields.error();
    if (request.topic.isEmpty() || request.topic.size() > MaxTopicLength)
        return badRequest(
                QStringLiteral("topic must be 1 to %1 characters long").arg(MaxTopicLength));
    return request;
}

QJsonObject SetPresenceRequest::toJson() const
{
    return {{StateKey, presenceStateName(state)}};
}

Expected<SetPresenceRequest> SetPresenceRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    const QString stateName = fields.requiredString(StateKey);
    if (!fields.ok())
        return fields.error();
    const auto state = presenceStateFromName(stateName);
    if (!state)
        return badRequest(QStringLiteral("field \"state\" must be \"online\" or \"away\""));
    return SetPresenceRequest{*state};
}

QJsonObject PresenceSnapshot::toJson() const
{
    QJsonArray array;
    for (const OnlineUser &user : users)
        array.append(user.toJson());
    return {{UsersKey, array}};
}

Expected<PresenceSnapshot> PresenceSnapshot::fromJson(const QJsonObject &data)
{
    const QJsonValue users = data.value(UsersKey);
    if (!users.isArray())
        return badRequest(QStringLiteral("field \"users\" must be an array"));
    PresenceSnapshot snapshot;
    for (const QJsonValue &value : users.toArray()) {
        if (!value.isObject())
            return badRequest(QStringLiteral("each of \"users\" must be an object"));
        auto user = OnlineUser::fromJson(value.toObject());
        if (!user)
            return user.error();
        snapshot.users.append(user.value());
    }
    return snapshot;
}

QJsonObject PresenceChange::toJson() const
{
    QJsonObject object{{KindKey, kind}, {UserIdKey, userId}};
    if (kind == Protocol::PresenceEvent::Joined && user)
        object.insert(UserKey, user->toJson());
    if (kind != Protocol::PresenceEvent::Left)
        object.insert(StateKey, presenceStateName(state));
    return object;
}

Expected<PresenceChange> PresenceChange::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    PresenceChange change;
    change.kind = fields.requiredString(KindKey);
    change.userId = fields.requiredInteger(UserIdKey);
    const auto userObject = fields.optionalObject(UserKey);
    const QString stateName = fields.optionalString(StateKey);
    if (!fields.ok())
        return fields.error();
    if (change.kind == Protocol::PresenceEvent::Joined) {
        if (!userObject)
            return badRequest(QStringLiteral("a joined event carries \"user\""));
        auto user = OnlineUser::fromJson(*userObject);
        if (!user)
            return user.error();
        change.user = user.value();
    } else if (change.kind != Protocol::PresenceEvent::Left
               && change.kind != Protocol::PresenceEvent::StateChanged) {
        return badRequest(QStringLiteral("unknown presence event \"%1\"").arg(change.kind));
    }
    if (change.kind != Protocol::PresenceEvent::Left) {
        const auto state = presenceStateFromName(stateName);
        if (!state)
            return badRequest(QStringLiteral("field \"state\" must be \"online\" or \"away\""));
        change.state = *state;
    }
    return change;
}

QJsonObject PostFactRequest::toJson() const
{
    return {{QStringLiteral("clientId"), clientId}, {QStringLiteral("text"), text}};
}

Expected<PostFactRequest> PostFactRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    PostFactRequest request;
    request.clientId = fields.requiredString(QStringLiteral("clientId"));
    request.text = fields.requiredString(QStringLiteral("text")).trimmed();
    if (!fields.ok())
        return fields.error();
    if (const auto problem = Validation::checkClientId(request.clientId))
        return badRequest(*problem);
    if (const auto problem = Validation::checkFactText(request.text))
        return badRequest(*problem);
    return request;
}

QJsonObject PostFactReply::toJson() const
{
    return {{QStringLiteral("fact"), fact.toJson()}, {QStringLiteral("duplicate"), duplicate}};
}

Expected<PostFactReply> PostFactReply::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    const auto factObject = fields.optionalObject(QStringLiteral("fact"));
    const bool duplicate = fields.optionalBool(QStringLiteral("duplicate"), false);
    if (!fields.ok())
        return fields.error();
    if (!factObject)
        return badRequest(QStringLiteral("field \"fact\" is required"));
    auto fact = Fact::fromJson(*factObject);
    if (!fact)
        return fact.error();
    return PostFactReply{fact.value(), duplicate};
}

QJsonObject ListFactsRequest::toJson() const
{
    QJsonObject object{{QStringLiteral("userId"), userId}, {QStringLiteral("limit"), limit}};
    if (beforeId)
        object.insert(QStringLiteral("beforeId"), *beforeId);
    return object;
}

Expected<ListFactsRequest> ListFactsRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    ListFactsRequest request;
    request.userId = fields.requiredInteger(QStringLiteral("userId"));
    request.beforeId = fields.optionalInteger(QStringLiteral("beforeId"));
    const auto limit = fields.optionalInteger(QStringLiteral("limit"));
    if (!fields.ok())
        return fields.error();
    if (limit && (*limit < 1 || *limit > MaxLimit))
        return badRequest(QStringLiteral("limit must be 1 to %1").arg(MaxLimit));
    request.limit = limit ? static_cast<int>(*limit) : DefaultLimit;
    return request;
}

QJsonObject FactPage::toJson() const
{
    return {{QStringLiteral("facts"), factsToJson(facts)}, {QStringLiteral("hasMore"), hasMore}};
}

Expected<FactPage> FactPage::fromJson(const QJsonObject &data)
{
    auto facts = factsFromJson(data.value(QStringLiteral("facts")));
    if (!facts)
        return facts.error();
    return FactPage{facts.value(), data.value(QStringLiteral("hasMore")).toBool()};
}

QJsonObject FactsPosted::toJson() const
{
    return {{KindKey, Protocol::FactEvent::Posted}, {QStringLiteral("facts"), factsToJson(facts)}};
}

Expected<FactsPosted> FactsPosted::fromJson(const QJsonObject &data)
{
    if (data.value(KindKey).toString() != Protocol::FactEvent::Posted)
        return Error{ErrorCode::BadRequest, QStringLiteral("not a \"posted\" event")};
    auto facts = factsFromJson(data.value(QStringLiteral("facts")));
    if (!facts)
        return facts.error();
    return FactsPosted{facts.value()};
}

QJsonObject FactsRemoved::toJson() const
{
    QJsonArray ids;
    for (const qint64 id : factIds)
        ids.append(id);
    return {{KindKey, Protocol::FactEvent::Removed}, {QStringLiteral("factIds"), ids}};
}

Expected<FactsRemoved> FactsRemoved::fromJson(const QJsonObject &data)
{
    if (data.value(KindKey).toString() != Protocol::FactEvent::Removed)
        return Error{ErrorCode::BadRequest, QStringLiteral("not a \"removed\" event")};
    FactsRemoved removed;
    for (const QJsonValue &id : data.value(QStringLiteral("factIds")).toArray())
        removed.factIds.append(id.toInteger());
    return removed;
}

QJsonObject GetUserRequest::toJson() const
{
    return {{UserIdKey, userId}};
}

Expected<GetUserRequest> GetUserRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    GetUserRequest request;
    request.userId = fields.requiredInteger(UserIdKey);
    if (!fields.ok())
        return fields.error();
    return request;
}

namespace {
const QString PresenceKey = QStringLiteral("presence");
QString presenceName(UserProfile::Presence presence)
{
    switch (presence) {
    case UserProfile::Presence::Online:
        return QStringLiteral("online");
    case UserProfile::Presence::Away:
        return QStringLiteral("away");
    case UserProfile::Presence::Offline:
        break;
    }
    return QStringLiteral("offline");
}
} // namespace

QJsonObject UserProfile::toJson() const
{
    return {{UserKey, user.toJson()}, {PresenceKey, presenceName(presence)}};
}

Expected<UserProfile> UserProfile::fromJson(const QJsonObject &data)
{
    auto user = UserInfo::fromJson(data.value(UserKey).toObject());
    if (!user)
        return user.error();
    UserProfile profile{user.value(), Presence::Offline};
    const QString presence = data.value(PresenceKey).toString();
    if (presence == QLatin1StringView("online"))
        profile.presence = Presence::Online;
    else if (presence == QLatin1StringView("away"))
        profile.presence = Presence::Away;
    return profile;
}

} // namespace Hallway
