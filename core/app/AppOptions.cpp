#include "AppOptions.h"

#include "PackSignatureSpec.h"
#include "enrich/DefaultInspector.h"
#include "hold/PresetCatalog.h"

#include <QCommandLineParser>
#include <QFile>

namespace hookscope {

namespace {

struct Options
{
    QCommandLineOption headless{QStringLiteral("headless"),
                                QStringLiteral("Run the receiver and store without a window; one line per event on stdout.")};
    QCommandLineOption bind{QStringLiteral("bind"),
                            QStringLiteral("Address to listen on (default 127.0.0.1; ngrok forwards to localhost)."),
                            QStringLiteral("ADDR"), QStringLiteral("127.0.0.1")};
    QCommandLineOption port{QStringLiteral("port"), QStringLiteral("TCP port to listen on; 0 picks a free one (default 8080)."),
                            QStringLiteral("N"), QStringLiteral("8080")};
    QCommandLineOption db{QStringLiteral("db"),
                          QStringLiteral("Event store file (default: %1).").arg(EventStore::defaultPath()),
                          QStringLiteral("PATH")};
    QCommandLineOption sync{QStringLiteral("sync"),
                            QStringLiteral("full: fsync every commit (survives power loss, default); normal: survives "
                                           "a crash of Hookscope, not of the machine."),
                            QStringLiteral("MODE"), QStringLiteral("full")};
    QCommandLineOption noValidate{QStringLiteral("no-validate"),
                                  QStringLiteral("Do not classify and validate events (they are still stored).")};
    QCommandLineOption inspectTimeout{QStringLiteral("inspect-timeout"),
                                      QStringLiteral("Seconds one event's classification and validation may take before "
                                                     "it is stopped and recorded as not inspected (default 5; 0: no limit)."),
                                      QStringLiteral("SECONDS"), QStringLiteral("5")};
    QCommandLineOption maxBody{QStringLiteral("max-body"),
                               QStringLiteral("Largest request body accepted, in bytes; larger gets 413 (default 16777216)."),
                               QStringLiteral("BYTES"), QStringLiteral("16777216")};
    QCommandLineOption maxHead{QStringLiteral("max-head"),
                               QStringLiteral("Largest request line + headers, in bytes; larger gets 431 (default 65536)."),
                               QStringLiteral("BYTES"), QStringLiteral("65536")};
    QCommandLineOption idleTimeout{QStringLiteral("idle-timeout"),
                                   QStringLiteral("Seconds a client may send nothing mid-request before 408 (default 30)."),
                                   QStringLiteral("SECONDS"), QStringLiteral("30")};
    QCommandLineOption headTimeout{QStringLiteral("head-timeout"),
                                   QStringLiteral("Seconds a client may take in all to send a request line and headers, "
                                                  "however steadily it trickles them, before 408 (default 60)."),
                                   QStringLiteral("SECONDS"), QStringLiteral("60")};
    QCommandLineOption firstByteTimeout{QStringLiteral("first-byte-timeout"),
                                        QStringLiteral("Seconds a new connection may stay silent before it is closed "
                                                       "(default 10)."),
                                        QStringLiteral("SECONDS"), QStringLiteral("10")};
    QCommandLineOption maxConnections{QStringLiteral("max-connections"),
                                      QStringLiteral("Open connections at most; more wait to be accepted (default 1024)."),
                                      QStringLiteral("N"), QStringLiteral("1024")};
    QCommandLineOption responseStatus{QStringLiteral("response-status"),
                                      QStringLiteral("Status of the default answer (default 200)."), QStringLiteral("CODE"),
                                      QStringLiteral("200")};
    QCommandLineOption responseHeader{QStringLiteral("response-header"),
                                      QStringLiteral("Header of the default answer, \"Name: value\"; repeatable. Replaces "
                                                     "the default Content-Type: application/json."),
                                      QStringLiteral("HEADER")};
    QCommandLineOption responseBody{QStringLiteral("response-body"),
                                    QStringLiteral("Body of the default answer (default {\"ok\":true})."), QStringLiteral("TEXT")};
    QCommandLineOption responseBodyFile{QStringLiteral("response-body-file"),
                                        QStringLiteral("Read the default answer's body from FILE."), QStringLiteral("FILE")};
    QCommandLineOption secret{QStringLiteral("secret"),
                              QStringLiteral("Shared secret every request must carry (see --secret-mode); others get 401 "
                                             "and are recorded as rejected. Prefer --secret-file: arguments are visible "
                                             "to other users."),
                              QStringLiteral("TEXT")};
    QCommandLineOption secretFile{QStringLiteral("secret-file"),
                                  QStringLiteral("Read the shared secret from FILE (trailing newline ignored)."),
                                  QStringLiteral("FILE")};
    QCommandLineOption secretMode{QStringLiteral("secret-mode"),
                                  QStringLiteral("Where requests carry the secret: bearer (Authorization: Bearer, "
                                                 "default), basic (HTTP basic auth password) or query:NAME (?NAME=secret)."),
                                  QStringLiteral("MODE"), QStringLiteral("bearer")};
    QCommandLineOption allowPath{QStringLiteral("allow-path"),
                                 QStringLiteral("Accept only this path (exact, or a prefix ending in /*, e.g. /hooks/*); "
                                                "repeatable. Other paths get 404 and are recorded as rejected."),
                                 QStringLiteral("PATH")};
    QCommandLineOption signature{QStringLiteral("signature"),
                                 QStringLiteral("Verify signatures of a kind: KIND=PRESET:SECRETFILE (PRESET "
                                                "standard-webhooks|svix|stripe|calendly|jicoo|github|shopify|square|"
                                                "cal-com|cubu|highlevel; highlevel needs no file) or "
                                                "KIND=ALGORITHM:HEADER:ENCODING:SECRETFILE, ALGORITHM "
                                                "hmac-sha256|hmac-sha1|hmac-sha512|rsa-sha256|ed25519, ENCODING "
                                                "hex|base64, SECRETFILE the HMAC secret(s), one per line, or PEM public "
                                                "key(s); KIND * for any kind; PACK/*=SECRETFILE for every kind of a vendor pack "
                                                "with the scheme its pack.json names; repeatable."),
                                 QStringLiteral("SPEC")};
    QCommandLineOption signatures{QStringLiteral("signatures"),
                                  QStringLiteral("Signature rules from a JSON file: [{\"kind\", \"algorithm\", "
                                                 "\"header\", \"encoding\", \"prefix\", \"timestampHeader\", "
                                                 "\"payload\", \"secretFile\"}] or [{\"kind\", \"preset\", "
                                                 "\"secretFile\"}]; see README."),
                                  QStringLiteral("FILE")};
    QCommandLineOption signatureTolerance{QStringLiteral("signature-tolerance"),
                                          QStringLiteral("How far a signed timestamp may be from the time the "
                                                         "request arrived, in seconds (default 300; 0: not checked)."),
                                          QStringLiteral("SECONDS"), QStringLiteral("300")};
    QCommandLineOption forwardResign{QStringLiteral("forward-resign"),
                                     QStringLiteral("With --forward: sign each forwarded request again with its "
                                                    "kind's signature rule and a fresh timestamp.")};
    QCommandLineOption publicUrl{QStringLiteral("public-url"),
                                 QStringLiteral("The public base URL senders call (e.g. https://hooks.example.com); "
                                                "fills {url} in signed content. Default: the ngrok tunnel's."),
                                 QStringLiteral("URL")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Render the main window with a few sample events (temporary store, "
                                                 "offscreen) to FILE.png and exit; respond:FILE.png shows the Respond "
                                                 "panel on a held Before Book hook."),
                                  QStringLiteral("FILE")};
    QCommandLineOption forward{QStringLiteral("forward"),
                               QStringLiteral("Forward every stored event to URL (your local app, e.g. "
                                              "http://localhost:3000/webhooks) and record its answer and latency."),
                               QStringLiteral("URL")};
    QCommandLineOption forwardKind{QStringLiteral("forward-kind"),
                                   QStringLiteral("With --forward: forward only events of this kind "
                                                  "(e.g. before-book-appointment)."),
                                   QStringLiteral("KIND")};
    QCommandLineOption forwardAnswers{QStringLiteral("forward-answers"),
                                      QStringLiteral("With --forward: a held hook (Before Book Appointment) is "
                                                     "answered with your app's answer when it gives one in time.")};
    QCommandLineOption ngrokApi{QStringLiteral("ngrok-api"),
                                QStringLiteral("Address of the ngrok agent's local API, watched for a tunnel to "
                                               "this port (default http://127.0.0.1:4040)."),
                                QStringLiteral("URL"), QStringLiteral("http://127.0.0.1:4040")};

    QCommandLineOption respond{QStringLiteral("respond"),
                               QStringLiteral("Answer requests of KIND at once with PRESET instead of holding them "
                                              "(repeatable), e.g. before-book-appointment=accept or "
                                              "before-book-appointment=cancel:\"Slot no longer available\" (ARG: the "
                                              "preset's argument; KIND may be vendor-qualified, cubu/before-queue-up=accept). "
                                              "Presets: resources/presets, each vendor pack's presets/ and the user presets folder."),
                               QStringLiteral("KIND=PRESET[:ARG]")};
    QCommandLineOption rule{QStringLiteral("rule"),
                            QStringLiteral("Answer rules from FILE, switched on (\"Simulate failures\"): an ordered list "
                                           "that answers matching requests with a status or a status sequence "
                                           "(500,500,200 per delivery of the same event), a delay with jitter, a "
                                           "dropped connection, an answer after the vendor's timeout or a hold; "
                                           "each event records the rule (docs/ANSWER-RULES.md). Without it: the "
                                           "user's answer-rules.json beside the presets folder, as saved in Settings."),
                            QStringLiteral("FILE")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(QStringLiteral(
            "Hookscope: a desktop webhook inspector. Captures every request sent to it, stores it durably "
            "and shows it exactly as it came."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({headless, bind, port, db, sync, noValidate, maxBody, maxHead, idleTimeout, maxConnections,
                           responseStatus, responseHeader, responseBody, responseBodyFile, secret, secretFile,
                           secretMode, allowPath, signature, signatures, screenshot});
        parser.addOptions({forward, forwardKind, forwardAnswers, ngrokApi});
        parser.addOptions({signatureTolerance, forwardResign, publicUrl});
        parser.addOption(headTimeout);
        parser.addOption(firstByteTimeout);
        parser.addOption(respond);
        parser.addOption(rule);
        parser.addOption(inspectTimeout);
    }
};

bool toPositive(const QString &text, qint64 *out)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value <= 0)
        return false;
    *out = value;
    return true;
}

bool isHttpUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
        && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}

// --forward, --forward-kind, --forward-answers, --ngrok-api.
bool parseRelayOptions(const QCommandLineParser &parser, const Options &o, AppOptions *out, QString *error)
{
    if (parser.isSet(o.forward)) {
        out->forwardUrl = QUrl(parser.value(o.forward));
        if (!isHttpUrl(out->forwardUrl)) {
            *error = QStringLiteral("--forward: '%1' is not an http:// URL like http://localhost:3000/webhooks")
                         .arg(parser.value(o.forward));
            return false;
        }
    }
    out->forwardKind = parser.value(o.forwardKind);
    out->forwardAnswers = parser.isSet(o.forwardAnswers);
    if (out->forwardAnswers && out->forwardUrl.isEmpty()) {
        *error = QStringLiteral("--forward-answers needs --forward URL");
        return false;
    }
    if (!out->forwardKind.isEmpty() && out->forwardUrl.isEmpty()) {
        *error = QStringLiteral("--forward-kind needs --forward URL");
        return false;
    }
    out->ngrokApi = QUrl(parser.value(o.ngrokApi));
    if (!isHttpUrl(out->ngrokApi)) {
        *error = QStringLiteral("--ngrok-api: '%1' is not an http:// URL like http://127.0.0.1:4040")
                     .arg(parser.value(o.ngrokApi));
        return false;
    }
    return true;
}

bool parseTrust(const QCommandLineParser &parser, const Options &o, AppOptions *out, QString *error)
{
    GuardConfig &guard = out->receiver.guard;
    if (parser.isSet(o.secret) && parser.isSet(o.secretFile)) {
        *error = QStringLiteral("--secret and --secret-file exclude each other");
        return false;
    }
    if (parser.isSet(o.secret)) {
        guard.secret = parser.value(o.secret).toUtf8();
        if (guard.secret.isEmpty()) {
            *error = QStringLiteral("--secret: the secret is empty");
            return false;
        }
    }
    if (parser.isSet(o.secretFile)) {
        QFile file(parser.value(o.secretFile));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("--secret-file: cannot read %1: %2").arg(file.fileName(), file.errorString());
            return false;
        }
        guard.secret = file.readAll().trimmed();
        if (guard.secret.isEmpty()) {
            *error = QStringLiteral("--secret-file: %1 is empty").arg(file.fileName());
            return false;
        }
    }
    QString reason;
    if (!GuardConfig::parseSecretMode(parser.value(o.secretMode), &guard, &reason)) {
        *error = QStringLiteral("--secret-mode: ") + reason;
        return false;
    }
    for (const QString &path : parser.values(o.allowPath)) {
        if (!GuardConfig::isValidPathEntry(path, &reason)) {
            *error = QStringLiteral("--allow-path: ") + reason;
            return false;
        }
        guard.allowedPaths.append(path.toUtf8());
    }
    for (const QString &spec : parser.values(o.signature)) {
        if (PackSignatureSpec::isPackSpec(spec)) { // PACK/*=SECRETFILE: the pack's scheme for its every kind
            if (!PackSignatureSpec::expand(spec, *appKindCatalog(), &out->signatures, &reason)) {
                *error = QStringLiteral("--signature: ") + reason;
                return false;
            }
            continue;
        }
        SignatureRule rule;
        if (!SignatureRule::parseSpec(spec, &rule, &reason)) {
            *error = QStringLiteral("--signature: ") + reason;
            return false;
        }
        out->signatures.append(rule);
    }
    if (parser.isSet(o.signatures)) {
        SignatureRules rules;
        if (!SignatureRule::parseJsonFile(parser.value(o.signatures), &rules, &reason)) {
            *error = QStringLiteral("--signatures: ") + reason;
            return false;
        }
        out->signatures.append(rules);
    }
    bool ok = false;
    out->signatureTolerance = parser.value(o.signatureTolerance).toInt(&ok);
    if (!ok || out->signatureTolerance < 0) {
        *error = QStringLiteral("--signature-tolerance: '%1' is not a number of seconds").arg(parser.value(o.signatureTolerance));
        return false;
    }
    out->forwardResign = parser.isSet(o.forwardResign);
    out->publicUrl = parser.value(o.publicUrl);
    if (!out->publicUrl.isEmpty() && !QUrl(out->publicUrl).scheme().startsWith(QLatin1String("http"))) {
        *error = QStringLiteral("--public-url: '%1' is not an http(s) URL").arg(out->publicUrl);
        return false;
    }
    return true;
}

} // namespace

QString CommandLine::helpText()
{
    QCommandLineParser parser;
    Options().addTo(parser);
    // Printed before any QCoreApplication exists, when Qt cannot name the executable.
    return parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("hookscope"));
}

ParseOutcome CommandLine::parse(const QStringList &args, AppOptions *options, QString *error)
{
    QCommandLineParser parser;
    const Options o;
    o.addTo(parser);
    if (!parser.parse(args)) {
        *error = parser.errorText();
        return ParseOutcome::Error;
    }
    if (parser.isSet(QStringLiteral("help")))
        return ParseOutcome::Help;
    if (parser.isSet(QStringLiteral("version")))
        return ParseOutcome::Version;
    if (!parser.positionalArguments().isEmpty()) {
        *error = QStringLiteral("unexpected argument '%1' (see --help)").arg(parser.positionalArguments().first());
        return ParseOutcome::Error;
    }

    AppOptions &out = *options;
    ReceiverConfig &rc = out.receiver;
    out.givenOptions = parser.optionNames();
    out.headless = parser.isSet(o.headless);
    out.validate = !parser.isSet(o.noValidate);
    if (!rc.bindAddress.setAddress(parser.value(o.bind))) {
        if (parser.value(o.bind) == QLatin1String("localhost")) {
            rc.bindAddress = QHostAddress(QHostAddress::LocalHost);
        } else {
            *error = QStringLiteral("--bind: '%1' is not an IP address").arg(parser.value(o.bind));
            return ParseOutcome::Error;
        }
    }
    bool ok = false;
    const uint port = parser.value(o.port).toUInt(&ok);
    if (!ok || port > 65535) {
        *error = QStringLiteral("--port: '%1' is not a port number (0-65535)").arg(parser.value(o.port));
        return ParseOutcome::Error;
    }
    rc.port = quint16(port);
    out.portGiven = parser.isSet(o.port);
    out.dbPath = parser.value(o.db);
    const QString sync = parser.value(o.sync);
    if (sync == QLatin1String("full")) {
        out.sync = SyncMode::Full;
    } else if (sync == QLatin1String("normal")) {
        out.sync = SyncMode::Normal;
    } else {
        *error = QStringLiteral("--sync: '%1' is neither 'full' nor 'normal'").arg(sync);
        return ParseOutcome::Error;
    }
    if (!toPositive(parser.value(o.maxBody), &rc.limits.maxBodyBytes)) {
        *error = QStringLiteral("--max-body: '%1' is not a positive number of bytes").arg(parser.value(o.maxBody));
        return ParseOutcome::Error;
    }
    if (!toPositive(parser.value(o.maxHead), &rc.limits.maxHeadBytes)) {
        *error = QStringLiteral("--max-head: '%1' is not a positive number of bytes").arg(parser.value(o.maxHead));
        return ParseOutcome::Error;
    }
    const double idle = parser.value(o.idleTimeout).toDouble(&ok);
    if (!ok || idle <= 0 || idle > 24 * 3600) {
        *error = QStringLiteral("--idle-timeout: '%1' is not a number of seconds").arg(parser.value(o.idleTimeout));
        return ParseOutcome::Error;
    }
    rc.idleTimeoutMs = qMax(1, int(idle * 1000));
    const double head = parser.value(o.headTimeout).toDouble(&ok);
    if (!ok || head <= 0 || head > 24 * 3600) {
        *error = QStringLiteral("--head-timeout: '%1' is not a number of seconds").arg(parser.value(o.headTimeout));
        return ParseOutcome::Error;
    }
    rc.headTimeoutMs = qMax(1, int(head * 1000));
    const double inspect = parser.value(o.inspectTimeout).toDouble(&ok);
    if (!ok || inspect < 0 || inspect > 24 * 3600) {
        *error = QStringLiteral("--inspect-timeout: '%1' is not a number of seconds (0-86400)")
                     .arg(parser.value(o.inspectTimeout));
        return ParseOutcome::Error;
    }
    out.inspectTimeoutMs = int(inspect * 1000);
    const double firstByte = parser.value(o.firstByteTimeout).toDouble(&ok);
    if (!ok || firstByte <= 0 || firstByte > 24 * 3600) {
        *error = QStringLiteral("--first-byte-timeout: '%1' is not a number of seconds")
                     .arg(parser.value(o.firstByteTimeout));
        return ParseOutcome::Error;
    }
    rc.firstByteTimeoutMs = qMax(1, int(firstByte * 1000));
    qint64 maxConnections = 0;
    if (!toPositive(parser.value(o.maxConnections), &maxConnections) || maxConnections > 100000) {
        *error = QStringLiteral("--max-connections: '%1' is not a number from 1 to 100000")
                     .arg(parser.value(o.maxConnections));
        return ParseOutcome::Error;
    }
    rc.maxConnections = int(maxConnections);

    const int status = parser.value(o.responseStatus).toInt(&ok);
    if (!ok || status < 200 || status > 599) {
        *error = QStringLiteral("--response-status: '%1' is not a status from 200 to 599").arg(parser.value(o.responseStatus));
        return ParseOutcome::Error;
    }
    rc.defaultResponse.status = status;
    if (parser.isSet(o.responseHeader)) {
        rc.defaultResponse.headers.clear();
        for (const QString &header : parser.values(o.responseHeader)) {
            const qsizetype colon = header.indexOf(QLatin1Char(':'));
            if (colon <= 0 || header.contains(QLatin1Char('\n')) || header.contains(QLatin1Char('\r'))) {
                *error = QStringLiteral("--response-header: '%1' is not \"Name: value\"").arg(header);
                return ParseOutcome::Error;
            }
            rc.defaultResponse.headers.append({header.left(colon).trimmed().toUtf8(), header.mid(colon + 1).trimmed().toUtf8()});
        }
    }
    if (parser.isSet(o.responseBody))
        rc.defaultResponse.body = parser.value(o.responseBody).toUtf8();
    if (parser.isSet(o.responseBodyFile)) {
        QFile file(parser.value(o.responseBodyFile));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("--response-body-file: cannot read %1: %2").arg(file.fileName(), file.errorString());
            return ParseOutcome::Error;
        }
        rc.defaultResponse.body = file.readAll();
    }
    out.screenshotPath = parser.value(o.screenshot);
    if (!parseRelayOptions(parser, o, &out, error))
        return ParseOutcome::Error;
    if (parser.isSet(o.respond)) {
        const PresetCatalog presets = PresetCatalog::load(*appKindCatalog());
        for (const QString &text : parser.values(o.respond)) {
            QString why;
            const std::optional<RespondRule> rule = RespondRule::parse(text, &why);
            if (!rule) {
                *error = QStringLiteral("--respond: %1").arg(why);
                return ParseOutcome::Error;
            }
            if (!presets.find(rule->kind, rule->presetId)) {
                QStringList known;
                for (const ResponsePreset &p : presets.forKind(rule->kind))
                    known.append(p.id);
                *error = known.isEmpty()
                    ? QStringLiteral("--respond: no presets for kind '%1'").arg(rule->kind)
                    : QStringLiteral("--respond: no preset '%1' for kind '%2' (known: %3)")
                          .arg(rule->presetId, rule->kind, known.join(QStringLiteral(", ")));
                return ParseOutcome::Error;
            }
            out.respond.append(*rule);
        }
    }
    if (parser.isSet(o.rule)) {
        out.ruleFile = parser.value(o.rule);
        if (!AnswerRuleSet::load(out.ruleFile, &out.answerRules, error)) {
            error->prepend(QStringLiteral("--rule: "));
            return ParseOutcome::Error;
        }
        out.answerRules.enabled = true; // asked for on the command line: simulate
    }
    if (!parseTrust(parser, o, &out, error))
        return ParseOutcome::Error;
    return ParseOutcome::Run;
}

} // namespace hookscope
