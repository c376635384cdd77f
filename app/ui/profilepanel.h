// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;

namespace Hallway {

class FactFeedModel;
class HallwayClient;
class PresenceModel;

// One person's profile: name, place, whether they are here, and their facts, newest first,
// live, with older ones loading as you scroll.
class ProfilePanel : public QWidget {
    Q_OBJECT
public:
    ProfilePanel(HallwayClient *client, PresenceModel *presence, QWidget *parent = nullptr);

    void showUser(qint64 userId);
    qint64 userId() const { return m_userId; }
    QString displayName() const;
    QString presenceText() const;
    QListView *factList() const { return m_facts; }
    FactFeedModel *feed() const { return m_feed; }

Q_SIGNALS:
    void closeRequested();
    void messageRequested(qint64 userId, const QString &name);

private:
    void updatePresence();

    HallwayClient *m_client;
    PresenceModel *m_presence;
    qint64 m_userId = 0;
    FactFeedModel *m_feed = nullptr;
    QLabel *m_name;
    QLabel *m_details;
    QLabel *m_state;
    QLabel *m_empty;
    QPushButton *m_message;
    QListView *m_facts;
};

} // namespace Hallway
