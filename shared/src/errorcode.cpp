// SPDX-License-Identifier: MIT
#include "errorcode.h"

#include <array>
#include <utility>

namespace Hallway {

namespace {
const std::array<std::pair<ErrorCode, QLatin1StringView>, 10> names = {{
        {ErrorCode::BadRequest, QLatin1StringView("bad_request")},
        {ErrorCode::Unauthorized, QLatin1StringView("unauthorized")},
        {ErrorCode::Forbidden, QLatin1StringView("forbidden")},
        {ErrorCode::NotFound, QLatin1StringView("not_found")},
        {ErrorCode::Conflict, QLatin1StringView("conflict")},
        {ErrorCode::RateLimited, QLatin1StringView("rate_limited")},
        {ErrorCode::Muted, QLatin1StringView("muted")},
        {ErrorCode::TooLarge, QLatin1StringView("too_large")},
        {ErrorCode::Unavailable, QLatin1StringView("unavailable")},
        {ErrorCode::Internal, QLatin1StringView("internal")},
}};
} // namespace

QString errorCodeName(ErrorCode code)
{
    for (const auto &[value, name] : names) {
        if (value == code)
            return name;
    }
    return QStringLiteral("internal");
}

QList<ErrorCode> allErrorCodes()
{
    QList<ErrorCode> codes;
    for (const auto &[value, name] : names)
        codes.append(value);
    return codes;
}

std::optional<ErrorCode> errorCodeFromName(const QString &name)
{
    for (const auto &[value, wireName] : names) {
        if (wireName == name)
            return value;
    }
    return std::nullopt;
}

} // namespace Hallway
