// SPDX-License-Identifier: MIT
#include "envelope.h"
#include "protocol.h"

#include <QJsonArray>
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

// A request's id may be absent, but null is what the server answers an unreadable frame with,
// so a request may not use it.
bool isValidId(const QJsonValue &id, bool request)
{
    if (id.isUndefined())
        return true;
    if (id.isNull())
        return !request;
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

Expected<Envelope> Envelope::fromJson(QByteArrayView json)
{
    return parse(json, false, nullptr);
}

Expected<Envelope> Envelope::requestFromJson(QByteArrayView json, QJsonValue *requestId)
{
    return parse(json, true, requestId);
}

namespace {
// QJsonDocument reads only objects and arrays; a lone value (42, "hi", null) is valid JSON
// all the same, and must be told apart from text that is not JSON at all.
bool isJsonValue(QByteArrayView json)
{
    const QJsonDocument wrapped =
            QJsonDocument::fromJson(QByteArray("[") + json.toByteArray() + QByteArray("]"));
    return wrapped.isArray() && wrapped.array().size() == 1;
}
} // namespace

Expected<Envelope> Envelope::parse(QByteArrayView json, bool request, QJsonValue *requestId)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError && !isJsonValue(json))
        return badRequest(QStringLiteral("malformed JSON at offset %1: %2")
                                  .arg(parseError.offset)
                                  .arg(parseError.errorString()));
    if (!document.isObject())
        return badRequest(QStringLiteral("a message must be a JSON object"));

    const QJsonObject object = document.object();
    Envelope envelope;
    envelope.id = object.value(IdKey);
    if (!isValidId(envelope.id, request))
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
