#include "common/HeadlessChild.h"
#include "common/HookscopeCommand.h"
#include "common/RawHttpClient.h"
#include "enrich/InspectionMarker.h"
#include "store/EventStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

// 2,000 strings that make ^(a+)+$ backtrack: each match runs into PCRE2's match limit.
QByteArray backtrackingBody()
{
    QByteArray body = "[";
    for (int i = 0; i < 2000; ++i)
        body += (i ? ",\"" : "\"") + QByteArray(40, 'a') + "b\"";
    return body + ']';
}

} // namespace

// Bodies that used to crash or stall Hookscope, sent to a real `hookscope --headless` child on a
// real store; the user kinds folder is a temporary XDG_CONFIG_HOME's.
class TestHostileBodies final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void outOfRangeNumberIsInspectedAndSurvivesARestart();
    void eventLeftMarkedIsNotInspectedAgainAtTheNextStart();
    void backtrackingPatternEndsWithTheReasonAndSigtermStopsWithinTwoSeconds();

private:
    void start(const QStringList &extra = {});
    void stop();
    [[nodiscard]] QString dbPath() const { return m_dir->filePath(QStringLiteral("events.sqlite")); }
    [[nodiscard]] QString kindsDir() const { return m_dir->filePath(QStringLiteral("config/hookscope/hookscope/kinds")); }
    // The stored result of event `id`, once enrichment wrote it.
    [[nodiscard]] std::optional<EventInfo> info(qint64 id) const;
    [[nodiscard]] qint64 markedId() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HeadlessChild> m_child;
    quint16 m_port = 0;
};

void TestHostileBodies::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestHostileBodies::cleanup()
{
    m_child.reset();
}

void TestHostileBodies::start(const QStringList &extra)
{
    m_child = std::make_unique<HeadlessChild>(dbPath(), extra, m_dir->path());
    m_port = m_child->readPort();
    QVERIFY2(m_port, m_child->firstLine().constData());
}

void TestHostileBodies::stop()
{
    m_child->process().terminate();
    QVERIFY(m_child->process().waitForFinished(10000));
    QCOMPARE(m_child->process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_child->process().exitCode(), 0);
}

std::optional<EventInfo> TestHostileBodies::info(qint64 id) const
{
    EventStore reader;
    QString error;
    if (!reader.open(dbPath(), &error))
        return std::nullopt;
    std::optional<EventInfo> found = reader.loadInfo(id);
    return found && found->isChecked() ? found : std::nullopt;
}

qint64 TestHostileBodies::markedId() const
{
    QFile marker(InspectionMarker::pathFor(dbPath()));
    return marker.open(QIODevice::ReadOnly) ? marker.readAll().trimmed().toLongLong() : -1;
}

void TestHostileBodies::outOfRangeNumberIsInspectedAndSurvivesARestart()
{
    start();
    {
        RawHttpClient client(m_port);
        client.send(post("/x", R"({"a":1E400})"));
        client.send(post("/y", "[-1e+9999]"));
        client.send(post("/z", R"({"ok":true})"));
        QTRY_COMPARE(client.responses().size(), 3);
    }
    QTRY_VERIFY_WITH_TIMEOUT(info(3).has_value(), 10000);
    QCOMPARE(m_child->process().state(), QProcess::Running);
    QCOMPARE(info(1)->validity, EventInfo::Validity::Unknown); // JSON of no known kind, inspected
    QCOMPARE(info(2)->validity, EventInfo::Validity::Unknown);
    stop();

    // The same store again: alive, and the next event is inspected too.
    start();
    {
        RawHttpClient client(m_port);
        client.send(post("/w", R"({"b":1e400})"));
        QTRY_COMPARE(client.responses().size(), 1);
    }
    QTRY_VERIFY_WITH_TIMEOUT(info(4).has_value(), 10000);
    QCOMPARE(m_child->process().state(), QProcess::Running);
    QCOMPARE(info(4)->validity, EventInfo::Validity::Unknown);
    stop();

    // hookscope validate on that body: a result, not an abort (exit 134 before; a crash reads -1).
    const CommandRun validate = runHookscope({QStringLiteral("validate"), QStringLiteral("-")},
                                             CommandSetup().withInput(R"({"a":1E400})").withTimeout(10'000));
    QCOMPARE(validate.exitCode, 3); // JSON of no known kind
}

void TestHostileBodies::eventLeftMarkedIsNotInspectedAgainAtTheNextStart()
{
    start({QStringLiteral("--no-validate")});
    {
        RawHttpClient client(m_port);
        client.send(post("/x", R"({"poison":1})"));
        client.send(post("/y", R"({"fine":2})"));
        QTRY_COMPARE(client.responses().size(), 2);
    }
    stop();
    QVERIFY(!info(1) && !info(2));
    // As a crash during the inspection of event 1 leaves it.
    writeFile(InspectionMarker::pathFor(dbPath()), "00000000000000000001\n");

    start();
    QTRY_VERIFY_WITH_TIMEOUT(info(1).has_value() && info(2).has_value(), 10000);
    QCOMPARE(info(1)->validity, EventInfo::Validity::NotInspectable);
    QCOMPARE(info(1)->jsonError, QStringLiteral("inspection did not finish in an earlier run"));
    QCOMPARE(info(2)->validity, EventInfo::Validity::Unknown);
    QByteArray err;
    QTRY_VERIFY((err += m_child->process().readAllStandardError())
                    .contains("hookscope: event 1 not inspected: inspection did not finish in an earlier run"));
    QCOMPARE(markedId(), 0);
    stop();

    // The export says so too.
    const QString out = m_dir->filePath(QStringLiteral("export.json"));
    QCOMPARE(runHookscope({QStringLiteral("export"), QStringLiteral("--db"), dbPath(), QStringLiteral("--out"), out}).exitCode, 0);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray exported = file.readAll();
    QVERIFY2(exported.contains(R"("validity": "not-inspectable")") || exported.contains(R"("validity":"not-inspectable")"),
             exported.left(2000).constData());
    QVERIFY(exported.contains("inspection did not finish in an earlier run"));
}

void TestHostileBodies::backtrackingPatternEndsWithTheReasonAndSigtermStopsWithinTwoSeconds()
{
    writeFile(kindsDir() + QStringLiteral("/slow.schema.json"),
              R"({"title":"Slow","type":"array","items":{"type":"string","pattern":"^(a+)+$"}})");
    writeFile(kindsDir() + QStringLiteral("/slow.kind.json"), R"({"routes":["/slow"]})");
    start({QStringLiteral("--inspect-timeout"), QStringLiteral("1")});
    {
        RawHttpClient client(m_port);
        client.send(post("/slow", backtrackingBody()));
        client.send(post("/slow", R"(["aaa"])"));
        QTRY_COMPARE(client.responses().size(), 2);
    }
    QTRY_VERIFY_WITH_TIMEOUT(info(2).has_value(), 20000);
    QCOMPARE(info(1)->validity, EventInfo::Validity::NotInspectable);
    QCOMPARE(info(1)->jsonError, QStringLiteral("inspection took longer than 1 s and was stopped"));
    QCOMPARE(info(2)->kind, QStringLiteral("slow"));
    QCOMPARE(info(2)->validity, EventInfo::Validity::Valid);
    stop();

    // No time limit: only the shutdown can end the inspection under way.
    start({QStringLiteral("--inspect-timeout"), QStringLiteral("0")});
    {
        RawHttpClient client(m_port);
        client.send(post("/slow", backtrackingBody()));
        QTRY_COMPARE(client.responses().size(), 1);
    }
    QTRY_COMPARE_WITH_TIMEOUT(markedId(), qint64(3), 10000); // its inspection is under way
    QElapsedTimer timer;
    timer.start();
    m_child->process().terminate();
    QVERIFY(m_child->process().waitForFinished(10000));
    const qint64 ms = timer.elapsed();
    qInfo("SIGTERM to exit during a backtracking inspection: %lld ms", ms);
    QCOMPARE(m_child->process().exitStatus(), QProcess::NormalExit);
    QVERIFY2(ms < 2000, QByteArray::number(ms).constData());
    QVERIFY(!info(3)); // not taken for a crash: inspected at the next start
    QCOMPARE(markedId(), 0);
}

QTEST_GUILESS_MAIN(TestHostileBodies)
#include "tst_hostilebodies.moc"
