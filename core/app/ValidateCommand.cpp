#include "ValidateCommand.h"

#include "CommandIo.h"

#include "hold/HoldPolicy.h"
#include "hold/PresetCatalog.h"
#include "schema/EventInspector.h"
#include "schema/Kind.h"
#include "schema/KindCatalog.h"
#include "schema/SchemaRegistry.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>


namespace hookscope {

namespace {

constexpr int kExitValid = 0;
constexpr int kExitViolations = 1;
constexpr int kExitUnreadable = 2;
constexpr int kExitUnknown = 3;

// 2 > 3 > 1 > 0
int severity(int code)
{
    switch (code) {
    case kExitUnreadable: return 3;
    case kExitUnknown: return 2;
    case kExitViolations: return 1;
    default: return 0;
    }
}

int worst(int a, int b)
{
    return severity(b) > severity(a) ? b : a;
}

// QCommandLineParser's own usage line names the executable only; sub-commands print theirs.
void printHelp(const QCommandLineParser &parser, const QString &usage, const QString &details)
{
    QString help = parser.helpText();
    const qsizetype firstLineEnd = help.indexOf(u'\n');
    help = help.mid(firstLineEnd + 1);
    printOut(QStringLiteral("Usage: %1\n%2%3").arg(usage, help, details));
}

QCommandLineOption kindsDirOption()
{
    return QCommandLineOption(
        QStringLiteral("kinds-dir"),
        QStringLiteral("Folder of user kinds (default: %1).").arg(SchemaRegistry::defaultUserKindsDirectory()),
        QStringLiteral("dir"));
}

QString pointerText(const QString &pointer)
{
    return pointer.isEmpty() ? QStringLiteral("(root)") : pointer;
}

int exitCodeOf(const ValidationOutcome &outcome)
{
    switch (outcome.status) {
    case ValidationOutcome::Status::Valid: return kExitValid;
    case ValidationOutcome::Status::Invalid: return kExitViolations;
    case ValidationOutcome::Status::Unknown: return kExitUnknown;
    case ValidationOutcome::Status::NotJson: return kExitUnreadable;
    }
    return kExitUnreadable;
}

// Compact JSON of one value (QJsonDocument holds only objects and arrays).
QString jsonText(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

// Members in the documented order: file, kind, event, valid, violations[, error].
QString jsonLine(const QString &file, const ValidationOutcome &outcome, const QString &error)
{
    const bool known = outcome.isKnown() && outcome.status != ValidationOutcome::Status::NotJson;
    const QJsonValue null(QJsonValue::Null);
    QStringList violations;
    for (const Violation &v : outcome.violations)
        violations.append(
            QStringLiteral("{\"pointer\":%1,\"message\":%2}").arg(jsonText(v.pointer), jsonText(v.message)));
    QString line = QStringLiteral("{\"file\":%1,\"kind\":%2,\"event\":%3,\"valid\":%4,\"violations\":[%5]")
                       .arg(jsonText(file), jsonText(known ? QJsonValue(outcome.kindId) : null),
                            jsonText(known && !outcome.eventName.isEmpty() ? QJsonValue(outcome.eventName) : null),
                            jsonText(known ? QJsonValue(outcome.violations.isEmpty()) : null), violations.join(u','));
    if (known && outcome.classification.isAmbiguous())
        line += QStringLiteral(",\"note\":%1").arg(jsonText(outcome.classification.ambiguityNote()));
    if (!error.isEmpty())
        line += QStringLiteral(",\"error\":%1").arg(jsonText(error));
    return line + QStringLiteral("}\n");
}

QString textReport(const QString &file, const ValidationOutcome &outcome)
{
    if (outcome.status == ValidationOutcome::Status::Unknown)
        return QStringLiteral("%1: unknown kind\n").arg(file);
    QString head = outcome.kindId;
    if (!outcome.eventName.isEmpty())
        head += QStringLiteral(" (%1)").arg(outcome.eventName);
    // Only the shape decided, and another kind of the vendor's pack fits as well.
    const QString note = outcome.classification.isAmbiguous()
        ? QStringLiteral("  note: %1\n").arg(outcome.classification.ambiguityNote())
        : QString();
    if (outcome.violations.isEmpty())
        return QStringLiteral("%1: %2: valid\n").arg(file, head) + note;
    QString text = QStringLiteral("%1: %2: %3 %4\n")
                       .arg(file, head)
                       .arg(outcome.violations.size())
                       .arg(outcome.violations.size() == 1 ? QStringLiteral("violation") : QStringLiteral("violations"))
        + note;
    for (const Violation &v : outcome.violations)
        text += QStringLiteral("  %1: %2\n").arg(pointerText(v.pointer), v.message);
    return text;
}

} // namespace

int runValidateCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption kind(
        {QStringLiteral("k"), QStringLiteral("kind")},
        QStringLiteral("Validate as this kind instead of classifying (see `hookscope schemas`); the id "
                       "alone or vendor-qualified, such as cubu/after-book-appointment."),
        QStringLiteral("id"));
    const QCommandLineOption format({QStringLiteral("f"), QStringLiteral("format")},
                                    QStringLiteral("Output: text (default) or json, one object per file and line: "
                                                   "{\"file\", \"kind\", \"event\", \"valid\", \"violations\": "
                                                   "[{\"pointer\", \"message\"}]} (kind, event and valid are null "
                                                   "for an unknown kind; \"error\" is added when a file is unreadable "
                                                   "or not JSON)."),
                                    QStringLiteral("format"), QStringLiteral("text"));
    const QCommandLineOption path(QStringLiteral("path"),
                                  QStringLiteral("Request path to classify by, as if the body had been posted there "
                                                 "(kind routes)."),
                                  QStringLiteral("path"));
    const QCommandLineOption kindsDir = kindsDirOption();
    parser.addOptions({help, kind, format, path, kindsDir});
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("JSON body to check; - reads stdin."),
                                 QStringLiteral("FILE..."));

    const QString usage = QStringLiteral("hookscope validate [--kind ID] [--format text|json] FILE...");
    if (!parser.parse(QStringList{args.value(0)} + args.mid(2))) {
        printErr(QStringLiteral("hookscope validate: %1\n").arg(parser.errorText()));
        return kExitUnreadable;
    }
    if (parser.isSet(help)) {
        printHelp(parser, usage,
                  QStringLiteral("\nClassifies each body (by --path route, then by shape) and validates it against "
                                 "its kind's JSON Schema.\n\nExit status, the highest that applies in this order:\n"
                                 "  2  a file is unreadable or not JSON (or the command line is wrong)\n"
                                 "  3  a file is of unknown kind\n"
                                 "  1  a file has violations\n"
                                 "  0  every file is valid\n"));
        return kExitValid;
    }
    const QString formatName = parser.value(format);
    if (formatName != QLatin1String("text") && formatName != QLatin1String("json")) {
        printErr(QStringLiteral("hookscope validate: --format must be text or json, not \"%1\"\n").arg(formatName));
        return kExitUnreadable;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        printErr(QStringLiteral("hookscope validate: no FILE given (try --help)\n"));
        return kExitUnreadable;
    }

    SchemaRegistry registry;
    registry.setUserKindsDirectory(parser.isSet(kindsDir) ? parser.value(kindsDir)
                                                          : SchemaRegistry::defaultUserKindsDirectory());
    const auto catalog = registry.catalog();
    for (const QString &problem : catalog->errors())
        printErr(QStringLiteral("hookscope validate: warning: %1\n").arg(problem));
    const QString forcedKind = parser.value(kind);
    if (!forcedKind.isEmpty() && !catalog->kind(forcedKind)) {
        printErr(QStringLiteral("hookscope validate: no kind \"%1\" (see `hookscope schemas`)\n").arg(forcedKind));
        return kExitUnreadable;
    }

    const EventInspector inspector(catalog);
    const bool json = formatName == QLatin1String("json");
    const QByteArray target = parser.value(path).toUtf8();
    int code = kExitValid;
    for (const QString &file : files) {
        QByteArray body;
        QString error;
        ValidationOutcome outcome;
        if (!readInput(file, &body, &error)) {
            error = QStringLiteral("cannot read: %1").arg(error);
            outcome.status = ValidationOutcome::Status::NotJson;
        } else {
            // A file given to validate is declared JSON, as a body sent as application/json is.
            try { // one file's failure (std::bad_alloc of its parse, for one) is that file's result
                outcome = forcedKind.isEmpty() ? inspector.inspect(body, target, "application/json") : inspector.inspectAs(forcedKind, body);
            } catch (const std::exception &e) {
                outcome = ValidationOutcome();
                outcome.status = ValidationOutcome::Status::NotJson; // exit code 2, like unreadable input
                error = QStringLiteral("could not be inspected: %1").arg(QString::fromUtf8(e.what()));
            }
            if (outcome.status == ValidationOutcome::Status::Unknown && body.trimmed().isEmpty()) {
                outcome.status = ValidationOutcome::Status::NotJson;
                outcome.parseError = QStringLiteral("empty document");
                outcome.parseErrorOffset = 0;
            }
            if (outcome.status == ValidationOutcome::Status::NotJson && error.isEmpty()) {
                error = outcome.parseErrorOffset >= 0
                    ? QStringLiteral("not JSON: %1 at offset %2").arg(outcome.parseError).arg(outcome.parseErrorOffset)
                    : QStringLiteral("not JSON: %1").arg(outcome.parseError);
            }
        }
        code = worst(code, exitCodeOf(outcome));
        if (!error.isEmpty())
            printErr(QStringLiteral("%1: %2\n").arg(file, error));
        if (json)
            printOut(jsonLine(file, outcome, error));
        else if (error.isEmpty())
            printOut(textReport(file, outcome));
    }
    std::fflush(stdout);
    return code;
}

int runSchemasCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption kindsDir = kindsDirOption();
    parser.addOptions({help, kindsDir});
    if (!parser.parse(QStringList{args.value(0)} + args.mid(2))) {
        printErr(QStringLiteral("hookscope schemas: %1\n").arg(parser.errorText()));
        return 2;
    }
    if (parser.isSet(help)) {
        printHelp(parser, QStringLiteral("hookscope schemas [--kinds-dir DIR]"),
                  QStringLiteral("\nLists the kinds Hookscope recognises: id, title, routes and where the schema came "
                                 "from (a built-in resource or a file in the user's kinds folder).\nExit status 1 when "
                                 "a user kind could not be loaded (the reasons go to stderr).\n"));
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printErr(QStringLiteral("hookscope schemas: unexpected argument \"%1\"\n")
                .arg(parser.positionalArguments().first()));
        return 2;
    }
    SchemaRegistry registry;
    registry.setUserKindsDirectory(parser.isSet(kindsDir) ? parser.value(kindsDir)
                                                          : SchemaRegistry::defaultUserKindsDirectory());
    const auto catalog = registry.catalog();

    qsizetype idWidth = 2;
    for (const auto &kind : catalog->kinds())
        idWidth = qMax(idWidth, kind->id.size());
    const QString indent(idWidth + 2, u' ');
    printOut(QStringLiteral("%1  TITLE\n").arg(QStringLiteral("ID").leftJustified(idWidth)));
    for (const auto &kind : catalog->kinds()) {
        QString text = QStringLiteral("%1  %2\n").arg(kind->id.leftJustified(idWidth), kind->title);
        text += indent + (kind->origin == Kind::Origin::BuiltIn ? QStringLiteral("built-in ") : QStringLiteral("user "))
            + kind->schemaFile + u'\n';
        if (!kind->pack.isEmpty()) {
            const Pack *pack = catalog->pack(kind->pack);
            text += indent + QStringLiteral("vendor: %1 (%2)\n").arg(pack ? pack->title : kind->pack, kind->qualifiedId());
        }
        if (!kind->kindFile.isEmpty())
            text += indent + QStringLiteral("kind file: %1\n").arg(kind->kindFile);
        if (!kind->sourcePage.isEmpty())
            text += indent + QStringLiteral("source page: %1\n").arg(kind->sourcePage);
        if (!kind->sampleFile.isEmpty())
            text += indent + QStringLiteral("sample: %1\n").arg(kind->sampleFile);
        if (kind->isSynchronous())
            text += indent + QStringLiteral("answered with: %1\n").arg(kind->answerKind);
        if (!kind->request)
            text += indent + QStringLiteral("response body: never picked for a request\n");
        else if (!kind->routes.isEmpty())
            text += indent + QStringLiteral("routes: %1\n").arg(kind->routes.join(QStringLiteral(", ")));
        else if (!kind->match.byShape) // an open pack kind: its page gave neither its URL nor its members
            text += indent + QStringLiteral("routes: none documented; name the path in Settings -> Kinds and schemas -> Routes\n");
        printOut(text);
    }
    for (const Pack &pack : catalog->packs()) {
        QString text = QStringLiteral("vendor pack %1 (%2)%3\n")
                           .arg(pack.id, pack.title, pack.disabled ? QStringLiteral(", disabled") : QString());
        text += QStringLiteral("  %1 %2\n").arg(pack.origin == Pack::Origin::BuiltIn ? QStringLiteral("built-in")
                                                                                      : QStringLiteral("user"),
                                               pack.directory);
        if (!pack.docs.isEmpty())
            text += QStringLiteral("  docs: %1\n").arg(pack.docs);
        if (!pack.signature.isEmpty())
            text += QStringLiteral("  signature: %1 (give the secret only: --signature %2/*=SECRETFILE)\n")
                        .arg(pack.signature, pack.id);
        if (!pack.setup.isEmpty())
            text += QStringLiteral("  setup: %1\n").arg(pack.setup);
        printOut(text);
    }
    printOut(QStringLiteral("user kinds folder: %1\n").arg(registry.userKindsDirectory()));
    std::fflush(stdout);
    // A pack's presets and hold.json (the user's are as hostile as its kinds) are read as a run reads them.
    QStringList problems = catalog->errors();
    (void)PresetCatalog::load(*catalog, &problems);
    (void)HoldPolicy::builtIn(*catalog, &problems);
    for (const QString &problem : problems)
        printErr(QStringLiteral("hookscope schemas: %1\n").arg(problem));
    return problems.isEmpty() ? 0 : 1;
}

} // namespace hookscope
