// SPDX-License-Identifier: MIT
#pragma once

#include "errorcode.h"
#include "expected.h"

#include <QObject>
#include <functional>

namespace Hallway {

class HallwayClient;

// What a person, or a moderator, can do to the lightning talks, as typed calls: each builds
// its request and reads its reply, so no widget touches the protocol. Proposals and votes are
// writes (kept in the outbox, pending in TalksModel until stored); the rest are one-off
// requests whose outcome comes back through `done`.
class TalkActions : public QObject {
    Q_OBJECT
public:
    using Outcome = std::function<void(const Hallway::Status &)>;

    explicit TalkActions(HallwayClient *client, QObject *parent = nullptr);

    QString propose(const QString &title, const QString &abstract);
    QString toggleVote(qint64 talkId);
    void edit(qint64 talkId, const QString &title, const QString &abstract, Outcome done);
    void withdraw(qint64 talkId, Outcome done);
    // Moderators.
    void setVotingOpen(bool open, Outcome done);
    void setHidden(qint64 talkId, bool hidden, Outcome done);
    // The results as CSV, votes first.
    void exportResults(std::function<void(const Hallway::Expected<QString> &)> done);

Q_SIGNALS:
    // The server refused a write of ours for good (voting closed, muted...).
    void voteRejected(const Hallway::Error &error);
    void proposalRejected(const Hallway::Error &error);

private:
    void request(const QString &type, const QJsonObject &data, Outcome done);

    HallwayClient *m_client;
};

} // namespace Hallway
