#include "common/RawHttpClient.h"
#include "store/EventStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
QByteArray sample()
{
    QFile file(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/before-book-appointment.json"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

// `hookscope --headless` as a child process: --respond answers held kinds at once; without it a
// held hook gets the default answer at its deadline. Settings and user presets come from a
// temporary XDG_CONFIG_HOME, so the user's own never interfere.
class TestRespondHeadless final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void respondCancelAnswersAtOnceWithTheReason();
    void withoutRespondTheDeadlineSendsTheDefault();
    void unknownPresetIsRefusedAtStart();

private:
    void startChild(const QStringList &extra);
    QByteArray line(int ms = 10000);
    quint16 m_port = 0;
    QTemporaryDir *m_dir = nullptr;
    QProcess *m_process = nullptr;
};

void TestRespondHeadless::init()
{
    m_dir = new QTemporaryDir;
    m_process = new QProcess;
}

void TestRespondHeadless::cleanup()
{
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000))
            m_process->kill();
        m_process->waitForFinished();
    }
    delete m_process;
    delete m_dir;
}

void TestRespondHeadless::startChild(const QStringList &extra)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data")));
    m_process->setProcessEnvironment(env);
    m_process->start(QStringLiteral(HOOKSCOPE_BINARY),
                     QStringList{QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                                 QStringLiteral("--db"), m_dir->filePath(QStringLiteral("events.sqlite"))}
                         + extra);
    const QByteArray first = line();
    static const QRegularExpression re(QStringLiteral("^Listening on http://127\\.0\\.0\\.1:(\\d+)/$"));
    const auto match = re.match(QString::fromUtf8(first));
    QVERIFY2(match.hasMatch(), first.constData());
    m_port = quint16(match.captured(1).toUInt());
    QVERIFY(line().startsWith("Store: "));
}

QByteArray TestRespondHeadless::line(int ms)
{
    QDeadlineTimer deadline(ms);
    while (!m_process->canReadLine() && !deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
    }
    return m_process->canReadLine() ? m_process->readLine().chopped(1) : QByteArray();
}

void TestRespondHeadless::respondCancelAnswersAtOnceWithTheReason()
{
    startChild({QStringLiteral("--respond"), QStringLiteral("before-book-appointment=cancel:Slot no longer available")});
    RawHttpClient client(m_port);
    client.send(post("/hooks/before-book-appointment", sample()));
    QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, 10000);
    const QJsonObject body = QJsonDocument::fromJson(client.responses().at(0).body).object();
    QCOMPARE(body.value(QStringLiteral("cancelled")), QJsonValue(true));
    QCOMPARE(body.value(QStringLiteral("cancellationReason")), QJsonValue(QStringLiteral("Slot no longer available")));
    QByteArray output;
    for (int i = 0; i < 2; ++i)
        output += line() + '\n';
    QVERIFY2(output.contains("answered #1: answered 200 at once by --respond cancel"), output.constData());
}

void TestRespondHeadless::withoutRespondTheDeadlineSendsTheDefault()
{
    {
        QSettings settings(m_dir->filePath(QStringLiteral("config/hookscope/hookscope.conf")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("hold/before-book-appointment/hold"), true);
        settings.setValue(QStringLiteral("hold/before-book-appointment/deadlineMs"), 400);
    }
    startChild({});
    RawHttpClient client(m_port);
    QElapsedTimer sent;
    sent.start();
    client.send(post("/hooks/before-book-appointment", sample()));
    QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, 10000);
    QVERIFY2(sent.elapsed() >= 350, qPrintable(QString::number(sent.elapsed())));
    const QJsonObject body = QJsonDocument::fromJson(client.responses().at(0).body).object();
    QCOMPARE(body.value(QStringLiteral("cancelled")), QJsonValue(false));
    QByteArray output;
    for (int i = 0; i < 3; ++i)
        output += line() + '\n';
    QVERIFY2(output.contains("held #1 before-book-appointment"), output.constData());
    QVERIFY2(output.contains("answered #1: answered 200 automatically at the deadline"), output.constData());
}

void TestRespondHeadless::unknownPresetIsRefusedAtStart()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
    m_process->setProcessEnvironment(env);
    m_process->start(QStringLiteral(HOOKSCOPE_BINARY),
                     {QStringLiteral("--headless"), QStringLiteral("--respond"), QStringLiteral("before-book-appointment=maybe")});
    QVERIFY(m_process->waitForFinished(10000));
    QCOMPARE(m_process->exitCode(), 2);
    const QByteArray err = m_process->readAllStandardError();
    QVERIFY2(err.contains("no preset 'maybe'") && err.contains("accept"), err.constData());
}

QTEST_GUILESS_MAIN(TestRespondHeadless)
#include "tst_respondheadless.moc"
