// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Hallway::ClusterEvent {

// Every node LISTENs on one PostgreSQL channel. The stores notify of each change they
// store (SqlSession::notifyNodes), in the transaction that stores it, so the other nodes hear of it
// once it has committed, and never of one rolled back. A notification is a small JSON object:
// {"node": sender, "kind": one of the kinds below, ...ids}. Rows are read back by id, so a
// payload stays far below PostgreSQL's 8,000-byte limit whatever the text it stands for.
inline const QString Channel = QStringLiteral("hallway_events");

// {"id"}: a fact was posted.
inline const QString FactPosted = QStringLiteral("fact.posted");
// {"id", "hidden"}: a moderator hid a fact or brought it back.
inline const QString FactVisibility = QStringLiteral("fact.visibility");
// {"id"}: a talk was proposed, edited, hidden or brought back; or withdrawn (gone).
inline const QString TalkChanged = QStringLiteral("talk.changed");
// {"id"}: the talk's tally changed.
inline const QString VoteCast = QStringLiteral("talk.vote");
// {}: voting opened or closed.
inline const QString VotingChanged = QStringLiteral("talk.voting");
// {"id", "from", "to"}: a chat message was stored.
inline const QString ChatMessage = QStringLiteral("chat.message");
// {"user", "peer", "upToId"}: the user read the conversation with peer up to a message.
inline const QString ChatRead = QStringLiteral("chat.read");
// {"id", "from"}: the recipient's app received the message.
inline const QString ChatDelivered = QStringLiteral("chat.delivered");
// {"id"}: a moderator changed the user's role, mute or ban.
inline const QString UserChanged = QStringLiteral("user.changed");
// {"id"}: an audit log entry was written.
inline const QString Audit = QStringLiteral("audit");
// {"id"}: an announcement was made.
inline const QString Announcement = QStringLiteral("announcement");
// {"id"}: a hub was created or edited; or deleted (gone).
inline const QString HubChanged = QStringLiteral("hub.changed");
// {"user", "reason"}: some of the user's sessions ended (signed out, password changed); the
// apps on ended sessions are closed.
inline const QString SessionsEnded = QStringLiteral("sessions.ended");
// {"user", "state"}: the user's presence on the sending node (state absent: gone from it).
inline const QString Presence = QStringLiteral("presence");
// {"nodes"}: these nodes are gone, and their users with them: the sender shut down, or it
// took over the address of a node that had died.
inline const QString NodeLeft = QStringLiteral("node.left");

} // namespace Hallway::ClusterEvent
