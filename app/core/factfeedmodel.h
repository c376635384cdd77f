// SPDX-License-Identifier: MIT
#pragma once

#include "fact.h"

#include <QAbstractListModel>

namespace Hallway {

class HallwayClient;

// Facts, newest first, kept live from a facts topic: the community feed (the latest few of
// everyone) or one user's feed, whose older facts load as the view scrolls (fetchMore, keyset
// paging). Your own facts appear at once, marked pending until the server acknowledges them,
// and never twice.
class FactFeedModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        FactIdRole = Qt::UserRole + 1,
        AuthorIdRole,
        AuthorUsernameRole,
        AuthorDisplayNameRole,
        TextRole,
        CreatedAtRole, // QDateTime
        // Your own fact, written but not yet stored by the server (offline, say). Pending
        // facts come first, newest first, with no id.
        PendingRole,
        // Written by the signed-in user (pending or stored).
        IsOwnRole,
    };
    Q_ENUM(Role)

    // The community feed: as many facts as the server's community feed holds (its snapshot
    // says), or at most maxRows.
    static FactFeedModel *community(HallwayClient *client, int maxRows = 0,
                                    QObject *parent = nullptr);
    // One user's facts, all of them as the view scrolls.
    static FactFeedModel *userFeed(HallwayClient *client, qint64 userId, QObject *parent = nullptr);
    ~FactFeedModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QString topic() const { return m_topic; }
    qint64 userId() const { return m_userId; }
    const Fact &factAt(int row) const;
    int pendingCount() const { return static_cast<int>(m_pending.size()); }
    bool isLoading() const { return m_loading; }

    // Adds facts not yet shown, each at its place by id; ignores ones already there.
    void merge(const QList<Fact> &facts);
    void remove(const QList<qint64> &factIds); // hidden by a moderator
    // While someone reads further down, the facts that new ones push past the feed's size
    // stay (their reading must not vanish), up to holdingCap(); past it the oldest go, but
    // none as new as keepDownToId (the last fact in sight, 0: keep all). Released, the feed
    // is cut back to its size.
    void setHoldingOlderFacts(bool hold, qint64 keepDownToId = 0);
    bool isHoldingOlderFacts() const { return m_holding; }
    int holdingCap() const;

Q_SIGNALS:
    void loadFailed(const QString &message);

private:
    FactFeedModel(HallwayClient *client, const QString &topic, qint64 userId, int maxRows,
                  QObject *parent);
    void applySnapshot(const QJsonObject &snapshot);
    bool accepts(const Fact &fact) const;
    bool showsOwnFacts() const;
    void addPending(const QString &clientId, const QString &text);
    void removePending(const QString &clientId);
    void trim(); // back to the feed's size, or to the cap while held

    HallwayClient *m_client;
    QString m_topic;
    qint64 m_userId; // 0 for the community feed
    int m_maxRows; // 0: unbounded
    bool m_sizeFromServer = false;
    QList<Fact> m_facts;
    struct Pending {
        QString clientId;
        Fact fact; // id 0 until the server stores it
    };
    QList<Pending> m_pending; // newest first, above m_facts
    bool m_hasMore = false;
    bool m_loading = false;
    bool m_holding = false;
    qint64 m_keepDownToId = 0;
};

} // namespace Hallway
