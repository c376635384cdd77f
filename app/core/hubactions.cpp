// SPDX-License-Identifier: MIT
#include "hubactions.h"
#include "hallwayclient.h"

namespace Hallway {

HubActions::HubActions(HallwayClient *client, QObject *parent) : QObject(parent), m_client(client)
{
}

void HubActions::edit(const HubEdit &edit, std::function<void(const Expected<qint64> &)> done)
{
    m_client->request(edit.type(), edit.toJson(), this,
                      [done, hubId = edit.hubId](const Expected<QJsonObject> &reply) {
                          if (!reply)
                              return done(reply.error());
                          const auto hub =
                                  Hub::fromJson(reply->value(QStringLiteral("hub")).toObject());
                          done(hub ? hub->id : hubId);
                      });
}

} // namespace Hallway
