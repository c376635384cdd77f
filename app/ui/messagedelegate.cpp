// SPDX-License-Identifier: MIT
#include "messagedelegate.h"
#include "appearance.h"
#include "chatmodel.h"

#include <QAbstractItemView>
#include <QAbstractTextDocumentLayout>
#include <QDateTime>
#include <QMouseEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QTextDocument>

namespace Hallway {

namespace {
constexpr int Margin = 8; // from the view's edges
constexpr int Padding = 7; // inside a bubble
constexpr int GroupGap = 8; // between runs of different senders
constexpr int InGroupGap = 2; // between messages of one run
constexpr int Radius = 10;
constexpr double BubbleShare = 0.72; // of the row's width, at most

QFont smallFont(const QFont &font)
{
    QFont small = font;
    if (font.pointSizeF() > 0)
        small.setPointSizeF(font.pointSizeF() * 0.85);
    else
        small.setPixelSize(qMax(8, font.pixelSize() * 85 / 100));
    return small;
}

QFont boldFont(const QFont &font)
{
    QFont bold = font;
    bold.setBold(true);
    return bold;
}

QColor mix(const QColor &a, const QColor &b, double share)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - share) + b.redF() * share),
                            static_cast<float>(a.greenF() * (1 - share) + b.greenF() * share),
                            static_cast<float>(a.blueF() * (1 - share) + b.blueF() * share));
}

// Plain text as HTML with every http(s) URL a link; whitespace and new lines kept.
QString linkified(const QString &text)
{
    static const QRegularExpression url(QStringLiteral(R"(https?://[^\s<>"]+)"),
                                        QRegularExpression::CaseInsensitiveOption);
    QString html;
    qsizetype from = 0;
    for (auto it = url.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        QString link = match.captured();
        // Punctuation that ends a sentence is not part of the address.
        while (!link.isEmpty() && QStringLiteral(".,;:!?)'").contains(link.back()))
            link.chop(1);
        html += text.mid(from, match.capturedStart() - from).toHtmlEscaped();
        html += QStringLiteral("<a href=\"%1\">%2</a>")
                        .arg(link.toHtmlEscaped(), link.toHtmlEscaped());
        from = match.capturedStart() + link.size();
    }
    html += text.mid(from).toHtmlEscaped();
    return QStringLiteral("<p style=\"white-space: pre-wrap\">%1</p>").arg(html);
}

QString stateMark(ChatModel::State state)
{
    switch (state) {
    case ChatModel::State::Sending:
        return QStringLiteral("\u25f7"); // a clock face
    case ChatModel::State::Sent:
        return QStringLiteral("\u2713");
    case ChatModel::State::Delivered:
        return QStringLiteral("\u2713\u2713");
    case ChatModel::State::Failed:
        return QStringLiteral("\u26a0"); // the tooltip says why
    case ChatModel::State::Read:
        // A word, not a third shade of ticks: it reads apart from delivered without colour.
        return MessageDelegate::tr("Read");
    }
    return {};
}
} // namespace

int MessageDelegate::rowWidth(const QStyleOptionViewItem &option) const
{
    // A list view asks for size hints with a rect that is not yet the row's: use the viewport.
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        return view->viewport()->width();
    return option.rect.width();
}

const MessageDelegate::Document &MessageDelegate::documentFor(const QStyleOptionViewItem &option,
                                                              const QModelIndex &index,
                                                              int maxWidth) const
{
    const bool fromMe = index.data(ChatModel::FromMeRole).toBool();
    const QColor link = fromMe ? option.palette.color(QPalette::HighlightedText)
                               : option.palette.color(QPalette::Link);
    const QString text = index.data(ChatModel::TextRole).toString();
    // Another font or width rewraps every message: what is kept is of no use any more.
    const QString font = option.font.key() + QLatin1Char('/') + QString::number(maxWidth);
    if (font != m_documentsFont) {
        m_documents.clear();
        m_documentsFont = font;
    }
    // The text and its colours say all a document holds: a message keeps its document when
    // it goes from sending (no id yet) to stored, and two alike share one.
    const QString key = link.name(QColor::HexArgb) + QLatin1Char('\n') + text;
    if (const Document *kept = m_documents.object(key))
        return *kept;
    auto *entry = new Document;
    QTextDocument &document = entry->document;
    document.setDocumentMargin(0);
    document.setDefaultFont(option.font);
    document.setDefaultStyleSheet(
            QStringLiteral("a { color: %1; text-decoration: underline; }").arg(link.name()));
    document.setHtml(linkified(text));
    document.setTextWidth(maxWidth);
    entry->width = qMin(maxWidth, static_cast<int>(std::ceil(document.idealWidth())));
    entry->height = static_cast<int>(std::ceil(document.size().height()));
    ++m_documentsLaidOut;
    m_documents.insert(key, entry);
    return *entry;
}

int MessageDelegate::maxTextWidth(const QStyleOptionViewItem &option) const
{
    return qMax(40, static_cast<int>(rowWidth(option) * BubbleShare) - 2 * Padding);
}

MessageDelegate::Layout MessageDelegate::layout(const QStyleOptionViewItem &option,
                                                const QModelIndex &index) const
{
    Layout layout;
    layout.fromMe = index.data(ChatModel::FromMeRole).toBool();
    const bool first = index.data(ChatModel::FirstInGroupRole).toBool();
    const int width = rowWidth(option);
    const QFontMetrics metrics(option.font);
    const QFontMetrics small(smallFont(option.font));
    int top = option.rect.top() + (first ? GroupGap : InGroupGap);

    layout.dayText = index.data(ChatModel::DayLabelRole).toString();
    if (!layout.dayText.isEmpty()) {
        layout.day = QRect(option.rect.left(), top, width, small.height() + 2 * Padding);
        top = layout.day.bottom() + 1 + GroupGap / 2;
    }
    if (index.data(ChatModel::FirstUnreadRole).toBool()) {
        layout.divider = QRect(option.rect.left(), top, width, small.height() + Padding);
        top = layout.divider.bottom() + 1 + GroupGap / 2;
    }
    // In a one-to-one chat, the bubble's side says who wrote it: only theirs carry the name.
    if (first && !layout.fromMe) {
        layout.nameText = index.data(ChatModel::SenderNameRole).toString();
        layout.name = QRect(option.rect.left() + Margin + Padding, top,
                            width - 2 * (Margin + Padding), metrics.height());
        top = layout.name.bottom() + 1 + InGroupGap;
    }

    const QDateTime when = index.data(ChatModel::TimeRole).toDateTime();
    layout.metaText = ChatModel::timeOfDay(when.time());
    if (layout.fromMe)
        layout.metaText += QLatin1Char(' ')
                + stateMark(static_cast<ChatModel::State>(
                        index.data(ChatModel::StateRole).toInt()));
    const Document &document = documentFor(option, index, maxTextWidth(option));
    const int textWidth = document.width;
    const int textHeight = document.height;
    const int metaWidth = small.horizontalAdvance(layout.metaText);
    const int bubbleWidth = qMax(textWidth, metaWidth) + 2 * Padding;
    const int bubbleHeight = textHeight + small.height() + 2 * Padding;
    const int left = layout.fromMe ? option.rect.left() + width - Margin - bubbleWidth
                                   : option.rect.left() + Margin;
    layout.bubble = QRect(left, top, bubbleWidth, bubbleHeight);
    layout.text = QRect(left + Padding, top + Padding, textWidth, textHeight);
    layout.meta = QRect(layout.bubble.right() - Padding - metaWidth, layout.text.bottom() + 1,
                        metaWidth, small.height());
    return layout;
}

QStyleOptionViewItem MessageDelegate::optionIn(const QAbstractItemView *view,
                                               const QModelIndex &index)
{
    QStyleOptionViewItem option;
    option.initFrom(view->viewport());
    option.font = view->font();
    option.widget = view;
    option.rect = view->visualRect(index);
    return option;
}

MessageDelegate::Layout MessageDelegate::layoutIn(const QAbstractItemView *view,
                                                  const QModelIndex &index) const
{
    return layout(optionIn(view, index), index);
}

QUrl MessageDelegate::linkIn(const QAbstractItemView *view, const QModelIndex &index,
                             const QPoint &pos) const
{
    return linkAt(optionIn(view, index), index, pos);
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem at = option;
    at.rect.moveTopLeft({0, 0});
    const Layout parts = layout(at, index);
    const bool last = index.data(ChatModel::LastInGroupRole).toBool();
    // A narrow width hint: the view never needs a horizontal scroll bar.
    return {Margin, parts.bubble.bottom() + 1 + (last ? InGroupGap : 0)};
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    const Layout parts = layout(option, index);
    const QPalette &palette = option.palette;
    const QColor dim = palette.color(QPalette::Disabled, QPalette::Text);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    if (!parts.day.isNull()) {
        // A centred pill, like a date in a chat app's timeline.
        const QFont font = boldFont(smallFont(option.font));
        const int textWidth = QFontMetrics(font).horizontalAdvance(parts.dayText);
        const QRect pill(parts.day.center().x() - textWidth / 2 - Padding * 2, parts.day.top(),
                         textWidth + Padding * 4, parts.day.height());
        painter->setPen(Qt::NoPen);
        painter->setBrush(mix(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.08));
        painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
        painter->setFont(font);
        painter->setPen(palette.color(QPalette::Text));
        painter->drawText(pill, Qt::AlignCenter, parts.dayText);
    }
    if (!parts.divider.isNull()) {
        const QString label = tr("New messages");
        const QFont font = boldFont(smallFont(option.font));
        const int textWidth = QFontMetrics(font).horizontalAdvance(label);
        const QColor accent = palette.color(QPalette::Highlight);
        const int y = parts.divider.center().y();
        const int centre = parts.divider.center().x();
        painter->setPen(QPen(accent, 1));
        painter->drawLine(parts.divider.left() + Margin, y, centre - textWidth / 2 - Padding, y);
        painter->drawLine(centre + textWidth / 2 + Padding, y, parts.divider.right() - Margin, y);
        painter->setFont(font);
        painter->drawText(parts.divider, Qt::AlignCenter, label);
    }
    if (!parts.name.isNull()) {
        painter->setFont(boldFont(option.font));
        painter->setPen(palette.color(QPalette::Link));
        painter->drawText(parts.name, Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(painter->font())
                                  .elidedText(parts.nameText, Qt::ElideRight, parts.name.width()));
    }

    const auto state = static_cast<ChatModel::State>(index.data(ChatModel::StateRole).toInt());
    QColor fill = parts.fromMe
            ? palette.color(QPalette::Highlight)
            : mix(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.09);
    QColor text =
            parts.fromMe ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::Text);
    if (parts.fromMe && state == ChatModel::State::Failed)
        fill = mix(fill, Appearance::errorColor(palette), 0.6);
    if (parts.fromMe && state == ChatModel::State::Sending)
        fill = mix(fill, palette.color(QPalette::Base), 0.35);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(parts.bubble, Radius, Radius);
    if (option.state & QStyle::State_HasFocus) {
        // As HallwayStyle rings every focused control: 2 px of the highlight, here with a
        // 1 px gap so that it stands apart from a bubble of the same colour.
        painter->setPen(QPen(palette.color(QPalette::Active, QPalette::Highlight), 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(parts.bubble).adjusted(-3, -3, 3, 3), Radius + 3,
                                 Radius + 3);
    }

    // Laid out at the widest a bubble may be; left-aligned, it draws the same in this one.
    const QTextDocument &document = documentFor(option, index, maxTextWidth(option)).document;
    painter->translate(parts.text.topLeft());
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, text);
    context.clip = QRectF(0, 0, parts.text.width(), parts.text.height());
    document.documentLayout()->draw(painter, context);
    painter->translate(-parts.text.topLeft());

    painter->setFont(smallFont(option.font));
    // Read stands out at the text's full strength; the other marks stay muted.
    const bool read = parts.fromMe && state == ChatModel::State::Read;
    painter->setPen(read ? text : parts.fromMe ? mix(text, fill, 0.25) : dim);
    painter->drawText(parts.meta, Qt::AlignRight | Qt::AlignVCenter, parts.metaText);
    painter->restore();
}

QUrl MessageDelegate::linkAt(const QStyleOptionViewItem &option, const QModelIndex &index,
                             const QPoint &pos) const
{
    const Layout parts = layout(option, index);
    if (!parts.text.contains(pos))
        return {};
    const QTextDocument &document = documentFor(option, index, maxTextWidth(option)).document;
    const QUrl url(document.documentLayout()->anchorAt(pos - parts.text.topLeft()));
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("http") || scheme == QLatin1String("https") ? url : QUrl();
}

bool MessageDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                  const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton) {
            if (const QUrl url = linkAt(option, index, mouse->position().toPoint());
                url.isValid()) {
                Q_EMIT linkActivated(url);
                return true;
            }
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

} // namespace Hallway
