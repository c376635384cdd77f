// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "fact.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Hallway {

// A proposed lightning talk and its tally.
struct Talk {
    qint64 id = 0;
    FactAuthor speaker; // the proposer
    QString title; // 1 to 120 characters
    QString abstract; // up to 2000 characters
    qint64 votes = 0;
    bool hidden = false; // hidden by a moderator: only moderators see it
    qint64 createdAt = 0;

    QJsonObject toJson() const;
    static Expected<Talk> fromJson(const QJsonObject &object);
    friend bool operator==(const Talk &, const Talk &) = default;
};

QJsonArray talksToJson(const QList<Talk> &talks);
Expected<QList<Talk>> talksFromJson(const QJsonValue &value);

// The results as a moderator exports them: visible talks by votes (ties by age), as CSV with
// the columns rank, title, speaker, votes (RFC 4180 quoting; a cell a spreadsheet would run
// as a formula gets a leading ').
QString talkResultsCsv(QList<Talk> talks);

} // namespace Hallway
