// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

class QAbstractItemView;

namespace Hallway {

// Draws a ConversationsModel row as a chat app's list does: the person's initials in a circle
// of their own colour, their name and the time of the last message, the last message on one
// elided line, and the unread count in a badge.
class ConversationDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    // Where everything of one row goes; an empty badge rect: nothing unread.
    struct Layout {
        QRect avatar;
        QString initials;
        QColor avatarColour;
        QRect name;
        QString nameText; // elided to fit
        QRect time;
        QString timeText;
        QRect preview;
        QString previewText; // elided to fit
        QRect badge;
        QString badgeText;
    };

    using QStyledItemDelegate::QStyledItemDelegate;

    Layout layout(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // The same layout a view gives the row at index now (for tests).
    Layout layoutIn(const QAbstractItemView *view, const QModelIndex &index) const;

    // A colour of the person's own, the same on every screen: a hue from the user id.
    static QColor colourFor(qint64 userId);
    static QString initialsOf(const QString &name);
    // Today's messages show the time, this week's the day, older ones the date.
    static QString shortTime(const QDateTime &when, const QDateTime &now);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Hallway
