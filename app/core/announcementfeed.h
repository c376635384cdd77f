// SPDX-License-Identifier: MIT
#pragma once

#include "moderation.h"

#include <QObject>

namespace Hallway {

class HallwayClient;

// The moderators' announcements for one session: follows the announcements topic, says which
// one to show (the latest, unless the person dismissed it), and remembers the dismissal for
// this room and account only.
class AnnouncementFeed : public QObject {
    Q_OBJECT
public:
    explicit AnnouncementFeed(HallwayClient *client, QObject *parent = nullptr);
    ~AnnouncementFeed() override;

    // Not to be shown again (a newer one is).
    void dismiss(qint64 announcementId);

Q_SIGNALS:
    // The one to show now.
    void shown(const Hallway::Announcement &announcement);
    // A new announcement arrived while the app was running (not one from the snapshot).
    void announced(const Hallway::Announcement &announcement);

private:
    QString dismissedKey() const;

    HallwayClient *m_client;
};

} // namespace Hallway
