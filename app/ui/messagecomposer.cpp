// SPDX-License-Identifier: MIT
#include "messagecomposer.h"

#include <QKeyEvent>
#include <QScrollBar>
#include <QTextBlock>

#include <cmath>

namespace Hallway {

namespace {
constexpr int MaxVisibleLines = 5; // then it scrolls: the conversation stays in view
} // namespace

MessageComposer::MessageComposer(QWidget *parent) : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(this, &QPlainTextEdit::textChanged, this, [this]() {
        if (m_maxLength > 0 && document()->characterCount() - 1 > m_maxLength) {
            // Pasted past the limit: keep what fits, as QLineEdit's maxLength does.
            QTextCursor cursor(document());
            cursor.setPosition(m_maxLength);
            cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
            cursor.removeSelectedText();
        }
        setFixedHeight(sizeHint().height());
        // A scroll bar only once it stops growing.
        setVerticalScrollBarPolicy(lineCount() >= MaxVisibleLines ? Qt::ScrollBarAsNeeded
                                                                  : Qt::ScrollBarAlwaysOff);
        updateGeometry();
    });
    setFixedHeight(sizeHint().height());
}

int MessageComposer::heightForLines(int lines) const
{
    const QMargins margins = contentsMargins(); // the frame
    return lines * fontMetrics().lineSpacing()
            + static_cast<int>(std::ceil(2 * document()->documentMargin())) + margins.top()
            + margins.bottom() + 2;
}

QSize MessageComposer::sizeHint() const
{
    return {QPlainTextEdit::sizeHint().width(),
            heightForLines(qBound(1, lineCount(), MaxVisibleLines))};
}

int MessageComposer::lineCount() const
{
    // Wrapped lines count too: each block knows how many lines its layout has.
    int lines = 0;
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next())
        lines += qMax(1, block.layout() ? block.layout()->lineCount() : 1);
    return lines;
}

QSize MessageComposer::minimumSizeHint() const
{
    return {QPlainTextEdit::minimumSizeHint().width(), heightForLines(1)};
}

void MessageComposer::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        event->accept();
        Q_EMIT submitted();
        return;
    }
    if (enter) {
        // Shift+Enter: a new paragraph, not the line separator QPlainTextEdit would insert.
        textCursor().insertBlock();
        ensureCursorVisible();
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace Hallway
