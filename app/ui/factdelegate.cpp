// SPDX-License-Identifier: MIT
#include "factdelegate.h"
#include "factfeedmodel.h"

#include <QApplication>
#include <QDateTime>
#include <QMouseEvent>
#include <QPainter>

namespace Hallway {

namespace {
constexpr int Margin = 6;
constexpr int Spacing = 2;

QFont boldFont(const QFont &font)
{
    QFont bold = font;
    bold.setBold(true);
    return bold;
}
} // namespace

FactDelegate::FactDelegate(bool showAuthor, QObject *parent)
    : QStyledItemDelegate(parent), m_showAuthor(showAuthor)
{
}

QString FactDelegate::header(const QModelIndex &index) const
{
    if (index.data(FactFeedModel::PendingRole).toBool())
        return tr("Sending... (goes out when connected)");
    const QDateTime when = index.data(FactFeedModel::CreatedAtRole).toDateTime();
    const QDateTime now = QDateTime::currentDateTime();
    const QString time = when.date() == now.date()
            ? QLocale().toString(when.time(), QLocale::ShortFormat)
            : QLocale().toString(when, QLocale::ShortFormat);
    return time;
}

QRect FactDelegate::nameRect(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!m_showAuthor)
        return {};
    const QFontMetrics metrics(boldFont(option.font));
    const QString name = index.data(FactFeedModel::AuthorDisplayNameRole).toString();
    return {option.rect.left() + Margin, option.rect.top() + Margin,
            metrics.horizontalAdvance(name), metrics.height()};
}

void FactDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                         const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &palette = option.palette;
    const QRect content = option.rect.adjusted(Margin, Margin, -Margin, -Margin);
    int top = content.top();
    const QFontMetrics metrics(option.font);
    if (m_showAuthor) {
        const QRect name = nameRect(option, index);
        painter->setFont(boldFont(option.font));
        painter->setPen(selected ? palette.color(QPalette::HighlightedText)
                                 : palette.color(QPalette::Link));
        painter->drawText(name, Qt::AlignLeft | Qt::AlignVCenter,
                          index.data(FactFeedModel::AuthorDisplayNameRole).toString());
        painter->setFont(option.font);
        painter->setPen(selected ? palette.color(QPalette::HighlightedText)
                                 : palette.color(QPalette::Disabled, QPalette::Text));
        painter->drawText(
                QRect(name.right() + 2 * Margin, name.top(), content.width(), name.height()),
                Qt::AlignLeft | Qt::AlignVCenter, header(index));
        top = name.bottom() + Spacing;
    } else {
        painter->setPen(palette.color(QPalette::Disabled, QPalette::Text));
        painter->drawText(QRect(content.left(), top, content.width(), metrics.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, header(index));
        top += metrics.height() + Spacing;
    }
    const bool pending = index.data(FactFeedModel::PendingRole).toBool();
    painter->setPen(selected ? palette.color(QPalette::HighlightedText)
                             : palette.color(pending ? QPalette::Disabled : QPalette::Normal,
                                             QPalette::Text));
    painter->drawText(QRect(content.left(), top, content.width(), content.bottom() - top + 1),
                      Qt::TextWordWrap, index.data(FactFeedModel::TextRole).toString());
    painter->restore();
}

QSize FactDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = qMax(
            100, (option.widget ? option.widget->width() : option.rect.width()) - 2 * Margin - 24);
    const QFontMetrics metrics(option.font);
    const QRect text = metrics.boundingRect(QRect(0, 0, width, 10'000), Qt::TextWordWrap,
                                            index.data(FactFeedModel::TextRole).toString());
    const int headerHeight = QFontMetrics(boldFont(option.font)).height();
    return {width, Margin + headerHeight + Spacing + text.height() + Margin};
}

bool FactDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                               const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (m_showAuthor && event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton
            && nameRect(option, index).contains(mouse->position().toPoint())) {
            Q_EMIT authorClicked(index.data(FactFeedModel::AuthorIdRole).toLongLong());
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace Hallway
