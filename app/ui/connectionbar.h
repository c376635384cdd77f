// SPDX-License-Identifier: MIT
#pragma once

#include "hallwayclient.h"

#include <QFrame>
#include <QTimer>

class QLabel;
class QPushButton;

namespace Hallway {

// A bar across the top of the window whenever the app is not simply online: connecting,
// reconnecting (with a countdown and "Reconnect now"), offline, signed out elsewhere or
// banned (with a way to sign in again). It cannot be missed, and it is gone once online.
class ConnectionBar : public QFrame {
    Q_OBJECT
public:
    explicit ConnectionBar(HallwayClient *client, QWidget *parent = nullptr);

    QString text() const;
    // The button's text, or empty when it offers nothing.
    QString actionText() const;

Q_SIGNALS:
    void signInRequested();

private:
    void refresh();
    void act();

    HallwayClient *m_client;
    QLabel *m_text;
    QPushButton *m_action;
    QTimer m_countdown;
};

} // namespace Hallway
