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
    connect(client, &HallwayClient::signedOut, this, [this]() {
        beginResetModel();
        m_talks.clear();
        m_myVotes.clear();
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
                  {IsMineRole, "isMine"}});
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

void TalksModel::applySnapshot(const QJsonObject &snapshot)
{
    const auto list = TalkList::fromJson(snapshot);
    if (!list)
        return;
    beginResetModel();
    m_talks = list->talks;
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
        const int row = rowOfTalk(change->talkId);
        if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_talks.removeAt(row);
            endRemoveRows();
        }
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
    return left.data(TalksModel::TalkIdRole).toLongLong()
            < right.data(TalksModel::TalkIdRole).toLongLong();
}

} // namespace Hallway
