// SPDX-License-Identifier: MIT
#include "moderation.h"
#include "jsonfields.h"
#include "protocol.h"
#include "validation.h"

#include <QJsonArray>

namespace Hallway {

namespace {
const QString IdKey = QStringLiteral("id");
const QString UserIdKey = QStringLiteral("userId");
const QString TextKey = QStringLiteral("text");
const QString CreatedAtKey = QStringLiteral("createdAt");

Expected<std::optional<FactAuthor>> optionalAuthor(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::optional<FactAuthor>();
    if (!value.isObject())
        return badRequest(QStringLiteral("field \"%1\" must be an object or null").arg(key));
    const auto author = FactAuthor::fromJson(value.toObject());
    if (!author)
        return author.error();
    return std::optional<FactAuthor>(author.value());
}

QJsonValue toJsonOrNull(const std::optional<FactAuthor> &author)
{
    return author ? QJsonValue(author->toJson()) : QJsonValue(QJsonValue::Null);
}

template<typename Item>
Expected<QList<Item>> listFromJson(const QJsonValue &value, const QString &what)
{
    if (!value.isArray())
        return badRequest(QStringLiteral("%1 must be an array").arg(what));
    QList<Item> items;
    for (const QJsonValue &entry : value.toArray()) {
        auto item = Item::fromJson(entry.toObject());
        if (!item)
            return item.error();
        items.append(item.value());
    }
    return items;
}

template<typename Item> QJsonArray listToJson(const QList<Item> &items)
{
    QJsonArray array;
    for (const Item &item : items)
        array.append(item.toJson());
    return array;
}
} // namespace

QJsonObject Announcement::toJson() const
{
    return {{IdKey, id},
            {QStringLiteral("author"), author.toJson()},
            {TextKey, text},
            {CreatedAtKey, createdAt}};
}

Expected<Announcement> Announcement::fromJson(const QJsonObject &object)
{
    JsonFields fields(object);
    Announcement announcement;
    announcement.id = fields.requiredInteger(IdKey);
    announcement.text = fields.requiredString(TextKey);
    announcement.createdAt = fields.requiredInteger(CreatedAtKey);
    if (!fields.ok())
        return fields.error();
    const auto author = FactAuthor::fromJson(object.value(QStringLiteral("author")).toObject());
    if (!author)
        return author.error();
    announcement.author = author.value();
    return announcement;
}

QJsonArray announcementsToJson(const QList<Announcement> &announcements)
{
    return listToJson(announcements);
}

Expected<QList<Announcement>> announcementsFromJson(const QJsonValue &value)
{
    return listFromJson<Announcement>(value, QStringLiteral("announcements"));
}

QJsonObject AuditEntry::toJson() const
{
    return {{IdKey, id},
            {CreatedAtKey, createdAt},
            {QStringLiteral("moderator"), toJsonOrNull(moderator)},
            {QStringLiteral("action"), action},
            {QStringLiteral("target"), toJsonOrNull(target)},
            {QStringLiteral("subject"), subject},
            {QStringLiteral("detail"), detail}};
}

Expected<AuditEntry> AuditEntry::fromJson(const QJsonObject &object)
{
    JsonFields fields(object);
    AuditEntry entry;
    entry.id = fields.requiredInteger(IdKey);
    entry.createdAt = fields.requiredInteger(CreatedAtKey);
    entry.action = fields.requiredString(QStringLiteral("action"));
    entry.subject = fields.optionalString(QStringLiteral("subject"));
    entry.detail = fields.optionalObject(QStringLiteral("detail")).value_or(QJsonObject());
    if (!fields.ok())
        return fields.error();
    const auto moderator = optionalAuthor(object, QStringLiteral("moderator"));
    if (!moderator)
        return moderator.error();
    const auto target = optionalAuthor(object, QStringLiteral("target"));
    if (!target)
        return target.error();
    entry.moderator = moderator.value();
    entry.target = target.value();
    return entry;
}

QJsonArray auditEntriesToJson(const QList<AuditEntry> &entries)
{
    return listToJson(entries);
}

Expected<QList<AuditEntry>> auditEntriesFromJson(const QJsonValue &value)
{
    return listFromJson<AuditEntry>(value, QStringLiteral("entries"));
}

QJsonObject RestrictedUser::toJson() const
{
    return {{QStringLiteral("user"), user.toJson()},
            {QStringLiteral("banned"), banned},
            {QStringLiteral("mutedUntil"), mutedUntil}};
}

Expected<RestrictedUser> RestrictedUser::fromJson(const QJsonObject &object)
{
    JsonFields fields(object);
    RestrictedUser restricted;
    restricted.banned = fields.optionalBool(QStringLiteral("banned"), false);
    restricted.mutedUntil = fields.optionalInteger(QStringLiteral("mutedUntil")).value_or(0);
    const auto userObject = fields.optionalObject(QStringLiteral("user"));
    if (!fields.ok())
        return fields.error();
    const auto user = UserInfo::fromJson(userObject.value_or(QJsonObject()));
    if (!user)
        return user.error();
    restricted.user = user.value();
    return restricted;
}

QJsonObject SetRoleRequest::toJson() const
{
    return {{UserIdKey, userId}, {QStringLiteral("role"), roleName(role)}};
}

Expected<SetRoleRequest> SetRoleRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    SetRoleRequest request;
    request.userId = fields.requiredInteger(UserIdKey);
    const QString role = fields.requiredString(QStringLiteral("role"));
    if (!fields.ok())
        return fields.error();
    const auto parsed = roleFromName(role);
    if (!parsed)
        return badRequest(QStringLiteral("\"role\" must be \"attendee\" or \"moderator\""));
    request.role = *parsed;
    return request;
}

QJsonObject HideFactRequest::toJson() const
{
    return {{QStringLiteral("factId"), factId}, {QStringLiteral("hidden"), hidden}};
}

Expected<HideFactRequest> HideFactRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    HideFactRequest request;
    request.factId = fields.requiredInteger(QStringLiteral("factId"));
    request.hidden = fields.optionalBool(QStringLiteral("hidden"), true);
    if (!fields.ok())
        return fields.error();
    return request;
}

QJsonObject FactHiddenNotice::toJson() const
{
    return {{QStringLiteral("kind"), Protocol::ChatEvent::FactHidden},
            {QStringLiteral("fact"), fact.toJson()},
            {QStringLiteral("hidden"), hidden}};
}

Expected<FactHiddenNotice> FactHiddenNotice::fromJson(const QJsonObject &data)
{
    if (data.value(QStringLiteral("kind")).toString() != Protocol::ChatEvent::FactHidden)
        return badRequest(QStringLiteral("not a \"fact_hidden\" event"));
    JsonFields fields(data);
    const auto factObject = fields.optionalObject(QStringLiteral("fact"));
    const bool hidden = fields.requiredBool(QStringLiteral("hidden"));
    if (!fields.ok())
        return fields.error();
    if (!factObject)
        return badRequest(QStringLiteral("field \"fact\" is required"));
    const auto fact = Fact::fromJson(*factObject);
    if (!fact)
        return fact.error();
    return FactHiddenNotice{fact.value(), hidden};
}

QJsonObject MuteRequest::toJson() const
{
    return {{UserIdKey, userId}, {QStringLiteral("seconds"), seconds}};
}

Expected<MuteRequest> MuteRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    MuteRequest request;
    request.userId = fields.requiredInteger(UserIdKey);
    request.seconds = fields.requiredInteger(QStringLiteral("seconds"));
    if (!fields.ok())
        return fields.error();
    if (request.seconds < 0 || request.seconds > MaxSeconds)
        return badRequest(QStringLiteral("\"seconds\" must be between 0 and %1").arg(MaxSeconds));
    return request;
}

QJsonObject BanRequest::toJson() const
{
    return {{UserIdKey, userId}, {QStringLiteral("banned"), banned}};
}

Expected<BanRequest> BanRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    BanRequest request;
    request.userId = fields.requiredInteger(UserIdKey);
    request.banned = fields.optionalBool(QStringLiteral("banned"), true);
    if (!fields.ok())
        return fields.error();
    return request;
}

QJsonObject AnnounceRequest::toJson() const
{
    return {{QStringLiteral("clientId"), clientId}, {TextKey, text}};
}

Expected<AnnounceRequest> AnnounceRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    AnnounceRequest request;
    request.clientId = fields.requiredString(QStringLiteral("clientId"));
    request.text = fields.requiredString(TextKey).trimmed();
    if (!fields.ok())
        return fields.error();
    if (const auto problem = Validation::checkClientId(request.clientId))
        return badRequest(*problem);
    const qsizetype length = Validation::characterCount(request.text);
    if (length == 0)
        return badRequest(QStringLiteral("an announcement cannot be empty"));
    if (length > Announcement::MaxLength)
        return badRequest(QStringLiteral("an announcement is at most %1 characters; this one "
                                         "has %2")
                                  .arg(Announcement::MaxLength)
                                  .arg(length));
    return request;
}

QJsonObject AuditLogRequest::toJson() const
{
    QJsonObject data{{QStringLiteral("limit"), limit}};
    if (beforeId)
        data.insert(QStringLiteral("beforeId"), *beforeId);
    return data;
}

Expected<AuditLogRequest> AuditLogRequest::fromJson(const QJsonObject &data)
{
    JsonFields fields(data);
    AuditLogRequest request;
    request.beforeId = fields.optionalInteger(QStringLiteral("beforeId"));
    const qint64 limit = fields.optionalInteger(QStringLiteral("limit")).value_or(DefaultLimit);
    if (!fields.ok())
        return fields.error();
    // Checked before it becomes an int: 4294967297 is no 1.
    if (limit < 1 || limit > MaxLimit)
        return badRequest(QStringLiteral("\"limit\" must be between 1 and %1").arg(MaxLimit));
    request.limit = static_cast<int>(limit);
    return request;
}

} // namespace Hallway
