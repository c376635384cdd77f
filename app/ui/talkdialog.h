// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Hallway {

// Proposes a lightning talk, or edits yours: a title and an abstract, with their limits.
// Propose (or Save) is the default button: Enter in the title and Ctrl+Enter anywhere send
// it, and Enter on a focused Cancel does not throw the text away.
class TalkDialog : public QDialog {
    Q_OBJECT
public:
    explicit TalkDialog(QWidget *parent = nullptr);

    void setTalk(const QString &title, const QString &abstract);
    QString title() const;
    QString abstract() const;

private:
    void validate();
    void submit();

    QLineEdit *m_title;
    QPlainTextEdit *m_abstract;
    QLabel *m_count;
    QDialogButtonBox *m_buttons;
};

} // namespace Hallway
