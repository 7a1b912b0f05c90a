#pragma once

#include <QString>

namespace hookscope {

// Human names for the language codes events carry, from Qt's CLDR data (QLocale): "nl" →
// "nl — Nederlands". Codes are BCP 47 or POSIX-like ("pt-BR", "pt_BR", "zh_Hans", "sr-Latn");
// matching is case-insensitive. A code QLocale does not know ("string", "xx", " nl") has no name
// and is shown exactly as it is — never dropped or normalised. Thread-safe.
class LanguageNames final
{
public:
    LanguageNames() = delete;

    inline static const QString separator = QStringLiteral(" — ");

    [[nodiscard]] static bool isKnown(const QString &code);
    // The language's name in itself: "Nederlands", "português (Brasil)", "简体中文"; "" when unknown.
    // A bare code gets the name most of its locales use ("en" → "English", not "American
    // English"); a region the name does not already imply is added in brackets.
    [[nodiscard]] static QString nativeName(const QString &code);
    // "nl — Nederlands", or the code unchanged when it is unknown.
    [[nodiscard]] static QString displayName(const QString &code);
    // Whether text in this language runs right to left (ar, he, fa, ur, …); false when unknown.
    [[nodiscard]] static bool isRightToLeft(const QString &code);
};

} // namespace hookscope
