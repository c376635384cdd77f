// SPDX-License-Identifier: MIT
#include "factfeedmodel.h"
#include "hallwayclient.h"
#include "messages.h"
#include "protocol.h"

#include <QDateTime>
#include <algorithm>

namespace Hallway {

namespace {
// What a server that does not say keeps (the protocol's default).
constexpr int DefaultCommunitySize = 20;
// Held for a reader further down, the feed grows to at most this many times its size.
constexpr int HoldingFactor = 10;
} // namespace

FactFeedModel *FactFeedModel::community(HallwayClient *client, int maxRows, QObject *parent)
{
    auto *feed = new FactFeedModel(client, Protocol::Topic::CommunityFacts, 0, maxRows, parent);
    feed->m_sizeFromServer = maxRows <= 0;
    return feed;
}

FactFeedModel *FactFeedModel::userFeed(HallwayClient *client, qint64 userId, QObject *parent)
{
    return new FactFeedModel(client, Protocol::Topic::userFacts(userId), userId, 0, parent);
}

FactFeedModel::FactFeedModel(HallwayClient *client, const QString &topic, qint64 userId,
                             int maxRows, QObject *parent)
    : QAbstractListModel(parent),
      m_client(client),
      m_topic(topic),
      m_userId(userId),
      m_maxRows(maxRows)
{
    connect(client, &HallwayClient::topicSnapshot, this,
            [this](const QString &name, const QJsonObject &snapshot) {
                if (name == m_topic)
                    applySnapshot(snapshot);
            });
    connect(client, &HallwayClient::topicEvent, this,
            [this](const QString &name, qint64, const QJsonObject &data) {
                if (name != m_topic)
                    return;
                if (const auto posted = FactsPosted::fromJson(data))
                    merge(posted->facts);
                else if (const auto removed = FactsRemoved::fromJson(data))
                    remove(removed->factIds);
            });
    // The poster sees their fact at once, pending; then from the acknowledgement, before any
    // batch brings it.
    connect(client, &HallwayClient::writeQueued, this,
            [this](const QString &type, const QString &clientId, const QJsonObject &data) {
                if (type == Protocol::Type::PostFact && showsOwnFacts())
                    addPending(clientId, data.value(QStringLiteral("text")).toString());
            });
    connect(client, &HallwayClient::factPosted, this,
            [this](const Fact &fact, const QString &clientId) {
                removePending(clientId);
                if (accepts(fact))
                    merge({fact});
            });
    connect(client, &HallwayClient::factRejected, this,
            [this](const QString &clientId) { removePending(clientId); });
    connect(client, &HallwayClient::signedOut, this, [this]() {
        beginResetModel();
        m_facts.clear();
        m_pending.clear();
        m_hasMore = false;
        endResetModel();
    });
    client->subscribe(m_topic);
}

FactFeedModel::~FactFeedModel()
{
    m_client->unsubscribe(m_topic);
}

bool FactFeedModel::accepts(const Fact &fact) const
{
    return m_userId == 0 || fact.author.id == m_userId;
}

bool FactFeedModel::showsOwnFacts() const
{
    return m_userId == 0 || m_userId == m_client->currentUser().id;
}

void FactFeedModel::addPending(const QString &clientId, const QString &text)
{
    Pending pending{clientId, {}};
    pending.fact.text = text;
    const UserInfo &me = m_client->currentUser();
    pending.fact.author = {me.id, me.username, me.displayName};
    pending.fact.createdAt = QDateTime::currentMSecsSinceEpoch();
    beginInsertRows({}, 0, 0);
    m_pending.prepend(pending);
    endInsertRows();
}

void FactFeedModel::removePending(const QString &clientId)
{
    const auto found =
            std::find_if(m_pending.cbegin(), m_pending.cend(), [&clientId](const Pending &pending) {
                return pending.clientId == clientId;
            });
    if (found == m_pending.cend())
        return;
    const int row = static_cast<int>(found - m_pending.cbegin());
    beginRemoveRows({}, row, row);
    m_pending.removeAt(row);
    endRemoveRows();
}

const Fact &FactFeedModel::factAt(int row) const
{
    return row < m_pending.size() ? m_pending.at(row).fact : m_facts.at(row - m_pending.size());
}

int FactFeedModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_pending.size() + m_facts.size());
}

QVariant FactFeedModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Fact &fact = factAt(index.row());
    switch (role) {
    case PendingRole:
        return index.row() < m_pending.size();
    case Qt::DisplayRole:
    case TextRole:
        return fact.text;
    case Qt::ToolTipRole:
        // The view shows a relative time; the full date and time are a hover away.
        return tr("%1 (@%2), %3")
                .arg(fact.author.displayName, fact.author.username,
                     QLocale().toString(QDateTime::fromMSecsSinceEpoch(fact.createdAt),
                                        QLocale::LongFormat));
    case Qt::AccessibleTextRole: // what a screen reader says for the row
        return fact.author.id == m_client->currentUser().id
                ? tr("You: %1").arg(fact.text)
                : tr("%1: %2").arg(fact.author.displayName, fact.text);
    case IsOwnRole:
        return fact.author.id != 0 && fact.author.id == m_client->currentUser().id;
    case FactIdRole:
        return fact.id;
    case AuthorIdRole:
        return fact.author.id;
    case AuthorUsernameRole:
        return fact.author.username;
    case AuthorDisplayNameRole:
        return fact.author.displayName;
    case CreatedAtRole:
        return QDateTime::fromMSecsSinceEpoch(fact.createdAt);
    default:
        return {};
    }
}

QHash<int, QByteArray> FactFeedModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert({{FactIdRole, "factId"},
                  {AuthorIdRole, "authorId"},
                  {AuthorUsernameRole, "authorUsername"},
                  {AuthorDisplayNameRole, "authorDisplayName"},
                  {TextRole, "text"},
                  {CreatedAtRole, "createdAt"},
                  {PendingRole, "pending"},
                  {IsOwnRole, "isOwn"}});
    return names;
}

void FactFeedModel::applySnapshot(const QJsonObject &snapshot)
{
    const auto page = FactPage::fromJson(snapshot);
    if (!page)
        return;
    // The community feed is as long as the server keeps it ([facts] community_size).
    if (m_sizeFromServer)
        m_maxRows = snapshot.value(QStringLiteral("size")).toInt(DefaultCommunitySize);
    beginResetModel();
    m_facts = page->facts;
    std::sort(m_facts.begin(), m_facts.end(),
              [](const Fact &a, const Fact &b) { return a.id > b.id; });
    if (m_maxRows > 0 && m_facts.size() > m_maxRows)
        m_facts.resize(m_maxRows);
    m_hasMore = m_userId != 0 && page->hasMore;
    endResetModel();
}

void FactFeedModel::merge(const QList<Fact> &facts)
{
    // Newest first, each once, none already shown (our own, from the acknowledgement).
    QList<Fact> incoming = facts;
    std::sort(incoming.begin(), incoming.end(),
              [](const Fact &a, const Fact &b) { return a.id > b.id; });
    incoming.erase(std::unique(incoming.begin(), incoming.end(),
                               [](const Fact &a, const Fact &b) { return a.id == b.id; }),
                   incoming.end());
    // Facts that go between the same two shown ones go in together: one insertion, so a view
    // lays itself out once for a burst rather than once a fact.
    for (qsizetype next = 0; next < incoming.size();) {
        const auto position =
                std::lower_bound(m_facts.cbegin(), m_facts.cend(), incoming.at(next).id,
                                 [](const Fact &shown, qint64 id) { return shown.id > id; });
        const int row = static_cast<int>(position - m_facts.cbegin());
        const qint64 below = position == m_facts.cend() ? 0 : position->id;
        QList<Fact> run;
        for (; next < incoming.size() && incoming.at(next).id >= below; ++next) {
            if (incoming.at(next).id != below)
                run.append(incoming.at(next));
        }
        if (run.isEmpty() || (m_maxRows > 0 && !m_holding && row >= m_maxRows))
            continue; // older than everything the feed shows
        // Past the feed's size, trim() cuts them again unless someone reads down there.
        const int offset = pendingCount() + row;
        beginInsertRows({}, offset, offset + static_cast<int>(run.size()) - 1);
        m_facts.insert(row, run.size(), Fact{});
        std::copy(run.cbegin(), run.cend(), m_facts.begin() + row);
        endInsertRows();
    }
    trim();
}

int FactFeedModel::holdingCap() const
{
    return m_maxRows * HoldingFactor;
}

void FactFeedModel::trim()
{
    if (m_maxRows <= 0)
        return;
    qsizetype keep = m_maxRows;
    if (m_holding) {
        // Held, it may grow to the cap; past it, the oldest go, but never what is being read.
        const auto read =
                std::lower_bound(m_facts.cbegin(), m_facts.cend(), m_keepDownToId,
                                 [](const Fact &shown, qint64 id) { return shown.id >= id; });
        keep = qMax(static_cast<qsizetype>(holdingCap()), read - m_facts.cbegin());
    }
    if (m_facts.size() <= keep)
        return;
    const int offset = pendingCount();
    beginRemoveRows({}, offset + static_cast<int>(keep), rowCount() - 1);
    m_facts.resize(keep);
    endRemoveRows();
}

void FactFeedModel::setHoldingOlderFacts(bool hold, qint64 keepDownToId)
{
    m_keepDownToId = hold ? keepDownToId : 0;
    if (hold == m_holding)
        return;
    m_holding = hold;
    trim();
}

void FactFeedModel::remove(const QList<qint64> &factIds)
{
    for (const qint64 id : factIds) {
        const auto found = std::find_if(m_facts.cbegin(), m_facts.cend(),
                                        [id](const Fact &fact) { return fact.id == id; });
        if (found == m_facts.cend())
            continue;
        const int row = static_cast<int>(found - m_facts.cbegin());
        beginRemoveRows({}, pendingCount() + row, pendingCount() + row);
        m_facts.removeAt(row);
        endRemoveRows();
    }
}

bool FactFeedModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_loading;
}

void FactFeedModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent) || m_facts.isEmpty())
        return;
    m_loading = true;
    ListFactsRequest request;
    request.userId = m_userId;
    request.beforeId = m_facts.constLast().id;
    request.limit = ListFactsRequest::DefaultLimit;
    m_client->listFacts(request, this, [this](const Expected<FactPage> &page) {
        m_loading = false;
        if (!page) {
            Q_EMIT loadFailed(page.error().message);
            return;
        }
        m_hasMore = page->hasMore;
        if (page->facts.isEmpty())
            return;
        // Keyset paging: every fact here is older than the last one shown.
        const int first = rowCount();
        QList<Fact> older;
        for (const Fact &fact : page->facts) {
            if (fact.id < m_facts.constLast().id)
                older.append(fact);
        }
        if (older.isEmpty())
            return;
        beginInsertRows({}, first, first + static_cast<int>(older.size()) - 1);
        m_facts.append(older);
        endInsertRows();
    });
}

} // namespace Hallway
