// SPDX-License-Identifier: MIT
#pragma once

#include "envelope.h"
#include "expected.h"
#include "net/clientconnectionfwd.h"
#include "talk.h"

#include <QObject>
#include <QSet>
#include <memory>

namespace Hallway {

class AuditTrail;
class ClusterBus;
class Storage;
class TalksTopic;

// Lightning talks: proposing, editing and withdrawing (speakers, while voting is open),
// toggling votes (everyone, once per client id), and running the vote (moderators: open and
// close it, hide talks, export the results). Every change reaches the "talks" topic after
// its commit.
class TalkService : public QObject {
    Q_OBJECT
public:
    TalkService(Storage &storage, AuditTrail &audit, int tallyIntervalMs, int history,
                QObject *parent = nullptr);
    ~TalkService() override;

    Status load(); // start-up; blocks
    TalksTopic &topic() { return *m_topic; }

    // Handles one talk.* request; returns false if the type is not a talk request.
    bool handle(ClientConnection *connection, const Envelope &request);
    // Talks and votes changed on the other nodes reach this node's "talks" topic too.
    void joinCluster(ClusterBus &bus);

private:
    void publishTalk(qint64 talkId, const Expected<Talk> &talk);
    void readStaleTallies();
    void propose(ClientConnection *connection, const Envelope &request);
    void edit(ClientConnection *connection, const Envelope &request);
    void withdraw(ClientConnection *connection, const Envelope &request);
    void toggleVote(ClientConnection *connection, const Envelope &request);
    void myVotes(ClientConnection *connection, const Envelope &request);
    void setVoting(ClientConnection *connection, const Envelope &request);
    void setHidden(ClientConnection *connection, const Envelope &request);
    void list(ClientConnection *connection, const Envelope &request);
    void exportResults(ClientConnection *connection, const Envelope &request);
    bool requireModerator(ClientConnection *connection, const Envelope &request);

    Storage &m_storage;
    AuditTrail &m_audit;
    std::unique_ptr<TalksTopic> m_topic;
    // Talks voted on elsewhere whose tallies are still to be read; one read at a time
    // covers every vote heard of before it started.
    QSet<qint64> m_staleTallies;
    bool m_readingTallies = false;
};

} // namespace Hallway
