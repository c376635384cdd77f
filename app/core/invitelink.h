// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QCoreApplication>
#include <QUrl>

namespace Hallway {

// An invite link names a Hallway server so that a click on it opens the app's join dialog
// with the address filled in: hallway://host:port for ws://host:port, hallways://host:port for
// wss:// (TLS). The desktop entry registers both schemes, and the app takes a link as its
// command-line argument. Without a port, the server's default (8470) is meant.
class InviteLink {
    Q_DECLARE_TR_FUNCTIONS(InviteLink)
public:
    static constexpr quint16 DefaultPort = 8470;

    // Whether text is meant as an invite link (its scheme is hallway or hallways), valid or not.
    static bool looksLikeOne(const QString &text);
    // The server an invite link names, or why the link cannot be opened (a message for people).
    static Expected<QUrl> serverOf(const QString &link);
    // The invite link to a ws:// or wss:// server; empty for any other address.
    static QString to(const QUrl &server);
};

} // namespace Hallway
