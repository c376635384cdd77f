// SPDX-License-Identifier: MIT
#include "envelope.h"
#include "protocol.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace Hallway {

namespace {
const QString TypeKey = QStringLiteral("type");
const QString IdKey = QStringLiteral("id");
const QString DataKey = QStringLiteral("data");
const QString TopicKey = QStringLiteral("topic");
const QString SeqKey = QStringLiteral("seq");
const QString CodeKey = QStringLiteral("code");
const QString MessageKey = QStringLiteral("message");
const QString RetryAfterKey = QStringLiteral("retryAfterMs");

bool isValidId(const QJsonValue &id)
{
    if (id.isUndefined() || id.isNull())
        return true; // no id (the server answers unreadable frames with a null id)
    if (id.isString())
        return !id.toString().isEmpty() && id.toString().size() <= MaxRequestIdLength;
    if (id.isDouble()) {
        // Integers only, and only those a double holds exactly (|n| <= 2^53 - 1).
        const double d = id.toDouble();
        return std::trunc(d) == d && std::abs(d) <= 9007199254740991.0;
    }
    return false;
}
} // namespace

Envelope Envelope::result(const QJsonValue &id, const QJsonObject &data)
{
    return {Protocol::Type::Result, id, data, {}, 0};
}

Envelope Envelope::error(const QJsonValue &id, const Error &error)
{
    QJsonObject data{{CodeKey, errorCodeName(error.code)}, {MessageKey, error.message}};
    if (error.retryAfterMs)
        data.insert(RetryAfterKey, *error.retryAfterMs);
    return {Protocol::Type::Error, id, data, {}, 0};
}

Envelope Envelope::event(const QString &topic, qint64 seq, const QJsonObject &data)
{
    return {Protocol::Type::Event, QJsonValue::Undefined, data, topic, seq};
}

bool Envelope::isError() const
{
    return type == Protocol::Type::Error;
}

Error Envelope::toError() const
{
    const auto code = errorCodeFromName(data.value(CodeKey).toString());
    Error error{code.value_or(ErrorCode::Internal), data.value(MessageKey).toString()};
    if (data.value(RetryAfterKey).isDouble())
        error.retryAfterMs = data.value(RetryAfterKey).toInteger();
    return error;
}

QByteArray Envelope::toJson() const
{
    QJsonObject object{{TypeKey, type}};
    if (!id.isUndefined())
        object.insert(IdKey, id);
    if (!topic.isEmpty()) {
        object.insert(TopicKey, topic);
        object.insert(SeqKey, seq);
    }
    object.insert(DataKey, data);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Expected<Envelope> Envelope::fromJson(QByteArrayView json, QJsonValue *requestId)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badRequest(QStringLiteral("malformed JSON at offset %1: %2")
                                  .arg(parseError.offset)
                                  .arg(parseError.errorString()));
    if (!document.isObject())
        return badRequest(QStringLiteral("a message must be a JSON object"));

    const QJsonObject object = document.object();
    Envelope envelope;
    envelope.id = object.value(IdKey);
    if (!isValidId(envelope.id))
        return badRequest(QStringLiteral("\"id\" must be a non-empty string of at most %1 "
                                         "characters or an integer")
                                  .arg(MaxRequestIdLength));
    if (requestId)
        *requestId = envelope.id;

    const QJsonValue type = object.value(TypeKey);
    if (!type.isString() || type.toString().isEmpty())
        return badRequest(QStringLiteral("\"type\" must be a non-empty string"));
    envelope.type = type.toString();

    const QJsonValue data = object.value(DataKey);
    if (!data.isUndefined() && !data.isNull() && !data.isObject())
        return badRequest(QStringLiteral("\"data\" must be an object"));
    envelope.data = data.toObject();

    const QJsonValue topic = object.value(TopicKey);
    if (topic.isString()) {
        envelope.topic = topic.toString();
        envelope.seq = object.value(SeqKey).toInteger();
    }
    return envelope;
}

} // namespace Hallway
