// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Hallway {

class HallwayClient;

// Changes the password of the signed-in user. Other devices signed in as the same user are
// signed out by the server.
class ChangePasswordDialog : public QDialog {
    Q_OBJECT
public:
    explicit ChangePasswordDialog(HallwayClient *client, QWidget *parent = nullptr);

private:
    void submit();

    HallwayClient *m_client;
    QLineEdit *m_current;
    QLineEdit *m_new;
    QLineEdit *m_repeat;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace Hallway
