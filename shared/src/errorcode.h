// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace Hallway {

// The stable error codes of the protocol. Their wire names never change; clients branch on
// them, and show the message that comes with them to people.
enum class ErrorCode {
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    Muted, // a moderator muted the user for a while; retryAfterMs says how long is left
    TooLarge,
    Unavailable,
    Internal,
};

QString errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromName(const QString &name);
// Every code, in declaration order: what tests and documentation checks walk through.
QList<ErrorCode> allErrorCodes();

// An error as a value: a stable code for programs and a message for people.
struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message;
    // For rate_limited, muted and unavailable (the database is away): how long until trying
    // again can succeed.
    std::optional<qint64> retryAfterMs = std::nullopt;

    friend bool operator==(const Error &, const Error &) = default;
};

// The error for a request that breaks the protocol's rules; the message names the problem.
inline Error badRequest(const QString &message)
{
    return {ErrorCode::BadRequest, message};
}

} // namespace Hallway
