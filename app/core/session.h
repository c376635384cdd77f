// SPDX-License-Identifier: MIT
#pragma once

#include "hallwayclient.h"

#include <QObject>
#include <memory>

namespace Hallway {

class ConversationsModel;
class FactFeedModel;
class HubsModel;
class PresenceModel;

// Everything that belongs to one account on one server: the connection, the models its
// topics feed, its outbox and its remembered places. The app builds one for each sign-in and
// ends it on sign-out or when switching server or account, so nothing of one room can show
// up in, or be sent to, another.
class Session : public QObject {
    Q_OBJECT
public:
    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    HallwayClient &client() { return m_client; }
    const HallwayClient &client() const { return m_client; }
    PresenceModel &presence() { return *m_presence; }
    FactFeedModel &communityFeed() { return *m_community; }
    ConversationsModel &conversations() { return *m_conversations; }
    HubsModel &hubs() { return *m_hubs; }

    // Signs out (revoking the token while the server can still be told) and deletes itself
    // once that is done. Safe to call from a slot of anything this session owns.
    void end();
    bool isEnding() const { return m_ending; }

Q_SIGNALS:
    void ended();

private:
    HallwayClient m_client;
    std::unique_ptr<PresenceModel> m_presence;
    std::unique_ptr<FactFeedModel> m_community;
    std::unique_ptr<ConversationsModel> m_conversations;
    std::unique_ptr<HubsModel> m_hubs;
    bool m_ending = false;
};

} // namespace Hallway
