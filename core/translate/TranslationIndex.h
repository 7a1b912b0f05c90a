#pragma once

#include "MissingTranslation.h"
#include "TranslatedField.h"
#include "TranslationSummary.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonValue>
#include <QStringList>

#include <optional>
#include <vector>

namespace hookscope {

// The translations of one event as a table: a row per translated field (see TranslationScanner
// for what counts as one), a column per language. An immutable value, built in one pass: a
// table model can hold one and swap it whole when the event changes. QtCore only; build it on any
// thread and hand it over.
//
// Languages: in order of first appearance — fields in TranslationScanner::scan's order (members
// by name, items by index), each field's items in array order — so the integrator's own first
// language usually comes first ("en nl fr"), and the order is the same every run; then
// required languages no field has, in the order given. Codes are compared exactly as sent:
// "en", "EN" and "en-GB" are three languages (a mismatch there is worth seeing).
//
// Missing: a (field, language) pair where the field has no item for a language of the table.
// A null or "" value is present (flagged on the field), not missing.
class TranslationIndex final
{
public:
    TranslationIndex() = default; // no fields, no languages
    explicit TranslationIndex(const QJsonValue &root, const QStringList &requiredLanguages = {});
    explicit TranslationIndex(const QJsonDocument &document, const QStringList &requiredLanguages = {});

    // std::nullopt when bytes are not JSON (or are empty); *error then says why and where.
    [[nodiscard]] static std::optional<TranslationIndex> fromJson(const QByteArray &bytes,
                                                                  const QStringList &requiredLanguages = {},
                                                                  QString *error = nullptr);

    [[nodiscard]] const std::vector<TranslatedField> &fields() const { return m_fields; }
    [[nodiscard]] qsizetype fieldCount() const { return qsizetype(m_fields.size()); }
    [[nodiscard]] const TranslatedField &field(qsizetype row) const { return m_fields.at(std::size_t(row)); }
    [[nodiscard]] const QStringList &languages() const { return m_languages; }
    [[nodiscard]] const QStringList &requiredLanguages() const { return m_required; }

    [[nodiscard]] bool isMissing(qsizetype row, const QString &language) const;
    // Field by field (document order), each in languages() order.
    [[nodiscard]] const std::vector<MissingTranslation> &missing() const { return m_missing; }
    // Fields lacking the language ("nl: 3 missing"); 0 for a language not in the table.
    [[nodiscard]] int missingCount(const QString &language) const { return m_missingByLanguage.value(language); }
    [[nodiscard]] int missingCount() const { return int(m_missing.size()); }
    [[nodiscard]] int incompleteFieldCount() const { return m_incompleteFields; }
    [[nodiscard]] bool isComplete() const { return m_missing.empty(); }
    // Union of the fields' problems.
    [[nodiscard]] TranslatedField::Problems problems() const { return m_problems; }

    [[nodiscard]] TranslationSummary summary() const;
    // What the enrichment stores for a parsed body (a null document gives an empty summary).
    [[nodiscard]] static TranslationSummary summary(const QJsonDocument &document);

private:
    void collectLanguages(const QStringList &requiredLanguages);
    void collectMissing();

    std::vector<TranslatedField> m_fields;
    QStringList m_languages;
    QStringList m_required;
    std::vector<MissingTranslation> m_missing;
    QHash<QString, int> m_missingByLanguage;
    int m_incompleteFields = 0;
    TranslatedField::Problems m_problems;
};

} // namespace hookscope
