// SPDX-License-Identifier: MIT
#pragma once

#include "hub.h"
#include "messages.h"
#include "net/clientconnectionfwd.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <array>

namespace Hallway {

class AnnouncementsTopic;
class CommunityFeedTopic;
class FactService;
class PresenceTopic;
class StatsService;
class Storage;
class TalksTopic;
class WidgetTopic;

// The data behind every widget on screen, cached per (kind, configuration): a widget topic
// exists while someone views it, its data is computed once for all viewers, and recomputed
// only when an event of its source touches it. Events in one turn of the event loop share
// one recomputation.
class WidgetService : public QObject {
    Q_OBJECT
public:
    struct Sources {
        Storage &storage;
        PresenceTopic &presence;
        CommunityFeedTopic &community;
        TalksTopic &talks;
        AnnouncementsTopic &announcements;
        StatsService &stats;
        FactService &facts;
    };

    WidgetService(const Sources &sources, int history, QObject *parent = nullptr);
    ~WidgetService() override;

    static bool isWidgetTopic(const QString &topic);
    void subscribe(ClientConnection *connection, const QJsonValue &requestId, const QString &topic,
                   const std::optional<TopicPosition> &since);
    void unsubscribe(ClientConnection *connection, const QString &topic);
    void connectionClosed(ClientConnection *connection);

    // For /metrics: how often each kind's data was computed, and how many widgets are live.
    qint64 recomputations(WidgetKind kind) const;
    int liveWidgets() const { return static_cast<int>(m_widgets.size()); }

private:
    void touch(WidgetKind kind, std::optional<qint64> userId = std::nullopt);
    void recomputeDirty();
    void compute(WidgetTopic *widget);
    QJsonObject computeNow(const WidgetSpec &spec) const;
    void computed(WidgetTopic *widget, const QJsonObject &data);
    void dropIfUnused(WidgetTopic *widget);

    Sources m_sources;
    int m_history;
    QHash<QString, WidgetTopic *> m_widgets; // owned (children of this)
    QHash<ClientConnection *, QSet<QString>> m_widgetsOf;
    std::array<qint64, 6> m_recomputations{};
    bool m_recomputeScheduled = false;
};

} // namespace Hallway
