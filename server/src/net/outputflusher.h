// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <vector>

namespace Hallway {

class FrameWriter;

// Flushes every connection that got frames during one turn of the event loop, once, at the
// start of the next turn: a connection that gets ten events and a reply in one turn costs one
// write instead of eleven, and there is one posted event per turn for all connections instead
// of one timer or notifier per connection.
class OutputFlusher : public QObject {
    Q_OBJECT
public:
    explicit OutputFlusher(QObject *parent = nullptr);
    ~OutputFlusher() override;

    // writer has frames queued: flush them in the next turn. Once per writer until then.
    void schedule(FrameWriter *writer);
    // writer goes away before its flush.
    void cancel(FrameWriter *writer);
    // Flushes all scheduled writers now.
    void flushAll();

protected:
    void customEvent(QEvent *event) override;

private:
    std::vector<FrameWriter *> m_scheduled;
    std::vector<FrameWriter *> m_flushing; // swapped with m_scheduled, to keep both allocations
    bool m_eventPosted = false;
};

} // namespace Hallway
