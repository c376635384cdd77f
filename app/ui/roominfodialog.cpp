// SPDX-License-Identifier: MIT
#include "roominfodialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Hallway {

RoomInfoDialog::RoomInfoDialog(const QString &address, bool onNetwork, const QString &databasePath,
                               QWidget *parent)
    : QDialog(parent), m_address(address)
{
    setObjectName(QStringLiteral("roomInfoDialog"));
    setWindowTitle(tr("About this room"));
    auto *intro = new QLabel(
            onNetwork ? tr("You are hosting this room on this computer. Others join it with "
                           "this address (Hallway > Connect to another server...).")
                      : tr("You are hosting this room on this computer, for this computer "
                           "only. To let others join, host it again and choose to let others "
                           "on the network join."));
    intro->setWordWrap(true);
    auto *addressField = new QLineEdit(address);
    addressField->setObjectName(QStringLiteral("roomAddress"));
    addressField->setAccessibleName(tr("Address of this room"));
    addressField->setReadOnly(true);
    auto *copy = new QPushButton(tr("&Copy address"));
    copy->setObjectName(QStringLiteral("copyAddressButton"));
    auto *addressRow = new QHBoxLayout;
    addressRow->addWidget(addressField, 1);
    addressRow->addWidget(copy);
    auto *database = new QLineEdit(databasePath);
    database->setObjectName(QStringLiteral("roomDatabase"));
    database->setReadOnly(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Address:"), addressRow);
    form->addRow(tr("Database:"), database);
    auto *note = new QLabel(tr("The first account created in this room is its moderator, and can "
                               "make others moderators from their names in Who's online."));
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(copy, &QPushButton::clicked, this, [this, copy]() {
        QGuiApplication::clipboard()->setText(m_address);
        copy->setText(tr("Copied"));
    });
    resize(520, sizeHint().height());
}

} // namespace Hallway
