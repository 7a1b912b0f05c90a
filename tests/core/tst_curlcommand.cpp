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

class TestCurlCommand final : public QObject, protected ReceiverFixture
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
    void urlIsBuiltFromCheckedPartsOnly_data();
    void urlIsBuiltFromCheckedPartsOnly();
    void argumentsUsePosixQuotingOnly_data();
    void argumentsUsePosixQuotingOnly();

private:
};

void TestCurlCommand::init()
{
    openStore();
    ReceiverConfig config;
    config.port = 0;
    startOn(m_recorder.get(), config);
}

void TestCurlCommand::cleanup()
{
    tearDown();
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

void TestCurlCommand::urlIsBuiltFromCheckedPartsOnly_data()
{
    QTest::addColumn<QByteArray>("proto");
    QTest::addColumn<QByteArray>("forwardedHost");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QString>("url");
    QTest::newRow("Host header") << QByteArray() << QByteArray() << QByteArray("example.test:8080") << "http://example.test:8080";
    QTest::newRow("tunnel's proto and host") << QByteArray("https") << QByteArray("abc.ngrok.app") << QByteArray("localhost:8080")
                                             << "https://abc.ngrok.app";
    QTest::newRow("proto that is an option") << QByteArray("-o/tmp/x#") << QByteArray() << QByteArray("h") << "http://h";
    QTest::newRow("proto that is another scheme") << QByteArray("file") << QByteArray() << QByteArray("h") << "http://h";
    QTest::newRow("forwarded host with shell syntax") << QByteArray() << QByteArray("x' $(id) '") << QByteArray("h")
                                                      << "http://h";
    QTest::newRow("Host with a space") << QByteArray() << QByteArray() << QByteArray("a b") << "http://localhost";
    QTest::newRow("Host that is an option") << QByteArray() << QByteArray() << QByteArray("-o") << "http://localhost";
    QTest::newRow("Host with user info") << QByteArray() << QByteArray() << QByteArray("u@h") << "http://localhost";
    QTest::newRow("IPv6 Host") << QByteArray() << QByteArray() << QByteArray("[::1]:8080") << "http://[::1]:8080";
    QTest::newRow("no Host") << QByteArray() << QByteArray() << QByteArray() << "http://localhost";
}

void TestCurlCommand::urlIsBuiltFromCheckedPartsOnly()
{
    QFETCH(QByteArray, proto);
    QFETCH(QByteArray, forwardedHost);
    QFETCH(QByteArray, host);
    QFETCH(QString, url);
    Event event = baseEvent("GET", "/x", host.isEmpty() ? HeaderList{} : HeaderList{{"Host", host}}, {});
    event.forwardedProto = proto;
    event.forwardedHost = forwardedHost;
    QCOMPARE(CurlCommand::originalBase(event), url);
    QVERIFY(CurlCommand::build(event).endsWith(QStringLiteral(" --url '") + url + u'\''));
}

void TestCurlCommand::argumentsUsePosixQuotingOnly_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("argument");
    QTest::newRow("printable stays single-quoted") << QByteArray("a b'c") << R"('a b'\''c')";
    QTest::newRow("UTF-8 stays single-quoted") << QByteArray("Zo\xc3\xab") << "'Zo\u00eb'";
    QTest::newRow("a Latin-1 byte goes through printf") << QByteArray("caf\xe9' $(x) #") << R"x("$(printf 'caf\351\047 \044(x) #')")x";
    QTest::newRow("tab goes through printf") << QByteArray("a\tb") << R"x("$(printf 'a\011b')")x";
    QTest::newRow("bidi override goes through printf") << QByteArray("a\xe2\x80\xae") << R"x("$(printf 'a\342\200\256')")x";
    QTest::newRow("history, backtick, backslash, percent") << QByteArray("!`\\%\x01")
                                                            << R"x("$(printf '\041\140\134%%\001')")x";
    QTest::newRow("leading dash is no printf option") << QByteArray("-v\x01") << R"x("$(printf '\055v\001')")x";
}

void TestCurlCommand::argumentsUsePosixQuotingOnly()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, argument);
    QCOMPARE(CurlCommand::argument(bytes), argument);
    const Event event = baseEvent("POST", "/x", {{"X-Note", bytes}}, bytes + '\0');
    QVERIFY(!CurlCommand::build(event).contains(QLatin1String("$'"))); // bash-only quoting, which dash runs
}

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
