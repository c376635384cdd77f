// SPDX-License-Identifier: MIT
#pragma once

// For suites that link the app's client core (hallway-client-core) as well.
#include "fixtures.h"
#include "hallwayclient.h"
#include "singleinstance.h"

#include <QSignalSpy>
#include <QTest>

#include <future>

namespace Hallway::Test {

// Registers username through the app's client and waits until it is signed in.
inline bool registerInApp(HallwayClient &client, const QUrl &server, const QString &username)
{
    QSignalSpy signedIn(&client, &HallwayClient::signedIn);
    client.registerAccount(server, {username, username.toUpper(), TestPassword, {}, {}});
    return signedIn.wait(10'000);
}

// A later start of the app handing link over (SingleInstance::handOver()). That blocks, as it
// does in a starting app: here it runs on another thread while this one's event loop lets the
// running app answer.
inline bool handOverFromAnotherStart(const QString &link, int timeoutMs = 3000)
{
    auto result = std::async(std::launch::async, [link, timeoutMs]() {
        return SingleInstance::handOver(link, timeoutMs);
    });
    const bool returned = QTest::qWaitFor(
            [&]() { return result.wait_for(std::chrono::seconds(0)) == std::future_status::ready; },
            3 * timeoutMs);
    return returned && result.get();
}

} // namespace Hallway::Test
