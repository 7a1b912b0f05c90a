#pragma once

#include "TranslationEntry.h"

#include <QFlags>
#include <QHash>
#include <QJsonArray>
#include <QString>
#include <QStringList>

namespace hookscope {

// One translations array of an event — a row of the translations table: where it is, what to
// call it, and its text per language.
class TranslatedField final
{
public:
    enum class Problem {
        EmptyText = 0x1, // a language's value is ""
        NullValue = 0x2, // a language's value is null
        DuplicateLanguage = 0x4, // two or more items for one language (the first one counts)
        BlankLanguage = 0x8, // an item whose "language" is "" (it fills no column)
        NoTranslations = 0x10, // an empty array: no item at all
    };
    Q_DECLARE_FLAGS(Problems, Problem)

    // items: the array (see TranslationScanner for what qualifies); non-conforming items are ignored.
    TranslatedField(QString pointer, QString owner, const QJsonArray &items);

    [[nodiscard]] const QString &pointer() const { return m_pointer; } // RFC 6901, of the array
    [[nodiscard]] const QString &owner() const { return m_owner; } // "subject › name"
    // Languages of this field, in the order of their first item; codes exactly as sent.
    [[nodiscard]] const QStringList &languages() const { return m_languages; }
    [[nodiscard]] bool hasLanguage(const QString &language) const { return m_entries.contains(language); }
    // nullptr when the field has no item for the language.
    [[nodiscard]] const TranslationEntry *entry(const QString &language) const;
    [[nodiscard]] qsizetype itemCount() const { return m_itemCount; }
    [[nodiscard]] int blankLanguageItems() const { return m_blankLanguageItems; }
    [[nodiscard]] Problems problems() const { return m_problems; }

private:
    QString m_pointer;
    QString m_owner;
    QStringList m_languages;
    QHash<QString, TranslationEntry> m_entries;
    qsizetype m_itemCount = 0;
    int m_blankLanguageItems = 0;
    Problems m_problems;
};

} // namespace hookscope

Q_DECLARE_OPERATORS_FOR_FLAGS(hookscope::TranslatedField::Problems)
