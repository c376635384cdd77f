// SPDX-License-Identifier: MIT
#pragma once

#include "talk.h"

#include <QAbstractListModel>
#include <QSet>
#include <QSortFilterProxyModel>

namespace Hallway {

class HallwayClient;

// The lightning talks, kept live from the "talks" topic: proposals, edits, withdrawals and
// coalesced tallies, plus which talks you voted for. Rows stay in the order they arrived;
// TalkRankingModel sorts them by votes.
class TalksModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        TalkIdRole = Qt::UserRole + 1,
        TitleRole,
        AbstractRole,
        SpeakerIdRole,
        SpeakerNameRole,
        VotesRole,
        VotedByMeRole,
        IsMineRole,
        // Proposed here and not yet stored by the server (offline, say); its id is a
        // temporary negative number until then.
        PendingRole,
        // Your vote on it is on its way: the tick and tally may still change.
        VotePendingRole,
    };
    Q_ENUM(Role)

    explicit TalksModel(HallwayClient *client, QObject *parent = nullptr);
    ~TalksModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool votingOpen() const { return m_votingOpen; }
    int rowOfTalk(qint64 talkId) const;
    const Talk &talkAt(int row) const { return m_talks.at(row); }
    qint64 maxVotes() const;

Q_SIGNALS:
    void votingOpenChanged(bool open);

private:
    void applySnapshot(const QJsonObject &snapshot);
    void applyEvent(const QJsonObject &data);
    void setVotes(qint64 talkId, qint64 votes);
    void setVotedByMe(qint64 talkId, bool voted);
    void fetchMyVotes();
    void onWriteQueued(const QString &type, const QString &clientId, const QJsonObject &data);
    void onWriteDone(const QString &type, const QString &clientId, const QJsonObject *result);
    void removeTalkAt(int row);

    HallwayClient *m_client;
    QList<Talk> m_talks;
    QSet<qint64> m_myVotes;
    bool m_votingOpen = true;
    QHash<QString, qint64> m_pendingProposals; // clientId -> temporary id
    QHash<QString, qint64> m_pendingVotes; // clientId -> talk id
    qint64 m_lastTemporaryId = 0;
};

// Talks by votes (most first), ties by age, re-sorted as tallies move. A proxy keeps
// persistent indexes, so the selection in a view survives each re-sort.
class TalkRankingModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit TalkRankingModel(TalksModel *talks, QObject *parent = nullptr);

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};

} // namespace Hallway
