#include "SendCommand.h"

#include "CommandIo.h"
#include "PackSignatureSpec.h"

#include "relay/RequestReplayer.h"
#include "relay/TestEvent.h"
#include "relay/TestSender.h"
#include "schema/EventInspector.h"
#include "schema/Kind.h"
#include "schema/KindCatalog.h"
#include "schema/SchemaRegistry.h"
#include "store/EventStore.h"
#include "util/ResourceLocator.h"
#include "util/SafeText.h"

#include <QCommandLineParser>
#include <QEventLoop>

#include <cstdio>

namespace hookscope {

namespace {

constexpr int kExitAsExpected = 0;
constexpr int kExitUnexpected = 1;
constexpr int kExitUsage = 2;
constexpr int kExitNoAnswer = 3;
constexpr int kMaxCount = 10'000;
constexpr qsizetype kAnswerShown = 2000; // characters of each answer printed

const QString kName = QStringLiteral("hookscope send");

int usageError(const QString &text)
{
    printErr(QStringLiteral("%1: %2\n").arg(kName, text));
    return kExitUsage;
}

QString statusText(const TestDelivery &d)
{
    if (!d.result.ok())
        return QStringLiteral("no answer: %1").arg(SafeText::oneLine(d.result.error.toUtf8(), 200));
    QString text = QString::number(d.result.status);
    if (!d.result.reason.isEmpty())
        text += u' ' + SafeText::oneLine(d.result.reason, 80);
    return text + QStringLiteral(" in %1 ms").arg(double(d.result.latencyUs) / 1000.0, 0, 'f', 1);
}

void printDelivery(int index, const TestDelivery &d, const QString &answerKind)
{
    QString text = QStringLiteral("#%1 %2: %3\n").arg(index + 1).arg(SafeText::oneLine(d.label.toUtf8()), statusText(d));
    if (d.result.ok() && !d.result.body.isEmpty()) {
        QString body = SafeText::forTerminal(d.result.body, kAnswerShown);
        body.replace(u'\n', QStringLiteral("\n     "));
        text += QStringLiteral("   answer (%1 bytes): %2\n").arg(d.result.body.size()).arg(body);
    }
    if (d.answerCheck) {
        const ValidationOutcome &check = *d.answerCheck;
        if (check.status == ValidationOutcome::Status::Valid) {
            text += QStringLiteral("   answer schema %1: valid\n").arg(answerKind);
        } else if (check.status == ValidationOutcome::Status::NotJson) {
            text += QStringLiteral("   answer schema %1: NOT JSON (%2)\n").arg(answerKind, SafeText::oneLine(check.parseError.toUtf8()));
        } else {
            text += QStringLiteral("   answer schema %1: %2 VIOLATION%3\n")
                        .arg(answerKind)
                        .arg(check.violations.size())
                        .arg(check.violations.size() == 1 ? QString() : QStringLiteral("S"));
            for (const Violation &v : check.violations)
                text += QStringLiteral("     %1: %2\n")
                            .arg(v.pointer.isEmpty() ? QStringLiteral("(root)") : v.pointer, SafeText::oneLine(v.message.toUtf8()));
        }
    }
    printOut(text);
    std::fflush(stdout);
}

void printSummary(const QList<TestDelivery> &deliveries)
{
    qsizetype width = 7;
    for (const TestDelivery &d : deliveries)
        width = qMax(width, qMin<qsizetype>(d.label.size(), 90));
    QString text = QStringLiteral("\nSummary (variant -> status):\n  %1  STATUS  VERDICT\n").arg(QStringLiteral("VARIANT").leftJustified(width));
    for (const TestDelivery &d : deliveries) {
        const QString status = d.result.ok() ? QString::number(d.result.status) : QStringLiteral("-");
        const QString verdict = d.verdict();
        text += QStringLiteral("  %1  %2  %3\n")
                    .arg(SafeText::oneLine(d.label.toUtf8(), 90).leftJustified(width), status.leftJustified(6), verdict);
    }
    printOut(text);
}

// The signature rule for the kind: --secret (with --scheme or the vendor's), else --signatures FILE.
bool signingRule(const QCommandLineParser &parser, const KindCatalog &catalog, const Kind &kind,
                 std::optional<SignatureRule> *out, QString *error)
{
    if (parser.isSet(QStringLiteral("signatures"))) {
        SignatureRules rules;
        if (!SignatureRule::parseJsonFile(parser.value(QStringLiteral("signatures")), &rules, error))
            return false;
        for (const SignatureRule &rule : PackSignatureSpec::expandRules(rules, catalog)) {
            if ((rule.kind == kind.id || rule.kind == QLatin1String("*")) && (!*out || out->value().kind == QLatin1String("*")))
                *out = rule;
        }
        if (!*out) {
            *error = QStringLiteral("%1 holds no rule for the kind %2").arg(parser.value(QStringLiteral("signatures")), kind.qualifiedId());
            return false;
        }
        if (out->value().isPublicKey()) {
            *error = QStringLiteral("the rule for %1 checks a public-key signature: only the vendor can make one").arg(kind.qualifiedId());
            return false;
        }
        return true;
    }
    QByteArray secret;
    if (parser.isSet(QStringLiteral("secret")) && !SignatureRule::readSecretFile(parser.value(QStringLiteral("secret")), &secret, error))
        return false;
    *out = TestEvent::signingRule(catalog, kind, parser.value(QStringLiteral("scheme")), secret, error);
    return out->has_value();
}

} // namespace

int runSendCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("Your app's endpoint, e.g. http://localhost:3000/webhooks (required)."), QStringLiteral("url"));
    const QCommandLineOption set(QStringLiteral("set"),
                                 QStringLiteral("Put VALUE at the JSON pointer of the body (repeatable, applied in order): "
                                                "JSON when it reads as JSON (12, true, null, {\"a\":1}, \"quoted\"), else the text "
                                                "as a string. A member is added or replaced; /list/- appends."),
                                 QStringLiteral("/pointer=value"));
    const QCommandLineOption sign(QStringLiteral("sign"),
                                  QStringLiteral("Sign each request with the kind's scheme, as its vendor does, with a fresh "
                                                 "timestamp and delivery id. Needs --secret (or --signatures)."));
    const QCommandLineOption secret(QStringLiteral("secret"), QStringLiteral("File holding the signing secret (the last line is used)."), QStringLiteral("file"));
    const QCommandLineOption scheme(QStringLiteral("scheme"),
                                    QStringLiteral("Signature scheme to sign with instead of the one the kind's vendor pack "
                                                   "names (standard-webhooks, stripe, github, cubu, jicoo and the others of the Signatures settings)."),
                                    QStringLiteral("preset"));
    const QCommandLineOption signatures(QStringLiteral("signatures"),
                                        QStringLiteral("Sign with the kind's rule from this rules file (the --signatures "
                                                       "file of the capture modes) instead of --secret."),
                                        QStringLiteral("file"));
    const QCommandLineOption count(QStringLiteral("count"), QStringLiteral("Send each request N times (default 1, at most 10000)."), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption invalid(QStringLiteral("invalid"),
                                     QStringLiteral("After the valid event, send one variant per constraint its kind's schema "
                                                    "documents, each breaking exactly that one (a missing required member, a "
                                                    "wrong type, a too long or too short string, a number above its maximum or "
                                                    "below its minimum, a bad date-time, a value outside the enum or the const, "
                                                    "a pattern mismatch), then print which ones the app accepted."));
    const QCommandLineOption event(QStringLiteral("event"), QStringLiteral("Start from this captured event (its headers and body) instead of the sample."), QStringLiteral("id"));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("Store of --event (default: %1).").arg(EventStore::defaultPath()), QStringLiteral("path"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Milliseconds to wait for each answer (default 10000)."), QStringLiteral("ms"), QStringLiteral("10000"));
    const QCommandLineOption kindsDir(QStringLiteral("kinds-dir"),
                                      QStringLiteral("Folder of user kinds (default: %1).").arg(SchemaRegistry::defaultUserKindsDirectory()),
                                      QStringLiteral("dir"));
    parser.addOptions({help, to, set, sign, secret, scheme, signatures, count, invalid, event, db, timeout, kindsDir});
    parser.addPositionalArgument(QStringLiteral("KIND"),
                                 QStringLiteral("The kind to send (see `hookscope schemas`), alone or vendor-qualified "
                                                "(cubu/before-book-appointment); optional with --event."),
                                 QStringLiteral("KIND"));
    const QString usage = QStringLiteral("hookscope send KIND --to URL [--set /pointer=value]... [--sign --secret FILE] [--count N] [--invalid]");
    if (!parser.parse(QStringList{args.value(0)} + args.mid(2)))
        return usageError(parser.errorText());
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        printOut(QStringLiteral("Usage: %1\n%2").arg(usage, text.mid(text.indexOf(u'\n') + 1))
                 + QStringLiteral(
                     "\nSends a test event to your app as the kind's vendor would: the kind's sample (or a captured "
                     "event), overrides applied, signed when asked. Each answer is printed with its status and latency "
                     "(control characters in it are shown escaped, never sent to the terminal). For a synchronous kind "
                     "(one answered with a body, such as Cubu's Before Book Appointment) each 2xx answer is also "
                     "validated against the kind's response schema.\n\nExit status:\n"
                     "  0  every request was answered as expected: 2xx (with a valid answer body for a synchronous kind), and with --invalid every variant refused\n"
                     "  1  the app answered otherwise: a valid event refused, an answer that breaks the response schema, or a variant accepted with 2xx\n"
                     "  2  wrong usage: unknown kind, no sample, a bad --set, no secret to sign with, a bad URL\n"
                     "  3  a request got no answer (refused connection, timeout, not HTTP)\n"
                     "\nExample:\n"
                     "  hookscope send cubu/after-start-work --to http://localhost:3000/cubu --set /caseId=c-42 --sign --secret cubu.secret\n"));
        return kExitAsExpected;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return usageError(QStringLiteral("one KIND at a time (got %1)").arg(positional.join(u' ')));
    if (positional.isEmpty() && !parser.isSet(event))
        return usageError(QStringLiteral("no KIND given (see `hookscope schemas`; try --help)"));
    if (!parser.isSet(to))
        return usageError(QStringLiteral("--to URL is required: where your app listens, e.g. http://localhost:3000/webhooks"));
    const QUrl url(parser.value(to));
    if (const QString problem = RequestReplayer::checkUrl(url); !problem.isEmpty())
        return usageError(QStringLiteral("--to: %1").arg(problem));
    bool ok = false;
    const int times = parser.value(count).toInt(&ok);
    if (!ok || times < 1 || times > kMaxCount)
        return usageError(QStringLiteral("--count must be a whole number from 1 to %1, not \"%2\"").arg(kMaxCount).arg(parser.value(count)));
    const int timeoutMs = parser.value(timeout).toInt(&ok);
    if (!ok || timeoutMs < 1)
        return usageError(QStringLiteral("--timeout must be a positive number of milliseconds, not \"%1\"").arg(parser.value(timeout)));
    QList<BodyOverride> overrides;
    for (const QString &text : parser.values(set)) {
        QString error;
        const std::optional<BodyOverride> o = TestEvent::parseOverride(text, &error);
        if (!o)
            return usageError(QStringLiteral("--set %1").arg(error));
        overrides.append(*o);
    }
    if (!parser.isSet(sign) && (parser.isSet(secret) || parser.isSet(scheme) || parser.isSet(signatures)))
        return usageError(QStringLiteral("--secret, --scheme and --signatures sign only with --sign"));

    SchemaRegistry registry;
    registry.setUserKindsDirectory(parser.isSet(kindsDir) ? parser.value(kindsDir) : SchemaRegistry::defaultUserKindsDirectory());
    const std::shared_ptr<const KindCatalog> catalog = registry.catalog();
    for (const QString &problem : catalog->errors())
        printErr(QStringLiteral("%1: warning: %2\n").arg(kName, problem));

    OutgoingRequest base;
    QString kindId = positional.value(0);
    QString origin;
    if (parser.isSet(event)) {
        const qint64 id = parser.value(event).toLongLong(&ok);
        EventStore store;
        QString error;
        const QString path = parser.isSet(db) ? parser.value(db) : EventStore::defaultPath();
        if (!ok || id < 1)
            return usageError(QStringLiteral("--event must be an event number, not \"%1\"").arg(parser.value(event)));
        if (!store.openForReading(path, &error))
            return usageError(QStringLiteral("--db %1: %2").arg(path, error));
        const std::optional<Event> captured = store.load(id);
        if (!captured)
            return usageError(QStringLiteral("there is no event #%1 in %2").arg(id).arg(path));
        base = OutgoingRequest::fromEvent(*captured);
        base.target = "/"; // --to names the endpoint
        if (kindId.isEmpty())
            kindId = EventInspector(catalog).inspect(captured->body, captured->target, headerValue(captured->headers, "content-type")).kindId;
        origin = QStringLiteral("event #%1 of %2").arg(id).arg(path);
    }
    const std::shared_ptr<const Kind> kind = kindId.isEmpty() ? nullptr : catalog->kind(kindId);
    if (!kind)
        return usageError(kindId.isEmpty() ? QStringLiteral("the event is of no known kind: name one (KIND)")
                                           : QStringLiteral("no kind \"%1\" (see `hookscope schemas`)").arg(kindId));
    if (!parser.isSet(event)) {
        QString error;
        const QByteArray sample = TestEvent::sampleBody(*kind, ResourceLocator::directory(QStringLiteral("samples")), &error);
        if (sample.isEmpty())
            return usageError(error);
        base = TestEvent::request(sample);
        origin = QStringLiteral("its sample");
    }
    if (QString error; !TestEvent::applyOverrides(&base.body, overrides, &error))
        return usageError(QStringLiteral("--set %1").arg(error));
    std::optional<SignatureRule> rule;
    if (parser.isSet(sign)) {
        QString error;
        if (!signingRule(parser, *catalog, *kind, &rule, &error))
            return usageError(QStringLiteral("--sign: %1").arg(error));
    }
    QString error;
    const QList<TestDelivery> plan = TestSender::plan(*kind, base, times, parser.isSet(invalid), &error);
    if (plan.isEmpty())
        return usageError(QStringLiteral("--invalid: %1").arg(error));

    // Kind ids and titles come from the kinds folder, which may be anyone's: printed escaped too.
    printOut(SafeText::forTerminal(QStringLiteral("Sending %1 (%2) to %3: %4 request%5%6")
                 .arg(kind->qualifiedId(), origin, url.toString())
                 .arg(plan.size())
                 .arg(plan.size() == 1 ? QString() : QStringLiteral("s"))
                 .arg(rule ? QStringLiteral(", signed as %1").arg(rule->preset.isEmpty() ? QStringLiteral("the rule's scheme") : rule->preset)
                           : QString())
                                       .toUtf8())
             + u'\n');
    TestSender sender;
    sender.setTimeoutMs(timeoutMs);
    sender.setSigningRule(rule);
    if (kind->isSynchronous())
        sender.setAnswerKind(catalog, kind->answerKind);
    QEventLoop loop;
    QObject::connect(&sender, &TestSender::delivered, &sender,
                     [&](int index) { printDelivery(index, sender.deliveries().at(index), kind->answerKind); });
    QObject::connect(&sender, &TestSender::finished, &loop, &QEventLoop::quit);
    sender.start(url, plan);
    if (sender.isBusy())
        loop.exec();
    if (parser.isSet(invalid))
        printSummary(sender.deliveries());
    std::fflush(stdout);

    int code = kExitAsExpected;
    for (const TestDelivery &d : sender.deliveries()) {
        if (!d.result.ok())
            return kExitNoAnswer;
        if (!d.asExpected())
            code = kExitUnexpected;
    }
    return code;
}

} // namespace hookscope
