// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace Hallway::SessionToken {

// 256 random bits from the OS generator, unpadded base64url (43 characters).
QString generate();
// What the database keeps instead of the token: its SHA-256, in hex.
QString hash(const QString &token);

} // namespace Hallway::SessionToken
