// Every signature preset end to end: a real `hookscope --headless --signature *=PRESET:FILE`
// child process receives the vendor-signed delivery and a tampered copy over a socket, prints
// each verdict on its stdout line, and `hookscope export` writes the verdicts per event.
#include "common/HookscopeCommand.h"
#include "common/RawHttpClient.h"
#include "http/Receiver.h"
#include "store/EventRecorder.h"
#include "store/EventStore.h"
#include "trust/SignaturePresets.h"
#include "trust/SignatureVerifier.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

QJsonObject vectorOf(const QString &preset)
{
    QFile file(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/signatures/vectors.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    for (const QJsonValue &v : QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("vectors")).toArray()) {
        if (v.toObject().value(QLatin1String("preset")).toString() == preset)
            return v.toObject();
    }
    return {};
}

QByteArray requestBytes(const QJsonObject &v, const QByteArray &body)
{
    QByteArray headers;
    const QJsonObject h = v.value(QLatin1String("headers")).toObject();
    for (auto it = h.begin(); it != h.end(); ++it)
        headers += it.key().toLatin1() + ": " + it.value().toString().toUtf8() + "\r\n";
    const QByteArray target = v.contains(QLatin1String("target")) ? v.value(QLatin1String("target")).toString().toUtf8()
                                                                   : QByteArray("/hooks");
    return post(target, body, "Content-Type: application/json\r\n" + headers);
}

} // namespace

class TestSignatureReceiver final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyPresetThroughTheReceiverAndExport_data();
    void everyPresetThroughTheReceiverAndExport();
    void forwardResignSignsTheForwardedCopyFresh();
    void refusedAtConfigurationTime_data();
    void refusedAtConfigurationTime();
};

void TestSignatureReceiver::everyPresetThroughTheReceiverAndExport_data()
{
    QTest::addColumn<QString>("preset");
    for (const SignaturePresets::Preset &preset : SignaturePresets::all())
        QTest::newRow(qPrintable(preset.name)) << preset.name;
}

void TestSignatureReceiver::everyPresetThroughTheReceiverAndExport()
{
    QFETCH(QString, preset);
    const QJsonObject v = vectorOf(preset);
    QVERIFY(!v.isEmpty());
    QTemporaryDir dir;
    QFile secret(dir.filePath(QStringLiteral("secret")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(v.value(QLatin1String("secret")).toString().toUtf8() + '\n');
    secret.close();
    const QString db = dir.filePath(QStringLiteral("events.sqlite"));

    QProcess child;
    child.setProgram(QStringLiteral(HOOKSCOPE_BINARY));
    // The vectors were signed in 2025: their age is checked by tst_signaturepresets, not here.
    child.setArguments({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"), db,
                        QStringLiteral("--signature"), QStringLiteral("*=%1:%2").arg(preset, secret.fileName()),
                        QStringLiteral("--signature-tolerance"), QStringLiteral("0"), QStringLiteral("--public-url"),
                        QStringLiteral("https://hookscope-demo.ngrok.app"), QStringLiteral("--ngrok-api"),
                        QStringLiteral("http://127.0.0.1:9")});
    child.start();
    QVERIFY(child.waitForStarted());
    QByteArray out;
    const auto waitFor = [&](const QByteArray &needle) {
        QDeadlineTimer deadline(20000);
        while (!out.contains(needle) && !deadline.hasExpired() && child.state() == QProcess::Running) {
            child.waitForReadyRead(200);
            out += child.readAllStandardOutput();
        }
        return out.contains(needle);
    };
    QVERIFY2(waitFor("Listening on "), out.constData());
    static const QRegularExpression listening(QStringLiteral("Listening on http://127\\.0\\.0\\.1:(\\d+)/"));
    const quint16 port = quint16(listening.match(QString::fromUtf8(out)).captured(1).toUInt());
    QVERIFY(port > 0);

    const QByteArray body = v.value(QLatin1String("body")).toString().toUtf8();
    RawHttpClient good(port);
    good.send(requestBytes(v, body));
    QTRY_COMPARE_WITH_TIMEOUT(good.responses().size(), 1, 10000);
    QVERIFY2(waitFor("signature #1 "), out.constData()); // in order: the tampered one is #2
    RawHttpClient tampered(port);
    tampered.send(requestBytes(v, QByteArray(body).replace("booking.created", "booking.updated")));
    QTRY_COMPARE_WITH_TIMEOUT(tampered.responses().size(), 1, 10000);
    QVERIFY2(waitFor("signature #2 "), out.constData());
    QVERIFY2(out.contains("signature #1 valid: "), out.constData());
    QVERIFY2(out.contains("signature #2 invalid: "), out.constData());
    child.terminate();
    QVERIFY(child.waitForFinished(20000));

    const QString exported = dir.filePath(QStringLiteral("export.json"));
    QCOMPARE(runHookscope({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--out"), exported}).exitCode, 0);
    QFile file(exported);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray events = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("events")).toArray();
    QCOMPARE(events.size(), 2);
    const QJsonObject first = events.at(0).toObject().value(QLatin1String("signature")).toObject();
    const QJsonObject second = events.at(1).toObject().value(QLatin1String("signature")).toObject();
    QCOMPARE(first.value(QLatin1String("status")).toString(), QStringLiteral("valid"));
    QVERIFY2(first.value(QLatin1String("reason")).toString().contains(QLatin1String(" of ")),
             qPrintable(first.value(QLatin1String("reason")).toString()));
    QCOMPARE(second.value(QLatin1String("status")).toString(), QStringLiteral("invalid"));
}

void TestSignatureReceiver::forwardResignSignsTheForwardedCopyFresh()
{
    // The user's app: a second receiver, in this process, storing what reaches it.
    QTemporaryDir dir;
    EventRecorder appStore;
    QString error;
    QVERIFY2(appStore.open(dir.filePath(QStringLiteral("app.sqlite")), &error), qPrintable(error));
    Receiver app(&appStore);
    ReceiverConfig config;
    config.port = 0;
    app.setConfig(config);
    QVERIFY2(app.start(), qPrintable(app.errorString()));

    const QJsonObject v = vectorOf(QStringLiteral("stripe"));
    QFile secret(dir.filePath(QStringLiteral("stripe.secret")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(v.value(QLatin1String("secret")).toString().toUtf8());
    secret.close();
    QProcess child;
    child.setProgram(QStringLiteral(HOOKSCOPE_BINARY));
    child.setArguments({QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"),
                        dir.filePath(QStringLiteral("events.sqlite")), QStringLiteral("--signature"),
                        QStringLiteral("*=stripe:") + secret.fileName(), QStringLiteral("--forward"),
                        QStringLiteral("http://127.0.0.1:%1/app").arg(app.port()), QStringLiteral("--forward-resign"),
                        QStringLiteral("--ngrok-api"), QStringLiteral("http://127.0.0.1:9")});
    child.start();
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += child.readAllStandardOutput()).contains("Forwarding to "), 20000);
    static const QRegularExpression listening(QStringLiteral("Listening on http://127\\.0\\.0\\.1:(\\d+)/"));
    const quint16 port = quint16(listening.match(QString::fromUtf8(out)).captured(1).toUInt());
    RawHttpClient sender(port);
    sender.send(requestBytes(v, v.value(QLatin1String("body")).toString().toUtf8()));
    QTRY_COMPARE_WITH_TIMEOUT(sender.responses().size(), 1, 10000);
    // Signed in 2025: stale when it arrives here...
    QTRY_VERIFY_WITH_TIMEOUT((out += child.readAllStandardOutput()).contains("signature #1 invalid: timestamp "), 20000);

    // ...but the copy forwarded to the app carries a fresh signature the app's own check accepts.
    const auto forwarded = [&]() -> std::optional<Event> {
        EventStore reader;
        QString e;
        if (!reader.open(appStore.path(), &e) || reader.maxId() == 0)
            return std::nullopt;
        return reader.load(reader.maxId());
    };
    QTRY_VERIFY_WITH_TIMEOUT(forwarded().has_value(), 20000);
    const Event copy = *forwarded();
    QVERIFY(headerValue(copy.headers, "Stripe-Signature") != v.value(QLatin1String("headers")).toObject().value(QLatin1String("Stripe-Signature")).toString().toUtf8());
    SignatureRule rule;
    rule.kind = QStringLiteral("*");
    rule.secret = v.value(QLatin1String("secret")).toString().toUtf8();
    SignaturePresets::apply(*SignaturePresets::find(QStringLiteral("stripe")), &rule);
    const SignedRequest received{copy.headers, copy.body, copy.method, copy.target, {}, copy.receivedAtMs};
    const SignatureCheck check = SignatureVerifier({rule}).verify(QStringLiteral("k"), received);
    QVERIFY2(check.status == SignatureStatus::Valid, qPrintable(check.reason));
    child.terminate();
    QVERIFY(child.waitForFinished(20000));
}

void TestSignatureReceiver::refusedAtConfigurationTime_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("a preset without its secret") << "stripe=stripe" << QByteArray() << "needs its secret";
    QTest::newRow("an unknown preset") << "stripe=strype:FILE" << QByteArray("k") << "presets: standard-webhooks";
    QTest::newRow("a whsec_ secret that is not base64")
        << "sw=standard-webhooks:FILE" << QByteArray("whsec_!!!!") << "the secret after whsec_ is not base64";
    QTest::newRow("a PEM that does not parse")
        << "ghl=highlevel:FILE" << QByteArray("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
        << "PEM block 1 is not a public key";
    QTest::newRow("an RSA key for an Ed25519 rule")
        << "k=ed25519:X-Sig:base64:FILE" << QFile(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/trust/test-rsa-public.pem")).fileName().toUtf8()
        << "is not an Ed25519 public key";
}

void TestSignatureReceiver::refusedAtConfigurationTime()
{
    QFETCH(QString, spec);
    QFETCH(QByteArray, secret);
    QFETCH(QString, errorContains);
    QTemporaryDir dir;
    QString file = dir.filePath(QStringLiteral("secret"));
    if (secret.endsWith(".pem")) {
        file = QString::fromUtf8(secret);
    } else {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(secret);
    }
    QProcess child;
    child.start(QStringLiteral(HOOKSCOPE_BINARY),
                {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"),
                 dir.filePath(QStringLiteral("db.sqlite")), QStringLiteral("--signature"),
                 QString(spec).replace(QLatin1String("FILE"), file)});
    QVERIFY(child.waitForFinished(20000));
    QVERIFY(child.exitCode() != 0);
    const QByteArray err = child.readAllStandardError();
    QVERIFY2(err.contains("--signature: ") && err.contains(errorContains.toUtf8()), err.constData());
}

QTEST_GUILESS_MAIN(TestSignatureReceiver)
#include "tst_signaturereceiver.moc"
