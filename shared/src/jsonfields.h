// SPDX-License-Identifier: MIT
#pragma once

#include "errorcode.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace Hallway {

// Reads typed fields out of a request's data. The first problem is kept as a bad_request error
// that names the field, so a client author sees exactly what was wrong; later reads after an
// error return empty values.
class JsonFields {
public:
    explicit JsonFields(const QJsonObject &object) : m_object(object) { }

    QString requiredString(const QString &name);
    QString optionalString(const QString &name);
    qint64 requiredInteger(const QString &name);
    std::optional<qint64> optionalInteger(const QString &name);
    // Booleans are JSON true and false only: not 0 and 1, not "true".
    bool requiredBool(const QString &name);
    bool optionalBool(const QString &name, bool fallback);
    std::optional<QJsonObject> optionalObject(const QString &name);
    // An array of integers, each within the safe range.
    QList<qint64> requiredIntegerArray(const QString &name);

    bool ok() const { return !m_error.has_value(); }
    Error error() const { return m_error.value_or(Error{}); }
    // Records a domain-level problem (a length, a format) found after reading.
    void fail(const QString &message);

private:
    void failType(const QString &name, const QString &expected);

    QJsonObject m_object;
    std::optional<Error> m_error;
};

} // namespace Hallway
