// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace Hallway {

// Draws a who's-online row: a state dot (green online, amber away), the display name, and
// "(you)" on your own row, "(away)" on those away (in italics, as all are while unknown).
class PresenceDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Hallway
