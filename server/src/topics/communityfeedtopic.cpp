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
    // Into its place among the kept ones, newest first (another node's fact may arrive a
    // little late), without copying them: this runs for every post. Another node's fact may
    // also come in while the feed is read at start-up; it is there once.
    const auto place = std::lower_bound(m_latest.begin(), m_latest.end(), fact.id,
                                        [](const Fact &kept, qint64 id) { return kept.id > id; });
    if (place != m_latest.end() && place->id == fact.id)
        return;
    const qsizetype kept = std::max(m_size, KeptFacts);
    if (place - m_latest.begin() < kept) {
        m_latest.insert(place, fact);
        if (m_latest.size() > kept)
            m_latest.removeLast();
    }
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
