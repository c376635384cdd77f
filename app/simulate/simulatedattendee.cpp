// SPDX-License-Identifier: MIT
#include "simulatedattendee.h"
#include "hallwayclient.h"
#include "simulatelogging.h"

#include <QTimer>

namespace Hallway {

namespace {
// The server's waits after failed sign-ins double; a few retries cover a short block, and a
// long one (minutes) is better reported than sat out.
constexpr int MaxSignInRetries = 4;
constexpr qint64 MaxSignInWaitMs = 20'000;
} // namespace

SimulatedAttendee::SimulatedAttendee(const QUrl &server, const Profile &profile, QObject *parent)
    : QObject(parent), m_server(server), m_profile(profile)
{
}

SimulatedAttendee::~SimulatedAttendee() = default;

void SimulatedAttendee::connectClient()
{
    m_client = std::make_unique<HallwayClient>();
    connect(m_client.get(), &HallwayClient::signedIn, this, [this](const UserInfo &user, bool) {
        m_user = user;
        m_token = m_client->token();
        m_retries = 0;
        if (m_everSignedIn) {
            qCDebug(lcSimulate).noquote() << m_profile.username << "is back";
            return;
        }
        m_everSignedIn = true;
        qCInfo(lcSimulate).noquote()
                << m_profile.username
                << (m_method == SignInMethod::Register ? "registered" : "signed in");
        Q_EMIT signedIn(m_method == SignInMethod::Register);
    });
    connect(m_client.get(), &HallwayClient::signInFailed, this, &SimulatedAttendee::onSignInFailed);
    connect(m_client.get(), &HallwayClient::sessionEnded, this, &SimulatedAttendee::onSessionEnded);
    connect(m_client.get(), &HallwayClient::writeAcknowledged, this,
            [this](const QString &type, const QString &, const QJsonObject &result) {
                Q_EMIT writeAcknowledged(type, result);
            });
    connect(m_client.get(), &HallwayClient::writeRejected, this,
            [this](const QString &type, const QString &, const QJsonObject &, const Error &error) {
                Q_EMIT writeRejected(type, error);
            });
    // The client resends it by itself after the wait; until then, more would only queue.
    connect(m_client.get(), &HallwayClient::writeDelayed, this,
            [this](const QString &type, const QString &, qint64 waitMs) {
                m_restUntil.insert(type, QDeadlineTimer(waitMs));
                Q_EMIT writeDelayed(type);
            });
}

void SimulatedAttendee::start(SignInMethod first)
{
    m_method = first;
    m_triedBoth = false;
    m_retries = 0;
    attempt();
}

void SimulatedAttendee::attempt()
{
    // Reused rather than replaced: this often runs inside one of the client's own signals.
    if (!m_client)
        connectClient();
    if (m_method == SignInMethod::Login)
        m_client->signIn(m_server, {m_profile.username, m_profile.password});
    else
        m_client->registerAccount(m_server,
                                  {m_profile.username, m_profile.displayName, m_profile.password,
                                   m_profile.city, m_profile.region});
}

void SimulatedAttendee::resume()
{
    if (!m_client)
        connectClient();
    m_client->resumeSession(m_server, m_token);
}

void SimulatedAttendee::retryLater(const Error &error, void (SimulatedAttendee::*again)())
{
    ++m_retries;
    const qint64 waitMs = error.retryAfterMs.value_or(1000);
    qCDebug(lcSimulate).noquote() << m_profile.username << "waits" << waitMs << "ms to sign in";
    QTimer::singleShot(std::chrono::milliseconds(waitMs), this, again);
}

void SimulatedAttendee::onSignInFailed(const Error &error)
{
    if (error.code == ErrorCode::RateLimited && m_retries < MaxSignInRetries
        && error.retryAfterMs.value_or(0) <= MaxSignInWaitMs)
        return retryLater(error, &SimulatedAttendee::attempt);
    const bool otherWayRound =
            (m_method == SignInMethod::Login && error.code == ErrorCode::Unauthorized)
            || (m_method == SignInMethod::Register && error.code == ErrorCode::Conflict);
    if (otherWayRound && !m_triedBoth) {
        m_triedBoth = true;
        m_method = m_method == SignInMethod::Login ? SignInMethod::Register : SignInMethod::Login;
        return attempt();
    }
    // Login said "wrong password" and register "taken", in either order.
    Q_EMIT failed(otherWayRound ? Failure::WrongPassword : Failure::Other, error);
}

void SimulatedAttendee::onSessionEnded(const Error &error)
{
    if (error.code == ErrorCode::RateLimited && m_retries < MaxSignInRetries
        && error.retryAfterMs.value_or(0) <= MaxSignInWaitMs)
        return retryLater(error, &SimulatedAttendee::resume);
    // The token was revoked (someone signed this account out): the password still works.
    if (error.code == ErrorCode::Unauthorized) {
        qCInfo(lcSimulate).noquote() << m_profile.username << "signs in again:" << error.message;
        m_method = SignInMethod::Login;
        m_triedBoth = true;
        return attempt();
    }
    Q_EMIT failed(Failure::Other, error);
}

bool SimulatedAttendee::isOnline() const
{
    return m_client && m_client->status() == HallwayClient::Status::Online;
}

int SimulatedAttendee::pendingWrites() const
{
    return m_client ? m_client->pendingWriteCount() : 0;
}

bool SimulatedAttendee::mayWrite(const QString &type) const
{
    const auto rest = m_restUntil.constFind(type);
    return rest == m_restUntil.cend() || rest->hasExpired();
}

void SimulatedAttendee::leaveFor(int awayMs)
{
    // Gone without a word: the server notices the closed socket; the session stays valid.
    m_client.reset();
    qCDebug(lcSimulate).noquote() << m_profile.username << "steps out for" << awayMs << "ms";
    QTimer::singleShot(awayMs, this, &SimulatedAttendee::resume);
}

} // namespace Hallway
