// SPDX-License-Identifier: MIT
#include "changepassworddialog.h"
#include "appearance.h"
#include "hallwayclient.h"
#include "validation.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace Hallway {

ChangePasswordDialog::ChangePasswordDialog(HallwayClient *client, QWidget *parent)
    : QDialog(parent), m_client(client)
{
    setWindowTitle(tr("Change password"));
    setObjectName(QStringLiteral("changePasswordDialog"));
    auto makeField = [](const char *name) {
        auto *field = new QLineEdit;
        field->setObjectName(QString::fromLatin1(name));
        field->setEchoMode(QLineEdit::Password);
        field->setMaxLength(Validation::PasswordMaxLength);
        return field;
    };
    m_current = makeField("currentPassword");
    m_new = makeField("newPassword");
    m_repeat = makeField("repeatPassword");
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    Appearance::markAsError(m_error);
    m_error->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Change password"));

    auto *layout = new QFormLayout(this);
    layout->addRow(tr("C&urrent password:"), m_current);
    layout->addRow(tr("&New password:"), m_new);
    layout->addRow(tr("&Repeat new password:"), m_repeat);
    layout->addRow(new QLabel(tr("Your other devices will be signed out.")));
    layout->addRow(m_error);
    layout->addRow(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ChangePasswordDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ChangePasswordDialog::submit()
{
    auto fail = [this](const QString &message, QLineEdit *field) {
        m_error->setText(message);
        m_error->show();
        field->setFocus();
    };
    if (Validation::checkPassword(m_new->text()))
        return fail(
                tr("A password needs at least %1 characters.").arg(Validation::PasswordMinLength),
                m_new);
    if (m_new->text() != m_repeat->text())
        return fail(tr("The two new passwords differ."), m_repeat);

    m_buttons->setEnabled(false);
    m_client->changePassword(m_current->text(), m_new->text(), [this, fail](const Status &status) {
        m_buttons->setEnabled(true);
        if (status)
            return accept();
        if (status.error().code == ErrorCode::Unauthorized)
            fail(tr("The current password is wrong."), m_current);
        else
            fail(tr("The password was not changed: %1").arg(status.error().message), m_new);
    });
}

} // namespace Hallway
