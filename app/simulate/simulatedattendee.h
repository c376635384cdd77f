// SPDX-License-Identifier: MIT
#pragma once

#include "errorcode.h"
#include "userinfo.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QUrl>
#include <memory>

namespace Hallway {

class HallwayClient;

// One simulated person: signs in (registering the account when it is new), and then does
// what the simulator tells it, or leaves for a while and comes back by resuming its session,
// as a laptop closing its lid would.
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
    enum class SignInMethod { Login, Register };
    enum class Failure {
        WrongPassword, // the account exists, with another password
        Other, // unreachable, refused, banned...: the error says
    };

    SimulatedAttendee(const QUrl &server, const Profile &profile, QObject *parent = nullptr);
    ~SimulatedAttendee() override;

    const Profile &profile() const { return m_profile; }
    // Tries `first`, then the other method when the first says the account is new (login:
    // unauthorized) or taken (register: conflict).
    void start(SignInMethod first);
    bool isOnline() const;
    qint64 userId() const { return m_user.id; }
    HallwayClient *client() const { return m_client.get(); }
    // Writes not yet acknowledged or rejected; leaving would lose them with the client.
    int pendingWrites() const;
    // False while the server has asked this attendee to slow down writes of this type.
    bool mayWrite(const QString &type) const;

    // Drops the connection without signing out; back (resuming) after awayMs.
    void leaveFor(int awayMs);

Q_SIGNALS:
    void signedIn(bool registered); // the first time only, not on coming back
    void failed(Hallway::SimulatedAttendee::Failure failure, const Hallway::Error &error);
    void writeAcknowledged(const QString &type, const QJsonObject &result);
    void writeRejected(const QString &type, const Hallway::Error &error);
    void writeDelayed(const QString &type);

private:
    void connectClient();
    void attempt();
    void retryLater(const Error &error, void (SimulatedAttendee::*again)());
    void resume();
    void onSignInFailed(const Error &error);
    void onSessionEnded(const Error &error);

    QUrl m_server;
    Profile m_profile;
    std::unique_ptr<HallwayClient> m_client;
    UserInfo m_user;
    QString m_token;
    SignInMethod m_method = SignInMethod::Login;
    bool m_triedBoth = false;
    bool m_everSignedIn = false;
    int m_retries = 0; // after rate_limited, per sign-in
    QHash<QString, QDeadlineTimer> m_restUntil; // by write type
};

} // namespace Hallway
