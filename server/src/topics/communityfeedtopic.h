// SPDX-License-Identifier: MIT
#pragma once

#include "fact.h"
#include "topic.h"

#include <QTimer>

namespace Hallway {

// The latest facts of everyone. Under a flood each subscriber gets at most one update per
// interval, carrying the newest facts as one batch (encoded once for all); a fact after a
// quiet spell goes out at once. The latest facts are kept in memory for snapshots.
class CommunityFeedTopic : public Topic {
    Q_OBJECT
public:
    CommunityFeedTopic(int size, int intervalMs, int history, QObject *parent = nullptr);

    // The community feed keeps more facts than it shows, for the widgets that show more.
    static constexpr int KeptFacts = 50;

    void setLatest(const QList<Fact> &newestFirst);
    void add(const Fact &fact);
    // A moderator hid a fact: it leaves every feed at once. latest refills the kept facts.
    void remove(qint64 factId, const QList<Fact> &latest);
    // ...and brought one back.
    void restore(const Fact &fact, const QList<Fact> &latest);
    const QList<Fact> &latest() const { return m_latest; }
    int batchesSent() const { return m_batches; }

protected:
    QJsonObject snapshot() const override;

private:
    void flush();

    int m_size;
    int m_intervalMs;
    QList<Fact> m_latest; // newest first, at most KeptFacts
    QList<Fact> m_pending; // committed, not yet sent
    QTimer m_timer;
    qint64 m_lastSentMs = 0;
    int m_batches = 0;
};

} // namespace Hallway
