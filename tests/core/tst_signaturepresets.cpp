// Every signature preset against deliveries signed by the vendors' own libraries
// (tests/data/signatures/vectors.json, written once by generate.mjs): a good signature is
// valid, a tampered body or a wrong secret is not, a stale timestamp is refused with its age,
// rotated keys verify and name the one that matched, a repeated delivery id is flagged.
#include "event/EventInfo.h"
#include "event/Event.h"
#include "relay/OutgoingRequest.h"
#include "trust/SignaturePresets.h"
#include "trust/SignatureVerifier.h"
#include "trust/TrustInspector.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace hookscope;

namespace {

QJsonObject document()
{
    QFile file(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/signatures/vectors.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject vectorOf(const QString &preset)
{
    for (const QJsonValue &v : document().value(QLatin1String("vectors")).toArray()) {
        if (v.toObject().value(QLatin1String("preset")).toString() == preset)
            return v.toObject();
    }
    return {};
}

HeaderList headersOf(const QJsonValue &value)
{
    HeaderList headers{{"Content-Type", "application/json"}};
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        headers.append({it.key().toLatin1(), it.value().toString().toUtf8()});
    return headers;
}

SignatureRule presetRule(const QString &preset, const QByteArray &secret)
{
    SignatureRule rule;
    rule.kind = QStringLiteral("*");
    rule.secret = secret;
    SignaturePresets::apply(*SignaturePresets::find(preset), &rule);
    return rule;
}

QByteArray text(const QJsonObject &v, const char *name)
{
    return v.value(QLatin1String(name)).toString().toUtf8();
}

// The request as the vendor sent it, `delaySeconds` after it was signed.
SignedRequest requestOf(const QJsonObject &v, const HeaderList &headers, qint64 delaySeconds)
{
    SignedRequest r;
    r.headers = headers;
    r.body = text(v, "body");
    r.target = v.contains(QLatin1String("target")) ? text(v, "target") : QByteArray("/hooks");
    r.url = text(v, "url");
    r.receivedAtMs = (v.value(QLatin1String("timestamp")).toInteger() + delaySeconds) * 1000;
    return r;
}

} // namespace

class TestSignaturePresets final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void presetVerdicts_data();
    void presetVerdicts();
    void replayedIdIsFlagged_data();
    void replayedIdIsFlagged();
    void rfc8032Vectors_data();
    void rfc8032Vectors();
    void highLevelPublishedKeysLoad();
    void highLevelRsaFallback();
    void resignedEditVerifies_data();
    void resignedEditVerifies();
    void timestampInTheFuture();
};

void TestSignaturePresets::initTestCase()
{
    QVERIFY2(document().value(QLatin1String("vectors")).toArray().size() == SignaturePresets::all().size(),
             "vectors.json has a vector for every preset");
}

void TestSignaturePresets::presetVerdicts_data()
{
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("variant");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reasonContains");
    const int valid = int(SignatureStatus::Valid);
    const int invalid = int(SignatureStatus::Invalid);
    for (const SignaturePresets::Preset &preset : SignaturePresets::all()) {
        const QByteArray p = preset.name.toUtf8();
        const SignatureRule rule = presetRule(preset.name, text(vectorOf(preset.name), "secret"));
        const QString wrong = rule.isPublicKey() ? QStringLiteral("does not verify with the public key")
                                                 : QStringLiteral("does not match");
        QTest::newRow(p + ": good signature is valid") << preset.name << "good" << valid << "";
        QTest::newRow(p + ": tampered body is invalid") << preset.name << "tampered" << invalid << wrong;
        QTest::newRow(p + ": wrong secret is invalid") << preset.name << "wrong secret" << invalid << wrong;
        if (rule.hasTimestamp())
            QTest::newRow(p + ": stale timestamp is invalid with its age")
                << preset.name << "stale" << invalid << "timestamp 62 min old (tolerance 300 s)";
        else
            QTest::newRow(p + ": no timestamp, so an hour later is still valid") << preset.name << "stale" << valid << "";
        QTest::newRow(p + ": rotated keys verify, naming the match")
            << preset.name << "rotated" << valid
            << (vectorOf(preset.name).value(QLatin1String("rotatedHeaders")).isObject() ? "(signature 2 of 2)"
                : preset.builtInKeys ? "(key 3 of 3)" // the published key, then the old and the new one
                                     : "(key 2 of 2)");
    }
}

void TestSignaturePresets::presetVerdicts()
{
    QFETCH(QString, preset);
    QFETCH(QString, variant);
    QFETCH(int, status);
    QFETCH(QString, reasonContains);
    const QJsonObject v = vectorOf(preset);
    QVERIFY2(!v.isEmpty(), qPrintable(preset));
    QByteArray secret = text(v, "secret");
    HeaderList headers = headersOf(v.value(QLatin1String("headers")));
    qint64 delay = 5;
    SignedRequest request = requestOf(v, headers, delay);
    if (variant == QLatin1String("tampered")) {
        request.body.replace("booking.created", "booking.deleted");
    } else if (variant == QLatin1String("wrong secret")) {
        secret = text(v, "wrongSecret");
    } else if (variant == QLatin1String("stale")) {
        request.receivedAtMs += (62 * 60 - delay) * 1000;
    } else if (variant == QLatin1String("rotated")) {
        if (v.value(QLatin1String("rotatedHeaders")).isObject()) {
            request.headers = headersOf(v.value(QLatin1String("rotatedHeaders"))); // old and new signature
        } else {
            secret = text(v, "oldSecret") + '\n' + secret; // the receiver holds the old and the new key
        }
    }
    const SignatureRule rule = presetRule(preset, secret);
    QVERIFY2(rule.problem().isEmpty(), qPrintable(rule.problem()));
    const SignatureCheck check = SignatureVerifier({rule}).verify(QStringLiteral("any"), request);
    QVERIFY2(check.reason.contains(reasonContains), qPrintable(check.reason));
    QCOMPARE(int(check.status), status);
    if (variant == QLatin1String("rotated"))
        QVERIFY2(!check.matched.isEmpty() && check.reason.contains(check.matched), qPrintable(check.reason));
}

void TestSignaturePresets::replayedIdIsFlagged_data()
{
    QTest::addColumn<QString>("preset");
    for (const SignaturePresets::Preset &preset : SignaturePresets::all())
        QTest::newRow(qPrintable(preset.name + QStringLiteral(": the same delivery twice"))) << preset.name;
}

void TestSignaturePresets::replayedIdIsFlagged()
{
    QFETCH(QString, preset);
    const QJsonObject v = vectorOf(preset);
    const SignatureRule rule = presetRule(preset, text(v, "secret"));
    const auto inspect = withTrust([](const Event &) { return EventInfo(); },
                                   std::make_shared<const SignatureVerifier>(SignatureRules{rule}));
    const auto eventWithId = [&](qint64 id) {
        const SignedRequest r = requestOf(v, headersOf(v.value(QLatin1String("headers"))), 5 + id);
        Event e;
        e.id = id;
        e.method = "POST";
        e.target = r.target;
        e.headers = r.headers;
        e.body = r.body;
        e.receivedAtMs = r.receivedAtMs;
        if (!r.url.isEmpty()) { // Square's {url}: the tunnel's forwarding headers
            const QUrl url(QString::fromUtf8(r.url));
            e.forwardedProto = url.scheme().toUtf8();
            e.forwardedHost = url.host().toUtf8();
        }
        return e;
    };
    const EventInfo first = inspect(eventWithId(1));
    QVERIFY2(first.signature == SignatureStatus::Valid, qPrintable(first.signatureReason));
    QCOMPARE(int(inspect(eventWithId(1)).signature), int(SignatureStatus::Valid)); // inspected again: no replay
    const EventInfo second = inspect(eventWithId(2));
    QCOMPARE(int(second.signature), int(SignatureStatus::Replayed));
    QVERIFY2(second.signatureReason.startsWith(QLatin1String("replayed id ")), qPrintable(second.signatureReason));
    QVERIFY2(second.signatureReason.contains(QLatin1String("(first in event #1)")), qPrintable(second.signatureReason));
}

void TestSignaturePresets::rfc8032Vectors_data()
{
    QTest::addColumn<QByteArray>("publicKey");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("signature");
    int n = 1;
    for (const QJsonValue &value : document().value(QLatin1String("rfc8032")).toArray()) {
        const QJsonObject o = value.toObject();
        QTest::newRow(qPrintable(QStringLiteral("RFC 8032 test %1").arg(n++)))
            << text(o, "publicKeyPem") << QByteArray::fromHex(text(o, "message")) << text(o, "signature");
    }
}

void TestSignaturePresets::rfc8032Vectors()
{
    QFETCH(QByteArray, publicKey);
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, signature);
    SignatureRule rule;
    rule.kind = QStringLiteral("*");
    rule.algorithm = SignatureScheme::Algorithm::Ed25519;
    rule.header = "X-Signature";
    rule.encoding = SignatureScheme::Encoding::Hex;
    rule.secret = publicKey;
    QVERIFY2(rule.problem().isEmpty(), qPrintable(rule.problem()));
    const SignatureVerifier verifier({rule});
    const SignatureCheck good = verifier.verify(QStringLiteral("k"), {{"X-Signature", signature}}, message);
    QVERIFY2(good.status == SignatureStatus::Valid, qPrintable(good.reason));
    QVERIFY2(good.reason.contains(QLatin1String("ED25519 of the body in X-Signature verifies")), qPrintable(good.reason));
    const SignatureCheck altered = verifier.verify(QStringLiteral("k"), {{"X-Signature", signature}}, message + 'x');
    QCOMPARE(int(altered.status), int(SignatureStatus::Invalid));
    QByteArray flipped = QByteArray::fromHex(signature);
    flipped[5] = char(flipped.at(5) ^ 1);
    QCOMPARE(int(verifier.verify(QStringLiteral("k"), {{"X-Signature", flipped.toHex()}}, message).status),
             int(SignatureStatus::Invalid));
}

void TestSignaturePresets::highLevelPublishedKeysLoad()
{
    // Without any configured key the preset verifies with HighLevel's published keys.
    const SignatureRule rule = presetRule(QStringLiteral("highlevel"), {});
    QVERIFY2(rule.problem().isEmpty(), qPrintable(rule.problem()));
    QCOMPARE(KeyMaterial(rule, {}).count(), 1);
    QCOMPARE(KeyMaterial(rule.fallbacks.front(), {}).count(), 1);
    // Our own key pair's signature does not verify with HighLevel's key alone...
    const QJsonObject v = vectorOf(QStringLiteral("highlevel"));
    const SignedRequest request = requestOf(v, headersOf(v.value(QLatin1String("headers"))), 1);
    const SignatureCheck alone = SignatureVerifier({rule}).verify(QStringLiteral("k"), request);
    QCOMPARE(int(alone.status), int(SignatureStatus::Invalid));
    // ...and does once our public key is loaded beside the published one: the second key matched.
    const SignatureCheck both = SignatureVerifier({presetRule(QStringLiteral("highlevel"), text(v, "secret"))})
                                    .verify(QStringLiteral("k"), request);
    QVERIFY2(both.status == SignatureStatus::Valid, qPrintable(both.reason));
    QCOMPARE(both.matched, QStringLiteral("key 2 of 2"));
    // A configured key that is not a key is refused with the reason, published key or not.
    QVERIFY2(presetRule(QStringLiteral("highlevel"), "not a key").problem().contains(QLatin1String("not a PEM public key")),
             qPrintable(presetRule(QStringLiteral("highlevel"), "not a key").problem()));
}

void TestSignaturePresets::highLevelRsaFallback()
{
    const QJsonObject v = vectorOf(QStringLiteral("highlevel"));
    // One key file with both of our public keys: each scheme takes the keys of its type.
    const SignatureRule rule = presetRule(QStringLiteral("highlevel"), text(v, "secret") + text(v, "rsaPublicKey"));
    QVERIFY2(rule.problem().isEmpty(), qPrintable(rule.problem()));
    const SignedRequest request = requestOf(v, headersOf(v.value(QLatin1String("rsaHeaders"))), 1);
    const SignatureCheck check = SignatureVerifier({rule}).verify(QStringLiteral("k"), request);
    QVERIFY2(check.status == SignatureStatus::Valid, qPrintable(check.reason));
    QVERIFY2(check.reason.contains(QLatin1String("RSA-SHA256 of the body in x-wh-signature verifies")), qPrintable(check.reason));
    SignedRequest neither = request;
    neither.headers = {{"Content-Type", "application/json"}};
    const SignatureCheck missing = SignatureVerifier({rule}).verify(QStringLiteral("k"), neither);
    QVERIFY2(missing.reason.contains(QLatin1String("x-ghl-signature is missing (and so is x-wh-signature)")),
             qPrintable(missing.reason));
}

void TestSignaturePresets::resignedEditVerifies_data()
{
    QTest::addColumn<QString>("preset");
    for (const SignaturePresets::Preset &preset : SignaturePresets::all())
        QTest::newRow(qPrintable(preset.name + QStringLiteral(": an edited body signed again"))) << preset.name;
}

void TestSignaturePresets::resignedEditVerifies()
{
    QFETCH(QString, preset);
    const QJsonObject v = vectorOf(preset);
    // The receiver holds the old and the new secret; signing again uses the newest (last) one.
    const SignatureRule rule = presetRule(preset, text(v, "oldSecret") + '\n' + text(v, "secret"));
    OutgoingRequest request;
    request.headers = headersOf(v.value(QLatin1String("headers")));
    request.body = QByteArray(text(v, "body")).replace("booking.created", "booking.edited");
    request.target = v.contains(QLatin1String("target")) ? text(v, "target") : QByteArray("/hooks");
    const QUrl app(QStringLiteral("http://127.0.0.1:3000/app"));
    const qint64 now = 1'800'000'000;
    QString error;
    const bool signedAgain = request.resign(rule, app, now, &error);
    if (rule.isPublicKey()) { // only the vendor holds the private key
        QVERIFY(!signedAgain);
        QVERIFY2(error.contains(QLatin1String("private key")), qPrintable(error));
        return;
    }
    QVERIFY2(signedAgain, qPrintable(error));
    SignedRequest received;
    received.headers = request.headers;
    received.body = request.body;
    received.target = OutgoingRequest::joinTarget(app, request.target);
    received.url = "http://127.0.0.1:3000" + received.target; // the URL the app was called at
    received.receivedAtMs = (now + 2) * 1000;
    const SignatureCheck check = SignatureVerifier({presetRule(preset, text(v, "secret"))}).verify(QStringLiteral("k"), received);
    QVERIFY2(check.status == SignatureStatus::Valid, qPrintable(check.reason));
    // The original signature no longer fits the edited body: only the new one is in the header.
    QVERIFY(headerValue(request.headers, rule.header) != headerValue(headersOf(v.value(QLatin1String("headers"))), rule.header));
}

void TestSignaturePresets::timestampInTheFuture()
{
    const QJsonObject v = vectorOf(QStringLiteral("standard-webhooks"));
    SignedRequest request = requestOf(v, headersOf(v.value(QLatin1String("headers"))), -(10 * 60));
    const SignatureCheck check = SignatureVerifier({presetRule(QStringLiteral("standard-webhooks"), text(v, "secret"))})
                                     .verify(QStringLiteral("k"), request);
    QCOMPARE(int(check.status), int(SignatureStatus::Invalid));
    QVERIFY2(check.reason.startsWith(QLatin1String("timestamp 10 min in the future")), qPrintable(check.reason));
    // Within the tolerance, or with the check off, the same delivery is valid.
    request.receivedAtMs += 6 * 60 * 1000;
    QVERIFY(SignatureVerifier({presetRule(QStringLiteral("standard-webhooks"), text(v, "secret"))}).verify(QStringLiteral("k"), request).status
            == SignatureStatus::Valid);
    request.receivedAtMs -= 6 * 60 * 1000;
    QVERIFY(SignatureVerifier({presetRule(QStringLiteral("standard-webhooks"), text(v, "secret"))}, 0).verify(QStringLiteral("k"), request).status
            == SignatureStatus::Valid);
}

QTEST_APPLESS_MAIN(TestSignaturePresets)
#include "tst_signaturepresets.moc"
