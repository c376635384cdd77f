// SPDX-License-Identifier: MIT
#include "moderationactions.h"
#include "hallwayclient.h"
#include "protocol.h"
#include "talkmessages.h"

#include <QJsonArray>

namespace Hallway {

ModerationActions::ModerationActions(HallwayClient *client, QObject *parent)
    : QObject(parent), m_client(client)
{
    connect(client, &HallwayClient::writeAcknowledged, this, [this](const QString &type) {
        if (type == Protocol::Type::Announce)
            Q_EMIT announced();
    });
    connect(client, &HallwayClient::writeRejected, this,
            [this](const QString &type, const QString &, const QJsonObject &, const Error &error) {
                if (type == Protocol::Type::Announce)
                    Q_EMIT announceRejected(error);
            });
}

QString ModerationActions::announce(const QString &text)
{
    return m_client->submitWrite(Protocol::Type::Announce, {{QStringLiteral("text"), text}});
}

void ModerationActions::request(const QString &type, const QJsonObject &data, Outcome done)
{
    m_client->request(type, data, this, [done](const Expected<QJsonObject> &reply) {
        if (!reply)
            return done(reply.error());
        done(Done{});
    });
}

void ModerationActions::mute(qint64 userId, qint64 seconds, Outcome done)
{
    request(Protocol::Type::Mute, MuteRequest{userId, seconds}.toJson(), std::move(done));
}

void ModerationActions::ban(qint64 userId, bool banned, Outcome done)
{
    request(Protocol::Type::Ban, BanRequest{userId, banned}.toJson(), std::move(done));
}

void ModerationActions::setRole(qint64 userId, Role role, Outcome done)
{
    request(Protocol::Type::SetRole, SetRoleRequest{userId, role}.toJson(), std::move(done));
}

void ModerationActions::hideFact(qint64 factId, bool hidden, Outcome done)
{
    request(Protocol::Type::HideFact, HideFactRequest{factId, hidden}.toJson(), std::move(done));
}

void ModerationActions::hideTalk(qint64 talkId, bool hidden, Outcome done)
{
    request(Protocol::Type::HideTalk, SetHiddenRequest{talkId, hidden}.toJson(), std::move(done));
}

void ModerationActions::restrictedUsers(
        std::function<void(const Expected<QList<RestrictedUser>> &)> done)
{
    m_client->request(
            Protocol::Type::RestrictedUsers, {}, this, [done](const Expected<QJsonObject> &reply) {
                if (!reply)
                    return done(reply.error());
                QList<RestrictedUser> users;
                for (const QJsonValue &value : reply->value(QStringLiteral("users")).toArray()) {
                    if (const auto user = RestrictedUser::fromJson(value.toObject()))
                        users.append(user.value());
                }
                done(users);
            });
}

} // namespace Hallway
