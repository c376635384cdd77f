// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QWidget>

namespace Hallway {

// Labelled horizontal bars, longest first as given: "Berlin ████████ 210".
class BarChart : public QWidget {
    Q_OBJECT
public:
    explicit BarChart(QWidget *parent = nullptr);

    void setBars(const QList<std::pair<QString, qint64>> &bars);
    const QList<std::pair<QString, qint64>> &bars() const { return m_bars; }
    void setEmptyText(const QString &text) { m_emptyText = text; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<std::pair<QString, qint64>> m_bars;
    QString m_emptyText;
};

// A column per time slot, oldest on the left, with the peak and the time span labelled.
class ColumnChart : public QWidget {
    Q_OBJECT
public:
    explicit ColumnChart(QWidget *parent = nullptr);

    void setValues(const QList<qint64> &values);
    const QList<qint64> &values() const { return m_values; }
    void setLabels(const QString &left, const QString &right);

    QSize sizeHint() const override { return {320, 110}; }
    QSize minimumSizeHint() const override { return {160, 90}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<qint64> m_values;
    QString m_leftLabel;
    QString m_rightLabel;
};

} // namespace Hallway
