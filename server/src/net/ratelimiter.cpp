// SPDX-License-Identifier: MIT
#include "ratelimiter.h"
#include "protocol.h"

#include <cmath>

namespace Hallway {

namespace {
constexpr qint64 PruneEveryMs = 60'000;
// A record untouched this long is forgotten: its waits are long over.
constexpr qint64 ForgetAfterMs = 3'600'000;
} // namespace

std::optional<WriteRateLimiter::Kind> WriteRateLimiter::kindOf(const QString &requestType)
{
    namespace Type = Protocol::Type;
    if (requestType == Type::PostFact || requestType == Type::ProposeTalk
        || requestType == Type::EditTalk || requestType == Type::Announce)
        return Kind::Post;
    if (requestType == Type::SendMessage)
        return Kind::Message;
    if (requestType == Type::ToggleVote)
        return Kind::Vote;
    return std::nullopt;
}

qint64 WriteRateLimiter::take(Kind kind, qint64 userId, qint64 nowMs)
{
    const Rule &rule = m_rules.at(static_cast<std::size_t>(kind));
    if (rule.perMinute <= 0)
        return 0;
    prune(nowMs);
    const double perMs = rule.perMinute / 60'000.0;
    const auto key = std::make_pair(static_cast<int>(kind), userId);
    auto found = m_buckets.find(key);
    if (found == m_buckets.end())
        found = m_buckets.insert(key, {double(rule.burst), nowMs});
    Bucket &bucket = *found;
    bucket.tokens =
            std::min<double>(rule.burst, bucket.tokens + (nowMs - bucket.updatedMs) * perMs);
    bucket.updatedMs = nowMs;
    if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
    }
    return static_cast<qint64>(std::ceil((1 - bucket.tokens) / perMs));
}

void WriteRateLimiter::giveBack(Kind kind, qint64 userId)
{
    const Rule &rule = m_rules.at(static_cast<std::size_t>(kind));
    const auto found = m_buckets.find(std::make_pair(static_cast<int>(kind), userId));
    if (found != m_buckets.end())
        found->tokens = std::min<double>(rule.burst, found->tokens + 1);
}

void WriteRateLimiter::prune(qint64 nowMs)
{
    if (nowMs - m_lastPruneMs < PruneEveryMs)
        return;
    m_lastPruneMs = nowMs;
    // A bucket that has refilled is the same as none.
    m_buckets.removeIf([this, nowMs](const auto &entry) {
        const Rule &rule = m_rules.at(static_cast<std::size_t>(entry.key().first));
        const double refilled = entry.value().tokens
                + (nowMs - entry.value().updatedMs) * rule.perMinute / 60'000.0;
        return refilled >= rule.burst;
    });
}

qint64 SignInThrottle::waitFor(const QString &username, const QString &address, qint64 nowMs) const
{
    const qint64 user = m_users.value(username).blockedUntilMs;
    const qint64 from = m_addresses.value(address).blockedUntilMs;
    return std::max<qint64>(0, std::max(user, from) - nowMs);
}

void SignInThrottle::fail(QHash<QString, Record> &records, const QString &key, int freeFailures,
                          qint64 nowMs)
{
    Record &record = records[key];
    ++record.failures;
    record.lastFailureMs = nowMs;
    const int beyond = record.failures - freeFailures;
    if (beyond <= 0)
        return;
    // 1 s, 2 s, 4 s... up to the cap.
    const qint64 wait =
            beyond > 30 ? m_maxWaitMs : std::min<qint64>(m_maxWaitMs, qint64(1000) << (beyond - 1));
    record.blockedUntilMs = nowMs + wait;
}

void SignInThrottle::failed(const QString &username, const QString &address, qint64 nowMs)
{
    prune(nowMs);
    if (!username.isEmpty())
        fail(m_users, username, m_freePerUser, nowMs);
    fail(m_addresses, address, m_freePerAddress, nowMs);
}

void SignInThrottle::succeeded(const QString &username)
{
    m_users.remove(username);
}

void SignInThrottle::prune(qint64 nowMs)
{
    if (nowMs - m_lastPruneMs < PruneEveryMs)
        return;
    m_lastPruneMs = nowMs;
    const auto stale = [nowMs](const auto &entry) {
        return nowMs - entry.value().lastFailureMs > ForgetAfterMs
                && entry.value().blockedUntilMs < nowMs;
    };
    m_users.removeIf(stale);
    m_addresses.removeIf(stale);
}

} // namespace Hallway
