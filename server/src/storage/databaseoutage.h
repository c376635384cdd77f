// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QElapsedTimer>
#include <QString>

namespace Hallway {

// The storage thread's record of a database outage: why, since when, and when to try the
// database again. It logs the outage's start, a reminder a minute while it lasts and its end,
// not a line per refused request: a client retrying every 300 ms must not fill the disk.
class DatabaseOutage {
public:
    // Retries start quickly and settle at one a second, so that the server is back within
    // a second or two of the database.
    static constexpr int FirstRetryMs = 100;
    static constexpr int MaxRetryMs = 1000;
    static constexpr int ReminderMs = 60'000;

    // name is what the log calls it: "the database", "the listening connection".
    explicit DatabaseOutage(const QString &name) : m_name(name) { }

    bool isOngoing() const { return m_ongoing; }
    QString reason() const { return m_reason; }

    void begin(const QString &reason);
    // A retry failed too: the reason may have changed ("refused" after "reset").
    void retryFailed(const QString &reason);
    void end();

    // Whether the back-off since the last attempt has passed.
    bool isTimeToRetry() const;
    void countRefused() { ++m_refused; }
    // What a request gets meanwhile: `unavailable`, and when to try again.
    Error error() const;

private:
    QString m_name;
    bool m_ongoing = false;
    QString m_reason;
    QElapsedTimer m_since;
    QElapsedTimer m_lastAttempt;
    QElapsedTimer m_lastReminder;
    int m_retryMs = FirstRetryMs;
    qint64 m_refused = 0;
};

} // namespace Hallway
