// SPDX-License-Identifier: MIT
#pragma once

#include "envelope.h"

#include <QList>
#include <QMap>
#include <QStringList>

namespace Hallway::Test {

// What a subscriber has been shown, rebuilt from the frames a TestClient kept: for comparing
// a node's view with the database.

// The texts of the facts a subscriber of the community feed was sent, in order.
QStringList postedTexts(const QList<Envelope> &events);

// A client's view of the talks topic: the snapshot (the reply to its subscribe) with every
// event applied; talk id -> votes.
QMap<qint64, qint64> tallies(const Envelope &subscribed, const QList<Envelope> &events);

// The texts of the chat messages a user's chat topic brought, in order.
QStringList messageTexts(const QList<Envelope> &events);

// A client's view of the presence topic: who is online, and whether away; user id -> state
// name ("online", "away").
QMap<qint64, QString> presence(const Envelope &subscribed, const QList<Envelope> &events);

} // namespace Hallway::Test
