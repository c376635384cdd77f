// SPDX-License-Identifier: MIT
#pragma once

#include "storage/databaseurl.h"

#include <QString>
#include <QVariant>

namespace Hallway::Bench {

// Runs one SQL statement on a connection of its own, beside the server's: the first column
// of the first row (0 if there is none), or an invalid QVariant and error.
QVariant queryOnce(const DatabaseUrl &url, const QString &sql, QString *error);

} // namespace Hallway::Bench
