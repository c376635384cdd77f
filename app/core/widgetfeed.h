// SPDX-License-Identifier: MIT
#pragma once

#include "hub.h"
#include "widgetdata.h"

#include <QObject>

namespace Hallway {

class HallwayClient;

// The live data of one widget: subscribes to its topic while it exists and hands on every
// snapshot and event, which carry the widget's whole data each time, typed.
class WidgetFeed : public QObject {
    Q_OBJECT
public:
    WidgetFeed(HallwayClient *client, const WidgetSpec &spec, QObject *parent = nullptr);
    ~WidgetFeed() override;

    QString topic() const { return m_topic; }
    const WidgetData &data() const { return m_data; }
    bool hasData() const { return m_hasData; }

Q_SIGNALS:
    void dataChanged(const Hallway::WidgetData &data);

private:
    void take(const QString &topic, const QJsonObject &data);

    HallwayClient *m_client;
    WidgetKind m_kind;
    QString m_topic;
    WidgetData m_data;
    bool m_hasData = false;
};

} // namespace Hallway
