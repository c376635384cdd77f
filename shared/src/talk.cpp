// SPDX-License-Identifier: MIT
#include "talk.h"
#include "jsonfields.h"

#include <algorithm>

namespace Hallway {

QJsonObject Talk::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("speaker"),
             QJsonObject{{QStringLiteral("id"), speaker.id},
                         {QStringLiteral("username"), speaker.username},
                         {QStringLiteral("displayName"), speaker.displayName}}},
            {QStringLiteral("title"), title},
            {QStringLiteral("abstract"), abstract},
            {QStringLiteral("votes"), votes},
            {QStringLiteral("hidden"), hidden},
            {QStringLiteral("createdAt"), createdAt}};
}

Expected<Talk> Talk::fromJson(const QJsonObject &object)
{
    JsonFields fields(object);
    Talk talk;
    talk.id = fields.requiredInteger(QStringLiteral("id"));
    talk.title = fields.requiredString(QStringLiteral("title"));
    talk.abstract = fields.optionalString(QStringLiteral("abstract"));
    talk.votes = fields.requiredInteger(QStringLiteral("votes"));
    talk.hidden = fields.optionalBool(QStringLiteral("hidden"), false);
    talk.createdAt = fields.optionalInteger(QStringLiteral("createdAt")).value_or(0);
    const auto speaker = fields.optionalObject(QStringLiteral("speaker"));
    if (!fields.ok())
        return fields.error();
    if (!speaker)
        return Error{ErrorCode::BadRequest, QStringLiteral("field \"speaker\" is required")};
    JsonFields speakerFields(*speaker);
    talk.speaker.id = speakerFields.requiredInteger(QStringLiteral("id"));
    talk.speaker.username = speakerFields.requiredString(QStringLiteral("username"));
    talk.speaker.displayName = speakerFields.requiredString(QStringLiteral("displayName"));
    if (!speakerFields.ok())
        return speakerFields.error();
    return talk;
}

QJsonArray talksToJson(const QList<Talk> &talks)
{
    QJsonArray array;
    for (const Talk &talk : talks)
        array.append(talk.toJson());
    return array;
}

Expected<QList<Talk>> talksFromJson(const QJsonValue &value)
{
    if (!value.isArray())
        return Error{ErrorCode::BadRequest, QStringLiteral("field \"talks\" must be an array")};
    QList<Talk> talks;
    for (const QJsonValue &entry : value.toArray()) {
        auto talk = Talk::fromJson(entry.toObject());
        if (!talk)
            return talk.error();
        talks.append(talk.value());
    }
    return talks;
}

namespace {
// One CSV cell: RFC 4180 quoting, and no formulas. Spreadsheets may run a cell that starts
// with =, +, -, @, a tab or a carriage return as a formula (a title is anyone's to choose), so
// such a cell gets a leading ' inside its quotes, as OWASP's advice on CSV injection says; a
// spreadsheet then shows it as text.
QString csvField(const QString &text)
{
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    const bool formula = !text.isEmpty() && formulaStarts.contains(text.front());
    if (!formula && !text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"'))
        && !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return (formula ? QStringLiteral("\"'") : QStringLiteral("\"")) + quoted + QLatin1Char('"');
}
} // namespace

QString talkResultsCsv(QList<Talk> talks)
{
    talks.removeIf([](const Talk &talk) { return talk.hidden; });
    std::sort(talks.begin(), talks.end(), [](const Talk &a, const Talk &b) {
        return a.votes != b.votes ? a.votes > b.votes : a.id < b.id;
    });
    QString csv = QStringLiteral("rank,title,speaker,votes\r\n");
    for (qsizetype i = 0; i < talks.size(); ++i) {
        const Talk &talk = talks.at(i);
        csv += QString::number(i + 1) + QLatin1Char(',') + csvField(talk.title) + QLatin1Char(',')
                + csvField(talk.speaker.displayName) + QLatin1Char(',')
                + QString::number(talk.votes) + QStringLiteral("\r\n");
    }
    return csv;
}

} // namespace Hallway
