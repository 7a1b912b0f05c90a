#include "app/AppOptions.h"
#include "app/AppSettings.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// Stored settings feed the GUI's options; the command line wins; bad stored values are skipped
// with a reason and the default stays.
class TestAppSettings final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void checks_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("port 0 picks a free one") << "port" << "0" << true;
        QTest::newRow("port 65535") << "port" << "65535" << true;
        QTest::newRow("port 65536 refused") << "port" << "65536" << false;
        QTest::newRow("port words refused") << "port" << "eighty" << false;
        QTest::newRow("port negative refused") << "port" << "-1" << false;
        QTest::newRow("bind IPv4") << "bind" << "0.0.0.0" << true;
        QTest::newRow("bind IPv6 loopback") << "bind" << "::1" << true;
        QTest::newRow("bind localhost") << "bind" << "localhost" << true;
        QTest::newRow("bind host name refused") << "bind" << "example.org" << false;
        QTest::newRow("status 204") << "status" << "204" << true;
        QTest::newRow("status 199 refused") << "status" << "199" << false;
        QTest::newRow("status 600 refused") << "status" << "600" << false;
        QTest::newRow("header") << "header" << "X-Test: 1" << true;
        QTest::newRow("header without colon refused") << "header" << "X-Test 1" << false;
        QTest::newRow("header name with space refused") << "header" << "X Test: 1" << false;
        QTest::newRow("seconds fraction") << "seconds" << "0.5" << true;
        QTest::newRow("seconds zero refused") << "seconds" << "0" << false;
        QTest::newRow("connections zero refused") << "connections" << "0" << false;
        QTest::newRow("route") << "route" << "/hooks/jicoo" << true;
        QTest::newRow("route without slash refused") << "route" << "hooks" << false;
        QTest::newRow("route with query refused") << "route" << "/a?b=1" << false;
        QTest::newRow("folder empty means default") << "folder" << "" << true;
        QTest::newRow("folder missing refused") << "folder" << "/nonexistent/hookscope" << false;
        QTest::newRow("bytes below min refused") << "bytes" << "0" << false;
        QTest::newRow("bytes within range") << "bytes" << "50" << true;
        QTest::newRow("bytes above max refused") << "bytes" << "1024" << false;
        QTest::newRow("ngrok agent default") << "ngrok" << "http://127.0.0.1:4040" << true;
        QTest::newRow("ngrok agent host name") << "ngrok" << "http://localhost:4041/" << true;
        QTest::newRow("ngrok agent without port refused") << "ngrok" << "http://127.0.0.1" << false;
        QTest::newRow("ngrok agent not http refused") << "ngrok" << "ftp://127.0.0.1:4040" << false;
        QTest::newRow("ngrok agent without scheme refused") << "ngrok" << "127.0.0.1:4040" << false;
        QTest::newRow("ngrok agent with a path refused") << "ngrok" << "http://127.0.0.1:4040/api/tunnels" << false;
    }

    void checks()
    {
        QFETCH(QString, what);
        QFETCH(QString, value);
        QFETCH(bool, valid);
        QString reason;
        if (what == QLatin1String("port"))
            reason = AppSettings::checkPort(value);
        else if (what == QLatin1String("bind"))
            reason = AppSettings::checkBind(value);
        else if (what == QLatin1String("status"))
            reason = AppSettings::checkStatus(value);
        else if (what == QLatin1String("header"))
            reason = AppSettings::checkHeader(value);
        else if (what == QLatin1String("seconds"))
            reason = AppSettings::checkSeconds(value);
        else if (what == QLatin1String("connections"))
            reason = AppSettings::checkConnections(value);
        else if (what == QLatin1String("route"))
            reason = AppSettings::checkRoutePath(value);
        else if (what == QLatin1String("folder"))
            reason = AppSettings::checkFolder(value);
        else if (what == QLatin1String("bytes"))
            reason = AppSettings::checkBytes(value, 1, 100);
        else if (what == QLatin1String("ngrok"))
            reason = AppSettings::checkNgrokApi(value);
        QCOMPARE(reason.isEmpty(), valid);
        if (!valid)
            QVERIFY2(reason.endsWith(QLatin1Char('.')), qPrintable(reason)); // a sentence, shown as it is
    }

    void storedSettingsApply()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("a.conf")), QSettings::IniFormat);
        settings.setValue(QLatin1String(AppSettings::Port), 9123);
        settings.setValue(QLatin1String(AppSettings::Bind), QStringLiteral("0.0.0.0"));
        settings.setValue(QLatin1String(AppSettings::MaxBody), 2048);
        settings.setValue(QLatin1String(AppSettings::IdleTimeout), 2.5);
        settings.setValue(QLatin1String(AppSettings::AnswerStatus), 202);
        settings.setValue(QLatin1String(AppSettings::AnswerHeaders), QStringList{QStringLiteral("X-A: 1"), QStringLiteral("X-B: 2")});
        settings.setValue(QLatin1String(AppSettings::AnswerBody), QStringLiteral("accepted"));
        settings.setValue(QLatin1String(AppSettings::NgrokApi), QStringLiteral("http://127.0.0.1:4141"));
        settings.setValue(QLatin1String(AppSettings::InspectTimeout), 2);
        AppOptions options;
        QStringList problems;
        AppSettings::apply(settings, &options, &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QCOMPARE(options.receiver.port, quint16(9123));
        QCOMPARE(options.receiver.bindAddress, QHostAddress(QStringLiteral("0.0.0.0")));
        QCOMPARE(options.receiver.limits.maxBodyBytes, 2048);
        QCOMPARE(options.receiver.idleTimeoutMs, 2500);
        QCOMPARE(options.receiver.defaultResponse.status, 202);
        QCOMPARE(options.receiver.defaultResponse.headers.size(), 2);
        QCOMPARE(options.receiver.defaultResponse.headers.at(1).first, QByteArray("X-B"));
        QCOMPARE(options.receiver.defaultResponse.body, QByteArray("accepted"));
        QCOMPARE(options.ngrokApi, QUrl(QStringLiteral("http://127.0.0.1:4141")));
        QCOMPARE(options.inspectTimeoutMs, 2000);
    }

    void commandLineWins()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("b.conf")), QSettings::IniFormat);
        settings.setValue(QLatin1String(AppSettings::Port), 9123);
        settings.setValue(QLatin1String(AppSettings::AnswerStatus), 202);
        AppOptions options;
        QString error;
        QCOMPARE(CommandLine::parse({QStringLiteral("hookscope"), QStringLiteral("--port"), QStringLiteral("7000")}, &options,
                                    &error),
                 ParseOutcome::Run);
        QStringList problems;
        AppSettings::apply(settings, &options, &problems);
        QCOMPARE(options.receiver.port, quint16(7000)); // given
        QCOMPARE(options.receiver.defaultResponse.status, 202); // not given: the setting
    }

    void invalidStoredValueKeepsDefault()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("c.conf")), QSettings::IniFormat);
        settings.setValue(QLatin1String(AppSettings::Port), QStringLiteral("99999"));
        settings.setValue(QLatin1String(AppSettings::AnswerHeaders), QStringList{QStringLiteral("broken")});
        AppOptions options;
        QStringList problems;
        AppSettings::apply(settings, &options, &problems);
        QCOMPARE(options.receiver.port, ReceiverConfig().port);
        QCOMPARE(options.receiver.defaultResponse.headers, ReceiverConfig::defaultAnswer().headers);
        QCOMPARE(problems.size(), 2);
        QVERIFY(problems.at(0).contains(QLatin1String("receiver/port")));
    }

    void routesRoundTrip()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("d.conf")), QSettings::IniFormat);
        const QHash<QString, QString> routes{{QStringLiteral("/a"), QStringLiteral("jicoo")},
                                             {QStringLiteral("/b=c"), QStringLiteral("callback-request")}};
        settings.setValue(QLatin1String(AppSettings::Routes), AppSettings::routesToList(routes));
        QCOMPARE(AppSettings::routes(settings), routes);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestAppSettings)

#include "tst_appsettings.moc"
