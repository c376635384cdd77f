// SPDX-License-Identifier: MIT
#include "validation.h"

#include <QRegularExpression>

namespace Hallway::Validation {

QString normalizeUsername(const QString &username)
{
    return username.trimmed().toLower();
}

bool hasControlCharacters(const QString &text)
{
    for (const QChar c : text) {
        // Joiners are format characters too, but emoji sequences and several scripts need them.
        if (c == QChar(0x200C) || c == QChar(0x200D))
            continue;
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format
            || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            return true;
    }
    return false;
}

std::optional<QString> checkUsername(const QString &normalizedUsername)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9_.-]*$"));
    if (normalizedUsername.size() < UsernameMinLength
        || normalizedUsername.size() > UsernameMaxLength)
        return QStringLiteral("username must be %1 to %2 characters long")
                .arg(UsernameMinLength)
                .arg(UsernameMaxLength);
    if (!pattern.match(normalizedUsername).hasMatch())
        return QStringLiteral("username may contain only letters a-z, digits, '.', '_' and '-', "
                              "and must start with a letter or digit");
    return std::nullopt;
}

std::optional<QString> checkDisplayName(const QString &trimmedDisplayName)
{
    if (trimmedDisplayName.isEmpty())
        return QStringLiteral("display name must not be empty");
    if (trimmedDisplayName.size() > DisplayNameMaxLength)
        return QStringLiteral("display name must be at most %1 characters long")
                .arg(DisplayNameMaxLength);
    if (hasControlCharacters(trimmedDisplayName))
        return QStringLiteral("display name must not contain control characters");
    return std::nullopt;
}

std::optional<QString> checkPassword(const QString &password)
{
    if (password.size() < PasswordMinLength)
        return QStringLiteral("password must be at least %1 characters long")
                .arg(PasswordMinLength);
    if (password.size() > PasswordMaxLength)
        return QStringLiteral("password must be at most %1 characters long").arg(PasswordMaxLength);
    return std::nullopt;
}

qsizetype characterCount(const QString &text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        ++count;
    }
    return count;
}

std::optional<QString> checkFactText(const QString &trimmedText)
{
    if (trimmedText.isEmpty())
        return QStringLiteral("a fact must not be empty");
    const qsizetype length = characterCount(trimmedText);
    if (length > FactMaxLength)
        return QStringLiteral("a fact has at most %1 characters; this one has %2")
                .arg(FactMaxLength)
                .arg(length);
    return std::nullopt;
}

std::optional<QString> checkClientId(const QString &clientId)
{
    if (clientId.isEmpty() || clientId.size() > ClientIdMaxLength || hasControlCharacters(clientId))
        return QStringLiteral("clientId must be 1 to %1 printable characters")
                .arg(ClientIdMaxLength);
    return std::nullopt;
}

std::optional<QString> checkTalkTitle(const QString &trimmedTitle)
{
    if (trimmedTitle.isEmpty())
        return QStringLiteral("a talk needs a title");
    const qsizetype length = characterCount(trimmedTitle);
    if (length > TalkTitleMaxLength)
        return QStringLiteral("a title has at most %1 characters; this one has %2")
                .arg(TalkTitleMaxLength)
                .arg(length);
    if (hasControlCharacters(trimmedTitle))
        return QStringLiteral("a title must not contain control characters");
    return std::nullopt;
}

std::optional<QString> checkTalkAbstract(const QString &trimmedAbstract)
{
    const qsizetype length = characterCount(trimmedAbstract);
    if (length > TalkAbstractMaxLength)
        return QStringLiteral("an abstract has at most %1 characters; this one has %2")
                .arg(TalkAbstractMaxLength)
                .arg(length);
    return std::nullopt;
}

std::optional<QString> checkPlace(const QString &trimmedPlace, const QString &fieldName)
{
    if (trimmedPlace.size() > PlaceMaxLength)
        return QStringLiteral("%1 must be at most %2 characters long")
                .arg(fieldName)
                .arg(PlaceMaxLength);
    if (hasControlCharacters(trimmedPlace))
        return QStringLiteral("%1 must not contain control characters").arg(fieldName);
    return std::nullopt;
}

} // namespace Hallway::Validation
