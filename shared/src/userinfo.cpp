// SPDX-License-Identifier: MIT
#include "userinfo.h"
#include "jsonfields.h"

namespace Hallway {

QString roleName(Role role)
{
    return role == Role::Moderator ? QStringLiteral("moderator") : QStringLiteral("attendee");
}

std::optional<Role> roleFromName(const QString &name)
{
    if (name == QLatin1StringView("attendee"))
        return Role::Attendee;
    if (name == QLatin1StringView("moderator"))
        return Role::Moderator;
    return std::nullopt;
}

QString presenceStateName(PresenceState state)
{
    return state == PresenceState::Away ? QStringLiteral("away") : QStringLiteral("online");
}

std::optional<PresenceState> presenceStateFromName(const QString &name)
{
    if (name == QLatin1StringView("online"))
        return PresenceState::Online;
    if (name == QLatin1StringView("away"))
        return PresenceState::Away;
    return std::nullopt;
}

QJsonObject UserInfo::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("username"), username},
            {QStringLiteral("displayName"), displayName},
            {QStringLiteral("city"), city},
            {QStringLiteral("region"), region},
            {QStringLiteral("role"), roleName(role)}};
}

Expected<UserInfo> UserInfo::fromJson(const QJsonObject &object)
{
    JsonFields fields(object);
    UserInfo user;
    user.id = fields.requiredInteger(QStringLiteral("id"));
    user.username = fields.requiredString(QStringLiteral("username"));
    user.displayName = fields.requiredString(QStringLiteral("displayName"));
    user.city = fields.optionalString(QStringLiteral("city"));
    user.region = fields.optionalString(QStringLiteral("region"));
    const QString role = fields.requiredString(QStringLiteral("role"));
    if (!fields.ok())
        return fields.error();
    const auto parsedRole = roleFromName(role);
    if (!parsedRole)
        return Error{ErrorCode::BadRequest, QStringLiteral("unknown role \"%1\"").arg(role)};
    user.role = *parsedRole;
    return user;
}

QJsonObject OnlineUser::toJson() const
{
    QJsonObject object = user.toJson();
    object.insert(QStringLiteral("state"), presenceStateName(state));
    return object;
}

Expected<OnlineUser> OnlineUser::fromJson(const QJsonObject &object)
{
    auto user = UserInfo::fromJson(object);
    if (!user)
        return user.error();
    const auto state = presenceStateFromName(object.value(QStringLiteral("state")).toString());
    if (!state)
        return Error{ErrorCode::BadRequest,
                     QStringLiteral("field \"state\" must be "
                                    "\"online\" or \"away\"")};
    return OnlineUser{user.value(), *state};
}

} // namespace Hallway
