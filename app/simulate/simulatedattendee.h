// SPDX-License-Identifier: MIT
#pragma once

#include "errorcode.h"
#include "userinfo.h"

#include <QObject>
#include <QUrl>
#include <memory>

namespace Hallway {

class HallwayClient;

// One simulated person: signs in (registering the first time), and then does what the
// simulator tells it, or leaves for a while and comes back by resuming its session, as a
// laptop closing its lid would.
class SimulatedAttendee : public QObject {
    Q_OBJECT
public:
    struct Profile {
        QString username;
        QString displayName;
        QString password;
        QString city;
        QString region;
    };

    SimulatedAttendee(const QUrl &server, const Profile &profile, QObject *parent = nullptr);
    ~SimulatedAttendee() override;

    void start();
    bool isOnline() const;
    qint64 userId() const { return m_user.id; }
    HallwayClient *client() const { return m_client.get(); }

    // Drops the connection without signing out; back (resuming) after awayMs.
    void leaveFor(int awayMs);

Q_SIGNALS:
    void signedIn(bool registered);
    void failed(const Hallway::Error &error); // could not sign in at all
    void writeAcknowledged(const QString &type, const QJsonObject &result);
    void writeRejected(const QString &type, const Hallway::Error &error);

private:
    void connectClient();

    QUrl m_server;
    Profile m_profile;
    std::unique_ptr<HallwayClient> m_client;
    UserInfo m_user;
    QString m_token;
    bool m_registering = false;
};

} // namespace Hallway
