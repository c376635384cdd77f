// SPDX-License-Identifier: MIT
#include "widgetservice.h"
#include "facts/factservice.h"
#include "logging.h"
#include "net/clientconnection.h"
#include "protocol.h"
#include "stats/statsservice.h"
#include "storage/storage.h"
#include "topics/announcementstopic.h"
#include "topics/communityfeedtopic.h"
#include "topics/presencetopic.h"
#include "topics/talkstopic.h"
#include "widgettopic.h"

#include <QJsonArray>
#include <QTimer>

namespace Hallway {

namespace {
template<typename Item> QJsonArray firstToJson(const QList<Item> &items, int limit)
{
    QJsonArray array;
    for (qsizetype i = 0; i < items.size() && i < limit; ++i)
        array.append(items.at(i).toJson());
    return array;
}

std::size_t indexOf(WidgetKind kind)
{
    return static_cast<std::size_t>(kind);
}
} // namespace

WidgetService::WidgetService(const Sources &sources, int history, QObject *parent)
    : QObject(parent), m_sources(sources), m_history(history)
{
    connect(&sources.presence, &Topic::published, this, [this]() { touch(WidgetKind::Presence); });
    connect(&sources.community, &Topic::published, this,
            [this]() { touch(WidgetKind::CommunityFeed); });
    connect(&sources.talks, &Topic::published, this, [this]() { touch(WidgetKind::Talks); });
    connect(&sources.announcements, &Topic::published, this,
            [this]() { touch(WidgetKind::Announcements); });
    connect(&sources.stats, &StatsService::updated, this, [this]() { touch(WidgetKind::Stats); });
    connect(&sources.facts, &FactService::authorFactsChanged, this,
            [this](qint64 authorId) { touch(WidgetKind::UserFacts, authorId); });
}

WidgetService::~WidgetService() = default;

bool WidgetService::isWidgetTopic(const QString &topic)
{
    return topic.startsWith(Protocol::Topic::WidgetPrefix);
}

qint64 WidgetService::recomputations(WidgetKind kind) const
{
    return m_recomputations.at(indexOf(kind));
}

void WidgetService::subscribe(ClientConnection *connection, const QJsonValue &requestId,
                              const QString &topic, const std::optional<TopicPosition> &since)
{
    const auto spec = WidgetSpec::fromTopic(topic);
    if (!spec)
        return connection->replyError(requestId, spec.error());
    WidgetTopic *widget = m_widgets.value(topic);
    if (!widget) {
        widget = new WidgetTopic(spec.value(), m_history, this);
        m_widgets.insert(topic, widget);
    }
    m_widgetsOf[connection].insert(topic);
    if (widget->isReady()) {
        connection->reply(requestId, widget->subscribe(connection, since).toJson());
        return;
    }
    widget->waiting.append({connection, requestId, since});
    if (!widget->computing)
        compute(widget);
}

void WidgetService::unsubscribe(ClientConnection *connection, const QString &topic)
{
    m_widgetsOf[connection].remove(topic);
    if (WidgetTopic *widget = m_widgets.value(topic)) {
        widget->unsubscribe(connection);
        widget->waiting.removeIf([connection](const WidgetTopic::Waiting &waiting) {
            return waiting.connection == connection;
        });
        dropIfUnused(widget);
    }
}

void WidgetService::connectionClosed(ClientConnection *connection)
{
    const QSet<QString> topics = m_widgetsOf.take(connection);
    for (const QString &topic : topics)
        unsubscribe(connection, topic);
    m_widgetsOf.remove(connection);
}

void WidgetService::dropIfUnused(WidgetTopic *widget)
{
    // While a computation runs its result still has somewhere to go; it is dropped after.
    if (widget->subscriberCount() > 0 || !widget->waiting.isEmpty() || widget->computing)
        return;
    m_widgets.remove(widget->name());
    delete widget;
}

void WidgetService::touch(WidgetKind kind, std::optional<qint64> userId)
{
    bool any = false;
    for (WidgetTopic *widget : std::as_const(m_widgets)) {
        if (widget->spec().kind != kind || (userId && widget->spec().userId() != *userId))
            continue;
        widget->dirty = true;
        any = true;
    }
    if (any && !m_recomputeScheduled) {
        m_recomputeScheduled = true;
        QTimer::singleShot(0, this, &WidgetService::recomputeDirty);
    }
}

void WidgetService::recomputeDirty()
{
    m_recomputeScheduled = false;
    const auto widgets = m_widgets;
    for (WidgetTopic *widget : widgets) {
        // One still computing is recomputed when it is done.
        if (widget->dirty && !widget->computing)
            compute(widget);
    }
}

void WidgetService::compute(WidgetTopic *widget)
{
    widget->dirty = false;
    ++m_recomputations[indexOf(widget->spec().kind)];
    if (widget->spec().kind != WidgetKind::UserFacts)
        return computed(widget, computeNow(widget->spec()));

    // One user's facts live in the database; read them on the storage thread.
    widget->computing = true;
    const qint64 userId = widget->spec().userId();
    const int limit = widget->spec().limit();
    m_sources.storage.run<Expected<QJsonObject>>(
            widget,
            [userId, limit](StorageWorker &worker) -> Expected<QJsonObject> {
                const auto user = worker.accounts().userById(userId);
                if (!user)
                    return user.error();
                const auto facts = worker.facts().factsByAuthor(userId, std::nullopt, limit);
                if (!facts)
                    return facts.error();
                return QJsonObject{{QStringLiteral("user"), user->toJson()},
                                   {QStringLiteral("facts"), firstToJson(facts.value(), limit)}};
            },
            [this, widget](const Expected<QJsonObject> &data) {
                widget->computing = false;
                if (!data) {
                    // Tell those waiting for a first load; viewers keep what they have.
                    const auto waiting = std::exchange(widget->waiting, {});
                    for (const auto &[connection, requestId, since] : waiting) {
                        if (connection)
                            connection->replyError(requestId, data.error());
                    }
                    for (auto it = m_widgetsOf.begin(); it != m_widgetsOf.end(); ++it) {
                        if (!widget->hasSubscriber(it.key()))
                            it->remove(widget->name());
                    }
                    // A change that came in meanwhile still deserves a try for the viewers.
                    if (widget->dirty && widget->subscriberCount() > 0)
                        return compute(widget);
                    return dropIfUnused(widget);
                }
                computed(widget, data.value());
                if (widget->dirty)
                    compute(widget);
                else
                    dropIfUnused(widget);
            });
}

void WidgetService::computed(WidgetTopic *widget, const QJsonObject &data)
{
    widget->update(data);
    const auto waiting = std::exchange(widget->waiting, {});
    for (const auto &[connection, requestId, since] : waiting) {
        if (connection && connection->phase() == ClientConnection::Phase::SignedIn)
            connection->reply(requestId, widget->subscribe(connection, since).toJson());
    }
}

QJsonObject WidgetService::computeNow(const WidgetSpec &spec) const
{
    const int limit = spec.limit();
    switch (spec.kind) {
    case WidgetKind::Presence: {
        QList<OnlineUser> online = m_sources.presence.onlineUsers();
        std::sort(online.begin(), online.end(), [](const OnlineUser &a, const OnlineUser &b) {
            const int order =
                    QString::compare(a.user.displayName, b.user.displayName, Qt::CaseInsensitive);
            return order != 0 ? order < 0 : a.user.id < b.user.id;
        });
        return {{QStringLiteral("online"), static_cast<qint64>(online.size())},
                {QStringLiteral("users"), firstToJson(online, limit)}};
    }
    case WidgetKind::CommunityFeed:
        return {{QStringLiteral("facts"), firstToJson(m_sources.community.latest(), limit)}};
    case WidgetKind::Talks: {
        QList<Talk> talks = m_sources.talks.talks();
        std::sort(talks.begin(), talks.end(), [](const Talk &a, const Talk &b) {
            return a.votes != b.votes ? a.votes > b.votes : a.id < b.id;
        });
        return {{QStringLiteral("votingOpen"), m_sources.talks.votingOpen()},
                {QStringLiteral("total"), static_cast<qint64>(talks.size())},
                {QStringLiteral("talks"), firstToJson(talks, limit)}};
    }
    case WidgetKind::Stats:
        return m_sources.stats.latest().toJson();
    case WidgetKind::Announcements:
        return {{QStringLiteral("announcements"),
                 firstToJson(m_sources.announcements.latest(), limit)}};
    case WidgetKind::UserFacts:
        break; // read from storage
    }
    return {};
}

} // namespace Hallway
