// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "talk.h"

#include <QJsonObject>
#include <QList>
#include <optional>

// The data of the talk.* requests and of the "talks" topic. Same rules as messages.h:
// fromJson() checks types and the protocol's rules, toJson() writes what fromJson() reads.
namespace Hallway {

struct ProposeTalkRequest {
    QString clientId;
    QString title; // trimmed
    QString abstract; // trimmed

    QJsonObject toJson() const;
    static Expected<ProposeTalkRequest> fromJson(const QJsonObject &data);
};

// Changes only the fields it carries: an absent (or null) title or abstract stays as it was, so
// a client that knows only one of them cannot erase the other. "" clears the abstract.
struct EditTalkRequest {
    qint64 talkId = 0;
    std::optional<QString> title; // trimmed
    std::optional<QString> abstract; // trimmed

    QJsonObject toJson() const;
    static Expected<EditTalkRequest> fromJson(const QJsonObject &data);
};

// For talk.withdraw.
struct TalkRequest {
    qint64 talkId = 0;

    QJsonObject toJson() const;
    static Expected<TalkRequest> fromJson(const QJsonObject &data);
};

struct ToggleVoteRequest {
    QString clientId; // a resend with the same id changes nothing
    qint64 talkId = 0;

    QJsonObject toJson() const;
    static Expected<ToggleVoteRequest> fromJson(const QJsonObject &data);
};

// The result of a toggle: whether you now vote for the talk, and its tally at that moment.
struct VoteReply {
    qint64 talkId = 0;
    bool voted = false;
    qint64 votes = 0;
    bool duplicate = false; // a resend of a toggle already counted: nothing changed

    QJsonObject toJson() const;
    static Expected<VoteReply> fromJson(const QJsonObject &data);
};

struct MyVotesReply {
    QList<qint64> talkIds;

    QJsonObject toJson() const;
    static Expected<MyVotesReply> fromJson(const QJsonObject &data);
};

// talk.set_voting: "open" is required, JSON true or false.
struct SetVotingRequest {
    bool open = true;

    QJsonObject toJson() const;
    static Expected<SetVotingRequest> fromJson(const QJsonObject &data);
};

struct SetHiddenRequest {
    qint64 talkId = 0;
    bool hidden = true;

    QJsonObject toJson() const;
    static Expected<SetHiddenRequest> fromJson(const QJsonObject &data);
};

// The "talks" topic's snapshot, and talk.list's result.
struct TalkList {
    bool votingOpen = true;
    QList<Talk> talks;

    QJsonObject toJson() const;
    static Expected<TalkList> fromJson(const QJsonObject &data);
};

// One event of the "talks" topic.
struct TalkChange {
    QString kind; // Protocol::TalkEvent
    std::optional<Talk> talk; // talk
    qint64 talkId = 0; // removed
    QList<std::pair<qint64, qint64>> tallies; // tallies: (talk id, votes)
    bool votingOpen = true; // voting

    QJsonObject toJson() const;
    static Expected<TalkChange> fromJson(const QJsonObject &data);
};

} // namespace Hallway
