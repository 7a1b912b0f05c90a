#include "tunnel/NgrokProcess.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {
QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A stand-in `ngrok` that records its arguments and then waits to be stopped.
QString writeFakeNgrok(const QTemporaryDir &dir, bool ignoreTerm)
{
    const QString path = dir.filePath(QStringLiteral("ngrok"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    QByteArray script = "#!/bin/sh\necho \"$@\" > '" + dir.filePath(QStringLiteral("args")).toUtf8() + "'\n";
    if (ignoreTerm)
        script += "trap '' TERM\n";
    script += "echo 'fake ngrok running'\nwhile true; do sleep 0.05; done\n";
    file.write(script);
    file.close();
    file.setPermissions(file.permissions() | QFileDevice::ExeOwner);
    return path;
}
} // namespace

class TestNgrokProcess final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void missingBinaryExplainsHowToInstall();
    void startsNgrokHttpPortAndStopsIt_data();
    void startsNgrokHttpPortAndStopsIt();
    void unexpectedExitIsReportedWithOutput();
    void destructorStopsTheChild();
};

void TestNgrokProcess::missingBinaryExplainsHowToInstall()
{
    NgrokProcess ngrok;
    ngrok.setProgram(QStringLiteral("/nonexistent/ngrok"));
    QVERIFY(!ngrok.start(8080));
    QVERIFY(!ngrok.isRunning());
    QVERIFY2(ngrok.errorString().contains(QStringLiteral("could not be started")), qPrintable(ngrok.errorString()));

    qputenv("PATH", "/nonexistent");
    NgrokProcess onPath;
    QVERIFY(!onPath.isAvailable());
    QVERIFY(!onPath.start(8080));
    QVERIFY(onPath.errorString().contains(QStringLiteral("https://ngrok.com/download")));
    QVERIFY(onPath.errorString().contains(QStringLiteral("snap install ngrok")));
}

void TestNgrokProcess::startsNgrokHttpPortAndStopsIt_data()
{
    QTest::addColumn<bool>("ignoreTerm");
    QTest::newRow("ends on terminate") << false;
    QTest::newRow("killed when it ignores terminate") << true;
}

void TestNgrokProcess::startsNgrokHttpPortAndStopsIt()
{
    QFETCH(bool, ignoreTerm);
    QTemporaryDir dir;
    NgrokProcess ngrok;
    ngrok.setProgram(writeFakeNgrok(dir, ignoreTerm));
    QSignalSpy unexpected(&ngrok, &NgrokProcess::exitedUnexpectedly);
    QVERIFY2(ngrok.start(18080), qPrintable(ngrok.errorString()));
    QVERIFY(ngrok.isRunning());
    QTRY_COMPARE(readAll(dir.filePath(QStringLiteral("args"))).trimmed(), QByteArray("http 18080 --log stdout"));
    ngrok.stop();
    QVERIFY(!ngrok.isRunning());
    QCOMPARE(unexpected.size(), 0);
}

void TestNgrokProcess::unexpectedExitIsReportedWithOutput()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ngrok"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("#!/bin/sh\necho 'ERROR: authentication failed: authtoken missing'\nexit 1\n");
    file.close();
    file.setPermissions(file.permissions() | QFileDevice::ExeOwner);
    NgrokProcess ngrok;
    ngrok.setProgram(path);
    QSignalSpy unexpected(&ngrok, &NgrokProcess::exitedUnexpectedly);
    QVERIFY(ngrok.start(8080));
    QTRY_COMPARE(unexpected.size(), 1);
    QVERIFY(unexpected.first().first().toString().contains(QStringLiteral("authtoken missing")));
}

void TestNgrokProcess::destructorStopsTheChild()
{
    QTemporaryDir dir;
    qint64 pid = 0;
    {
        NgrokProcess ngrok;
        ngrok.setProgram(writeFakeNgrok(dir, false));
        QVERIFY(ngrok.start(8080));
        pid = ngrok.processId();
        QVERIFY(pid > 0);
        QVERIFY(QFile::exists(QStringLiteral("/proc/%1").arg(pid)));
    }
    QVERIFY2(!QFile::exists(QStringLiteral("/proc/%1").arg(pid)), "the fake ngrok survived its NgrokProcess");
}

QTEST_GUILESS_MAIN(TestNgrokProcess)
#include "tst_ngrokprocess.moc"
