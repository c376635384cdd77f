// SPDX-License-Identifier: MIT
#include "logging.h"

Q_LOGGING_CATEGORY(lcServer, "hallway.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "hallway.server.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "hallway.server.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStorage, "hallway.server.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTopics, "hallway.server.topics", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEventLoop, "hallway.server.eventloop", QtInfoMsg)

namespace Hallway {

namespace {
// Characters that would break the line, or reorder or hide what a reader sees on it.
bool needsEscape(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) // C0, DEL and C1 controls
            || c == 0x2028 || c == 0x2029 // line and paragraph separators
            || c == 0x061c || c == 0x200e || c == 0x200f // bidi marks
            || (c >= 0x202a && c <= 0x202e) // bidi embeddings and overrides
            || (c >= 0x2066 && c <= 0x2069); // bidi isolates
}

void appendEscaped(QString &out, char16_t c)
{
    out += QStringLiteral("\\u%1").arg(static_cast<uint>(c), 4, 16, QLatin1Char('0'));
}
} // namespace

QString quotedForLog(const QString &value, int maxChars)
{
    QString out;
    out.reserve(qMin<qsizetype>(value.size(), qMax(maxChars, 0) * 2) + 3);
    out += QLatin1Char('"');
    int characters = 0;
    qsizetype i = 0;
    for (; i < value.size() && characters < maxChars; ++i, ++characters) {
        const char16_t c = value.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < value.size()
            && QChar::isLowSurrogate(value.at(i + 1).unicode())) {
            out += value.at(i);
            out += value.at(++i); // a pair is one character, kept whole
        } else if (QChar::isSurrogate(c)) {
            appendEscaped(out, c); // unpaired: not text, and not valid UTF-8 either
        } else if (c == u'"' || c == u'\\') {
            out += QLatin1Char('\\');
            out += QChar(c);
        } else if (needsEscape(c)) {
            appendEscaped(out, c);
        } else {
            out += QChar(c);
        }
    }
    out += QLatin1Char('"');
    if (i < value.size())
        out += QChar(0x2026); // …
    return out;
}

namespace {
QtMessageHandler qtHandler = nullptr;

void filterMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg && message.startsWith(QLatin1StringView("Unable to free statement")))
        return;
    if (qtHandler)
        qtHandler(type, context, message);
}
} // namespace

void installLogFilter()
{
    qtHandler = qInstallMessageHandler(filterMessage);
}

} // namespace Hallway
