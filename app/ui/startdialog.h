// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace Hallway {

// First start: join a server someone else runs (typed, or picked from the servers joined
// before, most recent first), or host a room on this computer.
class StartDialog : public QDialog {
    Q_OBJECT
public:
    enum class Choice { Host, Join };

    explicit StartDialog(QWidget *parent = nullptr);
    ~StartDialog() override;

    // Came from an invite link: its server is filled in, and Enter joins it.
    void invite(const QUrl &server);

    Choice choice() const { return m_choice; }
    // The address typed (ws://, wss://, an invite link, or a host and port), or an empty URL.
    QUrl joinUrl() const;
    quint16 hostPort() const;
    bool hostOnNetwork() const; // reachable from other machines, not only this one

private:
    void chooseJoin();
    // Enter goes to the button of the part of the dialog being filled in.
    void followFocus(QWidget *now);

    Choice m_choice = Choice::Host;
    QLabel *m_intro;
    QLineEdit *m_url;
    QListWidget *m_recent;
    QPushButton *m_joinButton;
    QWidget *m_hostBox;
    QPushButton *m_hostButton;
    QSpinBox *m_port;
    QCheckBox *m_onNetwork;
    QMetaObject::Connection m_focusFollower;
};

} // namespace Hallway
