// SPDX-License-Identifier: MIT
#include "fact.h"
#include "jsonfields.h"

namespace Hallway {

QJsonObject Fact::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("author"),
             QJsonObject{{QStringLiteral("id"), author.id},
                         {QStringLiteral("username"), author.username},
                         {QStringLiteral("displayName"), author.displayName}}},
            {QStringLiteral("text"), text},
            {QStringLiteral("createdAt"), createdAt},
            {QStringLiteral("clientId"), clientId}};
}

Expected<Fact> Fact::fromJson(const QJsonObject &object)
{
    JsonFields fields(object);
    Fact fact;
    fact.id = fields.requiredInteger(QStringLiteral("id"));
    fact.text = fields.requiredString(QStringLiteral("text"));
    fact.createdAt = fields.requiredInteger(QStringLiteral("createdAt"));
    fact.clientId = fields.optionalString(QStringLiteral("clientId"));
    const auto author = fields.optionalObject(QStringLiteral("author"));
    if (!fields.ok())
        return fields.error();
    if (!author)
        return Error{ErrorCode::BadRequest, QStringLiteral("field \"author\" is required")};
    JsonFields authorFields(*author);
    fact.author.id = authorFields.requiredInteger(QStringLiteral("id"));
    fact.author.username = authorFields.requiredString(QStringLiteral("username"));
    fact.author.displayName = authorFields.requiredString(QStringLiteral("displayName"));
    if (!authorFields.ok())
        return authorFields.error();
    return fact;
}

QJsonArray factsToJson(const QList<Fact> &facts)
{
    QJsonArray array;
    for (const Fact &fact : facts)
        array.append(fact.toJson());
    return array;
}

Expected<QList<Fact>> factsFromJson(const QJsonValue &value)
{
    if (!value.isArray())
        return Error{ErrorCode::BadRequest, QStringLiteral("field \"facts\" must be an array")};
    QList<Fact> facts;
    for (const QJsonValue &entry : value.toArray()) {
        if (!entry.isObject())
            return Error{ErrorCode::BadRequest, QStringLiteral("each fact must be an object")};
        auto fact = Fact::fromJson(entry.toObject());
        if (!fact)
            return fact.error();
        facts.append(fact.value());
    }
    return facts;
}

} // namespace Hallway
