// SPDX-License-Identifier: MIT
#include "charts.h"

#include <QPainter>
#include <algorithm>

namespace Hallway {

namespace {
constexpr int RowHeight = 20;
constexpr int Gap = 6;
} // namespace

BarChart::BarChart(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void BarChart::setBars(const QList<std::pair<QString, qint64>> &bars)
{
    m_bars = bars;
    QStringList described;
    for (const auto &[label, value] : bars)
        described.append(QStringLiteral("%1: %2").arg(label).arg(value));
    setAccessibleDescription(described.join(QStringLiteral(", ")));
    updateGeometry();
    update();
}

QSize BarChart::sizeHint() const
{
    const int rows = std::max<int>(1, static_cast<int>(m_bars.size()));
    return {240, rows * RowHeight + 4};
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
    int labelWidth = 0;
    int valueWidth = 0;
    qint64 peak = 1;
    for (const auto &[label, value] : m_bars) {
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(label));
        valueWidth = std::max(valueWidth, metrics.horizontalAdvance(QString::number(value)));
        peak = std::max(peak, value);
    }
    labelWidth = std::min(labelWidth, width() / 3);
    const int barLeft = labelWidth + Gap;
    const int barSpace = std::max(10, width() - barLeft - valueWidth - Gap);
    int y = 2;
    for (const auto &[label, value] : m_bars) {
        const QRect labelRect(0, y, labelWidth, RowHeight);
        painter.setPen(colors.color(QPalette::WindowText));
        painter.drawText(labelRect, Qt::AlignRight | Qt::AlignVCenter,
                         metrics.elidedText(label, Qt::ElideRight, labelWidth));
        const int length = static_cast<int>(barSpace * value / peak);
        const QRect bar(barLeft, y + 3, std::max(2, length), RowHeight - 6);
        painter.fillRect(bar, colors.color(QPalette::Highlight));
        painter.drawText(QRect(bar.right() + Gap, y, valueWidth + Gap, RowHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, QString::number(value));
        y += RowHeight;
    }
}

ColumnChart::ColumnChart(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ColumnChart::setValues(const QList<qint64> &values)
{
    m_values = values;
    update();
}

void ColumnChart::setLabels(const QString &left, const QString &right)
{
    m_leftLabel = left;
    m_rightLabel = right;
    update();
}

void ColumnChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette &colors = palette();
    const QFontMetrics metrics = fontMetrics();
    const int labelHeight = metrics.height() + 2;
    const QRect plot = rect().adjusted(0, labelHeight, 0, -labelHeight);
    const qint64 peak = std::max<qint64>(
            1, m_values.isEmpty() ? 1 : *std::max_element(m_values.cbegin(), m_values.cend()));

    painter.setPen(colors.color(QPalette::Mid));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    if (!m_values.isEmpty()) {
        const double slot = double(plot.width()) / m_values.size();
        for (qsizetype i = 0; i < m_values.size(); ++i) {
            const int height = static_cast<int>(plot.height() * m_values.at(i) / peak);
            if (height == 0)
                continue;
            const QRectF column(plot.left() + i * slot + 1, plot.bottom() - height,
                                std::max(1.0, slot - 2), height);
            painter.fillRect(column, colors.color(QPalette::Highlight));
        }
    }
    painter.setPen(colors.color(QPalette::WindowText));
    painter.drawText(QRect(0, 0, width(), labelHeight), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("peak %1").arg(peak));
    painter.setPen(colors.color(QPalette::PlaceholderText));
    const QRect bottom(0, height() - labelHeight, width(), labelHeight);
    painter.drawText(bottom, Qt::AlignLeft | Qt::AlignVCenter, m_leftLabel);
    painter.drawText(bottom, Qt::AlignRight | Qt::AlignVCenter, m_rightLabel);
}

} // namespace Hallway
