// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QLabel;

namespace Hallway {

// About the room this app hosts: the invite link and the address to give others (each with a
// button that copies it), and where its database lives.
class RoomInfoDialog : public QDialog {
    Q_OBJECT
public:
    RoomInfoDialog(const QString &address, bool onNetwork, const QString &databasePath,
                   QWidget *parent = nullptr);

    QString address() const { return m_address; }

private:
    QString m_address;
};

} // namespace Hallway
