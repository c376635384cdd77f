// SPDX-License-Identifier: MIT
#pragma once

#include "hub.h"
#include "net/clientconnection.h"
#include "topics/topic.h"

#include <QPointer>

namespace Hallway {

// One widget's data, computed once for all who view a widget with this spec. Its snapshot
// and each of its events carry exactly the same JSON: the widget's whole data, so a viewer
// just replaces what it shows.
class WidgetTopic : public Topic {
    Q_OBJECT
public:
    WidgetTopic(const WidgetSpec &spec, int history, QObject *parent = nullptr);

    const WidgetSpec &spec() const { return m_spec; }
    bool isReady() const { return m_ready; }
    const QJsonObject &data() const { return m_data; }
    // Stores freshly computed data; pushes it to the viewers if it differs from what they have.
    void update(const QJsonObject &data);

    // Recomputation bookkeeping for WidgetService.
    bool dirty = false;
    bool computing = false;
    struct Waiting {
        QPointer<ClientConnection> connection;
        QJsonValue requestId;
        std::optional<TopicPosition> since;
    };
    QList<Waiting> waiting; // subscribers until the first data is there

protected:
    QJsonObject snapshot() const override { return m_data; }

private:
    WidgetSpec m_spec;
    QJsonObject m_data;
    bool m_ready = false;
};

} // namespace Hallway
