// SPDX-License-Identifier: MIT
#include "fact.h"
#include "jsonfields.h"

namespace Hallway {

QJsonObject FactAuthor::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("username"), username},
            {QStringLiteral("displayName"), displayName}};
}

Expected<FactAuthor> FactAuthor::fromJson(const QJsonObject &object)
{
    JsonFields fields(object);
    FactAuthor author;
    author.id = fields.requiredInteger(QStringLiteral("id"));
    author.username = fields.requiredString(QStringLiteral("username"));
    author.displayName = fields.requiredString(QStringLiteral("displayName"));
    if (!fields.ok())
        return fields.error();
    return author;
}

QJsonObject Fact::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("author"), author.toJson()},
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
    const auto parsedAuthor = FactAuthor::fromJson(*author);
    if (!parsedAuthor)
        return parsedAuthor.error();
    fact.author = parsedAuthor.value();
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
