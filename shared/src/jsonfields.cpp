// SPDX-License-Identifier: MIT
#include "jsonfields.h"

#include <QJsonArray>

#include <cmath>

namespace Hallway {

namespace {
// Integers travel as JSON numbers; beyond 2^53 doubles lose precision, so refuse them.
constexpr double MaxSafeInteger = 9007199254740991.0;
} // namespace

void JsonFields::fail(const QString &message)
{
    if (!m_error)
        m_error = Error{ErrorCode::BadRequest, message};
}

void JsonFields::failType(const QString &name, const QString &expected)
{
    if (m_object.contains(name))
        fail(QStringLiteral("field \"%1\" must be %2").arg(name, expected));
    else
        fail(QStringLiteral("field \"%1\" is required").arg(name));
}

QString JsonFields::requiredString(const QString &name)
{
    const QJsonValue value = m_object.value(name);
    if (!value.isString()) {
        failType(name, QStringLiteral("a string"));
        return {};
    }
    return value.toString();
}

QString JsonFields::optionalString(const QString &name)
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString()) {
        failType(name, QStringLiteral("a string"));
        return {};
    }
    return value.toString();
}

namespace {
bool isSafeInteger(const QJsonValue &value)
{
    const double number = value.toDouble();
    return value.isDouble() && std::trunc(number) == number && std::abs(number) <= MaxSafeInteger;
}
} // namespace

qint64 JsonFields::requiredInteger(const QString &name)
{
    const QJsonValue value = m_object.value(name);
    if (!isSafeInteger(value)) {
        failType(name, QStringLiteral("an integer"));
        return 0;
    }
    return static_cast<qint64>(value.toDouble());
}

QList<qint64> JsonFields::requiredIntegerArray(const QString &name)
{
    const QJsonValue value = m_object.value(name);
    if (!value.isArray()) {
        failType(name, QStringLiteral("an array"));
        return {};
    }
    QList<qint64> result;
    for (const QJsonValue &item : value.toArray()) {
        if (!isSafeInteger(item)) {
            fail(QStringLiteral("each of \"%1\" must be an integer").arg(name));
            return {};
        }
        result.append(static_cast<qint64>(item.toDouble()));
    }
    return result;
}

bool JsonFields::requiredBool(const QString &name)
{
    const QJsonValue value = m_object.value(name);
    if (!value.isBool()) {
        failType(name, QStringLiteral("true or false"));
        return false;
    }
    return value.toBool();
}

std::optional<qint64> JsonFields::optionalInteger(const QString &name)
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const qint64 result = requiredInteger(name);
    return ok() ? std::optional<qint64>(result) : std::nullopt;
}

bool JsonFields::optionalBool(const QString &name, bool fallback)
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isBool()) {
        failType(name, QStringLiteral("true or false"));
        return fallback;
    }
    return value.toBool();
}

std::optional<QJsonObject> JsonFields::optionalObject(const QString &name)
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isObject()) {
        failType(name, QStringLiteral("an object"));
        return std::nullopt;
    }
    return value.toObject();
}

} // namespace Hallway
