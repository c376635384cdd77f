// SPDX-License-Identifier: MIT
#include "hub.h"
#include "jsonfields.h"
#include "protocol.h"
#include "validation.h"

#include <QJsonArray>
#include <QUrlQuery>
#include <array>

namespace Hallway {

namespace {
const QString LimitKey = QStringLiteral("limit");
const QString UserIdKey = QStringLiteral("userId");

struct KindInfo {
    WidgetKind kind;
    QLatin1StringView name;
    int defaultLimit; // 0: the kind has no limit
    int maxLimit;
    bool needsUser;
};

const std::array<KindInfo, 6> kinds = {{
        {WidgetKind::Presence, QLatin1StringView("presence"), 12, 100, false},
        {WidgetKind::CommunityFeed, QLatin1StringView("community_feed"), 10, 50, false},
        {WidgetKind::Talks, QLatin1StringView("talks"), 5, 50, false},
        {WidgetKind::Stats, QLatin1StringView("stats"), 0, 0, false},
        {WidgetKind::Announcements, QLatin1StringView("announcements"), 3, 20, false},
        {WidgetKind::UserFacts, QLatin1StringView("user_facts"), 5, 50, true},
}};

const KindInfo &infoOf(WidgetKind kind)
{
    for (const KindInfo &info : kinds) {
        if (info.kind == kind)
            return info;
    }
    return kinds.front();
}
} // namespace

QString widgetKindName(WidgetKind kind)
{
    return infoOf(kind).name;
}

std::optional<WidgetKind> widgetKindFromName(const QString &name)
{
    for (const KindInfo &info : kinds) {
        if (info.name == name)
            return info.kind;
    }
    return std::nullopt;
}

int defaultWidgetLimit(WidgetKind kind)
{
    return infoOf(kind).defaultLimit;
}

int maxWidgetLimit(WidgetKind kind)
{
    return infoOf(kind).maxLimit;
}

QList<WidgetKind> allWidgetKinds()
{
    QList<WidgetKind> result;
    for (const KindInfo &info : kinds)
        result.append(info.kind);
    return result;
}

Expected<WidgetSpec> WidgetSpec::make(WidgetKind kind, const QJsonObject &config)
{
    const KindInfo &info = infoOf(kind);
    WidgetSpec spec{kind, {}};
    for (auto it = config.begin(); it != config.end(); ++it) {
        const bool known = (it.key() == LimitKey && info.defaultLimit > 0)
                || (it.key() == UserIdKey && info.needsUser);
        if (!known)
            return badRequest(
                    QStringLiteral("a %1 widget has no setting \"%2\"").arg(info.name, it.key()));
        const double value = it.value().toDouble(-1);
        if (!it.value().isDouble() || value != static_cast<double>(it.value().toInteger()))
            return badRequest(
                    QStringLiteral("setting \"%1\" must be a whole number").arg(it.key()));
    }
    if (info.defaultLimit > 0) {
        const qint64 limit = config.value(LimitKey).toInteger(info.defaultLimit);
        if (limit < 1 || limit > info.maxLimit)
            return badRequest(QStringLiteral("a %1 widget shows between 1 and %2 items")
                                      .arg(info.name)
                                      .arg(info.maxLimit));
        spec.config.insert(LimitKey, limit);
    }
    if (info.needsUser) {
        const qint64 userId = config.value(UserIdKey).toInteger(0);
        if (userId < 1)
            return badRequest(QStringLiteral("a %1 widget needs a \"userId\"").arg(info.name));
        spec.config.insert(UserIdKey, userId);
    }
    return spec;
}

Expected<WidgetSpec> WidgetSpec::make(const QString &kindName, const QJsonObject &config)
{
    const auto kind = widgetKindFromName(kindName);
    if (!kind)
        return badRequest(QStringLiteral("there is no widget kind \"%1\"").arg(kindName));
    return make(*kind, config);
}

QString WidgetSpec::topic() const
{
    QString topic = Protocol::Topic::WidgetPrefix + widgetKindName(kind);
    // QJsonObject iterates its keys sorted, which makes the name canonical.
    QStringList pairs;
    for (auto it = config.begin(); it != config.end(); ++it)
        pairs.append(it.key() + QLatin1Char('=') + QString::number(it.value().toInteger()));
    if (!pairs.isEmpty())
        topic += QLatin1Char('?') + pairs.join(QLatin1Char('&'));
    return topic;
}

Expected<WidgetSpec> WidgetSpec::fromTopic(const QString &topic)
{
    if (!topic.startsWith(Protocol::Topic::WidgetPrefix))
        return badRequest(QStringLiteral("\"%1\" is not a widget topic").arg(topic));
    const QString rest = topic.mid(Protocol::Topic::WidgetPrefix.size());
    const qsizetype question = rest.indexOf(QLatin1Char('?'));
    const QString kindName = rest.left(question);
    QJsonObject config;
    if (question >= 0) {
        const QUrlQuery query(rest.mid(question + 1));
        for (const auto &[key, value] : query.queryItems()) {
            bool ok = false;
            const qint64 number = value.toLongLong(&ok);
            if (!ok)
                return badRequest(QStringLiteral("setting \"%1\" must be a whole number").arg(key));
            config.insert(key, number);
        }
    }
    auto spec = make(kindName, config);
    if (spec && spec->topic() != topic)
        return Error{ErrorCode::NotFound,
                     QStringLiteral("no topic named \"%1\"; did you mean \"%2\"?")
                             .arg(topic, spec->topic())};
    return spec;
}

QJsonObject HubWidget::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("kind"), widgetKindName(spec.kind)},
            {QStringLiteral("config"), spec.config},
            {QStringLiteral("topic"), spec.topic()}};
}

Expected<HubWidget> HubWidget::fromJson(const QJsonObject &object)
{
    JsonFields fields(object);
    HubWidget widget;
    widget.id = fields.requiredInteger(QStringLiteral("id"));
    const QString kind = fields.requiredString(QStringLiteral("kind"));
    const QJsonObject config =
            fields.optionalObject(QStringLiteral("config")).value_or(QJsonObject());
    if (!fields.ok())
        return fields.error();
    const auto spec = WidgetSpec::make(kind, config);
    if (!spec)
        return spec.error();
    widget.spec = spec.value();
    return widget;
}

QJsonObject Hub::toJson() const
{
    QJsonArray widgetArray;
    for (const HubWidget &widget : widgets)
        widgetArray.append(widget.toJson());
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("widgets"), widgetArray}};
}

Expected<Hub> Hub::fromJson(const QJsonObject &object)
{
    JsonFields fields(object);
    Hub hub;
    hub.id = fields.requiredInteger(QStringLiteral("id"));
    hub.name = fields.requiredString(QStringLiteral("name"));
    if (!fields.ok())
        return fields.error();
    for (const QJsonValue &value : object.value(QStringLiteral("widgets")).toArray()) {
        const auto widget = HubWidget::fromJson(value.toObject());
        if (!widget)
            return widget.error();
        hub.widgets.append(widget.value());
    }
    return hub;
}

QJsonArray hubsToJson(const QList<Hub> &hubs)
{
    QJsonArray array;
    for (const Hub &hub : hubs)
        array.append(hub.toJson());
    return array;
}

Expected<QList<Hub>> hubsFromJson(const QJsonValue &value)
{
    if (!value.isArray())
        return badRequest(QStringLiteral("field \"hubs\" must be an array"));
    QList<Hub> hubs;
    for (const QJsonValue &entry : value.toArray()) {
        const auto hub = Hub::fromJson(entry.toObject());
        if (!hub)
            return hub.error();
        hubs.append(hub.value());
    }
    return hubs;
}

namespace {
using Operation = HubEdit::Operation;
const std::array<std::pair<Operation, const QString *>, 7> operationTypes = {{
        {Operation::Create, &Protocol::Type::CreateHub},
        {Operation::Rename, &Protocol::Type::RenameHub},
        {Operation::Delete, &Protocol::Type::DeleteHub},
        {Operation::AddWidget, &Protocol::Type::AddWidget},
        {Operation::RemoveWidget, &Protocol::Type::RemoveWidget},
        {Operation::MoveWidget, &Protocol::Type::MoveWidget},
        {Operation::Configure, &Protocol::Type::ConfigureWidget},
}};

std::optional<QString> checkHubName(const QString &name)
{
    const qsizetype length = Validation::characterCount(name);
    if (length == 0)
        return QStringLiteral("a hub needs a name");
    if (length > Hub::MaxNameLength)
        return QStringLiteral("a hub name is at most %1 characters").arg(Hub::MaxNameLength);
    return std::nullopt;
}
} // namespace

QString HubEdit::type() const
{
    for (const auto &[op, type] : operationTypes) {
        if (op == operation)
            return *type;
    }
    return {};
}

std::optional<HubEdit::Operation> HubEdit::operationOf(const QString &type)
{
    for (const auto &[op, name] : operationTypes) {
        if (*name == type)
            return op;
    }
    return std::nullopt;
}

QJsonObject HubEdit::toJson() const
{
    QJsonObject data;
    if (operation != Operation::Create)
        data.insert(QStringLiteral("hubId"), hubId);
    switch (operation) {
    case Operation::Create:
    case Operation::Rename:
        data.insert(QStringLiteral("name"), name);
        break;
    case Operation::Delete:
        break;
    case Operation::AddWidget:
        data.insert(QStringLiteral("kind"), widgetKindName(spec.kind));
        data.insert(QStringLiteral("config"), spec.config);
        if (position >= 0)
            data.insert(QStringLiteral("position"), position);
        break;
    case Operation::RemoveWidget:
        data.insert(QStringLiteral("widgetId"), widgetId);
        break;
    case Operation::MoveWidget:
        data.insert(QStringLiteral("widgetId"), widgetId);
        data.insert(QStringLiteral("position"), position);
        break;
    case Operation::Configure:
        data.insert(QStringLiteral("widgetId"), widgetId);
        data.insert(QStringLiteral("config"), config);
        break;
    }
    return data;
}

Expected<HubEdit> HubEdit::fromJson(const QString &type, const QJsonObject &data)
{
    const auto operation = operationOf(type);
    if (!operation)
        return badRequest(QStringLiteral("unknown message type \"%1\"").arg(type));
    JsonFields fields(data);
    HubEdit edit;
    edit.operation = *operation;
    if (edit.operation != Operation::Create)
        edit.hubId = fields.requiredInteger(QStringLiteral("hubId"));
    switch (edit.operation) {
    case Operation::Create:
    case Operation::Rename:
        edit.name = fields.requiredString(QStringLiteral("name")).simplified();
        break;
    case Operation::Delete:
        break;
    case Operation::AddWidget: {
        const QString kind = fields.requiredString(QStringLiteral("kind"));
        const QJsonObject config =
                fields.optionalObject(QStringLiteral("config")).value_or(QJsonObject());
        edit.position = fields.optionalInteger(QStringLiteral("position")).value_or(-1);
        if (!fields.ok())
            return fields.error();
        const auto spec = WidgetSpec::make(kind, config);
        if (!spec)
            return spec.error();
        edit.spec = spec.value();
        break;
    }
    case Operation::RemoveWidget:
        edit.widgetId = fields.requiredInteger(QStringLiteral("widgetId"));
        break;
    case Operation::MoveWidget:
        edit.widgetId = fields.requiredInteger(QStringLiteral("widgetId"));
        edit.position = fields.requiredInteger(QStringLiteral("position"));
        break;
    case Operation::Configure:
        edit.widgetId = fields.requiredInteger(QStringLiteral("widgetId"));
        edit.config = fields.optionalObject(QStringLiteral("config")).value_or(QJsonObject());
        break;
    }
    if (!fields.ok())
        return fields.error();
    if (edit.operation == Operation::Create || edit.operation == Operation::Rename) {
        if (const auto problem = checkHubName(edit.name))
            return badRequest(*problem);
    }
    if (edit.operation == Operation::MoveWidget && edit.position < 0)
        return badRequest(QStringLiteral("\"position\" cannot be negative"));
    return edit;
}

} // namespace Hallway
