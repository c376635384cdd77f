// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>
#include <array>
#include <optional>

namespace Hallway {

// Token buckets per user and kind of write: a burst at once, then a steady rate. A user with
// several apps open shares one bucket per kind.
class WriteRateLimiter {
public:
    enum class Kind { Post, Message, Vote };
    struct Rule {
        int perMinute = 0; // 0: no limit
        int burst = 1;
    };

    explicit WriteRateLimiter(const std::array<Rule, 3> &rules) : m_rules(rules) { }

    // Facts, talk proposals and edits, and announcements are posts.
    static std::optional<Kind> kindOf(const QString &requestType);
    // Takes a token: 0 if there was one, else how many ms until there will be.
    qint64 take(Kind kind, qint64 userId, qint64 nowMs);
    // Returns a token taken for a write that stored nothing.
    void giveBack(Kind kind, qint64 userId);

private:
    // Tokens are counted in whole units of 1/60000 of a token, so that perMinute of them
    // refill each millisecond: exact integers, and so exact retry-after values.
    static constexpr qint64 UnitsPerToken = 60'000;
    struct Bucket {
        qint64 units = 0;
        qint64 updatedMs = 0;
    };
    void prune(qint64 nowMs);

    std::array<Rule, 3> m_rules;
    QHash<std::pair<int, qint64>, Bucket> m_buckets;
    qint64 m_lastPruneMs = 0;
};

// Growing waits after failed sign-ins, per username and per address: a few failures are
// free, then each one doubles the wait, up to a cap. Success clears the username's record.
class SignInThrottle {
public:
    SignInThrottle(int freeFailuresPerUser, int freeFailuresPerAddress, qint64 maxWaitMs)
        : m_freePerUser(freeFailuresPerUser),
          m_freePerAddress(freeFailuresPerAddress),
          m_maxWaitMs(maxWaitMs)
    {
    }

    // 0 if a sign-in may be tried now, else how many ms until it may.
    qint64 waitFor(const QString &username, const QString &address, qint64 nowMs) const;
    void failed(const QString &username, const QString &address, qint64 nowMs);
    void succeeded(const QString &username);

private:
    struct Record {
        int failures = 0;
        qint64 blockedUntilMs = 0;
        qint64 lastFailureMs = 0;
    };
    void fail(QHash<QString, Record> &records, const QString &key, int freeFailures, qint64 nowMs);
    void prune(qint64 nowMs);

    int m_freePerUser;
    int m_freePerAddress;
    qint64 m_maxWaitMs;
    QHash<QString, Record> m_users;
    QHash<QString, Record> m_addresses;
    qint64 m_lastPruneMs = 0;
};

} // namespace Hallway
