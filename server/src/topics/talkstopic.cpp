// SPDX-License-Identifier: MIT
#include "talkstopic.h"
#include "protocol.h"
#include "talkmessages.h"

namespace Hallway {

TalksTopic::TalksTopic(int tallyIntervalMs, int history, QObject *parent)
    : Topic(Protocol::Topic::Talks, history, parent), m_intervalMs(tallyIntervalMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &TalksTopic::flushTallies);
}

void TalksTopic::reset(const QList<Talk> &visibleTalks, bool votingOpen)
{
    m_talks.clear();
    for (const Talk &talk : visibleTalks)
        m_talks.insert(talk.id, talk);
    m_votingOpen = votingOpen;
}

void TalksTopic::upsert(const Talk &talk)
{
    m_talks.insert(talk.id, talk);
    m_dirty.remove(talk.id); // the event carries the current tally
    TalkChange change;
    change.kind = Protocol::TalkEvent::Upserted;
    change.talk = talk;
    publish(change.toJson());
}

void TalksTopic::remove(qint64 talkId)
{
    if (!m_talks.remove(talkId))
        return;
    m_dirty.remove(talkId);
    TalkChange change;
    change.kind = Protocol::TalkEvent::Removed;
    change.talkId = talkId;
    publish(change.toJson());
}

void TalksTopic::setTally(qint64 talkId, qint64 votes)
{
    const auto found = m_talks.find(talkId);
    if (found == m_talks.end() || found->votes == votes)
        return;
    found->votes = votes;
    m_dirty.insert(talkId);
    if (m_timer.isActive())
        return;
    const qint64 sinceLast = now() - m_lastFlushMs;
    if (sinceLast >= m_intervalMs)
        flushTallies();
    else
        m_timer.start(static_cast<int>(m_intervalMs - sinceLast));
}

void TalksTopic::flushTallies()
{
    if (m_dirty.isEmpty())
        return;
    TalkChange change;
    change.kind = Protocol::TalkEvent::Tallies;
    QList<qint64> ids(m_dirty.cbegin(), m_dirty.cend());
    std::sort(ids.begin(), ids.end());
    for (const qint64 id : ids)
        change.tallies.append({id, m_talks.value(id).votes});
    m_dirty.clear();
    m_lastFlushMs = now();
    ++m_tallyEvents;
    publish(change.toJson());
}

void TalksTopic::setVotingOpen(bool open)
{
    if (m_votingOpen == open)
        return;
    m_votingOpen = open;
    flushTallies(); // the last counts before the state changes
    TalkChange change;
    change.kind = Protocol::TalkEvent::Voting;
    change.votingOpen = open;
    publish(change.toJson());
}

QJsonObject TalksTopic::snapshot() const
{
    return TalkList{m_votingOpen, m_talks.values()}.toJson();
}

} // namespace Hallway
