// SPDX-License-Identifier: MIT
#pragma once

#include "hub.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QScreen;
class QToolButton;
class QVBoxLayout;

namespace Hallway {

class HallwayClient;
class HubActions;
class HubsModel;
class PresenceModel;
class PresenterView;
class WidgetCard;

// A hub on screen: the picker, and the chosen hub's widgets in order, live. Moderators also
// get the tools to make hubs and to add, move, change and remove widgets; everyone viewing
// the hub sees their edits at once.
class HubPanel : public QWidget {
    Q_OBJECT
public:
    HubPanel(HallwayClient *client, HubsModel *hubs, PresenceModel *people,
             QWidget *parent = nullptr);

    qint64 currentHubId() const { return m_hubId; }
    void showHub(qint64 hubId);
    QList<WidgetCard *> cards() const { return m_cards; }
    QString errorText() const;

    // Moderator edits; each reports a refusal in the panel.
    void addWidget(const WidgetSpec &spec);
    void editHub(const HubEdit &edit);

    // The current hub full screen on that screen (nullptr: PresenterView::defaultScreen).
    void present(QScreen *screen = nullptr);
    // The address the presenter view shows for joining, when it is not the one this app
    // connected to (a room hosted here is reached by others at the computer's address).
    void setJoinAddress(const QString &address) { m_joinAddress = address; }
    PresenterView *presenterView() const;

Q_SIGNALS:
    void userActivated(qint64 userId);

private:
    QString lastHubKey() const; // per room and account: hub ids differ between rooms
    void rebuild();
    void updateTools();
    void showError(const QString &message);
    void createHub();
    void renameHub();
    void deleteHub();
    void choosePresentScreen();

    HallwayClient *m_client;
    HubActions *m_actions;
    HubsModel *m_hubs;
    PresenceModel *m_people;
    qint64 m_hubId = 0;
    // A hub this panel created, shown once the hubs topic brings it (the reply comes first).
    qint64 m_awaitedHubId = 0;
    QString m_joinAddress;
    QComboBox *m_picker;
    QWidget *m_tools;
    QPushButton *m_present;
    QList<QPushButton *> m_hubTools; // the tools that act on the hub shown
    QPointer<PresenterView> m_presenter;
    QLabel *m_error;
    QVBoxLayout *m_column;
    QLabel *m_empty;
    QList<WidgetCard *> m_cards;
};

} // namespace Hallway
