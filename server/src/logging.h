// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>
#include <QString>

// One category per layer; switch them at run time with QT_LOGGING_RULES or --log-level.
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcTopics)
Q_DECLARE_LOGGING_CATEGORY(lcEventLoop)

namespace Hallway {

// What a client chose (a username, an origin), made safe for one log line: in double quotes,
// with `"` and `\` escaped, control characters, line and paragraph separators, bidi controls
// and unpaired surrogates as \uXXXX, and, past maxChars characters, cut short with an
// ellipsis after the closing quote ("abc"…). Nobody forges or hides a log line with it, and
// however long the value, the line stays short.
QString quotedForLog(const QString &value, int maxChars = 64);

// Keeps out of the log what only repeats a database outage the storage layer already logs:
// Qt's PostgreSQL driver warns once per prepared statement it cannot free on a connection
// that is gone ("Unable to free statement"). Everything else goes to Qt's own handler.
void installLogFilter();

} // namespace Hallway
