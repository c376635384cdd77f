// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QObject>

namespace Hallway {

class HallwayClient;

// The live data of one widget: subscribes to its topic while it exists and hands on every
// snapshot and event, which carry the widget's whole data each time.
class WidgetFeed : public QObject {
    Q_OBJECT
public:
    WidgetFeed(HallwayClient *client, const QString &topic, QObject *parent = nullptr);
    ~WidgetFeed() override;

    QString topic() const { return m_topic; }
    const QJsonObject &data() const { return m_data; }
    bool hasData() const { return m_hasData; }

Q_SIGNALS:
    void dataChanged(const QJsonObject &data);

private:
    void take(const QString &topic, const QJsonObject &data);

    HallwayClient *m_client;
    QString m_topic;
    QJsonObject m_data;
    bool m_hasData = false;
};

} // namespace Hallway
