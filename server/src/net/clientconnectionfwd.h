// SPDX-License-Identifier: MIT
#pragma once

#include <QHashFunctions>

namespace Hallway {

class ClientConnection;

// Connections are the keys of many hashes and sets, in files that see the whole class and in
// files that see only this declaration. Without this overload QHash hashes the pointer with
// qHash(const T *) where ClientConnection's QObject base is visible and with std::hash where it
// is not; QHash's code is shared between files, so a connection inserted by one was looked
// for with the other, missed, and stayed subscribed to a topic after it was deleted (a crash
// found by tst_networkcuts). Include this header instead of declaring the class.
// (Not const: an exact match, so that it wins over Qt's templates in every file.)
inline size_t qHash(ClientConnection *connection, size_t seed = 0) noexcept
{
    return ::qHash(reinterpret_cast<quintptr>(connection), seed);
}

} // namespace Hallway
