#include "TranslationIndex.h"

#include "OwnerLabels.h"
#include "TranslationScanner.h"
#include "util/JsonNumberRange.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

namespace hookscope {

namespace {

// RFC 6901: "~" → "~0", then "/" → "~1".
QString pointerOf(const JsonPath &path)
{
    QString pointer;
    for (const PathStep &step : path) {
        QString token = step.token;
        token.replace(u'~', QLatin1String("~0")).replace(u'/', QLatin1String("~1"));
        pointer += u'/' + token;
    }
    return pointer;
}

QJsonValue rootOf(const QJsonDocument &document)
{
    if (document.isArray())
        return document.array();
    if (document.isObject())
        return document.object();
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace

TranslationIndex::TranslationIndex(const QJsonValue &root, const QStringList &requiredLanguages)
{
    const std::vector<TranslationScanner::Match> matches = TranslationScanner::scan(root);
    std::vector<JsonPath> paths;
    paths.reserve(matches.size());
    for (const TranslationScanner::Match &match : matches)
        paths.push_back(match.path);
    const QStringList owners = OwnerLabels::build(paths);
    m_fields.reserve(matches.size());
    for (std::size_t i = 0; i < matches.size(); ++i) {
        m_fields.emplace_back(pointerOf(matches[i].path), owners.at(qsizetype(i)), matches[i].items);
        m_problems |= m_fields.back().problems();
    }
    collectLanguages(requiredLanguages);
    collectMissing();
}

TranslationIndex::TranslationIndex(const QJsonDocument &document, const QStringList &requiredLanguages)
    : TranslationIndex(rootOf(document), requiredLanguages)
{
}

std::optional<TranslationIndex> TranslationIndex::fromJson(const QByteArray &bytes, const QStringList &requiredLanguages,
                                                           QString *error)
{
    QJsonParseError parseError;
    // Numbers beyond a double (valid JSON, an "illegal number" to Qt) read as ±1e308: they are never text.
    const QJsonDocument document = QJsonDocument::fromJson(JsonNumberRange::tamed(bytes), &parseError);
    if (parseError.error != QJsonParseError::NoError || document.isNull()) {
        if (error) {
            if (bytes.trimmed().isEmpty())
                *error = QStringLiteral("empty document");
            else if (parseError.error == QJsonParseError::NoError)
                *error = QStringLiteral("neither an object nor an array");
            else
                *error = QStringLiteral("%1 at offset %2").arg(parseError.errorString()).arg(parseError.offset);
        }
        return std::nullopt;
    }
    return TranslationIndex(document, requiredLanguages);
}

void TranslationIndex::collectLanguages(const QStringList &requiredLanguages)
{
    QSet<QString> seen;
    for (const TranslatedField &field : m_fields) {
        for (const QString &language : field.languages()) {
            if (!seen.contains(language)) {
                seen.insert(language);
                m_languages.append(language);
            }
        }
    }
    for (const QString &language : requiredLanguages) {
        if (language.isEmpty() || m_required.contains(language))
            continue;
        m_required.append(language);
        if (!seen.contains(language)) {
            seen.insert(language);
            m_languages.append(language);
        }
    }
}

void TranslationIndex::collectMissing()
{
    for (std::size_t row = 0; row < m_fields.size(); ++row) {
        bool incomplete = false;
        for (const QString &language : std::as_const(m_languages)) {
            if (m_fields[row].hasLanguage(language))
                continue;
            m_missing.push_back({qsizetype(row), language});
            ++m_missingByLanguage[language];
            incomplete = true;
        }
        if (incomplete)
            ++m_incompleteFields;
    }
}

bool TranslationIndex::isMissing(qsizetype row, const QString &language) const
{
    return row >= 0 && row < fieldCount() && m_languages.contains(language) && !field(row).hasLanguage(language);
}

TranslationSummary TranslationIndex::summary() const
{
    return {m_languages.join(u' '), missingCount(), m_incompleteFields};
}

TranslationSummary TranslationIndex::summary(const QJsonDocument &document)
{
    return TranslationIndex(document).summary();
}

} // namespace hookscope
