#include "TranslationsCommand.h"

#include "CommandIo.h"

#include "translate/TranslationIndex.h"
#include "translate/TranslationReport.h"

#include <QCommandLineParser>


namespace hookscope {

namespace {

constexpr int kExitComplete = 0;
constexpr int kExitMissing = 1;
constexpr int kExitUnreadable = 2;

// "--require nl,fr --require de" → nl fr de.
QStringList requiredLanguages(const QStringList &values)
{
    QStringList languages;
    for (const QString &value : values) {
        for (const QString &language : value.split(u',', Qt::SkipEmptyParts)) {
            const QString trimmed = language.trimmed();
            if (!trimmed.isEmpty() && !languages.contains(trimmed))
                languages.append(trimmed);
        }
    }
    return languages;
}

// What the TSV table cannot show (or shows only as a marker) goes to stderr, a line each, for CI logs.
void reportProblems(const QString &file, const TranslationIndex &index)
{
    QString text;
    for (const MissingTranslation &gap : index.missing()) {
        const TranslatedField &field = index.field(gap.field);
        text += QStringLiteral("%1: missing %2 in %3 (%4)\n").arg(file, gap.language, field.pointer(), field.owner());
    }
    for (const TranslatedField &field : index.fields()) {
        for (const QString &language : field.languages()) {
            const TranslationEntry *entry = field.entry(language);
            if (entry->isNull)
                text += QStringLiteral("%1: %2 is null in %3\n").arg(file, language, field.pointer());
            else if (entry->isEmpty())
                text += QStringLiteral("%1: %2 is empty in %3\n").arg(file, language, field.pointer());
            if (entry->isDuplicate()) {
                text += QStringLiteral("%1: %2 given %3 times in %4 (the first counts)\n")
                            .arg(file, language)
                            .arg(entry->occurrences)
                            .arg(field.pointer());
            }
        }
        if (field.blankLanguageItems() > 0)
            text += QStringLiteral("%1: item without a language in %2\n").arg(file, field.pointer());
    }
    printErr(text);
}

void printHelp(const QCommandLineParser &parser)
{
    QString help = parser.helpText();
    help = help.mid(help.indexOf(u'\n') + 1); // QCommandLineParser's usage line names the executable only
    printOut(QStringLiteral("Usage: hookscope translations [--format tsv|json] [--require LANG,LANG...] FILE...\n")
        + help
        + QStringLiteral(
              "\nFinds every translations array ([{\"language\", \"value\"}, ...]) in each JSON file and prints\n"
              "a table: a row per translated field, a column per language (in order of first appearance,\n"
              "then required ones).\n\n"
              "TSV: header \"pointer<TAB>owner<TAB>LANG...\", then a row per field. Cells are escaped:\n"
              "\\\\ backslash, \\t tab, \\n newline, \\r carriage return; \\N is a null value, \\- a missing\n"
              "language, an empty cell an empty string. With several files each table is preceded by a\n"
              "line \"# FILE\". Missing, null, empty and duplicate translations are also listed on stderr.\n\n"
              "JSON: one object per file and line:\n"
              "  {\"file\", \"languages\": [...], \"fields\": [{\"pointer\", \"owner\", \"values\": {LANG: TEXT}}],\n"
              "   \"missing\": [{\"pointer\", \"language\"}]}\n"
              "(\"pointer\" is the RFC 6901 pointer of the array; \"error\" is added for an unreadable file.)\n\n"
              "Exit status, the highest that applies:\n"
              "  2  a file is unreadable or not JSON (or the command line is wrong)\n"
              "  1  a field lacks a language another field of its file has, or a --require'd one\n"
              "  0  every field has every language\n"));
}

} // namespace

int runTranslationsCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption format({QStringLiteral("f"), QStringLiteral("format")},
                                    QStringLiteral("Output: tsv (default) or json."), QStringLiteral("format"),
                                    QStringLiteral("tsv"));
    const QCommandLineOption require({QStringLiteral("r"), QStringLiteral("require")},
                                     QStringLiteral("Languages every field must have, comma-separated "
                                                    "(repeatable)."),
                                     QStringLiteral("langs"));
    parser.addOptions({help, format, require});
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("JSON body to read; - reads stdin."),
                                 QStringLiteral("FILE..."));
    if (!parser.parse(QStringList{args.value(0)} + args.mid(2))) {
        printErr(QStringLiteral("hookscope translations: %1\n").arg(parser.errorText()));
        return kExitUnreadable;
    }
    if (parser.isSet(help)) {
        printHelp(parser);
        return kExitComplete;
    }
    const QString formatName = parser.value(format);
    if (formatName != QLatin1String("tsv") && formatName != QLatin1String("json")) {
        printErr(QStringLiteral("hookscope translations: --format must be tsv or json, not \"%1\"\n").arg(formatName));
        return kExitUnreadable;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        printErr(QStringLiteral("hookscope translations: no FILE given (try --help)\n"));
        return kExitUnreadable;
    }

    const bool json = formatName == QLatin1String("json");
    const QStringList required = requiredLanguages(parser.values(require));
    int code = kExitComplete;
    for (const QString &file : files) {
        QByteArray bytes;
        QString error;
        std::optional<TranslationIndex> index;
        if (!readInput(file, &bytes, &error)) {
            error = QStringLiteral("cannot read: %1").arg(error);
        } else {
            try { // one file's failure (std::bad_alloc, for one) is that file's result
                index = TranslationIndex::fromJson(bytes, required, &error);
                if (!index)
                    error = QStringLiteral("not JSON: %1").arg(error);
            } catch (const std::exception &e) {
                index.reset();
                error = QStringLiteral("could not be inspected: %1").arg(QString::fromUtf8(e.what()));
            }
        }

        if (!index) {
            code = kExitUnreadable;
            printErr(QStringLiteral("%1: %2\n").arg(file, error));
            if (json)
                printOut(TranslationReport::jsonErrorLine(file, error));
            continue;
        }
        if (!index->isComplete() && code == kExitComplete)
            code = kExitMissing;
        if (json) {
            printOut(TranslationReport::jsonLine(file, *index));
            continue;
        }
        if (files.size() > 1)
            printOut(QStringLiteral("# %1\n").arg(TranslationReport::escapeTsv(file)));
        printOut(TranslationReport::tsv(*index));
        std::fflush(stdout); // keep stdout and stderr lines in step on a terminal
        reportProblems(file, *index);
    }
    std::fflush(stdout);
    return code;
}

} // namespace hookscope
