// SPDX-License-Identifier: MIT
#pragma once

#include <QPlainTextEdit>

namespace Hallway {

// Where a chat message is written: Enter sends it (submitted), Shift+Enter starts a new line,
// Tab moves on. It grows with the text up to a few lines, then scrolls.
class MessageComposer : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit MessageComposer(QWidget *parent = nullptr);

    QString text() const { return toPlainText(); }
    void setMaxLength(int characters) { m_maxLength = characters; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void submitted();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    int heightForLines(int lines) const;
    int lineCount() const;

    int m_maxLength = 0;
};

} // namespace Hallway
