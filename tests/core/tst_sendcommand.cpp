// `hookscope send` against a real receiver: a second Hookscope, `--headless` in a child process,
// with a signature rule for the kind. What the receiver stored (read back from its SQLite file)
// is compared with the sample and the overrides, its verifier's verdict is read from its output,
// each --invalid variant is checked with `hookscope validate`, and a synchronous kind's answer
// with its response schema.
#include "common/HeadlessChild.h"
#include "common/HookscopeCommand.h"

#include "schema/Kind.h"
#include "schema/KindCatalog.h"
#include "schema/SchemaRegistry.h"
#include "schema/Validator.h"
#include "store/EventStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString source(const QString &relative)
{
    return QStringLiteral(HOOKSCOPE_SOURCE_DIR "/") + relative;
}

// A receiving Hookscope over its own store, settings and secret file.
class Receiver final
{
public:
    explicit Receiver(const QStringList &extra, const QByteArray &secret = "send-test-secret")
        : m_secretPath(m_dir.filePath(QStringLiteral("secret")))
    {
        QFile file(m_secretPath);
        if (file.open(QIODevice::WriteOnly))
            file.write(secret + '\n');
        file.close();
        // Answers for Cubu's Data Table Query, which is held otherwise: an accepted one and one that
        // breaks its response schema (an array where an object is due).
        const QDir presets(m_dir.filePath(QStringLiteral("config/hookscope/hookscope/presets")));
        presets.mkpath(QStringLiteral("."));
        writePreset(presets.filePath(QStringLiteral("dtq-accept.preset.json")), R"({"id": "accept", "kind": "data-table-query", "title": "Accept", "status": 200, "body": {}})");
        writePreset(presets.filePath(QStringLiteral("dtq-array.preset.json")), R"({"id": "array", "kind": "data-table-query", "title": "An array", "status": 200, "body": ["not", "an", "object"]})");
        QStringList args = extra;
        args.replaceInStrings(QStringLiteral("SECRET"), m_secretPath);
        args << QStringLiteral("--ngrok-api") << QStringLiteral("http://127.0.0.1:9");
        m_child = std::make_unique<HeadlessChild>(dbPath(), args, m_dir.path());
        m_port = m_child->readPort();
    }

    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path);
    }
    [[nodiscard]] QString dbPath() const { return m_dir.filePath(QStringLiteral("events.sqlite")); }
    [[nodiscard]] QString secretPath() const { return m_secretPath; }
    [[nodiscard]] QString home() const { return m_dir.path(); }

    // Reads its output up to a line containing `needle`; the lines read are kept in output().
    bool waitFor(const QByteArray &needle)
    {
        while (!m_output.contains(needle)) {
            const QByteArray line = m_child->line(20000);
            if (line.isEmpty())
                return false;
            m_output += line + '\n';
        }
        return true;
    }
    [[nodiscard]] QByteArray output() const { return m_output; }

    // The events it stored, read from its SQLite file (it keeps running).
    [[nodiscard]] std::optional<Event> event(qint64 id) const
    {
        EventStore store;
        QString error;
        if (!store.openForReading(dbPath(), &error))
            return std::nullopt;
        return store.load(id);
    }

private:
    static void writePreset(const QString &path, const QByteArray &text)
    {
        QFile file(path);
        if (file.open(QIODevice::WriteOnly))
            file.write(text);
    }

    QTemporaryDir m_dir;
    QString m_secretPath;
    std::unique_ptr<HeadlessChild> m_child;
    quint16 m_port = 0;
    QByteArray m_output;
};

// `hookscope send …` with no settings or user kinds of the machine running the tests.
CommandRun send(const Receiver &receiver, const QStringList &args)
{
    return runHookscope(QStringList{QStringLiteral("send")} + args,
                        CommandSetup()
                            .withEnvironment(QStringLiteral("XDG_CONFIG_HOME"), receiver.home() + QStringLiteral("/sender-config"))
                            .withEnvironment(QStringLiteral("XDG_DATA_HOME"), receiver.home() + QStringLiteral("/sender-data")));
}

QJsonObject jsonObject(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

} // namespace

class TestSendCommand final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sentSignedAndOverriddenAsTheVendorWould_data();
    void sentSignedAndOverriddenAsTheVendorWould();
    void countSendsEachWithAFreshSignature();
    void startsFromACapturedEvent();
    void invalidVariantsEachBreakExactlyOneConstraint_data();
    void invalidVariantsEachBreakExactlyOneConstraint();
    void synchronousAnswerCheckedAgainstItsResponseSchema();
    void answerPrintedWithoutTerminalControls();
    void noAnswerExitsThree();
    void badArgumentsExitTwoWithAClearError_data();
    void badArgumentsExitTwoWithAClearError();
};

void TestSendCommand::sentSignedAndOverriddenAsTheVendorWould_data()
{
    QTest::addColumn<QStringList>("receiverArgs");
    QTest::addColumn<QStringList>("sendArgs");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("sample");
    QTest::addColumn<QByteArray>("signatureHeader");
    QTest::addColumn<QJsonObject>("expected"); // members replaced at top level / nested (empty: the sample's bytes exactly)

    QTest::newRow("Cubu Before Book (synchronous): Authorization HMAC, nested and string overrides, answer valid")
        << QStringList{QStringLiteral("--signature"), QStringLiteral("cubu/*=SECRET"), QStringLiteral("--respond"),
                       QStringLiteral("before-book-appointment=accept")}
        << QStringList{QStringLiteral("cubu/before-book-appointment"), QStringLiteral("--set"), QStringLiteral("/caseId=case-from-test"),
                       QStringLiteral("--set"), QStringLiteral("/appointment/duration=45"), QStringLiteral("--set"),
                       QStringLiteral("/tagIds/-=\"added\""), QStringLiteral("--set"), QStringLiteral("/brandNew={\"a\":[1,null]}")}
        << QStringLiteral("/hooks/before-book-appointment") << QStringLiteral("resources/samples/before-book-appointment.json")
        << QByteArray("authorization")
        << QJsonObject{{QStringLiteral("caseId"), QStringLiteral("case-from-test")},
                       {QStringLiteral("/appointment/duration"), 45},
                       {QStringLiteral("/tagIds/-"), QStringLiteral("added")},
                       {QStringLiteral("brandNew"), QJsonObject{{QStringLiteral("a"), QJsonArray{1, QJsonValue::Null}}}}};
    QTest::newRow("Jicoo, t= v1= with a fresh timestamp, the sample's bytes unchanged")
        << QStringList{QStringLiteral("--signature"), QStringLiteral("jicoo/*=SECRET")} << QStringList{QStringLiteral("jicoo")}
        << QStringLiteral("/hooks/jicoo") << QStringLiteral("resources/samples/jicoo.json") << QByteArray("jicoo-webhook-signature")
        << QJsonObject();
    QTest::newRow("Standard Webhooks (--scheme) on a kind whose vendor names none: webhook-id, -timestamp, -signature")
        << QStringList{QStringLiteral("--signature"), QStringLiteral("callback-request=standard-webhooks:SECRET")}
        << QStringList{QStringLiteral("callback-request"), QStringLiteral("--scheme"), QStringLiteral("standard-webhooks"),
                       QStringLiteral("--set"), QStringLiteral("/data/callbackRequest/id=not json, so a string")}
        << QStringLiteral("/hooks/pexip-engage") << QStringLiteral("resources/samples/callback-request.json")
        << QByteArray("webhook-signature")
        << QJsonObject{{QStringLiteral("/data/callbackRequest/id"), QStringLiteral("not json, so a string")}};
}

void TestSendCommand::sentSignedAndOverriddenAsTheVendorWould()
{
    QFETCH(QStringList, receiverArgs);
    QFETCH(QStringList, sendArgs);
    QFETCH(QString, path);
    QFETCH(QString, sample);
    QFETCH(QByteArray, signatureHeader);
    QFETCH(QJsonObject, expected);
    // Standard Webhooks secrets are whsec_<base64>; the HMAC of the others takes any bytes.
    Receiver receiver(receiverArgs, "whsec_" + QByteArray("send-test-secret-0123456789").toBase64());
    QVERIFY(receiver.port() > 0);

    const CommandRun run = send(receiver, sendArgs + QStringList{QStringLiteral("--to"), receiver.url(path), QStringLiteral("--sign"),
                                                                 QStringLiteral("--secret"), receiver.secretPath()});
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    QVERIFY2(run.out.contains("#1 event: 200"), run.out);
    if (sendArgs.first() == QLatin1String("cubu/before-book-appointment"))
        QVERIFY2(run.out.contains("answer schema before-book-appointment.response: valid"), run.out);
    QVERIFY2(receiver.waitFor("signature #1 "), receiver.output());
    QVERIFY2(receiver.output().contains("signature #1 valid: "), receiver.output()); // the receiver's own verifier

    const std::optional<Event> event = receiver.event(1);
    QVERIFY(event);
    QCOMPARE(event->target, path.toUtf8());
    QVERIFY(!headerValue(event->headers, signatureHeader).isEmpty());
    const QByteArray sampleBytes = readFile(source(sample));
    if (expected.isEmpty()) {
        QCOMPARE(event->body, sampleBytes); // exact: no override, the sample as written
        return;
    }
    // The sample with each override applied, built here with Qt's JSON independently of the sender.
    QJsonObject want = jsonObject(sampleBytes);
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        const QStringList tokens = it.key().split(u'/', Qt::SkipEmptyParts);
        if (tokens.size() == 1) {
            want.insert(tokens.first(), it.value());
        } else if (tokens.size() == 2 && tokens.last() == QLatin1String("-")) {
            QJsonArray list = want.value(tokens.first()).toArray();
            list.append(it.value());
            want.insert(tokens.first(), list);
        } else if (tokens.size() == 2) {
            QJsonObject inner = want.value(tokens.first()).toObject();
            inner.insert(tokens.last(), it.value());
            want.insert(tokens.first(), inner);
        } else {
            QJsonObject outer = want.value(tokens.at(0)).toObject();
            QJsonObject inner = outer.value(tokens.at(1)).toObject();
            inner.insert(tokens.at(2), it.value());
            outer.insert(tokens.at(1), inner);
            want.insert(tokens.at(0), outer);
        }
    }
    QCOMPARE(jsonObject(event->body), want);
}

void TestSendCommand::countSendsEachWithAFreshSignature()
{
    Receiver receiver({QStringLiteral("--signature"), QStringLiteral("callback-request=standard-webhooks:SECRET")},
                      "whsec_" + QByteArray("count-secret-abcdefgh").toBase64());
    QVERIFY(receiver.port() > 0);
    const CommandRun run = send(receiver, {QStringLiteral("callback-request"), QStringLiteral("--to"), receiver.url(QStringLiteral("/hooks/x")),
                                           QStringLiteral("--sign"), QStringLiteral("--scheme"), QStringLiteral("standard-webhooks"),
                                           QStringLiteral("--secret"), receiver.secretPath(), QStringLiteral("--count"), QStringLiteral("3")});
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    QVERIFY2(receiver.waitFor("signature #3 "), receiver.output());
    QSet<QByteArray> ids;
    for (int i = 1; i <= 3; ++i) {
        QVERIFY2(receiver.output().contains(QStringLiteral("signature #%1 valid: ").arg(i).toUtf8()), receiver.output());
        const std::optional<Event> event = receiver.event(i);
        QVERIFY(event);
        ids.insert(headerValue(event->headers, "webhook-id"));
    }
    QCOMPARE(ids.size(), 3); // a fresh delivery id each: the app's duplicate check sees three events
}

void TestSendCommand::startsFromACapturedEvent()
{
    Receiver receiver({});
    QVERIFY(receiver.port() > 0);
    const QStringList to{QStringLiteral("--to"), receiver.url(QStringLiteral("/hooks/jicoo"))};
    QCOMPARE(send(receiver, QStringList{QStringLiteral("jicoo"), QStringLiteral("--set"), QStringLiteral("/event=guest_cancelled")} + to).exitCode, 0);
    QVERIFY(receiver.waitFor("POST /hooks/jicoo"));
    const std::optional<Event> first = receiver.event(1);
    QVERIFY(first);
    // No KIND: the captured event's own kind (classified), its body edited further.
    const CommandRun run = send(receiver, QStringList{QStringLiteral("--event"), QStringLiteral("1"), QStringLiteral("--db"),
                                                      receiver.dbPath(), QStringLiteral("--set"), QStringLiteral("/extra=1")} + to);
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    QVERIFY2(run.out.contains("Sending jicoo/jicoo (event #1 of "), run.out);
    QTRY_VERIFY(receiver.event(2).has_value());
    QJsonObject want = jsonObject(first->body);
    QCOMPARE(want.value(QLatin1String("event")).toString(), QStringLiteral("guest_cancelled"));
    want.insert(QStringLiteral("extra"), 1);
    QCOMPARE(jsonObject(receiver.event(2)->body), want);
}

void TestSendCommand::invalidVariantsEachBreakExactlyOneConstraint_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("receiverArgs");
    QTest::addColumn<QStringList>("constraints"); // the kinds of constraint the schema documents for the sample's values
    QTest::newRow("Cubu Before Book: required, type, maximum, minimum, date-time, enum")
        << "before-book-appointment"
        << QStringList{QStringLiteral("--respond"), QStringLiteral("before-book-appointment=accept")}
        << QStringList{QStringLiteral("missing required"), QStringLiteral("wrong type"), QStringLiteral("above maximum"),
                       QStringLiteral("below minimum"), QStringLiteral("bad date-time"), QStringLiteral("not in enum")};
    QTest::newRow("Pexip Engage callback request: maxLength, minLength, const, through $refs")
        << "callback-request" << QStringList()
        << QStringList{QStringLiteral("missing required"), QStringLiteral("wrong type"), QStringLiteral("too long"),
                       QStringLiteral("too short"), QStringLiteral("above maximum"), QStringLiteral("below minimum"),
                       QStringLiteral("bad date-time"), QStringLiteral("not the constant")};
    QTest::newRow("Cubu Data Table Query: pattern")
        << "cubu/data-table-query"
        << QStringList{QStringLiteral("--respond"), QStringLiteral("cubu/data-table-query=accept")}
        << QStringList{QStringLiteral("missing required"), QStringLiteral("wrong type"), QStringLiteral("too short"),
                       QStringLiteral("below minimum"), QStringLiteral("pattern mismatch")};
}

void TestSendCommand::invalidVariantsEachBreakExactlyOneConstraint()
{
    QFETCH(QString, kind);
    QFETCH(QStringList, receiverArgs);
    QFETCH(QStringList, constraints);
    Receiver receiver(receiverArgs);
    QVERIFY(receiver.port() > 0);
    const CommandRun run = send(receiver, {kind, QStringLiteral("--to"), receiver.url(QStringLiteral("/hooks/test")), QStringLiteral("--invalid")});
    // The receiver accepts everything: each variant is reported as accepted when it should not be.
    QVERIFY2(run.exitCode == 1, run.out + run.err);
    QVERIFY2(run.out.contains("Summary (variant -> status):"), run.out);
    QVERIFY2(QRegularExpression(QStringLiteral("\n  valid event +200 +accepted\n")).match(QString::fromUtf8(run.out)).hasMatch(), run.out);
    QCOMPARE(run.out.count("ACCEPTED, should have refused"), constraints.size());

    // Each variant as the receiver stored it, checked by `hookscope validate --kind`.
    QTemporaryDir dir;
    QStringList files;
    const int total = int(constraints.size()) + 1;
    QTRY_VERIFY(receiver.event(total).has_value());
    QVERIFY(!receiver.event(total + 1));
    QCOMPARE(receiver.event(1)->body.isEmpty(), false);
    for (int id = 1; id <= total; ++id) {
        const QString file = dir.filePath(QStringLiteral("%1.json").arg(id));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(receiver.event(id)->body);
        files.append(file);
    }
    const CommandRun validate = runHookscope(QStringList{QStringLiteral("validate"), QStringLiteral("--kind"), kind,
                                                         QStringLiteral("--format"), QStringLiteral("json")} + files);
    const QList<QByteArray> lines = validate.out.trimmed().split('\n');
    QTemporaryDir noUserKinds;
    SchemaRegistry registry;
    registry.setUserKindsDirectory(noUserKinds.path());
    const std::shared_ptr<const Kind> schemaKind = registry.catalog()->kind(kind);
    QVERIFY(schemaKind && schemaKind->schema);
    QCOMPARE(lines.size(), total);
    QVERIFY2(jsonObject(lines.first()).value(QLatin1String("valid")).toBool(), lines.first()); // the event itself
    // Which keyword each kind of variant must break.
    const QHash<QString, QStringList> keywords{
        {QStringLiteral("missing required"), {QStringLiteral("required")}},
        {QStringLiteral("wrong type"), {QStringLiteral("type")}},
        {QStringLiteral("too long"), {QStringLiteral("maxLength")}},
        {QStringLiteral("too short"), {QStringLiteral("minLength")}},
        {QStringLiteral("above maximum"), {QStringLiteral("maximum"), QStringLiteral("exclusiveMaximum")}},
        {QStringLiteral("below minimum"), {QStringLiteral("minimum"), QStringLiteral("exclusiveMinimum")}},
        {QStringLiteral("bad date-time"), {QStringLiteral("format")}},
        {QStringLiteral("not in enum"), {QStringLiteral("enum")}},
        {QStringLiteral("not the constant"), {QStringLiteral("const")}},
        {QStringLiteral("pattern mismatch"), {QStringLiteral("pattern")}},
    };
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QJsonArray violations = jsonObject(lines.at(i)).value(QLatin1String("violations")).toArray();
        QVERIFY2(violations.size() == 1, lines.at(i)); // exactly one constraint broken
        const QString constraint = constraints.at(i - 1);
        QVERIFY2(run.out.contains(QStringLiteral("#%1 %2 ").arg(i + 1).arg(constraint).toUtf8()), run.out);
        // And the one rule broken is the variant's: the keyword the validator names.
        const Violations found = Validator(schemaKind->schema).validate(receiver.event(int(i) + 1)->body);
        QCOMPARE(found.size(), 1);
        QVERIFY2(keywords.value(constraint).contains(found.first().keyword),
                 qPrintable(constraint + QStringLiteral(" broke ") + found.first().keyword));
    }
}

void TestSendCommand::synchronousAnswerCheckedAgainstItsResponseSchema()
{
    // Cubu Data Table Query's answer is a JSON object; this receiver answers with an array.
    Receiver receiver({QStringLiteral("--respond"), QStringLiteral("cubu/data-table-query=array")});
    QVERIFY(receiver.port() > 0);
    const CommandRun run = send(receiver, {QStringLiteral("cubu/data-table-query"), QStringLiteral("--to"), receiver.url(QStringLiteral("/hooks/dt"))});
    QVERIFY2(run.exitCode == 1, run.out + run.err);
    QVERIFY2(run.out.contains("#1 event: 200"), run.out);
    QVERIFY2(run.out.contains("answer schema data-table-query.response: 1 VIOLATION\n     (root): "), run.out);

    // The same kind answered with an object: valid, exit 0 (its valid case beside Before Book's).
    Receiver accepting({QStringLiteral("--respond"), QStringLiteral("cubu/data-table-query=accept")});
    QVERIFY(accepting.port() > 0);
    const CommandRun valid = send(accepting, {QStringLiteral("cubu/data-table-query"), QStringLiteral("--to"), accepting.url(QStringLiteral("/hooks/dt"))});
    QVERIFY2(valid.exitCode == 0, valid.out + valid.err);
    QVERIFY2(valid.out.contains("answer schema data-table-query.response: valid\n"), valid.out);
}

void TestSendCommand::answerPrintedWithoutTerminalControls()
{
    // An app that answers with a window-title change, a screen clear, a carriage return that
    // overwrites the line, and a right-to-left override.
    const QString hostile = QString::fromUtf8("\x1b]0;pwned\x07\x1b[2Jok\rfake \xe2\x80\xae" "dlrow");
    Receiver receiver({QStringLiteral("--response-body"), hostile, QStringLiteral("--response-header"), QStringLiteral("X-A: b")});
    QVERIFY(receiver.port() > 0);
    const CommandRun run = send(receiver, {QStringLiteral("jicoo"), QStringLiteral("--to"), receiver.url(QStringLiteral("/hooks/jicoo"))});
    QVERIFY2(run.exitCode == 0, run.out + run.err);
    for (const char c : run.out)
        QVERIFY2(c == '\n' || uchar(c) >= 0x20, run.out.toHex(' '));
    QVERIFY2(!run.out.contains("\xe2\x80\xae"), run.out);
    QVERIFY2(run.out.contains("\\x1b]0;pwned\\x07\\x1b[2Jok\\rfake \\u202edlrow"), run.out);
}

void TestSendCommand::noAnswerExitsThree()
{
    QTcpServer closed; // a port nobody listens on any more
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    const CommandRun run = runHookscope({QStringLiteral("send"), QStringLiteral("jicoo"), QStringLiteral("--to"),
                                         QStringLiteral("http://127.0.0.1:%1/x").arg(port)});
    QVERIFY2(run.exitCode == 3, run.out + run.err);
    QVERIFY2(run.out.contains("#1 event: no answer: "), run.out);
}

void TestSendCommand::badArgumentsExitTwoWithAClearError_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    const QString to = QStringLiteral("--to=http://127.0.0.1:9/x");
    QTest::newRow("no kind") << QStringList{to} << "no KIND given";
    QTest::newRow("an unknown kind") << QStringList{QStringLiteral("acme"), to} << "no kind \"acme\"";
    QTest::newRow("two kinds") << QStringList{QStringLiteral("jicoo"), QStringLiteral("callback-request"), to} << "one KIND at a time";
    QTest::newRow("no --to") << QStringList{QStringLiteral("jicoo")} << "--to URL is required";
    QTest::newRow("--to not http") << QStringList{QStringLiteral("jicoo"), QStringLiteral("--to=ftp://h/x")} << "is not an http:// or https:// URL";
    QTest::newRow("--count 0") << QStringList{QStringLiteral("jicoo"), to, QStringLiteral("--count=0")} << "--count must be a whole number from 1 to 10000";
    QTest::newRow("--set without =") << QStringList{QStringLiteral("jicoo"), to, QStringLiteral("--set=/event")} << "expected /pointer=value";
    QTest::newRow("--set with a bad pointer") << QStringList{QStringLiteral("jicoo"), to, QStringLiteral("--set=event=x")} << "is not a JSON pointer";
    QTest::newRow("--set under a member that is not there")
        << QStringList{QStringLiteral("jicoo"), to, QStringLiteral("--set=/nope/deeper=1")} << "/nope/deeper: there is no /nope in the body";
    QTest::newRow("--set through a string") << QStringList{QStringLiteral("jicoo"), to, QStringLiteral("--set=/event/x=1")} << "is a string, not an object or array";
    QTest::newRow("--sign without a secret") << QStringList{QStringLiteral("jicoo"), to, QStringLiteral("--sign")} << "needs its secret (--secret FILE)";
    QTest::newRow("--sign for a vendor that documents no scheme")
        << QStringList{QStringLiteral("callback-request"), to, QStringLiteral("--sign")} << "names no signature scheme";
    QTest::newRow("--sign for a public-key vendor")
        << QStringList{QStringLiteral("hoopai.appointment-create"), to, QStringLiteral("--sign")} << "nobody else can make its signature";
    QTest::newRow("--secret without --sign") << QStringList{QStringLiteral("jicoo"), to, QStringLiteral("--secret=/dev/null")} << "sign only with --sign";
    QTest::newRow("--event in a store that does not exist")
        << QStringList{to, QStringLiteral("--event=1"), QStringLiteral("--db=/nonexistent/events.sqlite")} << "--db /nonexistent/events.sqlite";
    QTest::newRow("an unknown option") << QStringList{QStringLiteral("jicoo"), to, QStringLiteral("--bogus")} << "Unknown option 'bogus'";
}

void TestSendCommand::badArgumentsExitTwoWithAClearError()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    QTemporaryDir home;
    const CommandRun run = runHookscope(QStringList{QStringLiteral("send")} + args,
                                        CommandSetup().withEnvironment(QStringLiteral("XDG_CONFIG_HOME"), home.path()));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith("hookscope send: ") && run.err.contains(error.toUtf8()), run.err);
    QVERIFY2(run.out.isEmpty(), run.out); // nothing was sent
}

QTEST_GUILESS_MAIN(TestSendCommand)
#include "tst_sendcommand.moc"
