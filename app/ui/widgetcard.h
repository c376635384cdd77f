// SPDX-License-Identifier: MIT
#pragma once

#include "hub.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace Hallway {

class HallwayClient;
class WidgetFeed;
class WidgetView;

// One widget of a hub: its title, its live data, and for moderators the buttons that move,
// change and remove it.
class WidgetCard : public QFrame {
    Q_OBJECT
public:
    WidgetCard(HallwayClient *client, const HubWidget &widget, QWidget *parent = nullptr);

    const HubWidget &widget() const { return m_widget; }
    WidgetView *view() const { return m_view; }
    WidgetFeed *feed() const { return m_feed; }
    void setEditable(bool editable, bool canMoveUp, bool canMoveDown);

Q_SIGNALS:
    void moveRequested(qint64 widgetId, int delta);
    void configureRequested(qint64 widgetId);
    void removeRequested(qint64 widgetId);
    void userActivated(qint64 userId);

private:
    HubWidget m_widget;
    QLabel *m_title;
    WidgetView *m_view;
    WidgetFeed *m_feed;
    QToolButton *m_up;
    QToolButton *m_down;
    QToolButton *m_configure;
    QToolButton *m_remove;
};

} // namespace Hallway
