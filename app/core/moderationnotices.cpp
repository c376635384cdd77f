// SPDX-License-Identifier: MIT
#include "moderationnotices.h"
#include "hallwayclient.h"
#include "moderation.h"
#include "protocol.h"

namespace Hallway {

ModerationNotices::ModerationNotices(HallwayClient *client, QObject *parent)
    : QObject(parent), m_client(client)
{
    connect(client, &HallwayClient::topicEvent, this,
            [this](const QString &topic, qint64, const QJsonObject &data) {
                if (topic != Protocol::Topic::Chat)
                    return;
                if (const auto notice = FactHiddenNotice::fromJson(data))
                    Q_EMIT factHidden(notice->fact, notice->hidden);
            });
    // The chat panel follows the same stream; the client subscribes once for both.
    client->subscribe(Protocol::Topic::Chat);
}

ModerationNotices::~ModerationNotices()
{
    m_client->unsubscribe(Protocol::Topic::Chat);
}

} // namespace Hallway
