// SPDX-License-Identifier: MIT
#pragma once

#include "moderation.h"

#include <QFrame>

class QLabel;

namespace Hallway {

class AnnouncementFeed;
class HallwayClient;

// A banner across the top of the window with the moderators' latest announcement, until the
// person closes it; a newer announcement brings it back.
class AnnouncementBar : public QFrame {
    Q_OBJECT
public:
    explicit AnnouncementBar(HallwayClient *client, QWidget *parent = nullptr);

    QString text() const;

Q_SIGNALS:
    // A new announcement arrived while the app was running (not one from the snapshot).
    void announced(const Hallway::Announcement &announcement);

private:
    void show(const Announcement &announcement);
    void dismiss();

    AnnouncementFeed *m_feed;
    QLabel *m_text;
    qint64 m_shownId = 0;
};

} // namespace Hallway
