// SPDX-License-Identifier: MIT
#include "charts.h"

#include <QEasingCurve>
#include <QHelpEvent>
#include <QPainter>
#include <QTextLayout>
#include <QToolTip>
#include <QVariantAnimation>
#include <algorithm>

namespace Hallway {

namespace {
constexpr int Gap = 6;
constexpr int GlideMs = 600; // long enough to see a tally move from the back of a room
} // namespace

BarChart::BarChart(QWidget *parent) : QWidget(parent), m_animation(new QVariantAnimation(this))
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_animation->setStartValue(0.0);
    m_animation->setEndValue(1.0);
    m_animation->setDuration(GlideMs);
    m_animation->setEasingCurve(QEasingCurve::OutCubic);
    connect(m_animation, &QVariantAnimation::valueChanged, this, [this](const QVariant &value) {
        const double progress = value.toDouble();
        for (qsizetype i = 0; i < m_shown.size(); ++i)
            m_shown[i] = m_from.value(i) + (m_bars.at(i).second - m_from.value(i)) * progress;
        update();
    });
}

void BarChart::setBars(const QList<std::pair<QString, qint64>> &bars)
{
    // A bar keeps its place in the glide by its label, wherever it moved in the ranking.
    QHash<QString, double> before;
    for (qsizetype i = 0; i < m_bars.size(); ++i)
        before.insert(m_bars.at(i).first, m_shown.value(i));
    m_bars = bars;
    m_from.clear();
    m_shown.clear();
    bool moved = false;
    for (const auto &[label, value] : bars) {
        const double from = m_animated ? before.value(label, 0.0) : double(value);
        moved = moved || from != double(value);
        m_from.append(from);
        m_shown.append(from);
    }
    m_animation->stop();
    if (moved)
        m_animation->start();
    QStringList described;
    for (const auto &[label, value] : bars)
        described.append(QStringLiteral("%1: %2").arg(label).arg(value));
    setAccessibleDescription(described.isEmpty() ? m_emptyText
                                                 : described.join(QStringLiteral(", ")));
    updateGeometry();
    update();
}

void BarChart::setEmptyText(const QString &text)
{
    m_emptyText = text;
    if (m_bars.isEmpty())
        setAccessibleDescription(text);
    update();
}

void BarChart::setLabelsAbove(bool above)
{
    m_labelsAbove = above;
    // Above, the rows are as many as fit: the chart takes the height it is given.
    setSizePolicy(QSizePolicy::Expanding, fitsRows() ? QSizePolicy::Preferred : QSizePolicy::Fixed);
    updateGeometry();
    update();
}

void BarChart::setFitRows(bool fit)
{
    m_fitRows = fit;
    setSizePolicy(QSizePolicy::Expanding, fitsRows() ? QSizePolicy::Preferred : QSizePolicy::Fixed);
    updateGeometry();
    update();
}

QStringList BarChart::labelLines(qsizetype row, int width) const
{
    const QString &text = m_bars.at(row).first;
    QTextLayout layout(text, font(), this);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    QStringList lines;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(std::max(1, width));
        if (lines.size() == 1) {
            // The second line takes the rest: "..." only past two full lines.
            lines.append(fontMetrics().elidedText(text.mid(line.textStart()).trimmed(),
                                                  Qt::ElideRight, width));
            break;
        }
        lines.append(text.mid(line.textStart(), line.textLength()).trimmed());
    }
    layout.endLayout();
    return lines;
}

int BarChart::rowHeight(qsizetype row) const
{
    return rowHeight(row, width());
}

int BarChart::rowHeight(qsizetype row, int width) const
{
    // Follows the font: the presenter view's type is large.
    const QFontMetrics metrics = fontMetrics();
    if (!m_labelsAbove)
        return metrics.height() + 8;
    const qsizetype wrapped = row < m_bars.size() ? labelLines(row, width).size() : 1;
    const int lines = static_cast<int>(std::max<qsizetype>(1, wrapped));
    return lines * metrics.lineSpacing() + 2 + metrics.height() + 8 + 10;
}

int BarChart::labelWidth() const
{
    if (m_labelsAbove)
        return width();
    const QFontMetrics metrics = fontMetrics();
    int widest = 0;
    for (const auto &bar : m_bars)
        widest = std::max(widest, metrics.horizontalAdvance(bar.first) + 2); // eliding rounds
    // Names get up to almost half the width; the rest is for the bars.
    return std::min(widest, width() * 9 / 20);
}

QString BarChart::shownLabel(qsizetype row) const
{
    if (row < 0 || row >= m_bars.size())
        return {};
    if (m_labelsAbove) {
        const QStringList lines = labelLines(row, labelWidth());
        const QString &text = m_bars.at(row).first;
        return lines.size() < 2 || !lines.last().endsWith(QChar(0x2026))
                ? text
                : lines.join(QLatin1Char(' '));
    }
    return fontMetrics().elidedText(m_bars.at(row).first, Qt::ElideRight, labelWidth());
}

QRect BarChart::rowRect(qsizetype row) const
{
    int top = 2;
    for (qsizetype i = 0; i < row; ++i)
        top += rowHeight(i);
    return {0, top, width(), rowHeight(row)};
}

qsizetype BarChart::shownRows() const
{
    if (!fitsRows())
        return m_bars.size();
    qsizetype rows = 0;
    while (rows < m_bars.size() && rowRect(rows).bottom() < height())
        ++rows;
    return rows;
}

int BarChart::heightForWidth(int width) const
{
    if (!m_labelsAbove || m_bars.isEmpty())
        return sizeHint().height();
    int height = 4;
    for (qsizetype i = 0; i < m_bars.size(); ++i)
        height += rowHeight(i, width);
    return height;
}

QSize BarChart::sizeHint() const
{
    const int wide = fontMetrics().averageCharWidth() * 30;
    if (m_labelsAbove && !m_bars.isEmpty())
        return {wide, heightForWidth(width() > 1 ? width() : wide)};
    const int rows = std::max<int>(1, static_cast<int>(m_bars.size()));
    return {wide, rows * rowHeight(0) + 4};
}

QSize BarChart::minimumSizeHint() const
{
    if (!fitsRows() || m_bars.isEmpty())
        return sizeHint();
    if (!m_labelsAbove)
        return {sizeHint().width(), rowHeight(0) + 4}; // the leading place
    // At least the leading row, however narrow the chart: two label lines and its bar.
    const QFontMetrics metrics = fontMetrics();
    return {metrics.averageCharWidth() * 10,
            2 * metrics.lineSpacing() + 2 + metrics.height() + 8 + 10 + 4};
}

bool BarChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        qsizetype row = 0;
        while (row < m_bars.size() && !rowRect(row).contains(help->pos()))
            ++row;
        if (row < m_bars.size()) {
            const auto &[label, value] = m_bars.at(row);
            QToolTip::showText(help->globalPos(), QStringLiteral("%1: %2").arg(label).arg(value),
                               this, rowRect(row));
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    if (event->type() == QEvent::Resize && m_labelsAbove)
        updateGeometry(); // the labels wrap anew: the height for this width changed
    return QWidget::event(event);
}

void BarChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &colors = palette();
    if (m_bars.isEmpty()) {
        painter.setPen(colors.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter, m_emptyText);
        return;
    }
    const QFontMetrics metrics = fontMetrics();
    const int labels = labelWidth();
    int valueWidth = 0;
    qint64 peak = 1;
    for (const auto &[label, value] : m_bars) {
        valueWidth = std::max(valueWidth, metrics.horizontalAdvance(QString::number(value)));
        peak = std::max(peak, value);
    }
    // Side by side: label | bar value. Above: the label's lines, then bar value.
    const int line = metrics.height();
    const int height = m_labelsAbove ? line + 8 : rowHeight(0);
    const int barLeft = m_labelsAbove ? 0 : labels + Gap;
    const int barSpace = std::max(10, width() - barLeft - valueWidth - 2 * Gap);
    const qsizetype rows = shownRows();
    for (qsizetype i = 0; i < rows; ++i) {
        QRect row = rowRect(i);
        painter.setPen(colors.color(QPalette::WindowText));
        if (m_labelsAbove) {
            for (const QString &text : labelLines(i, labels)) {
                painter.drawText(QRect(0, row.y(), labels, line), Qt::AlignLeft | Qt::AlignVCenter,
                                 text);
                row.translate(0, metrics.lineSpacing());
            }
            row.translate(0, 2);
        } else {
            painter.drawText(QRect(0, row.y(), labels, height), Qt::AlignRight | Qt::AlignVCenter,
                             shownLabel(i));
        }
        const double shown = m_shown.value(i);
        const QRectF bar(barLeft, row.y() + 3, std::max(2.0, barSpace * shown / peak), height - 6);
        painter.fillRect(bar, colors.color(QPalette::Highlight));
        painter.drawText(QRect(int(bar.right()) + Gap, row.y(), valueWidth + Gap, height),
                         Qt::AlignLeft | Qt::AlignVCenter, QString::number(qRound64(shown)));
    }
}

ColumnChart::ColumnChart(QWidget *parent) : QWidget(parent), m_emptyText(tr("No activity yet."))
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleDescription(m_emptyText);
}

void ColumnChart::setValues(const QList<qint64> &values)
{
    m_values = values;
    setAccessibleDescription(isEmpty() ? m_emptyText : peakText());
    update();
}

void ColumnChart::setLabels(const QString &left, const QString &right)
{
    m_leftLabel = left;
    m_rightLabel = right;
    update();
}

void ColumnChart::setEmptyText(const QString &text)
{
    m_emptyText = text;
    setAccessibleDescription(isEmpty() ? m_emptyText : peakText());
    update();
}

bool ColumnChart::isEmpty() const
{
    return std::all_of(m_values.cbegin(), m_values.cend(), [](qint64 value) { return value <= 0; });
}

QString ColumnChart::peakText() const
{
    if (isEmpty())
        return {};
    return tr("peak %1 a minute").arg(*std::max_element(m_values.cbegin(), m_values.cend()));
}

void ColumnChart::setPlotLines(int lines)
{
    m_plotLines = lines;
    // Sized in lines, it gives up a quarter of its height where the screen is short.
    setSizePolicy(QSizePolicy::Expanding, lines > 0 ? QSizePolicy::Preferred : QSizePolicy::Fixed);
    updateGeometry();
}

QSize ColumnChart::sizeHint() const
{
    const int plot = m_plotLines > 0 ? fontMetrics().height() * m_plotLines : 72;
    return {fontMetrics().averageCharWidth() * 40, fontMetrics().height() * 2 + plot};
}

QSize ColumnChart::minimumSizeHint() const
{
    // Presented, the plot keeps most of its height: it is what the room looks at.
    const int plot = m_plotLines > 0 ? fontMetrics().height() * m_plotLines * 3 / 4 : 52;
    return {fontMetrics().averageCharWidth() * 20, fontMetrics().height() * 2 + plot};
}

void ColumnChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette &colors = palette();
    const QFontMetrics metrics = fontMetrics();
    const int labelHeight = metrics.height() + 2;
    const QRect plot = rect().adjusted(0, labelHeight, 0, -labelHeight);

    painter.setPen(colors.color(QPalette::Mid));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    if (isEmpty()) {
        // No scale over nothing: "peak 1" above an empty plot read as data.
        painter.setPen(colors.color(QPalette::PlaceholderText));
        painter.drawText(plot, Qt::AlignCenter, m_emptyText);
        return;
    }
    const qint64 peak = *std::max_element(m_values.cbegin(), m_values.cend());
    const double slot = double(plot.width()) / m_values.size();
    for (qsizetype i = 0; i < m_values.size(); ++i) {
        const int height = static_cast<int>(plot.height() * m_values.at(i) / peak);
        if (height == 0)
            continue;
        const QRectF column(plot.left() + i * slot + 1, plot.bottom() - height,
                            std::max(1.0, slot - 2), height);
        painter.fillRect(column, colors.color(QPalette::Highlight));
    }
    painter.setPen(colors.color(QPalette::WindowText));
    painter.drawText(QRect(0, 0, width(), labelHeight), Qt::AlignLeft | Qt::AlignVCenter,
                     peakText());
    painter.setPen(colors.color(QPalette::PlaceholderText));
    const QRect bottom(0, height() - labelHeight, width(), labelHeight);
    painter.drawText(bottom, Qt::AlignLeft | Qt::AlignVCenter, m_leftLabel);
    painter.drawText(bottom, Qt::AlignRight | Qt::AlignVCenter, m_rightLabel);
}

} // namespace Hallway
