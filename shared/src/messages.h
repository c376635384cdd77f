// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "fact.h"
#include "userinfo.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

// The data of each protocol v1 message. fromJson() checks types and the protocol's rules and
// returns a bad_request error naming the problem; toJson() writes what fromJson() reads.
namespace Hallway {

struct HelloRequest {
    int protocol = 0;
    QString client; // free text, e.g. "hallway/0.1.0"

    QJsonObject toJson() const;
    static Expected<HelloRequest> fromJson(const QJsonObject &data);
};

struct HelloReply {
    int protocol = 0;
    QString server;
    qint64 maxMessageBytes = 0;

    QJsonObject toJson() const;
    static Expected<HelloReply> fromJson(const QJsonObject &data);
};

struct RegisterRequest {
    QString username; // normalized to lower case by fromJson()
    QString displayName; // trimmed
    QString password;
    QString city; // trimmed, may be empty
    QString region; // trimmed, may be empty

    QJsonObject toJson() const;
    static Expected<RegisterRequest> fromJson(const QJsonObject &data);
};

struct LoginRequest {
    QString username;
    QString password;

    QJsonObject toJson() const;
    static Expected<LoginRequest> fromJson(const QJsonObject &data);
};

struct ResumeRequest {
    QString token;

    QJsonObject toJson() const;
    static Expected<ResumeRequest> fromJson(const QJsonObject &data);
};

// The reply to register, login and resume. Resume leaves token empty: the client keeps its own.
struct SessionReply {
    QString token;
    UserInfo user;

    QJsonObject toJson() const;
    static Expected<SessionReply> fromJson(const QJsonObject &data);
};

struct ChangePasswordRequest {
    QString currentPassword;
    QString newPassword;

    QJsonObject toJson() const;
    static Expected<ChangePasswordRequest> fromJson(const QJsonObject &data);
};

// Where a subscriber is in a topic's stream. The epoch changes whenever the server loses the
// topic's history (a restart), so a position from another epoch always gets a fresh snapshot.
struct TopicPosition {
    QString epoch;
    qint64 seq = 0;
    friend bool operator==(const TopicPosition &, const TopicPosition &) = default;
};

struct SubscribeRequest {
    QString topic;
    std::optional<TopicPosition> since;

    QJsonObject toJson() const;
    static Expected<SubscribeRequest> fromJson(const QJsonObject &data);
};

// Either a snapshot (the topic's whole state at seq) or the events after since.seq, in order.
struct SubscribeReply {
    QString topic;
    TopicPosition position;
    std::optional<QJsonObject> snapshot;
    QList<QJsonObject> events; // each {"seq": n, "data": {...}}

    QJsonObject toJson() const;
    static Expected<SubscribeReply> fromJson(const QJsonObject &data);
};

struct UnsubscribeRequest {
    QString topic;

    QJsonObject toJson() const;
    static Expected<UnsubscribeRequest> fromJson(const QJsonObject &data);
};

struct SetPresenceRequest {
    PresenceState state = PresenceState::Online;

    QJsonObject toJson() const;
    static Expected<SetPresenceRequest> fromJson(const QJsonObject &data);
};

// The presence topic's snapshot: everyone online, in no particular order.
struct PresenceSnapshot {
    QList<OnlineUser> users;

    QJsonObject toJson() const;
    static Expected<PresenceSnapshot> fromJson(const QJsonObject &data);
};

// A presence event: joined carries the user, left and state carry the user id.
struct PresenceChange {
    QString kind; // Protocol::PresenceEvent
    qint64 userId = 0;
    std::optional<OnlineUser> user; // joined
    PresenceState state = PresenceState::Online; // joined and state

    QJsonObject toJson() const;
    static Expected<PresenceChange> fromJson(const QJsonObject &data);
};

struct PostFactRequest {
    QString clientId;
    QString text; // trimmed by fromJson()

    QJsonObject toJson() const;
    static Expected<PostFactRequest> fromJson(const QJsonObject &data);
};

// The stored fact; duplicate is true when this clientId had been stored before (a resend).
struct PostFactReply {
    Fact fact;
    bool duplicate = false;

    QJsonObject toJson() const;
    static Expected<PostFactReply> fromJson(const QJsonObject &data);
};

// One page of a user's facts, newest first, older than beforeId when it is given.
struct ListFactsRequest {
    static constexpr int DefaultLimit = 20;
    static constexpr int MaxLimit = 100;

    qint64 userId = 0;
    std::optional<qint64> beforeId;
    int limit = DefaultLimit;

    QJsonObject toJson() const;
    static Expected<ListFactsRequest> fromJson(const QJsonObject &data);
};

struct FactPage {
    QList<Fact> facts; // newest first
    bool hasMore = false; // there are older facts than the last one here

    QJsonObject toJson() const;
    static Expected<FactPage> fromJson(const QJsonObject &data);
};

// Facts topics ("facts.community", "facts.user.<id>"): the snapshot is {"facts": [...]}
// (newest first) and each event {"kind": "posted", "facts": [...]} (newest first).
struct FactsPosted {
    QList<Fact> facts;

    QJsonObject toJson() const;
    static Expected<FactsPosted> fromJson(const QJsonObject &data);
};

// {"kind": "removed", "factIds": [...]}: a moderator hid these facts.
struct FactsRemoved {
    QList<qint64> factIds;

    QJsonObject toJson() const;
    static Expected<FactsRemoved> fromJson(const QJsonObject &data);
};

struct GetUserRequest {
    qint64 userId = 0;

    QJsonObject toJson() const;
    static Expected<GetUserRequest> fromJson(const QJsonObject &data);
};

// A profile: who the user is and whether they are here.
struct UserProfile {
    enum class Presence { Online, Away, Offline };

    UserInfo user;
    Presence presence = Presence::Offline;

    QJsonObject toJson() const;
    static Expected<UserProfile> fromJson(const QJsonObject &data);
};

} // namespace Hallway
