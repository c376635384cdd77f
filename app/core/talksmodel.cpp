// SPDX-License-Identifier: MIT
#include "talksmodel.h"
#include "hallwayclient.h"
#include "protocol.h"
#include "talkmessages.h"

namespace Hallway {

TalksModel::TalksModel(HallwayClient *client, QObject *parent)
    : QAbstractListModel(parent), m_client(client)
{
    connect(client, &HallwayClient::topicSnapshot, this,
            [this](const QString &topic, const QJsonObject &snapshot) {
                if (topic == Protocol::Topic::Talks)
                    applySnapshot(snapshot);
            });
    connect(client, &HallwayClient::topicEvent, this,
            [this](const QString &topic, qint64, const QJsonObject &data) {
                if (topic == Protocol::Topic::Talks)
                    applyEvent(data);
            });
    // Your toggle's own reply carries the tally at that moment; others' come coalesced.
    connect(client, &HallwayClient::voteToggled, this,
            [this](qint64 talkId, bool voted, qint64 votes) {
                setVotedByMe(talkId, voted);
                setVotes(talkId, votes);
            });
    // Proposals and votes made while the server cannot hear them show at once, pending.
    connect(client, &HallwayClient::writeQueued, this, &TalksModel::onWriteQueued);
    connect(client, &HallwayClient::writeAcknowledged, this,
            [this](const QString &type, const QString &clientId, const QJsonObject &result) {
                onWriteDone(type, clientId, &result);
            });
    connect(client, &HallwayClient::writeRejected, this,
            [this](const QString &type, const QString &clientId) {
                onWriteDone(type, clientId, nullptr);
            });
    connect(client, &HallwayClient::signedOut, this, [this]() {
        beginResetModel();
        m_talks.clear();
        m_myVotes.clear();
        m_pendingProposals.clear();
        m_pendingVotes.clear();
        endResetModel();
    });
    client->subscribe(Protocol::Topic::Talks);
}

TalksModel::~TalksModel()
{
    m_client->unsubscribe(Protocol::Topic::Talks);
}

int TalksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_talks.size());
}

QVariant TalksModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Talk &talk = m_talks.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return talk.title;
    case Qt::ToolTipRole:
    case AbstractRole:
        return talk.abstract;
    case TalkIdRole:
        return talk.id;
    case SpeakerIdRole:
        return talk.speaker.id;
    case SpeakerNameRole:
        return talk.speaker.displayName;
    case VotesRole:
        return talk.votes;
    case VotedByMeRole:
        return m_myVotes.contains(talk.id);
    case IsMineRole:
        return talk.speaker.id == m_client->currentUser().id;
    case PendingRole:
        return talk.id < 0;
    case VotePendingRole:
        return std::find(m_pendingVotes.cbegin(), m_pendingVotes.cend(), talk.id)
                != m_pendingVotes.cend();
    default:
        return {};
    }
}

QHash<int, QByteArray> TalksModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert({{TalkIdRole, "talkId"},
                  {TitleRole, "title"},
                  {AbstractRole, "abstract"},
                  {SpeakerIdRole, "speakerId"},
                  {SpeakerNameRole, "speakerName"},
                  {VotesRole, "votes"},
                  {VotedByMeRole, "votedByMe"},
                  {IsMineRole, "isMine"},
                  {PendingRole, "pending"},
                  {VotePendingRole, "votePending"}});
    return names;
}

int TalksModel::rowOfTalk(qint64 talkId) const
{
    for (int row = 0; row < m_talks.size(); ++row) {
        if (m_talks.at(row).id == talkId)
            return row;
    }
    return -1;
}

qint64 TalksModel::maxVotes() const
{
    qint64 most = 0;
    for (const Talk &talk : m_talks)
        most = qMax(most, talk.votes);
    return most;
}

void TalksModel::onWriteQueued(const QString &type, const QString &clientId,
                               const QJsonObject &data)
{
    if (type == Protocol::Type::ToggleVote) {
        const qint64 talkId = data.value(QStringLiteral("talkId")).toInteger();
        m_pendingVotes.insert(clientId, talkId);
        if (const int row = rowOfTalk(talkId); row >= 0)
            Q_EMIT dataChanged(index(row), index(row), {VotePendingRole});
    } else if (type == Protocol::Type::ProposeTalk) {
        Talk talk;
        talk.id = --m_lastTemporaryId;
        talk.title = data.value(QStringLiteral("title")).toString();
        talk.abstract = data.value(QStringLiteral("abstract")).toString();
        const UserInfo &me = m_client->currentUser();
        talk.speaker = {me.id, me.username, me.displayName};
        m_pendingProposals.insert(clientId, talk.id);
        beginInsertRows({}, rowCount(), rowCount());
        m_talks.append(talk);
        endInsertRows();
    }
}

void TalksModel::onWriteDone(const QString &type, const QString &clientId,
                             const QJsonObject *result)
{
    if (type == Protocol::Type::ToggleVote) {
        const qint64 talkId = m_pendingVotes.take(clientId);
        if (const int row = rowOfTalk(talkId); row >= 0)
            Q_EMIT dataChanged(index(row), index(row), {VotePendingRole});
    } else if (type == Protocol::Type::ProposeTalk && m_pendingProposals.contains(clientId)) {
        removeTalkAt(rowOfTalk(m_pendingProposals.take(clientId)));
        // The stored talk, from the reply: the event that also brings it may come later.
        if (result) {
            const auto talk = Talk::fromJson(result->value(QStringLiteral("talk")).toObject());
            if (talk && rowOfTalk(talk->id) < 0) {
                beginInsertRows({}, rowCount(), rowCount());
                m_talks.append(*talk);
                endInsertRows();
            }
        }
    }
}

void TalksModel::removeTalkAt(int row)
{
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_talks.removeAt(row);
    endRemoveRows();
}

void TalksModel::applySnapshot(const QJsonObject &snapshot)
{
    const auto list = TalkList::fromJson(snapshot);
    if (!list)
        return;
    beginResetModel();
    // The server's list, and below it what we proposed that it does not have yet.
    QList<Talk> pending;
    for (const Talk &talk : std::as_const(m_talks))
        if (talk.id < 0)
            pending.append(talk);
    m_talks = list->talks + pending;
    endResetModel();
    if (m_votingOpen != list->votingOpen) {
        m_votingOpen = list->votingOpen;
        Q_EMIT votingOpenChanged(m_votingOpen);
    }
    fetchMyVotes();
}

void TalksModel::fetchMyVotes()
{
    m_client->request(Protocol::Type::MyVotes, {}, this,
                      [this](const Expected<QJsonObject> &reply) {
                          if (!reply)
                              return;
                          const auto mine = MyVotesReply::fromJson(reply.value());
                          m_myVotes = QSet<qint64>(mine->talkIds.cbegin(), mine->talkIds.cend());
                          if (!m_talks.isEmpty())
                              Q_EMIT dataChanged(index(0), index(rowCount() - 1), {VotedByMeRole});
                      });
}

void TalksModel::applyEvent(const QJsonObject &data)
{
    const auto change = TalkChange::fromJson(data);
    if (!change)
        return;
    if (change->kind == Protocol::TalkEvent::Upserted && change->talk) {
        const int row = rowOfTalk(change->talk->id);
        if (row >= 0) {
            m_talks[row] = *change->talk;
            Q_EMIT dataChanged(index(row), index(row));
        } else {
            beginInsertRows({}, rowCount(), rowCount());
            m_talks.append(*change->talk);
            endInsertRows();
        }
    } else if (change->kind == Protocol::TalkEvent::Removed) {
        removeTalkAt(rowOfTalk(change->talkId));
    } else if (change->kind == Protocol::TalkEvent::Tallies) {
        for (const auto &[talkId, votes] : change->tallies)
            setVotes(talkId, votes);
    } else if (change->kind == Protocol::TalkEvent::Voting && m_votingOpen != change->votingOpen) {
        m_votingOpen = change->votingOpen;
        Q_EMIT votingOpenChanged(m_votingOpen);
    }
}

void TalksModel::setVotes(qint64 talkId, qint64 votes)
{
    const int row = rowOfTalk(talkId);
    if (row < 0 || m_talks.at(row).votes == votes)
        return;
    m_talks[row].votes = votes;
    // Every bar is drawn relative to the most-voted talk, so all rows may look different.
    Q_EMIT dataChanged(index(row), index(row), {VotesRole});
}

void TalksModel::setVotedByMe(qint64 talkId, bool voted)
{
    const bool changed = voted ? !m_myVotes.contains(talkId) : m_myVotes.contains(talkId);
    if (!changed)
        return;
    if (voted)
        m_myVotes.insert(talkId);
    else
        m_myVotes.remove(talkId);
    const int row = rowOfTalk(talkId);
    if (row >= 0)
        Q_EMIT dataChanged(index(row), index(row), {VotedByMeRole});
}

TalkRankingModel::TalkRankingModel(TalksModel *talks, QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSourceModel(talks);
    setSortRole(TalksModel::VotesRole);
    setDynamicSortFilter(true);
    sort(0, Qt::AscendingOrder);
}

bool TalkRankingModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // "Less" is "ranked higher": more votes first, then the older proposal.
    const qint64 leftVotes = left.data(TalksModel::VotesRole).toLongLong();
    const qint64 rightVotes = right.data(TalksModel::VotesRole).toLongLong();
    if (leftVotes != rightVotes)
        return leftVotes > rightVotes;
    // Proposals not stored yet (negative ids, -1 the oldest) come after the stored ones.
    const qint64 leftId = left.data(TalksModel::TalkIdRole).toLongLong();
    const qint64 rightId = right.data(TalksModel::TalkIdRole).toLongLong();
    if ((leftId < 0) != (rightId < 0))
        return leftId > 0;
    return leftId < 0 ? leftId > rightId : leftId < rightId;
}

} // namespace Hallway
