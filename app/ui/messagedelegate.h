// SPDX-License-Identifier: MIT
#pragma once

#include <QCache>
#include <QStyledItemDelegate>
#include <QTextDocument>

class QAbstractItemView;
class QTextDocument;

namespace Hallway {

// Draws a ChatModel row as a chat app does: a bubble, yours on the right in the accent
// colour and theirs on the left; the sender's name only where a run of their messages
// begins; the time and (on yours) sending / sent / delivered / read in the corner; a day separator
// and the "New messages" divider above the rows that start them. Web links in a message are
// underlined and open on click (linkActivated).
class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    // Where everything of one row goes; an empty rect means the row has no such part.
    struct Layout {
        QRect day;
        QString dayText;
        QRect divider;
        QRect name;
        QString nameText;
        QRect bubble;
        QRect text; // the message, laid out by a text document of that width
        QRect meta;
        QString metaText; // time and state mark
        bool fromMe = false;
    };

    using QStyledItemDelegate::QStyledItemDelegate;

    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // The same layout a view gives the row at index now (for hit tests and for tests).
    Layout layoutIn(const QAbstractItemView *view, const QModelIndex &index) const;
    // The http(s) link under pos (viewport coordinates), if any.
    QUrl linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                const QPoint &pos) const;
    QUrl linkIn(const QAbstractItemView *view, const QModelIndex &index, const QPoint &pos) const;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

Q_SIGNALS:
    void linkActivated(const QUrl &url);

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

public:
    // How many message documents were laid out so far (each costs a rich-text layout).
    int documentsLaidOut() const { return m_documentsLaidOut; }

private:
    // The message as rich text (escaped, links marked up) laid out at the width the bubble
    // allows; kept per message, text, width, font and colours so that painting, hovering and
    // size hints do not lay it out again.
    struct Document {
        QTextDocument document;
        int width = 0; // ideal, at most the width it was laid out at
        int height = 0;
    };
    const Document &documentFor(const QStyleOptionViewItem &option, const QModelIndex &index,
                                int maxWidth) const;
    int rowWidth(const QStyleOptionViewItem &option) const;
    int maxTextWidth(const QStyleOptionViewItem &option) const;
    static QStyleOptionViewItem optionIn(const QAbstractItemView *view, const QModelIndex &index);

    mutable QCache<QString, Document> m_documents{DocumentCacheSize};
    mutable QString m_documentsFont; // the font they were laid out in; another clears them
    mutable int m_documentsLaidOut = 0;
    static constexpr int DocumentCacheSize = 400; // messages; a few screens' worth
};

} // namespace Hallway
