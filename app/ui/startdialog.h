// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace Hallway {

// First start: host a room on this computer, or join a server someone else runs.
class StartDialog : public QDialog {
    Q_OBJECT
public:
    enum class Choice { Host, Join };

    explicit StartDialog(QWidget *parent = nullptr);

    Choice choice() const { return m_choice; }
    QUrl joinUrl() const;
    quint16 hostPort() const;
    bool hostOnNetwork() const; // reachable from other machines, not only this one

private:
    void chooseJoin();

    Choice m_choice = Choice::Host;
    QLineEdit *m_url;
    QSpinBox *m_port;
    QCheckBox *m_onNetwork;
};

} // namespace Hallway
