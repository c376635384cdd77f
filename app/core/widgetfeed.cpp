// SPDX-License-Identifier: MIT
#include "widgetfeed.h"
#include "hallwayclient.h"

namespace Hallway {

WidgetFeed::WidgetFeed(HallwayClient *client, const QString &topic, QObject *parent)
    : QObject(parent), m_client(client), m_topic(topic)
{
    connect(client, &HallwayClient::topicSnapshot, this, &WidgetFeed::take);
    connect(client, &HallwayClient::topicEvent, this,
            [this](const QString &name, qint64, const QJsonObject &data) { take(name, data); });
    client->subscribe(topic);
    if (const auto known = client->widgetData(topic)) {
        m_data = *known;
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
    m_data = data;
    m_hasData = true;
    Q_EMIT dataChanged(m_data);
}

} // namespace Hallway
