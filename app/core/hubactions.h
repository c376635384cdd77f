// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "hub.h"

#include <QObject>
#include <functional>

namespace Hallway {

class HallwayClient;

// Moderators arranging hubs, as typed calls: each edit builds its request and reads its
// reply, so no widget touches the protocol. The change itself reaches every HubsModel through
// the hubs topic.
class HubActions : public QObject {
    Q_OBJECT
public:
    explicit HubActions(HallwayClient *client, QObject *parent = nullptr);

    // done gets the id of the hub the edit was on (a new hub's id after Create).
    void edit(const HubEdit &edit, std::function<void(const Hallway::Expected<qint64> &)> done);

private:
    HallwayClient *m_client;
};

} // namespace Hallway
