// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Hallway {

enum class WidgetKind { Presence, CommunityFeed, Talks, Stats, Announcements, UserFacts };

QString widgetKindName(WidgetKind kind);
std::optional<WidgetKind> widgetKindFromName(const QString &name);
QList<WidgetKind> allWidgetKinds();
// How many items a kind shows by default and at most; 0 for a kind without a limit.
int defaultWidgetLimit(WidgetKind kind);
int maxWidgetLimit(WidgetKind kind);

// What a widget shows: its kind and its configuration, checked and completed with defaults.
// Two equal specs show the same data, so the server computes it once for all their viewers
// under the spec's topic name.
struct WidgetSpec {
    WidgetKind kind = WidgetKind::Presence;
    QJsonObject config; // integers only; every key the kind knows, no other

    // "widget.<kind>" plus "?key=value&..." with the keys sorted, if there is any config.
    QString topic() const;
    int limit() const { return config.value(QStringLiteral("limit")).toInt(); }
    qint64 userId() const { return config.value(QStringLiteral("userId")).toInteger(); }

    static Expected<WidgetSpec> make(WidgetKind kind, const QJsonObject &config);
    static Expected<WidgetSpec> make(const QString &kindName, const QJsonObject &config);
    static Expected<WidgetSpec> fromTopic(const QString &topic);
    friend bool operator==(const WidgetSpec &, const WidgetSpec &) = default;
};

struct HubWidget {
    qint64 id = 0;
    WidgetSpec spec;

    QJsonObject toJson() const; // {id, kind, config, topic}
    static Expected<HubWidget> fromJson(const QJsonObject &object);
    friend bool operator==(const HubWidget &, const HubWidget &) = default;
};

// A named page of widgets, in order.
struct Hub {
    static constexpr int MaxNameLength = 60;
    static constexpr int MaxWidgets = 20;

    qint64 id = 0;
    QString name;
    QList<HubWidget> widgets;

    QJsonObject toJson() const;
    static Expected<Hub> fromJson(const QJsonObject &object);
    friend bool operator==(const Hub &, const Hub &) = default;
};

QJsonArray hubsToJson(const QList<Hub> &hubs);
Expected<QList<Hub>> hubsFromJson(const QJsonValue &value);

// Any hub.* request. Which fields matter depends on the operation.
struct HubEdit {
    enum class Operation { Create, Rename, Delete, AddWidget, RemoveWidget, MoveWidget, Configure };

    Operation operation = Operation::Create;
    qint64 hubId = 0; // all but Create
    QString name; // Create, Rename
    qint64 widgetId = 0; // RemoveWidget, MoveWidget, Configure
    WidgetSpec spec; // AddWidget, Configure (the kind of Configure is the widget's own)
    QJsonObject config; // Configure: checked against the widget's kind by the server
    qint64 position = -1; // AddWidget (-1: at the end), MoveWidget: 0-based; past the end: last

    QString type() const; // the request type, e.g. "hub.add_widget"
    QJsonObject toJson() const;
    static std::optional<Operation> operationOf(const QString &type);
    static Expected<HubEdit> fromJson(const QString &type, const QJsonObject &data);
};

} // namespace Hallway
