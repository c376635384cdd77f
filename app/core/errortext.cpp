// SPDX-License-Identifier: MIT
#include "errortext.h"

#include <QCoreApplication>

namespace Hallway {

QString errorText(const Error &error)
{
    const qint64 waitMs = error.retryAfterMs.value_or(0);
    switch (error.code) {
    case ErrorCode::Muted:
        return QCoreApplication::translate(
                "Hallway::ErrorText",
                "A moderator has muted you. You can post again in %n minute(s).", nullptr,
                static_cast<int>((waitMs + 59'999) / 60'000));
    case ErrorCode::RateLimited:
        return QCoreApplication::translate("Hallway::ErrorText",
                                           "You are going too fast. Try again in %n second(s).",
                                           nullptr, static_cast<int>((waitMs + 999) / 1000));
    default:
        return error.message;
    }
}

} // namespace Hallway
