// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Hallway {

// Proposes a lightning talk, or edits yours: a title and an abstract, with their limits.
class TalkDialog : public QDialog {
    Q_OBJECT
public:
    explicit TalkDialog(QWidget *parent = nullptr);

    void setTalk(const QString &title, const QString &abstract);
    QString title() const;
    QString abstract() const;

private:
    void validate();

    QLineEdit *m_title;
    QPlainTextEdit *m_abstract;
    QLabel *m_count;
    QDialogButtonBox *m_buttons;
};

} // namespace Hallway
