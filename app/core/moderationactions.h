// SPDX-License-Identifier: MIT
#pragma once

#include "errorcode.h"
#include "expected.h"
#include "moderation.h"
#include "userinfo.h"

#include <QObject>
#include <functional>

namespace Hallway {

class HallwayClient;

// The moderators' actions as typed calls: each builds its request and reads its reply, so no
// widget touches the protocol. An announcement is a write (kept in the outbox until stored);
// the rest are one-off requests whose outcome comes back through `done`.
class ModerationActions : public QObject {
    Q_OBJECT
public:
    using Outcome = std::function<void(const Hallway::Status &)>;

    explicit ModerationActions(HallwayClient *client, QObject *parent = nullptr);

    QString announce(const QString &text);
    // For seconds; 0 lifts the mute.
    void mute(qint64 userId, qint64 seconds, Outcome done);
    void ban(qint64 userId, bool banned, Outcome done);
    void setRole(qint64 userId, Role role, Outcome done);
    void hideFact(qint64 factId, bool hidden, Outcome done);
    void hideTalk(qint64 talkId, bool hidden, Outcome done);
    // Who is banned or muted now.
    void restrictedUsers(
            std::function<void(const Hallway::Expected<QList<Hallway::RestrictedUser>> &)> done);

Q_SIGNALS:
    void announced();
    void announceRejected(const Hallway::Error &error);

private:
    void request(const QString &type, const QJsonObject &data, Outcome done);

    HallwayClient *m_client;
};

} // namespace Hallway
