// SPDX-License-Identifier: MIT
#pragma once

#include "hub.h"
#include "widgetview.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace Hallway {

class HallwayClient;
class WidgetFeed;

// One widget of a hub: its title, its live data, and for moderators the buttons that move,
// change and remove it. Presented, it has no buttons and draws for the big screen.
class WidgetCard : public QFrame {
    Q_OBJECT
public:
    WidgetCard(HallwayClient *client, const HubWidget &widget,
               WidgetView::Mode mode = WidgetView::Mode::Panel, QWidget *parent = nullptr);

    const HubWidget &widget() const { return m_widget; }
    WidgetView *view() const { return m_view; }
    WidgetFeed *feed() const { return m_feed; }
    void setEditable(bool editable, bool canMoveUp, bool canMoveDown);

Q_SIGNALS:
    void moveRequested(qint64 widgetId, int delta);
    void configureRequested(qint64 widgetId);
    void removeRequested(qint64 widgetId);
    void userActivated(qint64 userId);

protected:
    void changeEvent(QEvent *event) override;

private:
    HubWidget m_widget;
    WidgetView::Mode m_mode;
    QLabel *m_title;
    WidgetView *m_view;
    WidgetFeed *m_feed;
    QToolButton *m_up;
    QToolButton *m_down;
    QToolButton *m_configure;
    QToolButton *m_remove;
};

} // namespace Hallway
