// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

class QDateTime;

namespace Hallway {

// Draws a fact: the author's name as a link (yours marked), how long ago it was posted, and
// the text wrapped below. A click on the name (or Enter on the row) asks to open the
// author's profile. Given its view as parent, it repaints it each minute so that "5 min ago"
// stays true; the full date and time are in the row's tooltip.
class FactDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit FactDelegate(bool showAuthor, QObject *parent = nullptr);

    // "just now", "5 min ago", "2 h ago", "yesterday 14:05", then the date and time.
    static QString relativeTime(const QDateTime &when, const QDateTime &now);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

    // Where the author's name is drawn in a row at rect.
    QRect nameRect(const QStyleOptionViewItem &option, const QModelIndex &index) const;

Q_SIGNALS:
    void authorClicked(qint64 userId);

private:
    QString header(const QModelIndex &index) const;

    bool m_showAuthor;
};

} // namespace Hallway
