// SPDX-License-Identifier: MIT
#pragma once

#include "moderation.h"

#include <QAbstractListModel>

namespace Hallway {

class HallwayClient;

// The audit log for moderators: the latest entries live from the "moderation" topic, older
// ones paged in with mod.audit_log as the view scrolls. Newest first; each row reads as a
// sentence ("Alice muted Bob for 15 minutes").
class AuditLogModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { EntryIdRole = Qt::UserRole + 1, ActionRole, TimeRole, SubjectRole };

    explicit AuditLogModel(HallwayClient *client, QObject *parent = nullptr);

    // Follow the log (moderators) or stop and forget it.
    void setActive(bool active);
    bool isActive() const { return m_active; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    static QString describe(const AuditEntry &entry);

private:
    void applySnapshot(const QJsonObject &snapshot);
    void add(const AuditEntry &entry);

    HallwayClient *m_client;
    QList<AuditEntry> m_entries;
    bool m_active = false;
    bool m_hasMore = false;
    bool m_fetching = false;
};

} // namespace Hallway
