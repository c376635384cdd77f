// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <optional>

// The names and numbers of protocol v1. docs/protocol.md is the prose version of this file.
namespace Hallway::Protocol {

inline constexpr int Version = 1;

// Request types (client -> server). Every request gets exactly one reply: "result" or "error".
namespace Type {
inline const QString Hello = QStringLiteral("hello");
inline const QString Register = QStringLiteral("auth.register");
inline const QString Login = QStringLiteral("auth.login");
inline const QString Resume = QStringLiteral("auth.resume");
inline const QString Logout = QStringLiteral("auth.logout");
inline const QString ChangePassword = QStringLiteral("auth.change_password");
inline const QString Subscribe = QStringLiteral("topic.subscribe");
inline const QString Unsubscribe = QStringLiteral("topic.unsubscribe");
inline const QString SetPresence = QStringLiteral("presence.set_state");
inline const QString PostFact = QStringLiteral("fact.post");
inline const QString ListFacts = QStringLiteral("fact.list");
inline const QString GetUser = QStringLiteral("user.get");
inline const QString ProposeTalk = QStringLiteral("talk.propose");
inline const QString EditTalk = QStringLiteral("talk.edit");
inline const QString WithdrawTalk = QStringLiteral("talk.withdraw");
inline const QString ToggleVote = QStringLiteral("talk.toggle_vote");
inline const QString MyVotes = QStringLiteral("talk.my_votes");
inline const QString SetVoting = QStringLiteral("talk.set_voting"); // moderators
inline const QString HideTalk = QStringLiteral("talk.set_hidden"); // moderators
inline const QString ListTalks = QStringLiteral("talk.list"); // moderators: hidden ones too
inline const QString ExportTalks = QStringLiteral("talk.export"); // moderators
inline const QString SendMessage = QStringLiteral("chat.send");
inline const QString ChatHistory = QStringLiteral("chat.history");
inline const QString Conversations = QStringLiteral("chat.conversations");
inline const QString MarkRead = QStringLiteral("chat.mark_read");
inline const QString AckDelivery = QStringLiteral("chat.ack_delivery");
// Moderators only, every one of them written to the audit log.
inline const QString SetRole = QStringLiteral("mod.set_role");
inline const QString HideFact = QStringLiteral("mod.hide_fact");
inline const QString Mute = QStringLiteral("mod.mute");
inline const QString Ban = QStringLiteral("mod.ban");
inline const QString Announce = QStringLiteral("mod.announce");
inline const QString AuditLog = QStringLiteral("mod.audit_log");
inline const QString RestrictedUsers = QStringLiteral("mod.restricted_users");
inline const QString CreateHub = QStringLiteral("hub.create");
inline const QString RenameHub = QStringLiteral("hub.rename");
inline const QString DeleteHub = QStringLiteral("hub.delete");
inline const QString AddWidget = QStringLiteral("hub.add_widget");
inline const QString RemoveWidget = QStringLiteral("hub.remove_widget");
inline const QString MoveWidget = QStringLiteral("hub.move_widget");
inline const QString ConfigureWidget = QStringLiteral("hub.configure_widget");

// Server -> client.
inline const QString Result = QStringLiteral("result");
inline const QString Error = QStringLiteral("error");
inline const QString Event = QStringLiteral("event");
} // namespace Type

// Every request type above, for code that must know each one (tests/fuzz checks it parses them
// all). A new request type goes in both places.
inline QStringList requestTypes()
{
    return {Type::Hello,          Type::Register,     Type::Login,
            Type::Resume,         Type::Logout,       Type::ChangePassword,
            Type::Subscribe,      Type::Unsubscribe,  Type::SetPresence,
            Type::PostFact,       Type::ListFacts,    Type::GetUser,
            Type::ProposeTalk,    Type::EditTalk,     Type::WithdrawTalk,
            Type::ToggleVote,     Type::MyVotes,      Type::SetVoting,
            Type::HideTalk,       Type::ListTalks,    Type::ExportTalks,
            Type::SendMessage,    Type::ChatHistory,  Type::Conversations,
            Type::MarkRead,       Type::AckDelivery,  Type::SetRole,
            Type::HideFact,       Type::Mute,         Type::Ban,
            Type::Announce,       Type::AuditLog,     Type::RestrictedUsers,
            Type::CreateHub,      Type::RenameHub,    Type::DeleteHub,
            Type::AddWidget,      Type::RemoveWidget, Type::MoveWidget,
            Type::ConfigureWidget};
}

namespace Topic {
inline const QString Presence = QStringLiteral("presence");
inline const QString CommunityFacts = QStringLiteral("facts.community");
inline const QString Talks = QStringLiteral("talks");
// Your own chat stream: every subscriber sees only their own conversations.
inline const QString Chat = QStringLiteral("chat");
// One user's facts: "facts.user." followed by the user id.
inline const QString UserFactsPrefix = QStringLiteral("facts.user.");
inline const QString Announcements = QStringLiteral("announcements");
inline const QString Hubs = QStringLiteral("hubs");
// The audit log as it grows; moderators only.
inline const QString Moderation = QStringLiteral("moderation");
// One widget's data: "widget.<kind>" and, if it has any, "?" and its configuration in
// canonical form (keys sorted). Hub widgets carry their topic ready-made.
inline const QString WidgetPrefix = QStringLiteral("widget.");
inline QString userFacts(qint64 userId)
{
    return UserFactsPrefix + QString::number(userId);
}
// The user id of a "facts.user.<id>" topic; nothing for any other name. Only the feed's own
// name counts ("facts.user.6", not "facts.user.06" or "facts.user. 6"): replies and events
// carry that name, so a client must subscribe with it.
inline std::optional<qint64> userFactsId(const QString &topic)
{
    if (!topic.startsWith(UserFactsPrefix))
        return std::nullopt;
    bool ok = false;
    const qint64 id = QStringView(topic).mid(UserFactsPrefix.size()).toLongLong(&ok);
    if (!ok || id <= 0 || userFacts(id) != topic)
        return std::nullopt;
    return id;
}
} // namespace Topic

// Talks topic events.
namespace TalkEvent {
inline const QString Upserted = QStringLiteral("talk"); // proposed, edited or unhidden
inline const QString Removed = QStringLiteral("removed"); // withdrawn or hidden
inline const QString Tallies = QStringLiteral("tallies"); // coalesced vote counts
inline const QString Voting = QStringLiteral("voting"); // opened or closed
} // namespace TalkEvent

// Chat topic events.
namespace ChatEvent {
inline const QString Message = QStringLiteral("message"); // to you, or from you on another app
inline const QString Delivered = QStringLiteral("delivered"); // your messages reached the peer
inline const QString Read = QStringLiteral("read"); // a read marker moved (yours)
// The other person marked your conversation read: your messages up to upToId were read.
inline const QString ReadByPeer = QStringLiteral("read_by_peer");
// A moderator hid one of your facts, or brought it back: the author is told, on every app.
inline const QString FactHidden = QStringLiteral("fact_hidden");
} // namespace ChatEvent

// The kinds of facts events (community and user topics).
namespace FactEvent {
inline const QString Posted = QStringLiteral("posted");
inline const QString Removed = QStringLiteral("removed"); // hidden by a moderator
} // namespace FactEvent

// Announcements, hubs and moderation topic events.
namespace ModerationEvent {
inline const QString Announcement = QStringLiteral("announcement");
inline const QString AuditEntry = QStringLiteral("entry");
inline const QString Hub = QStringLiteral("hub"); // created or changed: the whole hub
inline const QString HubRemoved = QStringLiteral("hub_removed");
} // namespace ModerationEvent

// Presence event kinds carried in an event's data.kind.
namespace PresenceEvent {
inline const QString Joined = QStringLiteral("joined");
inline const QString Left = QStringLiteral("left");
inline const QString StateChanged = QStringLiteral("state");
} // namespace PresenceEvent

// WebSocket close codes the server uses besides the standard 1001 (going away) and
// 1009 (message too big, sent by QtWebSockets itself). 4000-4999 is the application range.
namespace CloseCode {
inline constexpr int HelloTimeout = 4001;
inline constexpr int SignInTimeout = 4002;
inline constexpr int UnsupportedProtocol = 4003;
inline constexpr int TooSlow = 4004; // the client stopped reading; its unsent bytes hit the cap
inline constexpr int SessionEnded = 4005; // signed out elsewhere, or the password was changed
inline constexpr int Banned = 4006; // a moderator banned the user
inline constexpr int TooManyConnections = 4007; // from one address, over the server's limit
} // namespace CloseCode

} // namespace Hallway::Protocol
