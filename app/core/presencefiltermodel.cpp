// SPDX-License-Identifier: MIT
#include "presencefiltermodel.h"
#include "presencemodel.h"

namespace Hallway {

PresenceFilterModel::PresenceFilterModel(PresenceModel *people, QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSourceModel(people);
    // Someone going away moves down the list as it happens.
    setDynamicSortFilter(true);
    sort(0);
}

void PresenceFilterModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filter)
        return;
    m_filter = trimmed;
    invalidateFilter();
}

bool PresenceFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_filter.isEmpty())
        return true;
    const QModelIndex person = sourceModel()->index(sourceRow, 0, sourceParent);
    // "@ana" finds a username as people write it in a message.
    QString needle = m_filter;
    if (needle.startsWith(QLatin1Char('@')))
        needle.remove(0, 1);
    return person.data(PresenceModel::DisplayNameRole)
                   .toString()
                   .contains(needle, Qt::CaseInsensitive)
            || person.data(PresenceModel::UsernameRole)
                       .toString()
                       .contains(needle, Qt::CaseInsensitive);
}

bool PresenceFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool leftAway = left.data(PresenceModel::IsAwayRole).toBool();
    const bool rightAway = right.data(PresenceModel::IsAwayRole).toBool();
    if (leftAway != rightAway)
        return rightAway;
    const int byName = QString::localeAwareCompare(
            left.data(PresenceModel::DisplayNameRole).toString().toCaseFolded(),
            right.data(PresenceModel::DisplayNameRole).toString().toCaseFolded());
    if (byName != 0)
        return byName < 0;
    return left.data(PresenceModel::UserIdRole).toLongLong()
            < right.data(PresenceModel::UserIdRole).toLongLong();
}

} // namespace Hallway
