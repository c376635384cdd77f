// SPDX-License-Identifier: MIT
#pragma once

// For suites that link the app's client core (hallway-client-core) as well.
#include "fixtures.h"
#include "hallwayclient.h"

#include <QSignalSpy>

namespace Hallway::Test {

// Registers username through the app's client and waits until it is signed in.
inline bool registerInApp(HallwayClient &client, const QUrl &server, const QString &username)
{
    QSignalSpy signedIn(&client, &HallwayClient::signedIn);
    client.registerAccount(server, {username, username.toUpper(), TestPassword, {}, {}});
    return signedIn.wait(10'000);
}

} // namespace Hallway::Test
