// SPDX-License-Identifier: MIT
#include "talkmessages.h"
#include "jsonfields.h"
#include "protocol.h"
#include "validation.h"

namespace Hallway {

namespace {
const QString ClientIdKey = QStringLiteral("clientId");
const QString TalkIdKey = QStringLiteral("talkId");
const QString TitleKey = QStringLiteral("title");
const QString AbstractKey = QStringLiteral("abstract");

std::optional<Error> checkTalkText(const QString &title, const QString &abstract)
{
    if (const auto problem = Validation::checkTalkTitle(title))
        return badRequest(*problem);
    if (const auto problem = Validation::checkTalkAbstract(abstract))
        return badRequest(*problem);
    return std::nullopt;
}
} // namespace

QJsonObject ProposeTalkRequest::toJson() const
{
    return {{ClientIdKey, clientId}, {TitleKey, title}, {AbstractKey, abstract}};
}

Expected<ProposeTalkRequest> ProposeTalkRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    ProposeTalkRequest request;
    request.clientId = fields.requiredString(ClientIdKey);
    request.title = fields.requiredString(TitleKey).trimmed();
    request.abstract = fields.optionalString(AbstractKey).trimmed();
    if (!fields.ok())
        return fields.error();
    if (const auto problem = Validation::checkClientId(request.clientId))
        return badRequest(*problem);
    if (const auto error = checkTalkText(request.title, request.abstract))
        return *error;
    return request;
}

QJsonObject EditTalkRequest::toJson() const
{
    QJsonObject object{{TalkIdKey, talkId}};
    if (title)
        object.insert(TitleKey, *title);
    if (abstract)
        object.insert(AbstractKey, *abstract);
    return object;
}

Expected<EditTalkRequest> EditTalkRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    EditTalkRequest request;
    request.talkId = fields.requiredInteger(TalkIdKey);
    const auto given = [&data](const QString &key) {
        return !data.value(key).isUndefined() && !data.value(key).isNull();
    };
    const QString title = fields.optionalString(TitleKey).trimmed();
    const QString abstract = fields.optionalString(AbstractKey).trimmed();
    if (!fields.ok())
        return fields.error();
    if (given(TitleKey)) {
        if (const auto problem = Validation::checkTalkTitle(title))
            return badRequest(*problem);
        request.title = title;
    }
    if (given(AbstractKey)) {
        if (const auto problem = Validation::checkTalkAbstract(abstract))
            return badRequest(*problem);
        request.abstract = abstract;
    }
    if (!request.title && !request.abstract)
        return badRequest(QStringLiteral("an edit needs \"title\" or \"abstract\""));
    return request;
}

QJsonObject TalkRequest::toJson() const
{
    return {{TalkIdKey, talkId}};
}

Expected<TalkRequest> TalkRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    TalkRequest request;
    request.talkId = fields.requiredInteger(TalkIdKey);
    if (!fields.ok())
        return fields.error();
    return request;
}

QJsonObject ToggleVoteRequest::toJson() const
{
    return {{ClientIdKey, clientId}, {TalkIdKey, talkId}};
}

Expected<ToggleVoteRequest> ToggleVoteRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    ToggleVoteRequest request;
    request.clientId = fields.requiredString(ClientIdKey);
    request.talkId = fields.requiredInteger(TalkIdKey);
    if (!fields.ok())
        return fields.error();
    if (const auto problem = Validation::checkClientId(request.clientId))
        return badRequest(*problem);
    return request;
}

QJsonObject VoteReply::toJson() const
{
    return {{TalkIdKey, talkId},
            {QStringLiteral("voted"), voted},
            {QStringLiteral("votes"), votes},
            {QStringLiteral("duplicate"), duplicate}};
}

Expected<VoteReply> VoteReply::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    VoteReply reply;
    reply.talkId = fields.requiredInteger(TalkIdKey);
    reply.voted = fields.optionalBool(QStringLiteral("voted"), false);
    reply.votes = fields.requiredInteger(QStringLiteral("votes"));
    reply.duplicate = fields.optionalBool(QStringLiteral("duplicate"), false);
    if (!fields.ok())
        return fields.error();
    return reply;
}

QJsonObject MyVotesReply::toJson() const
{
    QJsonArray ids;
    for (const qint64 id : talkIds)
        ids.append(id);
    return {{QStringLiteral("talkIds"), ids}};
}

Expected<MyVotesReply> MyVotesReply::fromJson(const QJsonObject &data)
{
    MyVotesReply reply;
    for (const QJsonValue &id : data.value(QStringLiteral("talkIds")).toArray())
        reply.talkIds.append(id.toInteger());
    return reply;
}

QJsonObject SetVotingRequest::toJson() const
{
    return {{QStringLiteral("open"), open}};
}

Expected<SetVotingRequest> SetVotingRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    const bool open = fields.requiredBool(QStringLiteral("open"));
    if (!fields.ok())
        return fields.error();
    return SetVotingRequest{open};
}

QJsonObject SetHiddenRequest::toJson() const
{
    return {{TalkIdKey, talkId}, {QStringLiteral("hidden"), hidden}};
}

Expected<SetHiddenRequest> SetHiddenRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    SetHiddenRequest request;
    request.talkId = fields.requiredInteger(TalkIdKey);
    request.hidden = fields.requiredBool(QStringLiteral("hidden"));
    if (!fields.ok())
        return fields.error();
    return request;
}

QJsonObject TalkList::toJson() const
{
    return {{QStringLiteral("votingOpen"), votingOpen},
            {QStringLiteral("talks"), talksToJson(talks)}};
}

Expected<TalkList> TalkList::fromJson(const QJsonObject &data)
{
    auto talks = talksFromJson(data.value(QStringLiteral("talks")));
    if (!talks)
        return talks.error();
    return TalkList{data.value(QStringLiteral("votingOpen")).toBool(true), talks.value()};
}

QJsonObject TalkChange::toJson() const
{
    QJsonObject object{{QStringLiteral("kind"), kind}};
    if (kind == Protocol::TalkEvent::Upserted && talk) {
        object.insert(QStringLiteral("talk"), talk->toJson());
    } else if (kind == Protocol::TalkEvent::Removed) {
        object.insert(TalkIdKey, talkId);
    } else if (kind == Protocol::TalkEvent::Tallies) {
        QJsonArray array;
        for (const auto &[id, votes] : tallies)
            array.append(QJsonObject{{TalkIdKey, id}, {QStringLiteral("votes"), votes}});
        object.insert(QStringLiteral("tallies"), array);
    } else if (kind == Protocol::TalkEvent::Voting) {
        object.insert(QStringLiteral("open"), votingOpen);
    }
    return object;
}

Expected<TalkChange> TalkChange::fromJson(const QJsonObject &data)
{
    TalkChange change;
    change.kind = data.value(QStringLiteral("kind")).toString();
    if (change.kind == Protocol::TalkEvent::Upserted) {
        auto talk = Talk::fromJson(data.value(QStringLiteral("talk")).toObject());
        if (!talk)
            return talk.error();
        change.talk = talk.value();
    } else if (change.kind == Protocol::TalkEvent::Removed) {
        change.talkId = data.value(TalkIdKey).toInteger();
    } else if (change.kind == Protocol::TalkEvent::Tallies) {
        for (const QJsonValue &entry : data.value(QStringLiteral("tallies")).toArray())
            change.tallies.append({entry.toObject().value(TalkIdKey).toInteger(),
                                   entry.toObject().value(QStringLiteral("votes")).toInteger()});
    } else if (change.kind == Protocol::TalkEvent::Voting) {
        change.votingOpen = data.value(QStringLiteral("open")).toBool();
    } else {
        return badRequest(QStringLiteral("unknown talks event \"%1\"").arg(change.kind));
    }
    return change;
}

} // namespace Hallway
