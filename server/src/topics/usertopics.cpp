// SPDX-License-Identifier: MIT
#include "usertopics.h"
#include "topic.h"

#include <QTimerEvent>

namespace Hallway {

UserTopics::UserTopics(Factory factory, qint64 idleMs, QObject *parent)
    : QObject(parent), m_factory(std::move(factory)), m_idleMs(idleMs)
{
    m_sweepTimer.start(int(std::clamp<qint64>(idleMs, 1, MaxSweepEveryMs)), this);
}

Topic *UserTopics::findOrCreate(qint64 userId)
{
    if (Topic *topic = m_topics.value(userId))
        return topic;
    Topic *topic = m_factory(userId, this);
    topic->setClock(m_clock);
    m_topics.insert(userId, topic);
    return topic;
}

void UserTopics::sweep(qint64 nowMs)
{
    for (Topic *topic : std::as_const(m_topics))
        topic->forgetHistoryIfIdle(nowMs, m_idleMs);
}

void UserTopics::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_sweepTimer.timerId())
        return QObject::timerEvent(event);
    sweep(m_clock());
}

} // namespace Hallway
