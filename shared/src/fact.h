// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Hallway {

// The author of a fact as feeds show it: enough to print the name and open the profile.
struct FactAuthor {
    qint64 id = 0;
    QString username;
    QString displayName;

    QJsonObject toJson() const;
    static Expected<FactAuthor> fromJson(const QJsonObject &object);
    friend bool operator==(const FactAuthor &, const FactAuthor &) = default;
};

// A short fact a user posted about themselves.
struct Fact {
    qint64 id = 0; // grows with time: newer facts have larger ids
    FactAuthor author;
    QString text;
    qint64 createdAt = 0; // ms since the Unix epoch, UTC
    QString clientId; // chosen by the poster's app; a resend with it is stored once

    QJsonObject toJson() const;
    static Expected<Fact> fromJson(const QJsonObject &object);
    friend bool operator==(const Fact &, const Fact &) = default;
};

QJsonArray factsToJson(const QList<Fact> &facts);
Expected<QList<Fact>> factsFromJson(const QJsonValue &value);

} // namespace Hallway
