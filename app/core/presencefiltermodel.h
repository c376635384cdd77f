// SPDX-License-Identifier: MIT
#pragma once

#include <QSortFilterProxyModel>

namespace Hallway {

class PresenceModel;

// Who's online as the list shows it: the people here first, then those away, each by name;
// narrowed to the names (display name or username) that contain what was typed.
class PresenceFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit PresenceFilterModel(PresenceModel *people, QObject *parent = nullptr);

    QString filterText() const { return m_filter; }
    void setFilterText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_filter;
};

} // namespace Hallway
