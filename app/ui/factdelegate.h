// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace Hallway {

// Draws a fact: the author's name as a link, the time, and the text wrapped below. A click
// on the name (or Enter on the row) asks to open the author's profile.
class FactDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit FactDelegate(bool showAuthor, QObject *parent = nullptr);

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
