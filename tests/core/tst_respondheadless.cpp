#include "common/HeadlessChild.h"
#include "common/HookscopeCommand.h"
#include "common/RawHttpClient.h"
#include "common/Samples.h"
#include "store/EventStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

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
    [[nodiscard]] QByteArray line() { return m_child->line(); }
    quint16 m_port = 0;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HeadlessChild> m_child;
};

void TestRespondHeadless::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestRespondHeadless::cleanup()
{
    m_child.reset();
    m_dir.reset();
}

void TestRespondHeadless::startChild(const QStringList &extra)
{
    m_child = std::make_unique<HeadlessChild>(m_dir->filePath(QStringLiteral("events.sqlite")), extra, m_dir->path());
    m_port = m_child->readPort();
    QVERIFY2(m_port, m_child->firstLine().constData());
    QVERIFY(line().startsWith("Store: "));
}

void TestRespondHeadless::respondCancelAnswersAtOnceWithTheReason()
{
    startChild({QStringLiteral("--respond"), QStringLiteral("before-book-appointment=cancel:Slot no longer available")});
    RawHttpClient client(m_port);
    client.send(post("/hooks/before-book-appointment", beforeBookSample()));
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
    client.send(post("/hooks/before-book-appointment", beforeBookSample()));
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
    const CommandRun run
        = runHookscope({QStringLiteral("--headless"), QStringLiteral("--respond"), QStringLiteral("before-book-appointment=maybe")},
                       CommandSetup()
                           .withEnvironment(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")))
                           .withTimeout(10'000));
    QCOMPARE(run.exitCode, 2);
    const QByteArray &err = run.err;
    QVERIFY2(err.contains("no preset 'maybe'") && err.contains("accept"), err.constData());
}

QTEST_GUILESS_MAIN(TestRespondHeadless)
#include "tst_respondheadless.moc"
