// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;

namespace Hallway {

class HallwayClient;
class PresenceFilterModel;
class PresenceModel;

// Who's online: how many are here and away, a box to find a person by name, and the list
// (the people here first, then those away). A click, Enter or Space on a name, or Enter in
// the box on the first match, chooses that person.
class OnlinePanel : public QWidget {
    Q_OBJECT
public:
    OnlinePanel(HallwayClient *client, PresenceModel *people, QWidget *parent = nullptr);

    QLineEdit *filterBox() const { return m_filter; }
    QListView *list() const { return m_list; }
    QString countText() const;
    // What the list says when it has nobody to show; empty while it shows people.
    QString emptyText() const;

Q_SIGNALS:
    void personActivated(qint64 userId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateCount();
    void updateEmptyState();
    void activateFirstMatch();

    HallwayClient *m_client;
    PresenceModel *m_people;
    PresenceFilterModel *m_shown;
    QLabel *m_count;
    QLineEdit *m_filter;
    QListView *m_list;
    QLabel *m_empty;
};

} // namespace Hallway
