// SPDX-License-Identifier: MIT
#include "session.h"
#include "conversationsmodel.h"
#include "factfeedmodel.h"
#include "hubsmodel.h"
#include "presencemodel.h"
#include "protocol.h"

#include <QTimer>

namespace Hallway {

namespace {
// A logout the server does not answer must not keep a dead session around.
constexpr auto LogoutGrace = std::chrono::seconds(5);
} // namespace

Session::Session(QObject *parent)
    : QObject(parent),
      m_presence(std::make_unique<PresenceModel>(&m_client)),
      m_community(FactFeedModel::community(&m_client)),
      m_conversations(std::make_unique<ConversationsModel>(&m_client)),
      m_hubs(std::make_unique<HubsModel>(&m_client))
{
    m_client.subscribe(Protocol::Topic::Presence);
}

// The models unsubscribe through the client, so they go first.
Session::~Session()
{
    m_hubs.reset();
    m_conversations.reset();
    m_community.reset();
    m_presence.reset();
}

void Session::end()
{
    if (m_ending)
        return;
    m_ending = true;
    // Whoever made this session hears no more from it: it is only leaving now.
    if (QObject *owner = parent()) {
        m_client.disconnect(owner);
        m_client.connection().disconnect(owner);
    }
    auto finish = [this]() {
        Q_EMIT ended();
        deleteLater();
    };
    if (m_client.status() == HallwayClient::Status::SignedOut)
        return finish();
    connect(&m_client, &HallwayClient::signedOut, this, finish, Qt::SingleShotConnection);
    QTimer::singleShot(LogoutGrace, this, [this]() {
        m_client.connection().close();
        m_client.signOut();
    });
    m_client.signOut();
}

} // namespace Hallway
