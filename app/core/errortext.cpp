// SPDX-License-Identifier: MIT
#include "errortext.h"

#include <QCoreApplication>

namespace Hallway {

QString errorText(const Error &error)
{
    const qint64 waitMs = error.retryAfterMs.value_or(0);
    // Counted before the call: lupdate misses a translate() whose count is an expression.
    const int minutes = static_cast<int>((waitMs + 59'999) / 60'000);
    const int seconds = static_cast<int>((waitMs + 999) / 1000);
    switch (error.code) {
    case ErrorCode::Muted:
        return QCoreApplication::translate(
                "Hallway::ErrorText",
                "A moderator has muted you. You can post again in %n minute(s).", nullptr, minutes);
    case ErrorCode::RateLimited:
        return QCoreApplication::translate("Hallway::ErrorText",
                                           "You are going too fast. Try again in %n second(s).",
                                           nullptr, seconds);
    default:
        return error.message;
    }
}

} // namespace Hallway
