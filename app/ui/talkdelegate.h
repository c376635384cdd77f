// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace Hallway {

class TalksModel;

// Draws a talk: title and speaker, the tally as a bar against the most-voted talk (one
// colour for all), the count, and a check mark on the talks you voted for.
class TalkDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    TalkDelegate(const TalksModel *talks, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    const TalksModel *m_talks;
};

} // namespace Hallway
