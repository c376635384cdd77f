// SPDX-License-Identifier: MIT
#include "widgetfeed.h"
#include "hallwayclient.h"

namespace Hallway {

WidgetFeed::WidgetFeed(HallwayClient *client, const WidgetSpec &spec, QObject *parent)
    : QObject(parent), m_client(client), m_kind(spec.kind), m_topic(spec.topic())
{
    connect(client, &HallwayClient::topicSnapshot, this, &WidgetFeed::take);
    connect(client, &HallwayClient::topicEvent, this,
            [this](const QString &name, qint64, const QJsonObject &data) { take(name, data); });
    client->subscribe(m_topic);
    if (const auto known = client->widgetData(m_topic)) {
        m_data = WidgetData::fromJson(m_kind, *known);
        m_hasData = true;
    }
}

WidgetFeed::~WidgetFeed()
{
    m_client->unsubscribe(m_topic);
}

void WidgetFeed::take(const QString &topic, const QJsonObject &data)
{
    if (topic != m_topic)
        return;
    m_data = WidgetData::fromJson(m_kind, data);
    m_hasData = true;
    Q_EMIT dataChanged(m_data);
}

} // namespace Hallway
