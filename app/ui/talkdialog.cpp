// SPDX-License-Identifier: MIT
#include "talkdialog.h"
#include "validation.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>

namespace Hallway {

TalkDialog::TalkDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Propose a lightning talk"));
    setObjectName(QStringLiteral("talkDialog"));
    m_title = new QLineEdit;
    m_title->setObjectName(QStringLiteral("talkTitle"));
    m_title->setMaxLength(Validation::TalkTitleMaxLength);
    m_title->setAccessibleName(tr("Title"));
    m_abstract = new QPlainTextEdit;
    m_abstract->setObjectName(QStringLiteral("talkAbstract"));
    m_abstract->setTabChangesFocus(true);
    m_abstract->setAccessibleName(tr("Abstract"));
    m_count = new QLabel;
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(tr("&Propose"));
    ok->setObjectName(QStringLiteral("talkSubmit"));
    ok->setToolTip(tr("Propose the talk (Ctrl+Enter)"));
    ok->setDefault(true);
    // Enter on a focused Cancel goes to the default button; only a click or Space cancels.
    m_buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);

    auto *layout = new QFormLayout(this);
    layout->addRow(tr("&Title:"), m_title);
    layout->addRow(tr("&Abstract:"), m_abstract);
    layout->addRow(QString(), m_count);
    layout->addRow(m_buttons);
    connect(m_title, &QLineEdit::textChanged, this, &TalkDialog::validate);
    connect(m_abstract, &QPlainTextEdit::textChanged, this, &TalkDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TalkDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // The abstract takes Enter as a new line; Ctrl+Enter sends from any field, as in a chat.
    for (const auto key : {Qt::Key_Return, Qt::Key_Enter}) {
        auto *send = new QShortcut(QKeySequence(Qt::CTRL | key), this);
        send->setContext(Qt::WindowShortcut);
        connect(send, &QShortcut::activated, this, &TalkDialog::submit);
    }
    validate();
}

void TalkDialog::setTalk(const QString &title, const QString &abstract)
{
    setWindowTitle(tr("Edit your talk"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Save"));
    m_buttons->button(QDialogButtonBox::Ok)->setToolTip(tr("Save your talk (Ctrl+Enter)"));
    m_title->setText(title);
    m_abstract->setPlainText(abstract);
}

QString TalkDialog::title() const
{
    return m_title->text().trimmed();
}

QString TalkDialog::abstract() const
{
    return m_abstract->toPlainText().trimmed();
}

void TalkDialog::submit()
{
    if (m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        accept();
}

void TalkDialog::validate()
{
    const qsizetype length = Validation::characterCount(abstract());
    m_count->setText(tr("Abstract: %1/%2 characters. Ctrl+Enter sends.")
                             .arg(length)
                             .arg(Validation::TalkAbstractMaxLength));
    m_buttons->button(QDialogButtonBox::Ok)
            ->setEnabled(!Validation::checkTalkTitle(title())
                         && !Validation::checkTalkAbstract(abstract()));
}

} // namespace Hallway
