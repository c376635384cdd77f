// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <optional>

namespace Hallway::Validation {

// Text limits shared by the server (which enforces them) and the app (which shows them early).
inline constexpr int UsernameMinLength = 3;
inline constexpr int UsernameMaxLength = 32;
inline constexpr int DisplayNameMaxLength = 64;
inline constexpr int PasswordMinLength = 8;
inline constexpr int PasswordMaxLength = 256;
inline constexpr int PlaceMaxLength = 64; // city and region
inline constexpr int FactMaxLength = 280; // characters (code points), after trimming
inline constexpr int ClientIdMaxLength = 64;
inline constexpr int TalkTitleMaxLength = 120;
inline constexpr int TalkAbstractMaxLength = 2000;
inline constexpr int MessageMaxLength = 4000;

// Usernames are compared case-insensitively: stored and looked up in lower case.
QString normalizeUsername(const QString &username);

// Each returns the reason a value is unacceptable, in words for the person who typed it, or
// nothing when it is fine. Inputs are already trimmed/normalized where that applies.
std::optional<QString> checkUsername(const QString &normalizedUsername);
std::optional<QString> checkDisplayName(const QString &trimmedDisplayName);
std::optional<QString> checkPassword(const QString &password);
std::optional<QString> checkPlace(const QString &trimmedPlace, const QString &fieldName);

// Counts what a person calls characters (code points), not UTF-16 units: an emoji is one.
qsizetype characterCount(const QString &text);
std::optional<QString> checkFactText(const QString &trimmedText);
std::optional<QString> checkClientId(const QString &clientId);
std::optional<QString> checkTalkTitle(const QString &trimmedTitle);
std::optional<QString> checkTalkAbstract(const QString &trimmedAbstract);

// True if the text has characters that should never reach another user's screen (control
// characters other than none at all; names are single-line).
bool hasControlCharacters(const QString &text);

} // namespace Hallway::Validation
