// SPDX-License-Identifier: MIT
#pragma once

#include <QHashFunctions>

namespace Hallway {

class ClientConnection;

// Connections are the keys of many hashes and sets, in files that see the whole class and in
// files that see only this declaration. Without this overload Qt 6.4 picks a pointer's qHash by
// what the file sees: qHash(key) ^ seed where ClientConnection and its QObject base are
// visible, qHash(quintptr(key), seed) where the class is only declared. QHash's inline code is
// shared between files, so a connection inserted with one was looked for with the other,
// missed, and stayed subscribed to a topic after it was deleted (a crash found by
// tst_networkcuts; tst_connectionhash checks the two agree). Include this header instead of
// declaring the class. Not const: an exact match, so that it wins over Qt's templates.
inline size_t qHash(ClientConnection *connection, size_t seed = 0) noexcept
{
    return ::qHash(reinterpret_cast<quintptr>(connection), seed);
}

} // namespace Hallway
