// SPDX-License-Identifier: MIT
#include "talkdelegate.h"
#include "talksmodel.h"

#include <QApplication>
#include <QPainter>

namespace Hallway {

namespace {
constexpr int Margin = 6;
constexpr int BarHeight = 8;
constexpr int CountWidth = 56;
} // namespace

TalkDelegate::TalkDelegate(const TalksModel *talks, QObject *parent)
    : QStyledItemDelegate(parent), m_talks(talks)
{
}

void TalkDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
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
    const QColor text =
            selected ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Text);
    const QRect content = option.rect.adjusted(Margin, Margin, -Margin, -Margin);
    const QFontMetrics metrics(option.font);
    const qint64 votes = index.data(TalksModel::VotesRole).toLongLong();
    const bool voted = index.data(TalksModel::VotedByMeRole).toBool();
    const bool proposalPending = index.data(TalksModel::PendingRole).toBool();
    const bool votePending = index.data(TalksModel::VotePendingRole).toBool();

    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(text);
    const QRect titleRect(content.left(), content.top(), content.width() - CountWidth,
                          metrics.height());
    const QString marker = voted ? QStringLiteral("\u2713 ") : QString();
    painter->drawText(
            titleRect, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(bold).elidedText(marker + index.data(TalksModel::TitleRole).toString(),
                                          Qt::ElideRight, titleRect.width()));
    painter->setFont(option.font);
    // A vote on its way: the count may still change.
    painter->drawText(
            QRect(content.right() - CountWidth, content.top(), CountWidth, metrics.height()),
            Qt::AlignRight | Qt::AlignVCenter,
            votePending ? QStringLiteral("%1 \u2026").arg(votes) : QString::number(votes));

    // The speaker in the text colour: the disabled grey was too faint to read.
    painter->setPen(text);
    painter->drawText(
            QRect(content.left(), titleRect.bottom() + 2, content.width(), metrics.height()),
            Qt::AlignLeft | Qt::AlignVCenter,
            proposalPending ? tr("by %1 - sending... (goes out when connected)")
                                      .arg(index.data(TalksModel::SpeakerNameRole).toString())
                            : tr("by %1").arg(index.data(TalksModel::SpeakerNameRole).toString()));

    // The bar: this talk's share of the most-voted talk's votes.
    const QRect track(content.left(), content.bottom() - BarHeight + 1, content.width(), BarHeight);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    // The track and bar in the palette's own colours (high contrast included); one colour
    // for every bar, so there is no code to learn: the check mark says which are yours.
    QColor trackColour = text;
    trackColour.setAlpha(40);
    painter->setBrush(trackColour);
    painter->drawRoundedRect(track, 3, 3);
    const qint64 most = qMax<qint64>(1, m_talks->maxVotes());
    QRect bar = track;
    bar.setWidth(static_cast<int>(track.width() * votes / most));
    painter->setBrush(selected ? palette.color(QPalette::HighlightedText)
                               : palette.color(QPalette::Highlight));
    if (bar.width() > 0)
        painter->drawRoundedRect(bar, 3, 3);
    painter->restore();
}

QSize TalkDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int line = QFontMetrics(option.font).height();
    return {200, Margin + line + 2 + line + 4 + BarHeight + Margin};
}

} // namespace Hallway
