// SPDX-License-Identifier: MIT
#pragma once

#include "envelope.h"
#include "net/clientconnectionfwd.h"
#include "ratelimiter.h"

#include <QObject>
#include <functional>

namespace Hallway {

class Storage;

// Decides whether a write (a fact, talk, message, vote or announcement) may go ahead under
// its user's allowance (WriteRateLimiter), so that throttling never punishes an honest client:
// - a request that is not valid is answered by its service (bad_request) and costs nothing;
// - a write that turns out to store nothing (a resend of a stored client id, or one refused
//   by its service: a talk that does not exist, voting closed) gives its token back;
// - a resend that arrives when the allowance is used up is still answered as the duplicate it
//   is, never with rate_limited for something that is stored.
class WriteAllowance : public QObject {
    Q_OBJECT
public:
    WriteAllowance(const std::array<WriteRateLimiter::Rule, 3> &rules, Storage &storage,
                   QObject *parent = nullptr);

    // Calls proceed() if the request may go on to its service now or after a look in the
    // database; otherwise answers it with rate_limited. Requests that are no writes proceed.
    void admit(ClientConnection *connection, const Envelope &request,
               const std::function<void()> &proceed);

private:
    WriteRateLimiter m_limiter;
    Storage &m_storage;
};

} // namespace Hallway
