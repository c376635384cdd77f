// SPDX-License-Identifier: MIT
#pragma once

#include "moderation.h"
#include "topic.h"

namespace Hallway {

// What the moderators announced, newest first. The latest few are kept in memory for
// snapshots; each new one is pushed to everyone watching.
class AnnouncementsTopic : public Topic {
    Q_OBJECT
public:
    static constexpr int Kept = 20;

    explicit AnnouncementsTopic(int history, QObject *parent = nullptr);

    void setLatest(const QList<Announcement> &newestFirst);
    void add(const Announcement &announcement);
    const QList<Announcement> &latest() const { return m_latest; }

protected:
    QJsonObject snapshot() const override;

private:
    QList<Announcement> m_latest;
};

} // namespace Hallway
