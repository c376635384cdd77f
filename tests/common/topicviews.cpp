// SPDX-License-Identifier: MIT
#include "topicviews.h"
#include "messages.h"
#include "protocol.h"
#include "talk.h"
#include "talkmessages.h"

namespace Hallway::Test {

QStringList postedTexts(const QList<Envelope> &events)
{
    QStringList texts;
    for (const Envelope &event : events) {
        if (event.topic != Protocol::Topic::CommunityFacts)
            continue;
        if (const auto posted = FactsPosted::fromJson(event.data)) {
            for (const Fact &fact : posted->facts)
                texts.append(fact.text);
        }
    }
    return texts;
}

QMap<qint64, qint64> tallies(const Envelope &subscribed, const QList<Envelope> &events)
{
    QMap<qint64, qint64> votes;
    const auto snapshot =
            TalkList::fromJson(subscribed.data.value(QStringLiteral("snapshot")).toObject());
    for (const Talk &talk : snapshot->talks)
        votes.insert(talk.id, talk.votes);
    for (const Envelope &event : events) {
        if (event.topic != Protocol::Topic::Talks)
            continue;
        const auto change = TalkChange::fromJson(event.data).value();
        if (change.kind == Protocol::TalkEvent::Upserted)
            votes.insert(change.talk->id, change.talk->votes);
        else if (change.kind == Protocol::TalkEvent::Removed)
            votes.remove(change.talkId);
        else if (change.kind == Protocol::TalkEvent::Tallies)
            for (const auto &[id, count] : change.tallies)
                if (votes.contains(id))
                    votes.insert(id, count);
    }
    return votes;
}

QStringList messageTexts(const QList<Envelope> &events)
{
    QStringList texts;
    for (const Envelope &event : events) {
        if (event.topic == Protocol::Topic::Chat
            && event.data.value(QStringLiteral("kind")).toString() == Protocol::ChatEvent::Message)
            texts.append(event.data.value(QStringLiteral("message"))
                                 .toObject()
                                 .value(QStringLiteral("text"))
                                 .toString());
    }
    return texts;
}

QMap<qint64, QString> presence(const Envelope &subscribed, const QList<Envelope> &events)
{
    QMap<qint64, QString> online;
    const auto snapshot = PresenceSnapshot::fromJson(
            subscribed.data.value(QStringLiteral("snapshot")).toObject());
    for (const OnlineUser &user : snapshot->users)
        online.insert(user.user.id, presenceStateName(user.state));
    for (const Envelope &event : events) {
        if (event.topic != Protocol::Topic::Presence)
            continue;
        const auto change = PresenceChange::fromJson(event.data);
        if (!change)
            continue;
        if (change->kind == Protocol::PresenceEvent::Left)
            online.remove(change->userId);
        else
            online.insert(change->userId, presenceStateName(change->state));
    }
    return online;
}

} // namespace Hallway::Test
