// SPDX-License-Identifier: MIT
#include "communityfeedtopic.h"
#include "logging.h"
#include "messages.h"
#include "protocol.h"

#include <algorithm>

namespace Hallway {

namespace {
void sortNewestFirst(QList<Fact> &facts)
{
    std::sort(facts.begin(), facts.end(), [](const Fact &a, const Fact &b) { return a.id > b.id; });
}
} // namespace

CommunityFeedTopic::CommunityFeedTopic(int size, int intervalMs, int history, QObject *parent)
    : Topic(Protocol::Topic::CommunityFacts, history, parent),
      m_size(size),
      m_intervalMs(intervalMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &CommunityFeedTopic::flush);
}

void CommunityFeedTopic::setLatest(const QList<Fact> &newestFirst)
{
    m_latest = newestFirst.mid(0, std::max(m_size, KeptFacts));
}

void CommunityFeedTopic::remove(qint64 factId, const QList<Fact> &latest)
{
    m_pending.removeIf([factId](const Fact &fact) { return fact.id == factId; });
    setLatest(latest);
    publish(FactsRemoved{{factId}}.toJson());
}

void CommunityFeedTopic::restore(const Fact &fact, const QList<Fact> &latest)
{
    setLatest(latest);
    publish(FactsPosted{{fact}}.toJson());
}

void CommunityFeedTopic::add(const Fact &fact)
{
    // Another node's fact may come in while the feed is read at start-up; it is there once.
    if (std::any_of(m_latest.cbegin(), m_latest.cend(),
                    [&](const Fact &kept) { return kept.id == fact.id; }))
        return;
    m_latest.prepend(fact);
    sortNewestFirst(m_latest);
    m_latest = m_latest.mid(0, std::max(m_size, KeptFacts));
    m_pending.append(fact);

    if (m_timer.isActive())
        return; // a batch is already due
    const qint64 sinceLast = now() - m_lastSentMs;
    if (sinceLast >= m_intervalMs)
        flush();
    else
        m_timer.start(static_cast<int>(m_intervalMs - sinceLast));
}

void CommunityFeedTopic::flush()
{
    if (m_pending.isEmpty())
        return;
    QList<Fact> batch = std::exchange(m_pending, {});
    sortNewestFirst(batch);
    // Only the newest m_size can still be in anyone's feed.
    batch = batch.mid(0, m_size);
    m_lastSentMs = now();
    ++m_batches;
    qCDebug(lcTopics) << "community batch of" << batch.size() << "facts";
    publish(FactsPosted{batch}.toJson());
}

QJsonObject CommunityFeedTopic::snapshot() const
{
    return {{QStringLiteral("facts"), factsToJson(m_latest.mid(0, m_size))},
            {QStringLiteral("size"), m_size}};
}

} // namespace Hallway
