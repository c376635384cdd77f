// SPDX-License-Identifier: MIT
#include "presencedelegate.h"
#include "presencemodel.h"

#include <QApplication>
#include <QPainter>

namespace Hallway {

namespace {
constexpr int DotSize = 10;
constexpr int Padding = 6;
} // namespace

void PresenceDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const bool away = index.data(PresenceModel::IsAwayRole).toBool();
    const bool known = index.data(PresenceModel::IsKnownRole).toBool();
    const bool self = index.data(PresenceModel::IsSelfRole).toBool();
    // Said in words as well as by the dot, and in the text colour: a pale grey name on
    // white was hard to read.
    if (self && away)
        opt.text = tr("%1 (you, away)").arg(opt.text);
    else if (self)
        opt.text = tr("%1 (you)").arg(opt.text);
    else if (away)
        opt.text = tr("%1 (away)").arg(opt.text);
    if (away || !known)
        opt.font.setItalic(true);
    opt.rect.adjust(DotSize + 2 * Padding, 0, 0, 0);

    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // Background across the whole row, then the text shifted right of the dot.
    QStyleOptionViewItem background = option;
    background.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    // Green here, amber away, grey while nobody can tell.
    painter->setBrush(!known         ? QColor(0xB0, 0xB0, 0xB0)
                              : away ? QColor(0xE0, 0xA0, 0x20)
                                     : QColor(0x2E, 0xB8, 0x4B));
    const QRect dot(option.rect.left() + Padding, option.rect.center().y() - DotSize / 2, DotSize,
                    DotSize);
    painter->drawEllipse(dot);
    painter->restore();
}

QSize PresenceDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += DotSize + 2 * Padding;
    size.setHeight(qMax(size.height(), DotSize + 2 * Padding));
    return size;
}

} // namespace Hallway
