// SPDX-License-Identifier: MIT
#include "roominfodialog.h"
#include "invitelink.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

namespace Hallway {

RoomInfoDialog::RoomInfoDialog(const QString &address, bool onNetwork, const QString &databasePath,
                               QWidget *parent)
    : QDialog(parent), m_address(address)
{
    setObjectName(QStringLiteral("roomInfoDialog"));
    setWindowTitle(tr("About this room"));
    auto *intro = new QLabel(
            onNetwork ? tr("You are hosting this room on this computer. Send others the invite "
                           "link: a click on it opens Hallway ready to join. Or they enter the "
                           "address (Hallway > Connect to another server...).")
                      : tr("You are hosting this room on this computer, for this computer "
                           "only. To let others join, host it again and choose to let others "
                           "on the network join."));
    intro->setWordWrap(true);
    const auto copyRow = [this](const QString &text, const QString &name,
                                const QString &accessibleName, const QString &buttonText) {
        auto *field = new QLineEdit(text);
        field->setObjectName(name);
        field->setAccessibleName(accessibleName);
        field->setReadOnly(true);
        auto *copy = new QPushButton(buttonText);
        copy->setObjectName(name + QStringLiteral("CopyButton"));
        connect(copy, &QPushButton::clicked, this, [text, copy]() {
            QGuiApplication::clipboard()->setText(text);
            copy->setText(tr("Copied"));
        });
        auto *row = new QHBoxLayout;
        row->addWidget(field, 1);
        row->addWidget(copy);
        return row;
    };
    auto *database = new QLineEdit(databasePath);
    database->setObjectName(QStringLiteral("roomDatabase"));
    database->setReadOnly(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Invite link:"),
                 copyRow(InviteLink::to(QUrl(address)), QStringLiteral("inviteLink"),
                         tr("Invite link to this room"), tr("Copy &invite link")));
    form->addRow(tr("Address:"),
                 copyRow(address, QStringLiteral("roomAddress"), tr("Address of this room"),
                         tr("&Copy address")));
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
    resize(520, sizeHint().height());
}

} // namespace Hallway
