#pragma once

#include <QString>

namespace hookscope {

class TranslationIndex;

// Text renderings of a TranslationIndex, as `hookscope translations` prints them.
//
// TSV: a header row "pointer<TAB>owner<TAB>lang1<TAB>lang2…" (languages in index order), then
// one row per field. Every cell is escaped so that a row is one line and a cell one column:
// "\" → "\\", TAB → "\t", LF → "\n", CR → "\r". A value of "" is an empty cell; two markers no
// escaped text can produce stand for what is not text: "\N" a null value (as in PostgreSQL's
// COPY), "\-" a missing language.
//
// JSON: one compact object per file and line, members in this order:
//   {"file", "languages": [..], "fields": [{"pointer", "owner", "values": {LANG: TEXT|null}}],
//    "missing": [{"pointer", "language"}]}
// "values" holds the first item per language, in index order; a missing language is absent.
class TranslationReport final
{
public:
    TranslationReport() = delete;

    inline static const QString nullMarker = QStringLiteral("\\N");
    inline static const QString missingMarker = QStringLiteral("\\-");

    [[nodiscard]] static QString escapeTsv(const QString &text);
    // Header and rows, each ending in "\n".
    [[nodiscard]] static QString tsv(const TranslationIndex &index);
    [[nodiscard]] static QString jsonLine(const QString &file, const TranslationIndex &index);
    // For a file that could not be read or parsed: the same shape, empty, plus "error".
    [[nodiscard]] static QString jsonErrorLine(const QString &file, const QString &error);
};

} // namespace hookscope
