// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"
#include "hub.h"
#include "moderationstore.h"

#include <QList>

namespace Hallway {

class AccountStore;
class SqlSession;

// A hub after an edit; for a deletion, the hub as it was.
struct HubChange {
    Hub hub;
    bool removed = false;
};

// Hubs and their widgets, in their order of creation. Every edit is a moderator's, audited.
class HubStore {
public:
    HubStore(SqlSession &session, AccountStore &accounts, ModerationStore &moderation)
        : m_session(session), m_accounts(accounts), m_moderation(moderation)
    {
    }

    Expected<QList<Hub>> hubs();
    Expected<Hub> hub(qint64 hubId);
    Expected<Audited<HubChange>> editHub(const HubEdit &edit, qint64 moderatorId);

private:
    SqlSession &m_session;
    AccountStore &m_accounts;
    ModerationStore &m_moderation;
};

} // namespace Hallway
