// SPDX-License-Identifier: MIT
#include "resendcheck.h"
#include "protocol.h"
#include "sqlsession.h"

#include <QHash>

namespace Hallway {

Expected<bool> ResendCheck::clientIdStored(const QString &requestType, qint64 userId,
                                           const QString &clientId)
{
    namespace Type = Protocol::Type;
    static const QHash<QString, QString> queries = {
            {Type::PostFact,
             QStringLiteral("SELECT 1 FROM facts WHERE author_id = ? AND client_id = ?")},
            {Type::ProposeTalk,
             QStringLiteral("SELECT 1 FROM talks WHERE speaker_id = ? AND client_id = ?")},
            {Type::ToggleVote,
             QStringLiteral("SELECT 1 FROM vote_toggles WHERE user_id = ? AND client_id = ?")},
            {Type::SendMessage,
             QStringLiteral("SELECT 1 FROM messages WHERE sender_id = ? AND client_id = ?")},
            {Type::Announce,
             QStringLiteral("SELECT 1 FROM announcements WHERE author_id = ? AND client_id = ?")},
    };
    const QString sql = queries.value(requestType);
    if (sql.isEmpty())
        return false;
    PreparedQuery query = m_session.prepared(sql);
    query.addBindValue(userId);
    query.addBindValue(clientId);
    if (!query.exec())
        return m_session.failure(QStringLiteral("look for a resend"), query);
    return query.next();
}

} // namespace Hallway
