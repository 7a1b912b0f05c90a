#include "ExchangeSamples.h"

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

class TestCurlCommand final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void quoting_data();
    void quoting();
    void quotedArgumentsSurviveTheShell_data();
    void quotedArgumentsSurviveTheShell();
    void curlOwnHeadersAreSwitchedOffWhenTheOriginalLackedThem();
    void curlReproducesTheRequestByteForByte_data();
    void curlReproducesTheRequestByteForByte();
    void hostNotFirstIsReported_data();
    void hostNotFirstIsReported();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventRecorder> m_recorder;
    std::unique_ptr<Receiver> m_receiver;
};

void TestCurlCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_recorder = std::make_unique<EventRecorder>();
    QString error;
    QVERIFY2(m_recorder->open(m_dir->filePath(QStringLiteral("events.sqlite")), &error), qPrintable(error));
    m_receiver = std::make_unique<Receiver>(m_recorder.get());
    ReceiverConfig config;
    config.port = 0;
    m_receiver->setConfig(config);
    QVERIFY2(m_receiver->start(), qPrintable(m_receiver->errorString()));
}

void TestCurlCommand::cleanup()
{
    m_receiver.reset();
    m_recorder.reset();
    m_dir.reset();
}

void TestCurlCommand::quoting_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << QByteArray("abc") << "'abc'";
    QTest::newRow("empty") << QByteArray("") << "''";
    QTest::newRow("single quote") << QByteArray("it's") << R"('it'\''s')";
    QTest::newRow("dollar and backtick stay literal") << QByteArray("$HOME `x`") << "'$HOME `x`'";
}

void TestCurlCommand::quoting()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, quoted);
    QCOMPARE(CurlCommand::quote(bytes), quoted);
}

void TestCurlCommand::quotedArgumentsSurviveTheShell_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("quotes") << QByteArray(R"(a'b"c'')");
    QTest::newRow("shell syntax") << QByteArray("$(rm -rf x); `id` && echo $HOME | cat > y; * ? [a]");
    QTest::newRow("newline and backslash") << QByteArray("line1\nline2 \\n \\");
    QTest::newRow("utf-8") << QByteArray("Zoë — ✓");
}

void TestCurlCommand::quotedArgumentsSurviveTheShell()
{
    QFETCH(QByteArray, bytes);
    QProcess shell;
    shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("printf %s ") + CurlCommand::quote(bytes)});
    QVERIFY(shell.waitForFinished(10'000));
    QCOMPARE(shell.readAllStandardOutput(), bytes);
}

void TestCurlCommand::curlOwnHeadersAreSwitchedOffWhenTheOriginalLackedThem()
{
    Event event = baseEvent("POST", "/x", {{"Host", "h"}, {"Content-Length", "1"}}, "a");
    const QString command = CurlCommand::build(event);
    QVERIFY2(command.contains(QLatin1String("-H 'User-Agent:'")), qPrintable(command));
    QVERIFY(command.contains(QLatin1String("-H 'Accept:'")));
    QVERIFY(command.contains(QLatin1String("-H 'Content-Type:'")));
    QVERIFY(command.contains(QLatin1String("-H 'Expect:'")));
    QVERIFY(command.contains(QLatin1String("--http1.1")));
    QVERIFY(command.endsWith(QLatin1String("'http://h'")));
    QVERIFY(!command.contains(QLatin1String("-X"))); // POST with a body is what curl does anyway
    event.headers.append(std::pair<QByteArray, QByteArray>("User-Agent", "vendor/2"));
    QVERIFY(!CurlCommand::build(event).contains(QLatin1String("'User-Agent:'")));
}

void TestCurlCommand::curlReproducesTheRequestByteForByte_data()
{
    QTest::addColumn<Event>("event");
    for (const Sample &sample : samples())
        QTest::newRow(sample.name) << sample.event;
}

void TestCurlCommand::curlReproducesTheRequestByteForByte()
{
    QFETCH(Event, event);
    const QString bash = QStandardPaths::findExecutable(QStringLiteral("bash"));
    if (QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty() || bash.isEmpty())
        QSKIP("curl or bash is not installed");
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(m_receiver->port());
    const QString command = CurlCommand::build(event, base);
    QSignalSpy stored(m_recorder.get(), &EventRecorder::eventsStored);
    QProcess shell;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("no_proxy"), QStringLiteral("*"));
    environment.insert(QStringLiteral("NO_PROXY"), QStringLiteral("*"));
    shell.setProcessEnvironment(environment);
    shell.start(bash, {QStringLiteral("-c"), command + QStringLiteral(" -sS -o /dev/null")});
    QVERIFY(shell.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(shell.state() == QProcess::NotRunning, 20'000);
    QVERIFY2(shell.exitCode() == 0, qPrintable(command + u'\n' + QString::fromUtf8(shell.readAllStandardError())));
    QTRY_COMPARE(stored.size(), 1);
    const Event captured = stored.at(0).at(0).value<QList<Event>>().first();
    QCOMPARE(captured.method, event.method);
    QCOMPARE(captured.target, event.target);
    QCOMPARE(captured.httpVersion, event.httpVersion);
    // Byte for byte and in order, duplicates included; the one thing curl cannot do is send Host
    // anywhere but first (it writes a -H Host: value right after the request line), so an
    // original with Host further down comes back with Host moved to the front, nothing else changed.
    HeaderList expected = event.headers;
    const auto host = std::find_if(expected.begin(), expected.end(), [](const auto &header) {
        return header.first.compare("host", Qt::CaseInsensitive) == 0;
    });
    if (host != expected.end())
        std::rotate(expected.begin(), host, host + 1);
    QCOMPARE(serializeHeaders(captured.headers), serializeHeaders(expected));
    QCOMPARE(CurlCommand::orderCaveat(event).isEmpty(), expected == event.headers);
    QCOMPARE(captured.body.toHex(), event.body.toHex());
    QCOMPARE(captured.decodedBody.has_value(), event.decodedBody.has_value());
    if (event.decodedBody)
        QCOMPARE(*captured.decodedBody, *event.decodedBody);
}

void TestCurlCommand::hostNotFirstIsReported_data()
{
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<bool>("caveat");
    QTest::newRow("host first") << HeaderList{{"Host", "h"}, {"X-A", "1"}, {"X-A", "2"}} << false;
    QTest::newRow("no host") << HeaderList{{"X-A", "1"}} << false;
    QTest::newRow("host second") << HeaderList{{"X-A", "1"}, {"host", "h"}} << true;
    QTest::newRow("two hosts") << HeaderList{{"Host", "a"}, {"Host", "b"}} << true;
}

void TestCurlCommand::hostNotFirstIsReported()
{
    QFETCH(HeaderList, headers);
    QFETCH(bool, caveat);
    const Event event = baseEvent("POST", "/x", headers, "a");
    const QString text = CurlCommand::orderCaveat(event);
    QCOMPARE(!text.isEmpty(), caveat);
    if (caveat)
        QVERIFY2(text.contains(QLatin1String("Host")), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
