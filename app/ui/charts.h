// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QWidget>

class QVariantAnimation;

namespace Hallway {

// Labelled horizontal bars, longest first as given: "Berlin ████████ 210". A label too long
// for its column is elided; its tooltip gives it in full. Animated, a bar glides from its old
// length to its new one (the presenter view's tallies).
class BarChart : public QWidget {
    Q_OBJECT
public:
    explicit BarChart(QWidget *parent = nullptr);

    void setBars(const QList<std::pair<QString, qint64>> &bars);
    const QList<std::pair<QString, qint64>> &bars() const { return m_bars; }
    void setEmptyText(const QString &text);
    void setAnimated(bool animated) { m_animated = animated; }
    // Each label above its bar, as wide as the chart, wrapped to two lines (long titles on a
    // projector). The chart then shows as many whole rows as fit its height, never half a row.
    void setLabelsAbove(bool above);
    // Shows as many whole rows as fit the height it is given (always so with labels above).
    void setFitRows(bool fit);

    // As drawn now: the value a bar shows mid-animation, its label as elided to fit.
    double shownValue(qsizetype row) const { return m_shown.value(row); }
    QString shownLabel(qsizetype row) const;
    QRect rowRect(qsizetype row) const;
    // The rows drawn: all of them, or with labels above those that fit the height.
    qsizetype shownRows() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return m_labelsAbove; }
    bool fitsRows() const { return m_fitRows || m_labelsAbove; }
    int heightForWidth(int width) const override;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    int rowHeight(qsizetype row) const;
    int rowHeight(qsizetype row, int width) const;
    int labelWidth() const;
    // A label above its bar: up to two lines at that width, the second elided.
    QStringList labelLines(qsizetype row, int width) const;

    QList<std::pair<QString, qint64>> m_bars;
    QList<double> m_shown;
    QList<double> m_from;
    QString m_emptyText;
    bool m_animated = false;
    bool m_labelsAbove = false;
    bool m_fitRows = false;
    QVariantAnimation *m_animation;
};

// A column per time slot, oldest on the left, with the peak and the time span labelled.
// Until a slot has a value it says so instead of drawing an empty plot.
class ColumnChart : public QWidget {
    Q_OBJECT
public:
    explicit ColumnChart(QWidget *parent = nullptr);

    void setValues(const QList<qint64> &values);
    const QList<qint64> &values() const { return m_values; }
    void setLabels(const QString &left, const QString &right);
    void setEmptyText(const QString &text);
    bool isEmpty() const; // nothing to draw: the empty text shows
    QString emptyText() const { return m_emptyText; }
    QString peakText() const; // "peak 7 a minute"; empty when there is no data
    // The plot's height in lines of text (the presenter view's chart follows its large type);
    // 0 keeps the compact height of a panel.
    void setPlotLines(int lines);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<qint64> m_values;
    QString m_leftLabel;
    QString m_rightLabel;
    QString m_emptyText;
    int m_plotLines = 0;
};

} // namespace Hallway
