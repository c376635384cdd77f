// SPDX-License-Identifier: MIT
#include "chatmodel.h"
#include "errortext.h"
#include "hallwayclient.h"
#include "protocol.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

namespace Hallway {

ChatModel::ChatModel(HallwayClient *client, qint64 peerId, QObject *parent)
    : QAbstractListModel(parent),
      m_client(client),
      m_peerId(peerId),
      m_conversation(conversationKey(client->currentUser().id, peerId))
{
    connect(client, &HallwayClient::topicEvent, this,
            [this](const QString &topic, qint64, const QJsonObject &data) {
                // Events of this conversation name it directly, or in their message.
                const QString conversation = data.contains(QStringLiteral("conversation"))
                        ? data.value(QStringLiteral("conversation")).toString()
                        : data.value(QStringLiteral("message"))
                                  .toObject()
                                  .value(QStringLiteral("conversation"))
                                  .toString();
                if (topic != Protocol::Topic::Chat || conversation != m_conversation)
                    return;
                const QString kind = data.value(QStringLiteral("kind")).toString();
                if (kind == Protocol::ChatEvent::Message) {
                    if (const auto message = ChatMessage::fromJson(
                                data.value(QStringLiteral("message")).toObject()))
                        place(message.value());
                } else if (kind == Protocol::ChatEvent::Delivered) {
                    for (const QJsonValue &id :
                         data.value(QStringLiteral("messageIds")).toArray()) {
                        for (int row = 0; row < m_rows.size(); ++row) {
                            if (m_rows.at(row).message.id == id.toInteger()) {
                                m_rows[row].message.delivered = true;
                                Q_EMIT dataChanged(index(row), index(row), {StateRole});
                            }
                        }
                    }
                } else if (kind == Protocol::ChatEvent::ReadByPeer) {
                    peerReadUpTo(data.value(QStringLiteral("upToId")).toInteger());
                }
            });
    connect(client, &HallwayClient::writeAcknowledged, this,
            [this](const QString &type, const QString &, const QJsonObject &result) {
                if (type != Protocol::Type::SendMessage)
                    return;
                if (const auto message = ChatMessage::fromJson(
                            result.value(QStringLiteral("message")).toObject());
                    message && message->conversation == m_conversation)
                    place(message.value());
            });
    connect(client, &HallwayClient::writeRejected, this,
            [this](const QString &type, const QString &clientId, const QJsonObject &,
                   const Error &error) {
                if (type != Protocol::Type::SendMessage)
                    return;
                for (int row = 0; row < m_rows.size(); ++row) {
                    if (m_rows.at(row).sending && m_rows.at(row).message.clientId == clientId) {
                        m_rows[row].failure = errorText(error);
                        Q_EMIT dataChanged(index(row), index(row));
                        Q_EMIT sendFailed(m_rows.at(row).failure);
                    }
                }
            });
    // After a reconnect the history may have moved on: load the latest page again.
    connect(client, &HallwayClient::statusChanged, this, [this](HallwayClient::Status status) {
        if (status == HallwayClient::Status::Online)
            loadLatest();
    });
    loadLatest();
}

int ChatModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

ChatModel::State ChatModel::stateAt(int row) const
{
    const Row &entry = m_rows.at(row);
    if (!entry.failure.isEmpty())
        return State::Failed;
    if (entry.sending)
        return State::Sending;
    if (entry.message.from != m_peerId && entry.message.id <= m_peerReadUpTo)
        return State::Read;
    return entry.message.delivered ? State::Delivered : State::Sent;
}

void ChatModel::peerReadUpTo(qint64 upToId)
{
    // Markers never move back: a smaller upToId changes nothing.
    if (upToId <= m_peerReadUpTo)
        return;
    const qint64 before = m_peerReadUpTo;
    m_peerReadUpTo = upToId;
    for (int row = 0; row < m_rows.size(); ++row) {
        const Row &entry = m_rows.at(row);
        if (!entry.sending && entry.message.from != m_peerId && entry.message.id > before
            && entry.message.id <= upToId)
            Q_EMIT dataChanged(index(row), index(row), {StateRole});
    }
}

QVariant ChatModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &entry = m_rows.at(index.row());
    const bool fromMe = entry.message.from == m_client->currentUser().id;
    switch (role) {
    case Qt::DisplayRole:
    case TextRole:
        return entry.message.text;
    case Qt::ToolTipRole: {
        // The bubble shows the time of day; the full date is for hovering.
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(entry.message.createdAt);
        const QString time = tr("%1, %2").arg(QLocale().toString(when.date(), QLocale::LongFormat),
                                              timeOfDay(when.time()));
        if (!fromMe)
            return time;
        switch (stateAt(index.row())) {
        case State::Sending:
            return tr("Sending...");
        case State::Sent:
            return tr("Sent %1").arg(time);
        case State::Delivered:
            return tr("Delivered, sent %1").arg(time);
        case State::Read:
            return tr("Read, sent %1").arg(time);
        case State::Failed:
            return tr("Not sent: %1").arg(entry.failure);
        }
        return time;
    }
    case MessageIdRole:
        return entry.message.id;
    case FromMeRole:
        return fromMe;
    case StateRole:
        return static_cast<int>(stateAt(index.row()));
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(entry.message.createdAt);
    case SenderNameRole:
        return fromMe ? m_client->currentUser().displayName : m_peerName;
    case Qt::AccessibleTextRole:
        return tr("%1, %2: %3")
                .arg(fromMe ? tr("You") : m_peerName,
                     QLocale().toString(QDateTime::fromMSecsSinceEpoch(entry.message.createdAt),
                                        QLocale::ShortFormat),
                     entry.message.text);
    case FirstInGroupRole:
        return startsGroup(index.row());
    case LastInGroupRole:
        return index.row() + 1 == m_rows.size() || startsGroup(index.row() + 1);
    case DayLabelRole: {
        if (!startsDay(index.row()))
            return QString();
        const QDate day = QDateTime::fromMSecsSinceEpoch(entry.message.createdAt).date();
        const QDate today = QDate::currentDate();
        if (day == today)
            return tr("Today");
        if (day == today.addDays(-1))
            return tr("Yesterday");
        return QLocale().toString(day, QLocale::LongFormat);
    }
    case FirstUnreadRole:
        return m_firstUnreadId != 0 && entry.message.id == m_firstUnreadId;
    default:
        return {};
    }
}

QString ChatModel::timeOfDay(const QTime &time)
{
    static const QRegularExpression seconds(QStringLiteral("[:.]ss?"));
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(seconds);
    return QLocale().toString(time, format);
}

bool ChatModel::startsDay(int row) const
{
    if (row == 0)
        return true;
    const auto day = [this](int at) {
        return QDateTime::fromMSecsSinceEpoch(m_rows.at(at).message.createdAt).date();
    };
    return day(row) != day(row - 1);
}

bool ChatModel::startsGroup(int row) const
{
    if (row == 0 || startsDay(row))
        return true;
    const ChatMessage &message = m_rows.at(row).message;
    return message.from != m_rows.at(row - 1).message.from
            || (m_firstUnreadId != 0 && message.id == m_firstUnreadId);
}

void ChatModel::refreshNeighbours(int first, int last)
{
    const int from = qMax(0, first - 1);
    const int to = qMin(static_cast<int>(m_rows.size()) - 1, last + 1);
    if (from <= to)
        Q_EMIT dataChanged(index(from), index(to),
                           {FirstInGroupRole, LastInGroupRole, DayLabelRole, FirstUnreadRole});
}

void ChatModel::setPeerName(const QString &name)
{
    m_peerName = name;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {SenderNameRole});
}

void ChatModel::setUnreadAtOpen(qint64 unread)
{
    m_unreadToLocate = m_firstPageLoaded ? 0 : unread;
}

int ChatModel::firstUnreadRow() const
{
    for (int row = 0; m_firstUnreadId != 0 && row < m_rows.size(); ++row) {
        if (m_rows.at(row).message.id == m_firstUnreadId)
            return row;
    }
    return -1;
}

void ChatModel::locateFirstUnread(const QList<ChatMessage> &oldestFirst)
{
    // Counting the peer's messages back from the newest until the unread count is used up;
    // a count larger than the page goes on into the older pages as they load.
    if (m_unreadToLocate <= 0)
        return;
    for (auto it = oldestFirst.crbegin(); it != oldestFirst.crend() && m_unreadToLocate > 0; ++it) {
        if (it->from == m_peerId) {
            m_firstUnreadId = it->id;
            --m_unreadToLocate;
        }
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1),
                           {FirstUnreadRole, FirstInGroupRole, LastInGroupRole});
}

void ChatModel::send(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return;
    ChatMessage pending;
    pending.conversation = m_conversation;
    pending.from = m_client->currentUser().id;
    pending.to = m_peerId;
    pending.text = trimmed;
    pending.createdAt = QDateTime::currentMSecsSinceEpoch();
    pending.clientId = m_client->submitWrite(
            Protocol::Type::SendMessage,
            {{QStringLiteral("to"), m_peerId}, {QStringLiteral("text"), trimmed}});
    // The acknowledgement may already have replaced it if the reply was instant.
    for (const Row &row : std::as_const(m_rows)) {
        if (row.message.clientId == pending.clientId)
            return;
    }
    beginInsertRows({}, rowCount(), rowCount());
    m_rows.append({pending, true, {}});
    endInsertRows();
    refreshNeighbours(rowCount() - 1, rowCount() - 1);
}

void ChatModel::place(const ChatMessage &message)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        Row &entry = m_rows[row];
        const bool same = (entry.message.id != 0 && entry.message.id == message.id)
                || (!message.clientId.isEmpty() && entry.message.clientId == message.clientId
                    && entry.message.from == message.from);
        if (same) {
            const bool wasDelivered = entry.message.delivered;
            entry.message = message;
            entry.message.delivered = message.delivered || wasDelivered;
            entry.sending = false;
            Q_EMIT dataChanged(index(row), index(row));
            return;
        }
    }
    // New: after the last stored message older than it (sending ones stay last).
    int row = static_cast<int>(m_rows.size());
    while (row > 0 && (m_rows.at(row - 1).sending || m_rows.at(row - 1).message.id > message.id))
        --row;
    beginInsertRows({}, row, row);
    m_rows.insert(row, {message, false, {}});
    endInsertRows();
    refreshNeighbours(row, row);
}

void ChatModel::loadLatest()
{
    if (m_client->status() != HallwayClient::Status::Online)
        return;
    m_loading = true;
    m_client->request(
            Protocol::Type::ChatHistory, {{QStringLiteral("conversation"), m_conversation}}, this,
            [this](const Expected<QJsonObject> &reply) {
                m_loading = false;
                if (!reply)
                    return Q_EMIT loadFailed(reply.error().message);
                QList<ChatMessage> page;
                for (const QJsonValue &value : reply->value(QStringLiteral("messages")).toArray()) {
                    if (const auto message = ChatMessage::fromJson(value.toObject()))
                        page.prepend(message.value()); // oldest first
                }
                // Whether there is older history is the first page's to say; a message that
                // arrived live meanwhile does not change it.
                if (!m_firstPageLoaded)
                    m_hasOlder = reply->value(QStringLiteral("hasMore")).toBool();
                const bool first = !m_firstPageLoaded;
                m_firstPageLoaded = true;
                for (const ChatMessage &message : std::as_const(page))
                    place(message);
                acknowledgeIncoming(page);
                if (first) {
                    locateFirstUnread(page);
                    Q_EMIT latestLoaded();
                }
            });
}

void ChatModel::loadOlder()
{
    if (!m_hasOlder || m_loading)
        return;
    qint64 oldest = 0;
    for (const Row &row : std::as_const(m_rows)) {
        if (!row.sending) {
            oldest = row.message.id;
            break;
        }
    }
    if (oldest == 0)
        return;
    m_loading = true;
    m_client->request(Protocol::Type::ChatHistory,
                      {{QStringLiteral("conversation"), m_conversation},
                       {QStringLiteral("beforeId"), oldest}},
                      this, [this](const Expected<QJsonObject> &reply) {
                          m_loading = false;
                          if (!reply)
                              return Q_EMIT loadFailed(reply.error().message);
                          m_hasOlder = reply->value(QStringLiteral("hasMore")).toBool();
                          QList<Row> older;
                          QList<ChatMessage> messages;
                          for (const QJsonValue &value :
                               reply->value(QStringLiteral("messages")).toArray()) {
                              if (const auto message = ChatMessage::fromJson(value.toObject())) {
                                  older.prepend({message.value(), false, {}});
                                  messages.prepend(message.value());
                              }
                          }
                          if (older.isEmpty())
                              return;
                          beginInsertRows({}, 0, static_cast<int>(older.size()) - 1);
                          m_rows = older + m_rows;
                          endInsertRows();
                          refreshNeighbours(0, static_cast<int>(older.size()) - 1);
                          locateFirstUnread(messages);
                          Q_EMIT olderLoaded(static_cast<int>(older.size()));
                      });
}

void ChatModel::acknowledgeIncoming(const QList<ChatMessage> &messages)
{
    QJsonArray undelivered;
    for (const ChatMessage &message : messages) {
        if (message.to == m_client->currentUser().id && !message.delivered)
            undelivered.append(message.id);
    }
    if (!undelivered.isEmpty())
        m_client->request(Protocol::Type::AckDelivery,
                          {{QStringLiteral("messageIds"), undelivered}}, this,
                          [](const Expected<QJsonObject> &) {});
}

void ChatModel::markRead()
{
    qint64 newest = 0;
    for (const Row &row : std::as_const(m_rows)) {
        if (!row.sending && row.message.from == m_peerId)
            newest = qMax(newest, row.message.id);
    }
    if (newest <= m_lastMarkedRead)
        return;
    m_lastMarkedRead = newest;
    m_client->request(
            Protocol::Type::MarkRead,
            {{QStringLiteral("conversation"), m_conversation}, {QStringLiteral("upToId"), newest}},
            this, [](const Expected<QJsonObject> &) {});
}

} // namespace Hallway
