#include "ExchangeSamples.h"

#include "common/ReceiverFixture.h"
#include "exchange/CurlCommand.h"
#include "http/Receiver.h"
#include "store/EventRecorder.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace hookscope;
using namespace hookscope::test;

// Copied curl commands and `hookscope export --format curl` scripts, run by dash, bash and zsh
// (real child processes) against a live receiver: what arrives is the captured request byte
// for byte, and nothing a sender wrote runs. Every hostile payload tries to create the file
// PWNED (replaced with a path in the test's folder), which must never appear.
class TestCurlShells final : public QObject, protected ReceiverFixture
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void copiedCommandSendsTheCaptureAndRunsNothing_data();
    void copiedCommandSendsTheCaptureAndRunsNothing();
    void lineBreaksInFieldsRunNothing_data();
    void lineBreaksInFieldsRunNothing();
    void exportedScriptSendsEveryCapture_data();
    void exportedScriptSendsEveryCapture();

private:
    [[nodiscard]] Event hostile(Event event) const;
    [[nodiscard]] QString base() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_receiver->port()); }
    [[nodiscard]] QString pwned() const { return m_dir->filePath(QStringLiteral("pwned")); }
    static void compareCaptured(const Event &captured, const Event &event);

};

namespace {

const QStringList kShells{QStringLiteral("dash"), QStringLiteral("bash"), QStringLiteral("zsh")};

QProcessEnvironment curlEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("no_proxy"), QStringLiteral("*"));
    environment.insert(QStringLiteral("NO_PROXY"), QStringLiteral("*"));
    environment.insert(QStringLiteral("HOME"), QStringLiteral("/nonexistent")); // no .curlrc, no rc files
    return environment;
}

Event request(const QByteArray &method, const QByteArray &target, HeaderList headers, const QByteArray &body)
{
    headers.prepend({"Host", "example.test"});
    if (!body.isEmpty())
        headers.append({"Content-Length", QByteArray::number(body.size())});
    return baseEvent(method, target, headers, body);
}

// Hostile bytes a sender controls, each aimed at one way a shell could be talked into running
// something or a byte could change on the way.
QList<Sample> corpus()
{
    const QByteArray touch = "$(touch PWNED)";
    QByteArray big(200 * 1024, 'a'); // above what one exec'd argument may hold
    big[7] = '\'';
    big[big.size() - 1] = '\n';
    return {
        {"non-UTF-8 byte, quote and command substitution in a header value",
         request("POST", "/h", {{"X-Vendor-Note", "caf\xe9' " + touch + " #"}}, "{}")},
        {"backticks in a header value", request("POST", "/h", {{"X-Note", "`touch PWNED` and '`touch PWNED`'"}}, "a")},
        {"double quotes, dollars and backslashes in a header value",
         request("POST", "/h", {{"X-Note", "\"" + touch + "\" ${HOME} \\$x \\\\ \\"}}, "a")},
        {"printf escapes in a header value", request("GET", "/h", {{"X-Note", "%s %n %% \\x41 \\101 \\n \\c"}}, {})},
        {"history expansion in a header value", request("GET", "/h", {{"X-Note", "!! !$ !-1 ^a^b"}}, {})},
        {"bidirectional override in a header value",
         request("GET", "/h", {{"X-Note", "safe\xe2\x80\xae" "dwp\xe2\x80\xac' " + touch}}, {})},
        {"tab and Latin-1 in a header value", request("GET", "/h", {{"X-Note", "a\tb\xff\xfe" + touch}}, {})},
        {"header named like curl options", request("GET", "/h", {{"-o", "PWNED"}, {"--output", "PWNED"}}, {})},
        {"empty header value and duplicates",
         request("GET", "/h", {{"X-Empty", ""}, {"X-Dup", "1"}, {"X-Dup", "2'"}}, {})},
        // A target holds no space: ${IFS} stands in for it.
        {"quotes, dollars and non-ASCII in the target",
         request("GET", "/a'b$(touch${IFS}PWNED)?q=caf\xe9&r=%27;x=`touch${IFS}PWNED`", {}, {})},
        {"unusual method", request("PURGE", "/h'$(touch${IFS}PWNED)'", {}, {})},
        {"NUL, non-UTF-8 and trailing newlines in the body",
         request("POST", "/b", {{"Content-Type", "application/octet-stream"}}, QByteArray("a\0b\xff\xfe\n\n", 7))},
        {"quotes and command substitution in the body",
         request("POST", "/b", {{"Content-Type", "text/plain"}}, "'" + touch + "' \"`touch PWNED`\" $HOME !!")},
        {"body that looks like an option or a file", request("POST", "/b", {}, "-o/tmp/x")},
        {"body starting with @", request("POST", "/b", {}, "@/etc/hostname")},
        {"printf escapes and CRLF in the body", request("PUT", "/b", {}, "%s %d \\n \\\\ \\101\r\nline2\r\n")},
        {"only newlines in the body", request("POST", "/b", {}, "\n\n\n")},
        {"every byte value in the body", request("POST", "/b", {}, binaryBytes())},
        {"200 KiB body", request("POST", "/b", {{"Content-Type", "text/plain"}}, big)},
    };
}

} // namespace

void TestCurlShells::init()
{
    if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty())
        QSKIP("curl is not installed (packaging/build-deps.txt)");
    for (const QString &shell : kShells) {
        if (QStandardPaths::findExecutable(shell).isEmpty())
            QSKIP(qPrintable(shell + QStringLiteral(" is not installed (packaging/build-deps.txt lists it)")));
    }
    openStore();
    ReceiverConfig config;
    config.port = 0;
    startOn(m_recorder.get(), config);
}

void TestCurlShells::cleanup()
{
    tearDown();
}

Event TestCurlShells::hostile(Event event) const
{
    const QByteArray path = pwned().toUtf8();
    event.target.replace("PWNED", path);
    event.body.replace("PWNED", path);
    for (auto &[name, value] : event.headers)
        value.replace("PWNED", path);
    if (hasHeader(event.headers, "content-length")) {
        for (auto &[name, value] : event.headers) {
            if (name == "Content-Length")
                value = QByteArray::number(event.body.size());
        }
    }
    return event;
}

void TestCurlShells::compareCaptured(const Event &captured, const Event &event)
{
    QCOMPARE(captured.error, QString());
    QCOMPARE(captured.method, event.method);
    QCOMPARE(captured.target.toHex(), event.target.toHex());
    QCOMPARE(serializeHeaders(captured.headers).toHex(), serializeHeaders(event.headers).toHex());
    QCOMPARE(captured.body.size(), event.body.size());
    QCOMPARE(captured.body.toHex(), event.body.toHex());
}

void TestCurlShells::copiedCommandSendsTheCaptureAndRunsNothing_data()
{
    QTest::addColumn<QString>("shell");
    QTest::addColumn<Event>("event");
    for (const QString &shell : kShells) {
        for (const Sample &sample : corpus())
            QTest::newRow(qPrintable(shell + QStringLiteral(": ") + QLatin1String(sample.name))) << shell << sample.event;
    }
}

void TestCurlShells::copiedCommandSendsTheCaptureAndRunsNothing()
{
    QFETCH(QString, shell);
    QFETCH(Event, event);
    event = hostile(event);
    const QString command = CurlCommand::build(event, base());
    QVERIFY2(CurlCommand::orderCaveat(event).isEmpty(), qPrintable(CurlCommand::orderCaveat(event)));
    QSignalSpy stored(m_recorder.get(), &EventRecorder::eventsStored);
    QProcess process;
    process.setProcessEnvironment(curlEnvironment());
    process.setWorkingDirectory(m_dir->path());
    // Fed on standard input, as a paste is (and a 200 KiB command is longer than one exec argument may be).
    process.start(shell, {QStringLiteral("-s")});
    QVERIFY(process.waitForStarted());
    process.write(command.toUtf8() + " -sS -o /dev/null\n");
    process.closeWriteChannel();
    QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 20'000);
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
             qPrintable(command + u'\n' + QString::fromUtf8(process.readAllStandardError())));
    QTRY_COMPARE(stored.size(), 1);
    compareCaptured(stored.at(0).at(0).value<QList<Event>>().first(), event);
    QVERIFY2(!QFileInfo::exists(pwned()), qPrintable(command));
}

void TestCurlShells::lineBreaksInFieldsRunNothing_data()
{
    QTest::addColumn<QString>("shell");
    QTest::addColumn<Event>("event");
    const QByteArray touch = "$(touch PWNED)";
    const QList<Sample> cases{
        {"newline and command in a header value", request("GET", "/h", {{"X-A", "a\n" + touch + "\n`touch PWNED`\n"}}, {})},
        {"CR LF then a second request in a header value",
         request("GET", "/h", {{"X-A", "a\r\n\r\nGET /evil HTTP/1.1\r\n'; touch PWNED; '"}}, {})},
        {"NUL in a header value", request("GET", "/h", {{"X-A", QByteArray("a\0'; touch PWNED #", 18)}}, {})},
        {"newline in the target and method", request("GET\n" + touch, "/a\n'; touch PWNED; '", {}, {})},
        {"sender's forwarded proto and host", [&] {
             Event e = request("GET", "/h", {{"X-Forwarded-Proto", "-o/tmp/x#"}}, {});
             e.forwardedProto = "-o" + QByteArray("PWNED") + "#";
             e.forwardedHost = "x' " + touch + " '";
             return e;
         }()},
    };
    for (const QString &shell : kShells) {
        for (const Sample &sample : cases)
            QTest::newRow(qPrintable(shell + QStringLiteral(": ") + QLatin1String(sample.name))) << shell << sample.event;
    }
}

// Fields HTTP forbids line breaks in cannot be sent as captured (see orderCaveat), but the
// command stays one curl invocation that runs nothing else, and its URL is no option.
void TestCurlShells::lineBreaksInFieldsRunNothing()
{
    QFETCH(QString, shell);
    QFETCH(Event, event);
    event = hostile(event);
    const QString command = CurlCommand::build(event);
    QVERIFY2(command.contains(QLatin1String(" --url 'http://example.test'")), qPrintable(command));
    QProcess process;
    process.setProcessEnvironment(curlEnvironment());
    process.setWorkingDirectory(m_dir->path());
    // Where the command would connect is replaced (by --connect-to) with the receiver.
    process.start(shell, {QStringLiteral("-c"), command + QStringLiteral(" -sS -o /dev/null --connect-to ::127.0.0.1:%1")
                                                              .arg(m_receiver->port())});
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 20'000);
    QVERIFY2(!QFileInfo::exists(pwned()), qPrintable(command));
    QVERIFY(!QFileInfo::exists(QStringLiteral("/tmp/x#")));
}

void TestCurlShells::exportedScriptSendsEveryCapture_data()
{
    QTest::addColumn<QString>("shell");
    for (const QString &shell : kShells)
        QTest::newRow(qPrintable(shell)) << shell;
}

// `hookscope export --format curl` (the real binary) writes the corpus as one script; each
// shell runs it whole and the receiver gets every request as captured, in order.
void TestCurlShells::exportedScriptSendsEveryCapture()
{
    QFETCH(QString, shell);
    const QString db = m_dir->filePath(QStringLiteral("captured.sqlite"));
    QList<Event> events;
    {
        EventStore store;
        QString error;
        QVERIFY2(store.open(db, &error), qPrintable(error));
        for (const Sample &sample : corpus()) {
            Event event = hostile(sample.event);
            QVERIFY2(store.insert(event, &error), qPrintable(error));
            events.append(event);
        }
    }
    const QString script = m_dir->filePath(QStringLiteral("replay.sh"));
    QProcess exporter;
    exporter.start(QStringLiteral(HOOKSCOPE_BINARY),
                   {QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--format"),
                    QStringLiteral("curl"), QStringLiteral("--url"), base(), QStringLiteral("--out"), script});
    QVERIFY(exporter.waitForFinished(60'000));
    QVERIFY2(exporter.exitCode() == 0, exporter.readAllStandardError().constData());

    QSignalSpy stored(m_recorder.get(), &EventRecorder::eventsStored);
    QProcess process;
    process.setProcessEnvironment(curlEnvironment());
    process.setWorkingDirectory(m_dir->path());
    process.setStandardOutputFile(QProcess::nullDevice());
    process.start(shell, {script});
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 60'000);
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    QList<Event> captured;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
        captured.clear();
        for (const QList<QVariant> &signal : stored)
            captured += signal.at(0).value<QList<Event>>();
        return captured.size() == events.size();
    }()), 20'000);
    for (qsizetype i = 0; i < events.size(); ++i)
        compareCaptured(captured.at(i), events.at(i));
    QVERIFY(!QFileInfo::exists(pwned()));
}

QTEST_GUILESS_MAIN(TestCurlShells)
#include "tst_curlshells.moc"
