// SPDX-License-Identifier: MIT
#include "conversationdelegate.h"
#include "chatmodel.h"
#include "conversationsmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>

namespace Hallway {

namespace {
constexpr int Margin = 8;
constexpr int Spacing = 8;
constexpr int LineGap = 2;

QFont boldFont(const QFont &font)
{
    QFont bold = font;
    bold.setBold(true);
    return bold;
}
} // namespace

QColor ConversationDelegate::colourFor(qint64 userId)
{
    // The golden angle spreads neighbouring ids far apart on the colour wheel; the lightness
    // keeps white initials readable on every hue.
    const int hue = static_cast<int>((userId * 137) % 360);
    return QColor::fromHsl(hue, 140, 95);
}

QString ConversationDelegate::initialsOf(const QString &name)
{
    QString initials;
    const QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        initials += word.front().toUpper();
        if (initials.size() == 2)
            break;
    }
    return initials.isEmpty() ? QStringLiteral("?") : initials;
}

QString ConversationDelegate::shortTime(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid() || when.toMSecsSinceEpoch() <= 0)
        return {};
    const QDate day = when.date();
    if (day == now.date())
        return ChatModel::timeOfDay(when.time());
    if (day.daysTo(now.date()) < 7)
        return QLocale().dayName(day.dayOfWeek(), QLocale::ShortFormat);
    return QLocale().toString(day, QLocale::ShortFormat);
}

ConversationDelegate::Layout ConversationDelegate::layout(const QStyleOptionViewItem &option,
                                                          const QModelIndex &index) const
{
    Layout layout;
    const QFontMetrics metrics(option.font);
    const QFontMetrics bold(boldFont(option.font));
    const QRect content = option.rect.adjusted(Margin, Margin, -Margin, -Margin);
    const int diameter = bold.height() + LineGap + metrics.height();
    layout.avatar = QRect(content.left(), content.top(), diameter, diameter);
    const QString name = index.data(ConversationsModel::PeerNameRole).toString();
    layout.initials = initialsOf(name);
    layout.avatarColour = colourFor(index.data(ConversationsModel::PeerIdRole).toLongLong());

    const int left = layout.avatar.right() + 1 + Spacing;
    const int right = content.right();
    layout.timeText = shortTime(index.data(ConversationsModel::LastTimeRole).toDateTime(),
                                QDateTime::currentDateTime());
    const int timeWidth = metrics.horizontalAdvance(layout.timeText);
    layout.time = QRect(right - timeWidth + 1, content.top(), timeWidth, bold.height());
    layout.name =
            QRect(left, content.top(), qMax(0, layout.time.left() - Spacing - left), bold.height());
    layout.nameText = bold.elidedText(name, Qt::ElideRight, layout.name.width());

    const qint64 unread = index.data(ConversationsModel::UnreadRole).toLongLong();
    const int lineTop = layout.name.bottom() + 1 + LineGap;
    int previewRight = right;
    if (unread > 0) {
        layout.badgeText = unread > 99 ? tr("99+", "more than 99 unread messages")
                                       : QLocale().toString(unread);
        const int badgeWidth = qMax(
                metrics.height(), bold.horizontalAdvance(layout.badgeText) + metrics.height() / 2);
        layout.badge = QRect(right - badgeWidth + 1, lineTop, badgeWidth, metrics.height());
        previewRight = layout.badge.left() - Spacing;
    }
    layout.preview = QRect(left, lineTop, qMax(0, previewRight - left + 1), metrics.height());
    QString last = index.data(ConversationsModel::LastTextRole).toString().simplified();
    if (index.data(ConversationsModel::LastFromMeRole).toBool())
        last = tr("You: %1").arg(last);
    layout.previewText = metrics.elidedText(last, Qt::ElideRight, layout.preview.width());
    return layout;
}

ConversationDelegate::Layout ConversationDelegate::layoutIn(const QAbstractItemView *view,
                                                            const QModelIndex &index) const
{
    QStyleOptionViewItem option;
    option.initFrom(view->viewport());
    option.font = view->font();
    option.widget = view;
    option.rect = view->visualRect(index);
    return layout(option, index);
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int height = QFontMetrics(boldFont(option.font)).height() + LineGap
            + QFontMetrics(option.font).height() + 2 * Margin;
    // As narrow as the avatar: names elide instead of asking for a horizontal scroll bar.
    return {height, height};
}

void ConversationDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    // The style draws the background: selection, hover and the focus ring.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    background.icon = {};
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const Layout parts = layout(option, index);
    const QPalette &palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor dim = selected ? text : palette.color(QPalette::Disabled, QPalette::Text);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    painter->setPen(Qt::NoPen);
    painter->setBrush(parts.avatarColour);
    painter->drawEllipse(parts.avatar);
    painter->setFont(boldFont(option.font));
    painter->setPen(Qt::white);
    painter->drawText(parts.avatar, Qt::AlignCenter, parts.initials);

    painter->setPen(text);
    painter->drawText(parts.name, Qt::AlignLeft | Qt::AlignVCenter, parts.nameText);
    painter->setFont(option.font);
    painter->setPen(parts.badge.isNull() ? dim : palette.color(QPalette::Link));
    if (selected)
        painter->setPen(text);
    painter->drawText(parts.time, Qt::AlignRight | Qt::AlignVCenter, parts.timeText);
    painter->setPen(dim);
    painter->drawText(parts.preview, Qt::AlignLeft | Qt::AlignVCenter, parts.previewText);

    if (!parts.badge.isNull()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(selected ? palette.color(QPalette::HighlightedText)
                                   : palette.color(QPalette::Highlight));
        painter->drawRoundedRect(parts.badge, parts.badge.height() / 2.0,
                                 parts.badge.height() / 2.0);
        painter->setFont(boldFont(option.font));
        painter->setPen(selected ? palette.color(QPalette::Highlight)
                                 : palette.color(QPalette::HighlightedText));
        painter->drawText(parts.badge, Qt::AlignCenter, parts.badgeText);
    }
    painter->restore();
}

} // namespace Hallway
