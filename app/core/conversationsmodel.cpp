// SPDX-License-Identifier: MIT
#include "conversationsmodel.h"
#include "hallwayclient.h"
#include "protocol.h"

#include <QDateTime>
#include <QJsonArray>

namespace Hallway {

ConversationsModel::ConversationsModel(HallwayClient *client, QObject *parent)
    : QAbstractListModel(parent), m_client(client)
{
    connect(client, &HallwayClient::topicSnapshot, this,
            [this](const QString &topic, const QJsonObject &snapshot) {
                if (topic == Protocol::Topic::Chat)
                    applySnapshot(snapshot);
            });
    connect(client, &HallwayClient::topicEvent, this,
            [this](const QString &topic, qint64, const QJsonObject &data) {
                if (topic == Protocol::Topic::Chat)
                    applyEvent(data);
            });
    connect(client, &HallwayClient::signedOut, this, [this]() {
        beginResetModel();
        m_conversations.clear();
        endResetModel();
        Q_EMIT totalUnreadChanged(0);
    });
    client->subscribe(Protocol::Topic::Chat);
}

ConversationsModel::~ConversationsModel()
{
    m_client->unsubscribe(Protocol::Topic::Chat);
}

int ConversationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_conversations.size());
}

QVariant ConversationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Conversation &conversation = m_conversations.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        // Two lines: who (and how many unread), then the last message and its time.
        const QString who = conversation.unread > 0
                ? tr("%1 (%2 unread)").arg(conversation.peer.displayName).arg(conversation.unread)
                : conversation.peer.displayName;
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(conversation.lastMessage.createdAt);
        const QString time = when.date() == QDate::currentDate()
                ? QLocale().toString(when.time(), QLocale::ShortFormat)
                : QLocale().toString(when, QLocale::ShortFormat);
        QString last = conversation.lastMessage.text.simplified();
        if (last.size() > 60)
            last = last.left(59) + QChar(0x2026);
        return QString(who + QLatin1Char('\n') + tr("%1 \u00b7 %2").arg(last, time));
    }
    case Qt::ToolTipRole:
    case LastTextRole:
        return conversation.lastMessage.text;
    case KeyRole:
        return conversation.key;
    case PeerIdRole:
        return conversation.peer.id;
    case PeerNameRole:
        return conversation.peer.displayName;
    case LastTimeRole:
        return QDateTime::fromMSecsSinceEpoch(conversation.lastMessage.createdAt);
    case UnreadRole:
        return conversation.unread;
    case LastFromMeRole:
        return conversation.lastMessage.from == m_client->currentUser().id;
    default:
        return {};
    }
}

int ConversationsModel::rowOf(const QString &key) const
{
    for (int row = 0; row < m_conversations.size(); ++row) {
        if (m_conversations.at(row).key == key)
            return row;
    }
    return -1;
}

qint64 ConversationsModel::totalUnread() const
{
    qint64 total = 0;
    for (const Conversation &conversation : m_conversations)
        total += conversation.unread;
    return total;
}

void ConversationsModel::setOpenConversation(const QString &key)
{
    m_open = key;
}

void ConversationsModel::applySnapshot(const QJsonObject &snapshot)
{
    beginResetModel();
    m_conversations.clear();
    for (const QJsonValue &value : snapshot.value(QStringLiteral("conversations")).toArray()) {
        if (const auto conversation = Conversation::fromJson(value.toObject()))
            m_conversations.append(conversation.value());
    }
    endResetModel();
    Q_EMIT totalUnreadChanged(totalUnread());
}

void ConversationsModel::moveToTop(int row)
{
    if (row <= 0)
        return;
    beginMoveRows({}, row, row, {}, 0);
    m_conversations.move(row, 0);
    endMoveRows();
}

void ConversationsModel::applyEvent(const QJsonObject &data)
{
    const QString kind = data.value(QStringLiteral("kind")).toString();
    const qint64 me = m_client->currentUser().id;
    if (kind == Protocol::ChatEvent::Message) {
        const auto message =
                ChatMessage::fromJson(data.value(QStringLiteral("message")).toObject());
        if (!message)
            return;
        const bool incoming = message->to == me;
        int row = rowOf(message->conversation);
        if (row < 0) {
            Conversation conversation;
            conversation.key = message->conversation;
            conversation.peer.id = incoming ? message->from : message->to;
            beginInsertRows({}, 0, 0);
            m_conversations.prepend(conversation);
            endInsertRows();
            row = 0;
            // The peer's name comes with the profile.
            m_client->fetchProfile(
                    conversation.peer.id, this,
                    [this, key = conversation.key](const Expected<UserProfile> &profile) {
                        const int at = rowOf(key);
                        const QList<ChatMessage> waiting = m_awaitingName.take(key);
                        if (!profile || at < 0) {
                            for (const ChatMessage &told : waiting)
                                Q_EMIT messageReceived(told, tr("Someone"));
                            return;
                        }
                        m_conversations[at].peer = {profile->user.id, profile->user.username,
                                                    profile->user.displayName};
                        Q_EMIT dataChanged(index(at), index(at));
                        for (const ChatMessage &told : waiting)
                            Q_EMIT messageReceived(told, profile->user.displayName);
                    });
        }
        Conversation &conversation = m_conversations[row];
        if (message->id <= conversation.lastMessage.id)
            return; // seen already
        conversation.lastMessage = message.value();
        if (incoming && message->conversation != m_open)
            ++conversation.unread;
        Q_EMIT dataChanged(index(row), index(row));
        // A copy: moving the row to the top moves what a reference into the list points at.
        const QString key = conversation.key;
        const QString peerName = conversation.peer.displayName;
        moveToTop(row);
        if (incoming) {
            // This app has it: tell the sender.
            m_client->request(Protocol::Type::AckDelivery,
                              {{QStringLiteral("messageIds"), QJsonArray{message->id}}}, this,
                              [](const Expected<QJsonObject> &) {});
            // A first message from someone new is told once their name is known.
            if (peerName.isEmpty())
                m_awaitingName[key].append(message.value());
            else
                Q_EMIT messageReceived(message.value(), peerName);
            Q_EMIT totalUnreadChanged(totalUnread());
        }
    } else if (kind == Protocol::ChatEvent::Read) {
        const int row = rowOf(data.value(QStringLiteral("conversation")).toString());
        if (row < 0)
            return;
        if (data.value(QStringLiteral("upToId")).toInteger()
            >= m_conversations.at(row).lastMessage.id) {
            m_conversations[row].unread = 0;
            Q_EMIT dataChanged(index(row), index(row));
            Q_EMIT totalUnreadChanged(totalUnread());
        }
    }
}

} // namespace Hallway
