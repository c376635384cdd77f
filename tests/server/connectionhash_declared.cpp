// SPDX-License-Identifier: MIT
// This file sees ClientConnection only declared, as most of the server's headers do.
#include "net/clientconnectionfwd.h"

#include <QHash>

// The call QHash makes (QHashPrivate::calculateHash), resolved with what this file sees.
size_t connectionHashWhereDeclared(Hallway::ClientConnection *connection, size_t seed)
{
    return qHash(connection, seed);
}
