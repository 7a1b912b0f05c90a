// Signature per pack: `hookscope --headless --signature PACK/*=SECRETFILE` takes the scheme the
// pack's pack.json names, so the user gives only the secret. A real child process receives a pack
// kind's sample signed as the vendor documents it (computed here with Qt's HMAC, independently of
// the verifier), a tampered copy and another vendor's body; `hookscope export` gives the verdicts.
#include "common/HookscopeCommand.h"
#include "common/RawHttpClient.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace hookscope::test;

namespace {
QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QByteArray kSecret = "pack-secret-\xc3\xa9-42";

// Cubu (docs.cubu.com … webhooks-configuration, HMAC Validation (ASP.NET Core)):
// "Authorization: HMAC <base64 HMAC-SHA256 of the raw body>".
QByteArray cubuHeader(const QByteArray &body)
{
    return "Authorization: HMAC "
           + QMessageAuthenticationCode::hash(body, kSecret, QCryptographicHash::Sha256).toBase64() + "\r\n";
}

// Jicoo (developer.jicoo.com/doc-356016): "Jicoo-Webhook-Signature: t=<unix time>,v1=<hex
// HMAC-SHA256 of '<t>.<raw body>'>".
QByteArray jicooHeader(const QByteArray &body)
{
    const QByteArray t = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    return "Jicoo-Webhook-Signature: t=" + t + ",v1="
           + QMessageAuthenticationCode::hash(t + '.' + body, kSecret, QCryptographicHash::Sha256).toHex() + "\r\n";
}

QProcessEnvironment isolated(const QTemporaryDir &dir)
{
    // No user kinds folder of the machine running the tests.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("HOME"), dir.path());
    return env;
}
} // namespace

class TestPackSignatures final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void packKindVerifiedWithOnlyTheSecret_data();
    void packKindVerifiedWithOnlyTheSecret();
    void refusedAtConfigurationTime_data();
    void refusedAtConfigurationTime();
};

void TestPackSignatures::packKindVerifiedWithOnlyTheSecret_data()
{
    QTest::addColumn<QString>("pack");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("sample");
    QTest::addColumn<QByteArray>("target");

    QTest::newRow("Cubu After Start Work, Authorization: HMAC")
        << "cubu" << "after-start-work" << "resources/packs/cubu/samples/after-start-work.json"
        << QByteArray("/my/cubu/service/actions/startWork");
    QTest::newRow("Cubu Before Book Appointment (the pack's loose kind), Authorization: HMAC")
        << "cubu" << "before-book-appointment" << "resources/samples/before-book-appointment.json"
        << QByteArray("/cubu/service/actions/beforeBookAppointment");
    QTest::newRow("Jicoo guest_booked, Jicoo-Webhook-Signature t= v1=")
        << "jicoo" << "jicoo" << "resources/samples/jicoo.json" << QByteArray("/hooks/jicoo");
}

void TestPackSignatures::packKindVerifiedWithOnlyTheSecret()
{
    QFETCH(QString, pack);
    QFETCH(QString, kind);
    QFETCH(QString, sample);
    QFETCH(QByteArray, target);
    const QByteArray body = readFile(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/") + sample);
    QVERIFY(!body.isEmpty());
    const auto sign = [&](const QByteArray &b) { return pack == QLatin1String("cubu") ? cubuHeader(b) : jicooHeader(b); };

    QTemporaryDir dir;
    QFile secret(dir.filePath(QStringLiteral("secret")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(kSecret + '\n');
    secret.close();
    const QString db = dir.filePath(QStringLiteral("events.sqlite"));

    QProcess child;
    child.setProcessEnvironment(isolated(dir));
    child.setProgram(QStringLiteral(HOOKSCOPE_BINARY));
    child.setArguments({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"), db,
                        QStringLiteral("--signature"), QStringLiteral("%1/*=%2").arg(pack, secret.fileName()),
                        QStringLiteral("--ngrok-api"), QStringLiteral("http://127.0.0.1:9")});
    child.start();
    QVERIFY(child.waitForStarted());
    QByteArray out;
    const auto waitFor = [&](const QByteArray &needle) {
        QDeadlineTimer deadline(20000);
        while (!out.contains(needle) && !deadline.hasExpired() && child.state() == QProcess::Running) {
            QTest::qWait(50); // the event loop runs: the clients connect and send meanwhile
            out += child.readAllStandardOutput();
        }
        return out.contains(needle);
    };
    QVERIFY2(waitFor("Listening on "), out.constData() + child.readAllStandardError());
    static const QRegularExpression listening(QStringLiteral("Listening on http://127\\.0\\.0\\.1:(\\d+)/"));
    const quint16 port = quint16(listening.match(QString::fromUtf8(out)).captured(1).toUInt());
    QVERIFY(port > 0);

    // Clients stay open: a held hook (Before Book) gets its default answer only after its hold.
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    const auto send = [&](const QByteArray &t, const QByteArray &b, const QByteArray &headers) {
        clients.push_back(std::make_unique<RawHttpClient>(port));
        clients.back()->send(post(t, b, "Content-Type: application/json\r\n" + headers));
    };
    // First another vendor's body, signed alike: there is no rule for its kind (checked in the export).
    const QByteArray other = readFile(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/callback-request.json"));
    send("/hooks/pexip-engage", other, sign(other));
    send(target, body, sign(body));
    QVERIFY2(waitFor("signature #2 "), out.constData());
    QByteArray tampered = body;
    tampered.insert(tampered.lastIndexOf('}'), ",\"x\":1");
    send(target, tampered, sign(body));
    QVERIFY2(waitFor("signature #3 "), out.constData());
    QVERIFY2(!out.contains("signature #1 "), out.constData());
    QVERIFY2(out.contains("signature #2 valid: "), out.constData());
    QVERIFY2(out.contains("signature #3 invalid: "), out.constData());
    child.terminate();
    QVERIFY(child.waitForFinished(20000));

    const QString exported = dir.filePath(QStringLiteral("export.json"));
    QCOMPARE(runHookscope({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--out"), exported}).exitCode, 0);
    const QJsonArray events =
        QJsonDocument::fromJson(readFile(exported)).object().value(QLatin1String("events")).toArray();
    QCOMPARE(events.size(), 3);
    const auto status = [&](int i) {
        return events.at(i).toObject().value(QLatin1String("signature")).toObject().value(QLatin1String("status")).toString();
    };
    QCOMPARE(events.at(0).toObject().value(QLatin1String("kind")).toString(), QStringLiteral("callback-request"));
    QCOMPARE(status(0), QStringLiteral("not-checked"));
    QCOMPARE(events.at(1).toObject().value(QLatin1String("kind")).toString(), kind);
    QCOMPARE(status(1), QStringLiteral("valid"));
    QCOMPARE(status(2), QStringLiteral("invalid"));
}

void TestPackSignatures::refusedAtConfigurationTime_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("a pack that does not exist") << "acme/*=FILE" << "there is no pack acme (packs: ";
    QTest::newRow("a pack whose documentation names no scheme")
        << "pexip-engage/*=FILE" << "the pack pexip-engage names no signature scheme";
    QTest::newRow("the pack's scheme still needs its secret") << "cubu/*=" << "the preset cubu needs its secret";
}

void TestPackSignatures::refusedAtConfigurationTime()
{
    QFETCH(QString, spec);
    QFETCH(QString, errorContains);
    QTemporaryDir dir;
    QFile secret(dir.filePath(QStringLiteral("secret")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("k\n");
    secret.close();
    QProcess child;
    child.setProcessEnvironment(isolated(dir));
    child.start(QStringLiteral(HOOKSCOPE_BINARY),
                {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"),
                 dir.filePath(QStringLiteral("db.sqlite")), QStringLiteral("--signature"),
                 QString(spec).replace(QLatin1String("FILE"), secret.fileName())});
    QVERIFY(child.waitForFinished(20000));
    QVERIFY(child.exitCode() != 0);
    const QByteArray err = child.readAllStandardError();
    QVERIFY2(err.contains("--signature: ") && err.contains(errorContains.toUtf8()), err.constData());
}

QTEST_GUILESS_MAIN(TestPackSignatures)
#include "tst_packsignatures.moc"
