// SPDX-License-Identifier: MIT
#include "simulatedattendee.h"
#include "hallwayclient.h"

#include <QTimer>

namespace Hallway {

SimulatedAttendee::SimulatedAttendee(const QUrl &server, const Profile &profile, QObject *parent)
    : QObject(parent), m_server(server), m_profile(profile)
{
}

SimulatedAttendee::~SimulatedAttendee() = default;

void SimulatedAttendee::connectClient()
{
    m_client = std::make_unique<HallwayClient>();
    connect(m_client.get(), &HallwayClient::signedIn, this,
            [this](const UserInfo &user, bool freshToken) {
                m_user = user;
                if (freshToken)
                    m_token = m_client->token();
                Q_EMIT signedIn(m_registering);
                m_registering = false;
            });
    connect(m_client.get(), &HallwayClient::signInFailed, this, [this](const Error &error) {
        // Unknown here: make the account, once.
        if (error.code == ErrorCode::Unauthorized && !m_registering) {
            m_registering = true;
            m_client->registerAccount(m_server,
                                      {m_profile.username, m_profile.displayName,
                                       m_profile.password, m_profile.city, m_profile.region});
            return;
        }
        Q_EMIT failed(error);
    });
    connect(m_client.get(), &HallwayClient::sessionEnded, this,
            [this](const Error &error) { Q_EMIT failed(error); });
    connect(m_client.get(), &HallwayClient::writeAcknowledged, this,
            [this](const QString &type, const QString &, const QJsonObject &result) {
                Q_EMIT writeAcknowledged(type, result);
            });
    connect(m_client.get(), &HallwayClient::writeRejected, this,
            [this](const QString &type, const QString &, const QJsonObject &, const Error &error) {
                Q_EMIT writeRejected(type, error);
            });
}

void SimulatedAttendee::start()
{
    connectClient();
    m_client->signIn(m_server, {m_profile.username, m_profile.password});
}

bool SimulatedAttendee::isOnline() const
{
    return m_client && m_client->status() == HallwayClient::Status::Online;
}

void SimulatedAttendee::leaveFor(int awayMs)
{
    // Gone without a word: the server notices the closed socket; the session stays valid.
    m_client.reset();
    QTimer::singleShot(awayMs, this, [this]() {
        connectClient();
        m_client->resumeSession(m_server, m_token);
    });
}

} // namespace Hallway
