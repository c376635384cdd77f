// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

// Protocol v1 message by message, as hallway-shared reads it: for tests that must cover every
// message (tst_protocol) or hold docs/protocol.md against the code (tst_protocoldoc). Each
// reader parses with the shared parser of its message and returns what that parser's value
// writes back (toJson()), so a caller can compare field names with what it gave. A message
// without a reader here is an Internal error that says so.
namespace Hallway::Test {

// The request types whose data the server does not read: auth.logout, talk.my_votes...
bool requestTakesNoData(const QString &type);
// The types the readers below know, for checking that none of Protocol::requestTypes() is left
// out.
QStringList requestTypesWithReaders();

// A request's data; a request that takes none reads as {}.
Expected<QJsonObject> readRequest(const QString &type, const QJsonObject &data);
// A result's data, by the type of the request it answers. A subscribe result's snapshot and
// events are read by their topic's readers.
Expected<QJsonObject> readResult(const QString &requestType, const QJsonObject &data);
// An event's data, by its topic.
Expected<QJsonObject> readEvent(const QString &topic, const QJsonObject &data);
// A subscribe result's snapshot, by its topic.
Expected<QJsonObject> readSnapshot(const QString &topic, const QJsonObject &snapshot);

// The data shapes the protocol names ("User", "OnlineUser", "Fact", "Talk", "Message",
// "Conversation", "Announcement", "AuditEntry", "RestrictedUser", "Hub", "Statistics"), each
// read by its shared parser.
QStringList shapeNames();
Expected<QJsonObject> readShape(const QString &shape, const QJsonObject &object);

// Every member name at every depth, as paths: "user.displayName", "facts[].id". Two objects
// with the same paths use the same names in the same places.
QSet<QString> memberPaths(const QJsonObject &object);

} // namespace Hallway::Test
