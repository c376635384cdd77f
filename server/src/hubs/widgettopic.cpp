// SPDX-License-Identifier: MIT
#include "widgettopic.h"
#include "net/clientconnection.h"

namespace Hallway {

WidgetTopic::WidgetTopic(const WidgetSpec &spec, int history, QObject *parent)
    : Topic(spec.topic(), history, parent), m_spec(spec)
{
}

void WidgetTopic::update(const QJsonObject &data)
{
    const bool changed = !m_ready || data != m_data;
    m_data = data;
    const bool first = !m_ready;
    m_ready = true;
    if (changed && !first)
        publish(m_data);
}

} // namespace Hallway
