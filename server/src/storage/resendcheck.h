// SPDX-License-Identifier: MIT
#pragma once

#include "expected.h"

#include <QString>

namespace Hallway {

class SqlSession;

// Across the stores: whether a write a client sends again was stored before, by its client id
// (WriteAllowance lets a resend through where a new write would be refused).
class ResendCheck {
public:
    explicit ResendCheck(SqlSession &session) : m_session(session) { }

    // Whether this user already stored a write of this request type (fact.post, talk.propose,
    // talk.toggle_vote, chat.send, mod.announce) with this client id: a resend.
    Expected<bool> clientIdStored(const QString &requestType, qint64 userId,
                                  const QString &clientId);

private:
    SqlSession &m_session;
};

} // namespace Hallway
