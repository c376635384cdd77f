// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QJsonObject>
#include <QString>

namespace Hallway {

enum class Role { Attendee, Moderator };
enum class PresenceState { Online, Away };

QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);
QString presenceStateName(PresenceState state);
std::optional<PresenceState> presenceStateFromName(const QString &name);

// What anyone may know about a user. Never carries secrets.
struct UserInfo {
    qint64 id = 0;
    QString username;
    QString displayName;
    QString city;
    QString region;
    Role role = Role::Attendee;

    QJsonObject toJson() const;
    static Expected<UserInfo> fromJson(const QJsonObject &object);
    friend bool operator==(const UserInfo &, const UserInfo &) = default;
};

// One row of the who's-online list.
struct OnlineUser {
    UserInfo user;
    PresenceState state = PresenceState::Online;

    QJsonObject toJson() const;
    static Expected<OnlineUser> fromJson(const QJsonObject &object);
    friend bool operator==(const OnlineUser &, const OnlineUser &) = default;
};

} // namespace Hallway
