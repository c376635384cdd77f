// SPDX-License-Identifier: MIT
#include "factdelegate.h"
#include "factfeedmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>

namespace Hallway {

namespace {
constexpr int Margin = 6;
constexpr int Spacing = 2;
constexpr int StripeWidth = 3; // the accent on your own facts
constexpr int BadgePadding = 4;
// Relative times move on by the minute; so does the view.
constexpr int RefreshMs = 60'000;

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
    if (auto *view = qobject_cast<QAbstractItemView *>(parent)) {
        auto *refresh = new QTimer(this);
        refresh->setInterval(RefreshMs);
        connect(refresh, &QTimer::timeout, view, [view]() { view->viewport()->update(); });
        refresh->start();
    }
}

QString FactDelegate::relativeTime(const QDateTime &when, const QDateTime &now)
{
    const qint64 seconds = when.secsTo(now);
    if (seconds < 60) // a clock a little ahead of ours says "just now" too
        return tr("just now");
    if (seconds < 3600)
        return tr("%n min ago", nullptr, static_cast<int>(seconds / 60));
    const QDate day = when.toLocalTime().date();
    const QDate today = now.toLocalTime().date();
    const QString time = QLocale().toString(when.toLocalTime().time(), QLocale::ShortFormat);
    if (day == today)
        return tr("%n h ago", nullptr, static_cast<int>(seconds / 3600));
    if (day == today.addDays(-1))
        return tr("yesterday %1").arg(time);
    return QLocale().toString(when.toLocalTime(), QLocale::ShortFormat);
}

QString FactDelegate::header(const QModelIndex &index) const
{
    if (index.data(FactFeedModel::PendingRole).toBool())
        return tr("Sending... (goes out when connected)");
    return relativeTime(index.data(FactFeedModel::CreatedAtRole).toDateTime(),
                        QDateTime::currentDateTime());
}

QRect FactDelegate::nameRect(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!m_showAuthor)
        return {};
    const QFontMetrics metrics(boldFont(option.font));
    const QString name = index.data(FactFeedModel::AuthorDisplayNameRole).toString();
    return {option.rect.left() + Margin + StripeWidth, option.rect.top() + Margin,
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
    const QRect content = option.rect.adjusted(Margin + StripeWidth, Margin, -Margin, -Margin);
    int top = content.top();
    const QFontMetrics metrics(option.font);
    if (m_showAuthor) {
        const bool own = index.data(FactFeedModel::IsOwnRole).toBool();
        // Yours at a glance in a busy feed: an accent down the left edge and a "You" badge.
        if (own)
            painter->fillRect(
                    QRect(option.rect.left() + 1, option.rect.top() + Margin / 2, StripeWidth,
                          option.rect.height() - Margin),
                    palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight));
        const QRect name = nameRect(option, index);
        painter->setFont(boldFont(option.font));
        painter->setPen(selected ? palette.color(QPalette::HighlightedText)
                                 : palette.color(QPalette::Link));
        painter->drawText(name, Qt::AlignLeft | Qt::AlignVCenter,
                          index.data(FactFeedModel::AuthorDisplayNameRole).toString());
        int after = name.right() + 2 * Margin;
        painter->setFont(option.font);
        if (own) {
            const QString you = tr("You");
            const QRect badge(after, name.top(), metrics.horizontalAdvance(you) + 2 * BadgePadding,
                              name.height());
            painter->setRenderHint(QPainter::Antialiasing);
            painter->setPen(Qt::NoPen);
            // On a selected row (all Highlight) the badge turns inside out to stay visible.
            painter->setBrush(
                    palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight));
            painter->drawRoundedRect(badge, 4, 4);
            painter->setPen(
                    palette.color(selected ? QPalette::Highlight : QPalette::HighlightedText));
            painter->drawText(badge, Qt::AlignCenter, you);
            after = badge.right() + Margin;
        }
        painter->setPen(selected ? palette.color(QPalette::HighlightedText)
                                 : palette.color(QPalette::Disabled, QPalette::Text));
        painter->drawText(QRect(after, name.top(), content.right() - after, name.height()),
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
