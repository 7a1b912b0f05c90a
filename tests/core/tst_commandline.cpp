#include "app/AppOptions.h"

#include <QTemporaryFile>
#include <QTest>

using namespace hookscope;

class TestCommandLine final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaultsAreLocalhost8080AndOkTrue();
    void valuesAreApplied();
    void invalidValuesAreRefusedWithReason_data();
    void invalidValuesAreRefusedWithReason();
    void helpAndVersion();
    void responseBodyFromFile();
    void relayOptions();
};

void TestCommandLine::defaultsAreLocalhost8080AndOkTrue()
{
    AppOptions o;
    QString error;
    QCOMPARE(CommandLine::parse({QStringLiteral("hookscope")}, &o, &error), ParseOutcome::Run);
    QCOMPARE(o.receiver.bindAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(o.receiver.port, quint16(8080));
    QVERIFY(!o.portGiven);
    QVERIFY(!o.headless);
    QCOMPARE(o.receiver.limits.maxBodyBytes, qint64(16 * 1024 * 1024));
    QCOMPARE(o.receiver.limits.maxHeadBytes, qint64(64 * 1024));
    QCOMPARE(o.receiver.idleTimeoutMs, 30000);
    QCOMPARE(o.receiver.headTimeoutMs, 60000);
    QCOMPARE(o.receiver.defaultResponse.status, 200);
    QCOMPARE(o.receiver.defaultResponse.body, QByteArray(R"({"ok":true})"));
    QCOMPARE(headerValue(o.receiver.defaultResponse.headers, "content-type"), QByteArray("application/json"));
    QCOMPARE(o.sync, SyncMode::Full);
    QCOMPARE(o.inspectTimeoutMs, 5000);
}

void TestCommandLine::valuesAreApplied()
{
    AppOptions o;
    QString error;
    const QStringList args = {QStringLiteral("hookscope"), QStringLiteral("--headless"), QStringLiteral("--bind"),
                              QStringLiteral("0.0.0.0"), QStringLiteral("--port"), QStringLiteral("0"),
                              QStringLiteral("--db"), QStringLiteral("/tmp/x.sqlite"), QStringLiteral("--max-body"),
                              QStringLiteral("100"), QStringLiteral("--max-head"), QStringLiteral("200"),
                              QStringLiteral("--idle-timeout"), QStringLiteral("0.25"), QStringLiteral("--sync"),
                              QStringLiteral("normal"), QStringLiteral("--response-status"), QStringLiteral("202"),
                              QStringLiteral("--response-header"), QStringLiteral("X-A: 1"),
                              QStringLiteral("--response-header"), QStringLiteral("Content-Type: text/plain"),
                              QStringLiteral("--response-body"), QStringLiteral("fine"),
                              QStringLiteral("--head-timeout"), QStringLiteral("1.5"),
                              QStringLiteral("--inspect-timeout"), QStringLiteral("0.5")};
    QCOMPARE(CommandLine::parse(args, &o, &error), ParseOutcome::Run);
    QVERIFY(o.headless);
    QCOMPARE(o.receiver.bindAddress, QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(o.receiver.port, quint16(0));
    QVERIFY(o.portGiven);
    QCOMPARE(o.dbPath, QStringLiteral("/tmp/x.sqlite"));
    QCOMPARE(o.receiver.limits.maxBodyBytes, qint64(100));
    QCOMPARE(o.receiver.limits.maxHeadBytes, qint64(200));
    QCOMPARE(o.receiver.idleTimeoutMs, 250);
    QCOMPARE(o.receiver.headTimeoutMs, 1500);
    QCOMPARE(o.inspectTimeoutMs, 500);
    QCOMPARE(o.sync, SyncMode::Normal);
    QCOMPARE(o.receiver.defaultResponse.status, 202);
    QCOMPARE(o.receiver.defaultResponse.headers,
             (HeaderList{{"X-A", "1"}, {"Content-Type", "text/plain"}}));
    QCOMPARE(o.receiver.defaultResponse.body, QByteArray("fine"));
}

void TestCommandLine::invalidValuesAreRefusedWithReason_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("reason");
    QTest::newRow("port out of range") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")}
                                       << QStringLiteral("--port: '70000' is not a port number");
    QTest::newRow("port not a number") << QStringList{QStringLiteral("--port"), QStringLiteral("http")}
                                       << QStringLiteral("--port: 'http'");
    QTest::newRow("bind not an address") << QStringList{QStringLiteral("--bind"), QStringLiteral("example.com")}
                                         << QStringLiteral("--bind: 'example.com' is not an IP address");
    QTest::newRow("negative body limit") << QStringList{QStringLiteral("--max-body"), QStringLiteral("-1")}
                                         << QStringLiteral("--max-body");
    QTest::newRow("zero head limit") << QStringList{QStringLiteral("--max-head"), QStringLiteral("0")}
                                     << QStringLiteral("--max-head");
    QTest::newRow("idle timeout text") << QStringList{QStringLiteral("--idle-timeout"), QStringLiteral("soon")}
                                       << QStringLiteral("--idle-timeout");
    QTest::newRow("inspect timeout negative") << QStringList{QStringLiteral("--inspect-timeout"), QStringLiteral("-1")}
                                              << QStringLiteral("--inspect-timeout: '-1' is not a number of seconds");
    QTest::newRow("head timeout zero") << QStringList{QStringLiteral("--head-timeout"), QStringLiteral("0")}
                                       << QStringLiteral("--head-timeout: '0' is not a number of seconds");
    QTest::newRow("status below 200") << QStringList{QStringLiteral("--response-status"), QStringLiteral("101")}
                                      << QStringLiteral("--response-status");
    QTest::newRow("header without colon") << QStringList{QStringLiteral("--response-header"), QStringLiteral("nocolon")}
                                          << QStringLiteral("--response-header");
    QTest::newRow("unknown sync mode") << QStringList{QStringLiteral("--sync"), QStringLiteral("off")}
                                       << QStringLiteral("--sync");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--colour")} << QStringLiteral("colour");
    QTest::newRow("stray argument") << QStringList{QStringLiteral("extra")} << QStringLiteral("unexpected argument 'extra'");
    QTest::newRow("missing body file") << QStringList{QStringLiteral("--response-body-file"), QStringLiteral("/nonexistent/b")}
                                       << QStringLiteral("cannot read /nonexistent/b");
}

void TestCommandLine::invalidValuesAreRefusedWithReason()
{
    QFETCH(QStringList, args);
    QFETCH(QString, reason);
    AppOptions o;
    QString error;
    QCOMPARE(CommandLine::parse(QStringList{QStringLiteral("hookscope")} + args, &o, &error), ParseOutcome::Error);
    QVERIFY2(error.contains(reason), qPrintable(error));
}

void TestCommandLine::helpAndVersion()
{
    AppOptions o;
    QString error;
    QCOMPARE(CommandLine::parse({QStringLiteral("hookscope"), QStringLiteral("--help")}, &o, &error), ParseOutcome::Help);
    QCOMPARE(CommandLine::parse({QStringLiteral("hookscope"), QStringLiteral("--version")}, &o, &error),
             ParseOutcome::Version);
    QVERIFY(CommandLine::helpText().contains(QLatin1String("--headless")));
}

void TestCommandLine::responseBodyFromFile()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("{\"from\":\"file\"}\n");
    file.close();
    AppOptions o;
    QString error;
    QCOMPARE(CommandLine::parse({QStringLiteral("hookscope"), QStringLiteral("--response-body-file"), file.fileName()},
                                &o, &error),
             ParseOutcome::Run);
    QCOMPARE(o.receiver.defaultResponse.body, QByteArray("{\"from\":\"file\"}\n"));
}

void TestCommandLine::relayOptions()
{
    AppOptions o;
    QString error;
    QCOMPARE(CommandLine::parse({QStringLiteral("hookscope")}, &o, &error), ParseOutcome::Run);
    QVERIFY(o.forwardUrl.isEmpty());
    QCOMPARE(o.ngrokApi, QUrl(QStringLiteral("http://127.0.0.1:4040")));
    QCOMPARE(CommandLine::parse({QStringLiteral("hookscope"), QStringLiteral("--forward"),
                                 QStringLiteral("http://localhost:3000/webhooks"), QStringLiteral("--forward-kind"),
                                 QStringLiteral("jicoo"), QStringLiteral("--ngrok-api"), QStringLiteral("http://127.0.0.1:4041")},
                                &o, &error),
             ParseOutcome::Run);
    QCOMPARE(o.forwardUrl, QUrl(QStringLiteral("http://localhost:3000/webhooks")));
    QCOMPARE(o.forwardKind, QStringLiteral("jicoo"));
    QCOMPARE(o.ngrokApi, QUrl(QStringLiteral("http://127.0.0.1:4041")));
    const QString help = CommandLine::helpText();
    QVERIFY(help.contains(QLatin1String("--forward <URL>")));
    QVERIFY(help.contains(QLatin1String("--forward-kind <KIND>")));
    QVERIFY(help.contains(QLatin1String("--ngrok-api <URL>")));
}

QTEST_APPLESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
