#pragma once

#include <QStringList>

namespace hookscope {

// `hookscope translations [--format tsv|json] [--require LANG,LANG…] FILE...`: the translations
// table of each JSON file ("-" is stdin), without a window (see TranslationReport for the
// formats). Exit status, the highest that applies: 2 a file is unreadable or not JSON (or bad
// usage) > 1 a field lacks a language another field of its file has, or a required one > 0.
[[nodiscard]] int runTranslationsCommand(const QStringList &args);

} // namespace hookscope
