#include "common/HookscopeCommand.h"
#include "common/RawHttpClient.h"
#include "exchange/CurlCommand.h"
#include "store/EventStore.h"
#include "trust/SecretRedaction.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace hookscope;
using namespace hookscope::test;

// The endpoint's own --secret never reaches a byte Hookscope writes: the store file, its WAL,
// exports (JSON, HAR), curl commands, stdout, stderr. Real `hookscope --headless` child
// processes, one per secret mode, and the raw bytes of every file searched.
class TestEndpointSecret final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void secretIsNeverWrittenAnywhere_data();
    void secretIsNeverWrittenAnywhere();

private:
    int runCommand(const QStringList &args);
    void searchEverywhere(const QList<QByteArray> &needles, const QByteArray &what, const QByteArray &bytes);
    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_output; // stdout and stderr of every child process
};

namespace {
const QByteArray kSecret = "s3cr3t-Tok3n_9f8e7d";
const QByteArray kOtherToken = "someone-elses-token-4711";

QString readPortFrom(QProcess &process, QByteArray *output)
{
    static const QRegularExpression re(QStringLiteral("Listening on http://127\\.0\\.0\\.1:(\\d+)/"));
    QDeadlineTimer deadline(20'000);
    while (!deadline.hasExpired()) {
        const auto match = re.match(QString::fromUtf8(*output));
        if (match.hasMatch())
            return match.captured(1);
        if (!process.waitForReadyRead(200) && process.state() == QProcess::NotRunning)
            break;
        *output += process.readAllStandardOutput();
    }
    return {};
}
} // namespace

void TestEndpointSecret::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_output.clear();
}

int TestEndpointSecret::runCommand(const QStringList &args)
{
    const CommandRun run = runHookscope(
        args, CommandSetup().withEnvironment(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("data"))));
    m_output += run.out + run.err;
    return run.exitCode;
}

void TestEndpointSecret::searchEverywhere(const QList<QByteArray> &needles, const QByteArray &what,
                                          const QByteArray &bytes)
{
    for (const QByteArray &needle : needles)
        QVERIFY2(!bytes.contains(needle), (what + " holds " + needle).constData());
}

void TestEndpointSecret::secretIsNeverWrittenAnywhere_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QList<QByteArray>>("accepted"); // head lines after the request line
    QTest::addColumn<QList<QByteArray>>("targets");
    QTest::addColumn<QList<QByteArray>>("needles"); // every form the secret was sent in

    const QByteArray basicAny = ("stripe:" + kSecret).toBase64();
    const QByteArray basicUser = ("ops:" + kSecret).toBase64();
    const QByteArray encoded = "%73%33cr3t-Tok3n_9f8e7d";
    QTest::newRow("bearer") << QStringLiteral("bearer") << kSecret
                            << QList<QByteArray>{"Authorization: Bearer " + kSecret, "authorization:   bearer " + kSecret + "  "}
                            << QList<QByteArray>{"/hooks/a", "/hooks/b"} << QList<QByteArray>{kSecret};
    QTest::newRow("basic, any user") << QStringLiteral("basic") << kSecret
                                     << QList<QByteArray>{"Authorization: Basic " + basicAny, "Authorization: Basic " + basicAny}
                                     << QList<QByteArray>{"/hooks/a", "/hooks/b"} << QList<QByteArray>{kSecret, basicAny};
    QTest::newRow("basic, user:password") << QStringLiteral("basic") << QByteArray("ops:" + kSecret)
                                          << QList<QByteArray>{"Authorization: Basic " + basicUser, "Authorization: Basic " + basicUser}
                                          << QList<QByteArray>{"/hooks/a", "/hooks/b"} << QList<QByteArray>{kSecret, basicUser};
    QTest::newRow("query:token") << QStringLiteral("query:token") << kSecret << QList<QByteArray>{QByteArray(), QByteArray()}
                                 << QList<QByteArray>{"/hooks/a?token=" + kSecret + "&x=1", "/hooks/b?x=2&token=" + encoded}
                                 << QList<QByteArray>{kSecret, encoded};
    QTest::newRow("query:key") << QStringLiteral("query:key") << kSecret << QList<QByteArray>{QByteArray(), QByteArray()}
                               << QList<QByteArray>{"/hooks/a?key=" + kSecret, "/hooks/b?key=" + kSecret + "&key=again"}
                               << QList<QByteArray>{kSecret};
}

void TestEndpointSecret::secretIsNeverWrittenAnywhere()
{
    QFETCH(QString, mode);
    QFETCH(QByteArray, secret);
    QFETCH(QList<QByteArray>, accepted);
    QFETCH(QList<QByteArray>, targets);
    QFETCH(QList<QByteArray>, needles);
    const QString db = m_dir->filePath(QStringLiteral("events.sqlite"));

    QProcess child;
    child.start(QStringLiteral(HOOKSCOPE_BINARY),
                {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"), db,
                 QStringLiteral("--secret"), QString::fromUtf8(secret), QStringLiteral("--secret-mode"), mode});
    const QString port = readPortFrom(child, &m_output);
    QVERIFY2(!port.isEmpty(), m_output.constData());

    RawHttpClient client(quint16(port.toUInt()));
    const QByteArray body = R"({"type":"invoice.paid"})";
    for (qsizetype i = 0; i < targets.size(); ++i) {
        // Another sender's own credential rides along in the query mode: kept as sent.
        const QByteArray other = mode.startsWith(QLatin1String("query")) ? "Authorization: Bearer " + kOtherToken + "\r\n"
                                                                         : QByteArray();
        client.send("POST " + targets.at(i) + " HTTP/1.1\r\nHost: hooks.example.test\r\n"
                    + (accepted.at(i).isEmpty() ? QByteArray() : accepted.at(i) + "\r\n") + other
                    + "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }
    // Refused (the first value is wrong), yet the secret that came second must not be kept either.
    const QByteArray refusedTarget = mode.startsWith(QLatin1String("query"))
        ? "/hooks/c?" + mode.mid(6).toUtf8() + "=wrong&" + mode.mid(6).toUtf8() + '=' + kSecret
        : QByteArray("/hooks/c");
    const QByteArray refusedAuth = mode == QLatin1String("bearer") ? "Authorization: Bearer wrong\r\nAuthorization: Bearer " + kSecret + "\r\n"
                                                                   : QByteArray();
    client.send("GET " + refusedTarget + " HTTP/1.1\r\nHost: hooks.example.test\r\n" + refusedAuth + "\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 3, 20'000);
    QCOMPARE(client.responses().at(0).status, 200);
    QCOMPARE(client.responses().at(1).status, 200);
    QCOMPARE(client.responses().at(2).status, 401);
    QTRY_VERIFY_WITH_TIMEOUT((m_output += child.readAllStandardOutput()).count(" B\n") >= 3, 20'000);

    // While the child runs, its WAL holds the newest pages.
    QByteArray files;
    for (const QString &name : QDir(m_dir->path()).entryList(QDir::Files))
        files += name.toUtf8() + '\n';
    QVERIFY2(files.contains("events.sqlite-wal"), files.constData());
    for (const QString &name : QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden)) {
        QFile file(m_dir->filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        searchEverywhere(needles, "file " + name.toUtf8(), file.readAll()); // the store, its WAL and -shm
    }
    child.terminate();
    QVERIFY(child.waitForFinished(20'000));
    m_output += child.readAllStandardOutput() + child.readAllStandardError();
    QFile store(db);
    QVERIFY(store.open(QIODevice::ReadOnly));
    searchEverywhere(needles, "store file after shutdown", store.readAll());

    // Exports and curl commands, from the store the child wrote.
    for (const QString &name : {QStringLiteral("all.json"), QStringLiteral("all.har")}) {
        const QString out = m_dir->filePath(name);
        QCOMPARE(runCommand({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--out"), out}), 0);
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        searchEverywhere(needles, name.toUtf8(), bytes);
        // The marker stands in its place.
        QVERIFY2(bytes.contains(SecretRedaction::kMarker) || bytes.contains(SecretRedaction::kTargetMarker),
                 bytes.constData());
    }
    EventStore events;
    QString error;
    QVERIFY2(events.open(db, &error), qPrintable(error));
    QCOMPARE(events.count(), 3);
    for (const qint64 id : events.ids()) {
        const std::optional<Event> event = events.load(id);
        QVERIFY(event);
        searchEverywhere(needles, "curl command", CurlCommand::build(*event).toUtf8());
    }
    const std::optional<Event> first = events.load(events.ids().first());
    if (mode.startsWith(QLatin1String("query"))) {
        QVERIFY2(first->target.contains(SecretRedaction::kTargetMarker), first->target.constData());
        QCOMPARE(headerValue(first->headers, "authorization"), "Bearer " + kOtherToken);
    } else {
        QVERIFY(headerValue(first->headers, "authorization").endsWith(SecretRedaction::kMarker));
    }
    searchEverywhere(needles, "stdout and stderr", m_output);
    QVERIFY2(m_output.contains("POST /hooks/a"), m_output.constData()); // the per-event lines were read
}

QTEST_GUILESS_MAIN(TestEndpointSecret)
#include "tst_endpointsecret.moc"
