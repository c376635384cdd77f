// SPDX-License-Identifier: MIT
#include "writeallowance.h"
#include "chatmessages.h"
#include "clientconnection.h"
#include "messages.h"
#include "moderation.h"
#include "protocol.h"
#include "storage/storage.h"
#include "talkmessages.h"

#include <QDateTime>
#include <QPointer>

namespace Hallway {

namespace {
// The write's client id if the request is valid, or nothing if its service will refuse it
// (then the service answers bad_request, and no allowance is spent). talk.edit has no id.
template<typename Request> std::optional<QString> clientIdOf(const QJsonObject &data)
{
    const auto parsed = Request::fromJson(data);
    if (!parsed)
        return std::nullopt;
    if constexpr (requires { parsed->clientId; })
        return parsed->clientId;
    else
        return QString();
}

std::optional<QString> validWrite(const Envelope &request)
{
    namespace Type = Protocol::Type;
    if (request.type == Type::PostFact)
        return clientIdOf<PostFactRequest>(request.data);
    if (request.type == Type::ProposeTalk)
        return clientIdOf<ProposeTalkRequest>(request.data);
    if (request.type == Type::EditTalk)
        return clientIdOf<EditTalkRequest>(request.data);
    if (request.type == Type::Announce)
        return clientIdOf<AnnounceRequest>(request.data);
    if (request.type == Type::SendMessage)
        return clientIdOf<SendMessageRequest>(request.data);
    if (request.type == Type::ToggleVote)
        return clientIdOf<ToggleVoteRequest>(request.data);
    return QString();
}

Error rateLimited(qint64 waitMs)
{
    return {ErrorCode::RateLimited,
            QStringLiteral("too many in a short time; try again in %1 s")
                    .arg((waitMs + 999) / 1000),
            waitMs};
}
} // namespace

WriteAllowance::WriteAllowance(const std::array<WriteRateLimiter::Rule, 3> &rules, Storage &storage,
                               QObject *parent)
    : QObject(parent), m_limiter(rules), m_storage(storage)
{
}

void WriteAllowance::admit(ClientConnection *connection, const Envelope &request,
                           const std::function<void()> &proceed)
{
    const auto kind = WriteRateLimiter::kindOf(request.type);
    if (!kind)
        return proceed();
    const auto clientId = validWrite(request);
    if (!clientId)
        return proceed(); // its service answers bad_request
    const qint64 userId = connection->user()->id;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 wait = m_limiter.take(*kind, userId, now);
    if (wait == 0) {
        // Spent now, so that pipelined writes cannot all pass; given back if nothing is stored.
        connection->watchReply(
                request.id,
                [this, kind = *kind, userId](const Error *error, const QJsonObject &result) {
                    if (error || result.value(QStringLiteral("duplicate")).toBool())
                        m_limiter.giveBack(kind, userId);
                });
        return proceed();
    }
    if (clientId->isEmpty())
        return connection->replyError(request.id, rateLimited(wait));
    // Out of allowance: a resend of something stored is still answered as what it is.
    m_storage.run<Expected<bool>>(
            connection,
            [type = request.type, userId, clientId = *clientId](StorageWorker &worker) {
                return worker.resends().clientIdStored(type, userId, clientId);
            },
            [connection, id = request.id, wait, proceed](const Expected<bool> &stored) {
                if (!stored)
                    return connection->replyError(id, stored.error());
                if (*stored && connection->phase() == ClientConnection::Phase::SignedIn)
                    return proceed();
                connection->replyError(id, rateLimited(wait));
            });
}

} // namespace Hallway
