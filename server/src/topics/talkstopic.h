// SPDX-License-Identifier: MIT
#pragma once

#include "talk.h"
#include "topic.h"

#include <QMap>
#include <QSet>
#include <QTimer>

namespace Hallway {

// The lightning talks everyone sees, with live tallies. Tally changes are coalesced: under
// heavy voting subscribers get at most one tallies event per interval, carrying the latest
// count of every talk that changed, encoded once for all.
class TalksTopic : public Topic {
    Q_OBJECT
public:
    TalksTopic(int tallyIntervalMs, int history, QObject *parent = nullptr);

    void reset(const QList<Talk> &visibleTalks, bool votingOpen);
    void upsert(const Talk &talk); // proposed, edited or unhidden
    void remove(qint64 talkId); // withdrawn or hidden
    void setTally(qint64 talkId, qint64 votes);
    void setVotingOpen(bool open);
    bool votingOpen() const { return m_votingOpen; }
    QList<Talk> talks() const { return m_talks.values(); }
    int tallyEventsSent() const { return m_tallyEvents; }

protected:
    QJsonObject snapshot() const override;

private:
    void flushTallies();

    int m_intervalMs;
    QMap<qint64, Talk> m_talks;
    bool m_votingOpen = true;
    QSet<qint64> m_dirty;
    QTimer m_timer;
    qint64 m_lastFlushMs = 0;
    int m_tallyEvents = 0;
};

} // namespace Hallway
