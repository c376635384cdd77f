// SPDX-License-Identifier: MIT
#include "talkactions.h"
#include "hallwayclient.h"
#include "protocol.h"
#include "talkmessages.h"

namespace Hallway {

TalkActions::TalkActions(HallwayClient *client, QObject *parent) : QObject(parent), m_client(client)
{
    connect(client, &HallwayClient::writeRejected, this,
            [this](const QString &type, const QString &, const QJsonObject &, const Error &error) {
                if (type == Protocol::Type::ToggleVote)
                    Q_EMIT voteRejected(error);
                else if (type == Protocol::Type::ProposeTalk)
                    Q_EMIT proposalRejected(error);
            });
}

QString TalkActions::propose(const QString &title, const QString &abstract)
{
    return m_client->submitWrite(
            Protocol::Type::ProposeTalk,
            {{QStringLiteral("title"), title}, {QStringLiteral("abstract"), abstract}});
}

QString TalkActions::toggleVote(qint64 talkId)
{
    return m_client->toggleVote(talkId);
}

void TalkActions::request(const QString &type, const QJsonObject &data, Outcome done)
{
    m_client->request(type, data, this, [done](const Expected<QJsonObject> &reply) {
        if (!reply)
            return done(reply.error());
        done(Hallway::Done{});
    });
}

void TalkActions::edit(qint64 talkId, const QString &title, const QString &abstract, Outcome done)
{
    request(Protocol::Type::EditTalk, EditTalkRequest{talkId, title, abstract}.toJson(),
            std::move(done));
}

void TalkActions::withdraw(qint64 talkId, Outcome done)
{
    request(Protocol::Type::WithdrawTalk, TalkRequest{talkId}.toJson(), std::move(done));
}

void TalkActions::setVotingOpen(bool open, Outcome done)
{
    request(Protocol::Type::SetVoting, SetVotingRequest{open}.toJson(), std::move(done));
}

void TalkActions::setHidden(qint64 talkId, bool hidden, Outcome done)
{
    request(Protocol::Type::HideTalk, SetHiddenRequest{talkId, hidden}.toJson(), std::move(done));
}

void TalkActions::exportResults(std::function<void(const Expected<QString> &)> done)
{
    m_client->request(Protocol::Type::ExportTalks, {}, this,
                      [done](const Expected<QJsonObject> &reply) {
                          if (!reply)
                              return done(reply.error());
                          done(reply->value(QStringLiteral("csv")).toString());
                      });
}

} // namespace Hallway
