// SPDX-License-Identifier: MIT
#include "outputflusher.h"
#include "framewriter.h"

#include <QCoreApplication>
#include <QEvent>
#include <algorithm>

namespace Hallway {

namespace {
const QEvent::Type FlushEvent = static_cast<QEvent::Type>(QEvent::registerEventType());
} // namespace

OutputFlusher::OutputFlusher(QObject *parent) : QObject(parent) { }

OutputFlusher::~OutputFlusher()
{
    for (FrameWriter *writer : m_scheduled)
        writer->unschedule();
}

void OutputFlusher::schedule(FrameWriter *writer)
{
    m_scheduled.push_back(writer);
    if (!m_eventPosted) {
        m_eventPosted = true;
        // A posted event, not a zero timer: it is delivered when the event loop comes back,
        // after everything already queued for this turn (storage results, other sockets'
        // readyRead) has had its chance to add frames.
        QCoreApplication::postEvent(this, new QEvent(FlushEvent));
    }
}

void OutputFlusher::cancel(FrameWriter *writer)
{
    m_scheduled.erase(std::remove(m_scheduled.begin(), m_scheduled.end(), writer),
                      m_scheduled.end());
    // Not erased from the list being flushed, which may be walked right now.
    std::replace(m_flushing.begin(), m_flushing.end(), writer, static_cast<FrameWriter *>(nullptr));
}

void OutputFlusher::customEvent(QEvent *event)
{
    if (event->type() != FlushEvent)
        return QObject::customEvent(event);
    m_eventPosted = false;
    flushAll();
}

void OutputFlusher::flushAll()
{
    // A writer scheduled while these flush (none is today: flushing emits nothing) waits for
    // the next turn instead of growing the list being walked.
    m_flushing.swap(m_scheduled);
    for (std::size_t i = 0; i < m_flushing.size(); ++i) {
        if (FrameWriter *writer = m_flushing[i])
            writer->flushScheduled();
    }
    m_flushing.clear();
}

} // namespace Hallway
