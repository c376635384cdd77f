// SPDX-License-Identifier: MIT
#include "ratelimiter.h"
#include "protocol.h"

#include <algorithm>

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
    const qint64 capacity = qint64(rule.burst) * UnitsPerToken;
    const auto key = std::make_pair(static_cast<int>(kind), userId);
    auto found = m_buckets.find(key);
    if (found == m_buckets.end())
        found = m_buckets.insert(key, {capacity, nowMs});
    Bucket &bucket = *found;
    bucket.units = std::min(capacity, bucket.units + (nowMs - bucket.updatedMs) * rule.perMinute);
    bucket.updatedMs = nowMs;
    if (bucket.units >= UnitsPerToken) {
        bucket.units -= UnitsPerToken;
        return 0;
    }
    // Rounded up: at that moment the token is whole.
    return (UnitsPerToken - bucket.units + rule.perMinute - 1) / rule.perMinute;
}

void WriteRateLimiter::giveBack(Kind kind, qint64 userId)
{
    const Rule &rule = m_rules.at(static_cast<std::size_t>(kind));
    const auto found = m_buckets.find(std::make_pair(static_cast<int>(kind), userId));
    if (found != m_buckets.end())
        found->units = std::min(qint64(rule.burst) * UnitsPerToken, found->units + UnitsPerToken);
}

void WriteRateLimiter::prune(qint64 nowMs)
{
    if (nowMs - m_lastPruneMs < PruneEveryMs)
        return;
    m_lastPruneMs = nowMs;
    // A bucket that has refilled is the same as none.
    m_buckets.removeIf([this, nowMs](const auto &entry) {
        const Rule &rule = m_rules.at(static_cast<std::size_t>(entry.key().first));
        const qint64 refilled =
                entry.value().units + (nowMs - entry.value().updatedMs) * rule.perMinute;
        return refilled >= qint64(rule.burst) * UnitsPerToken;
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
