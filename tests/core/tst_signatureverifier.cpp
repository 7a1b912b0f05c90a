#include "trust/SignatureVerifier.h"

#include <QFile>
#include <QTemporaryDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace hookscope;

Q_DECLARE_METATYPE(hookscope::HeaderList)
Q_DECLARE_METATYPE(hookscope::SignatureRule)

namespace {

const QByteArray kBody = R"({"type":"AppointmentCreate","id":"abc"})";
const QByteArray kSecret = "whsec_test";
// printf '%s' "$body" | openssl dgst -sha256|-sha1|-sha512 -hmac whsec_test -hex
const QByteArray kSha256Hex = "3f9a44957cf9fba7b3f01321eb7f40559a97a5295f0d768d8ff9782a3959669f";
const QByteArray kSha1Hex = "a7d36ceaf06f84e888cad300d52ff71c5622c750";
const QByteArray kSha512Hex = "59ceedd731c2b28afa5a88299b167a0ada44111dcbbf7b1e7d6d14367a5c1cd7581ad22b93ca220a506ca200"
                              "d3e6b72a9693b5504dbc04680c81a3fe13f1b571";
// printf '1700000000.%s' "$body" | openssl dgst -sha256 -hmac whsec_test -binary | base64
const QByteArray kTimestampedBase64 = "FDiObL+CTMFJ5JO4Biyo45ZRgUvm6UYMKIgTHTM3Rhg=";

QByteArray testData(const QString &name)
{
    QFile file(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/trust/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(name));
    return file.readAll();
}

SignatureRule hmacRule(SignatureRule::Algorithm algorithm, SignatureRule::Encoding encoding = SignatureRule::Encoding::Hex)
{
    SignatureRule rule;
    rule.kind = QStringLiteral("ghl");
    rule.algorithm = algorithm;
    rule.header = "X-Signature";
    rule.encoding = encoding;
    rule.secret = kSecret;
    return rule;
}

SignatureRule rsaRule(const QString &keyFile)
{
    SignatureRule rule;
    rule.kind = QStringLiteral("ghl");
    rule.algorithm = SignatureRule::Algorithm::RsaSha256;
    rule.header = "x-wh-signature";
    rule.encoding = SignatureRule::Encoding::Base64;
    rule.secret = testData(keyFile);
    return rule;
}

} // namespace

class TestSignatureVerifier final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownVectors_data();
    void knownVectors();
    void rfc4231Vector();
    void ruleForKindFallsBackToStar();
    void noRuleMeansNotChecked();
    void specParsing_data();
    void specParsing();
    void jsonRulesFile();
    void refusesWhatCannotWork_data();
    void refusesWhatCannotWork();
};

void TestSignatureVerifier::knownVectors_data()
{
    using A = SignatureRule::Algorithm;
    using E = SignatureRule::Encoding;
    QTest::addColumn<SignatureRule>("rule");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reasonContains");

    const int valid = int(SignatureStatus::Valid);
    const int invalid = int(SignatureStatus::Invalid);
    QTest::newRow("hmac-sha256 hex") << hmacRule(A::HmacSha256) << HeaderList{{"X-Signature", kSha256Hex}} << kBody
                                     << valid << "HMAC-SHA256 of the body matches X-Signature";
    QTest::newRow("hmac-sha256 hex, upper case digits")
        << hmacRule(A::HmacSha256) << HeaderList{{"x-signature", kSha256Hex.toUpper()}} << kBody << valid << "matches";
    QTest::newRow("hmac-sha1 hex") << hmacRule(A::HmacSha1) << HeaderList{{"X-Signature", kSha1Hex}} << kBody << valid
                                   << "HMAC-SHA1";
    QTest::newRow("hmac-sha512 hex") << hmacRule(A::HmacSha512) << HeaderList{{"X-Signature", kSha512Hex}} << kBody
                                     << valid << "HMAC-SHA512";
    QTest::newRow("hmac-sha256 base64")
        << hmacRule(A::HmacSha256, E::Base64) << HeaderList{{"X-Signature", QByteArray::fromHex(kSha256Hex).toBase64()}}
        << kBody << valid << "matches";
    SignatureRule prefixed = hmacRule(A::HmacSha256);
    prefixed.prefix = "sha256=";
    QTest::newRow("prefix stripped") << prefixed << HeaderList{{"X-Signature", "sha256=" + kSha256Hex}} << kBody << valid
                                     << "matches";
    SignatureRule timestamped = hmacRule(A::HmacSha256, E::Base64);
    timestamped.timestampHeader = "X-Timestamp";
    timestamped.payloadTemplate = "{timestamp}.{body}";
    QTest::newRow("timestamp + body") << timestamped
                                      << HeaderList{{"X-Timestamp", "1700000000"}, {"X-Signature", kTimestampedBase64}}
                                      << kBody << valid << "X-Timestamp and the body matches";
    QTest::newRow("timestamp changed") << timestamped
                                       << HeaderList{{"X-Timestamp", "1700000001"}, {"X-Signature", kTimestampedBase64}}
                                       << kBody << invalid << "does not match";
    QTest::newRow("timestamp header missing") << timestamped << HeaderList{{"X-Signature", kTimestampedBase64}} << kBody
                                              << invalid << "timestamp header X-Timestamp is missing";
    QTest::newRow("body altered") << hmacRule(A::HmacSha256) << HeaderList{{"X-Signature", kSha256Hex}}
                                  << QByteArray(kBody).replace("abc", "abd") << invalid
                                  << "does not match X-Signature (wrong secret, or the body was altered)";
    SignatureRule wrongSecret = hmacRule(A::HmacSha256);
    wrongSecret.secret = "whsec_other";
    QTest::newRow("wrong secret") << wrongSecret << HeaderList{{"X-Signature", kSha256Hex}} << kBody << invalid
                                  << "does not match";
    QTest::newRow("sha1 signature under a sha256 rule") << hmacRule(A::HmacSha256) << HeaderList{{"X-Signature", kSha1Hex}}
                                                        << kBody << invalid << "does not match";
    QTest::newRow("header missing") << hmacRule(A::HmacSha256) << HeaderList{{"X-Other", kSha256Hex}} << kBody << invalid
                                    << "header X-Signature is missing";
    QTest::newRow("not hex") << hmacRule(A::HmacSha256) << HeaderList{{"X-Signature", "zz" + kSha256Hex.mid(2)}} << kBody
                             << invalid << "is not hex";
    QTest::newRow("odd hex") << hmacRule(A::HmacSha256) << HeaderList{{"X-Signature", kSha256Hex.mid(1)}} << kBody
                             << invalid << "is not hex";
    QTest::newRow("not base64") << hmacRule(A::HmacSha256, E::Base64) << HeaderList{{"X-Signature", "!!!"}} << kBody
                                << invalid << "is not base64";
    QTest::newRow("empty value") << hmacRule(A::HmacSha256) << HeaderList{{"X-Signature", ""}} << kBody << invalid
                                 << "is not hex";

    const QByteArray rsaSignature = testData(QStringLiteral("body.json.rsa-sha256.b64")).trimmed();
    const QByteArray signedBody = testData(QStringLiteral("body.json"));
    QTest::newRow("rsa-sha256 valid") << rsaRule(QStringLiteral("test-rsa-public.pem"))
                                      << HeaderList{{"x-wh-signature", rsaSignature}} << signedBody << valid
                                      << "RSA-SHA256 of the body in x-wh-signature verifies with the public key";
    QTest::newRow("rsa-sha256 body altered") << rsaRule(QStringLiteral("test-rsa-public.pem"))
                                             << HeaderList{{"x-wh-signature", rsaSignature}} << signedBody + ' '
                                             << invalid << "does not verify with the public key";
    QTest::newRow("rsa-sha256 wrong key") << rsaRule(QStringLiteral("other-rsa-public.pem"))
                                          << HeaderList{{"x-wh-signature", rsaSignature}} << signedBody << invalid
                                          << "does not verify";
    QTest::newRow("rsa-sha256 truncated signature")
        << rsaRule(QStringLiteral("test-rsa-public.pem"))
        << HeaderList{{"x-wh-signature", QByteArray::fromBase64(rsaSignature).left(100).toBase64()}} << signedBody
        << invalid << "does not verify";
    SignatureRule badKey = rsaRule(QStringLiteral("test-rsa-public.pem"));
    badKey.secret = "not a key";
    QTest::newRow("rsa-sha256 key is not PEM") << badKey << HeaderList{{"x-wh-signature", rsaSignature}} << signedBody
                                               << invalid << "is not a PEM public key";
}

void TestSignatureVerifier::knownVectors()
{
    QFETCH(SignatureRule, rule);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, reasonContains);
    const SignatureVerifier verifier({rule});
    const SignatureCheck check = verifier.verify(QStringLiteral("ghl"), headers, body);
    QVERIFY2(check.reason.contains(reasonContains), qPrintable(check.reason));
    QCOMPARE(int(check.status), status);
    QVERIFY(!check.reason.contains(QString::fromUtf8(kSecret)));
}

void TestSignatureVerifier::rfc4231Vector()
{
    // RFC 4231, test case 2.
    QCOMPARE(SignatureVerifier::hmac(SignatureRule::Algorithm::HmacSha256, "Jefe", "what do ya want for nothing?").toHex(),
             QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
}

void TestSignatureVerifier::ruleForKindFallsBackToStar()
{
    SignatureRule star = hmacRule(SignatureRule::Algorithm::HmacSha1);
    star.kind = QStringLiteral("*");
    const SignatureVerifier verifier({star, hmacRule(SignatureRule::Algorithm::HmacSha256)});
    QCOMPARE(verifier.ruleFor(QStringLiteral("ghl"))->algorithm, SignatureRule::Algorithm::HmacSha256);
    QCOMPARE(verifier.ruleFor(QStringLiteral("jicoo"))->algorithm, SignatureRule::Algorithm::HmacSha1);
    QCOMPARE(verifier.ruleFor(QString())->algorithm, SignatureRule::Algorithm::HmacSha1);
    QCOMPARE(int(verifier.verify(QStringLiteral("jicoo"), {{"X-Signature", kSha1Hex}}, kBody).status),
             int(SignatureStatus::Valid));
}

void TestSignatureVerifier::noRuleMeansNotChecked()
{
    const SignatureVerifier verifier({hmacRule(SignatureRule::Algorithm::HmacSha256)});
    const SignatureCheck other = verifier.verify(QStringLiteral("jicoo"), {{"X-Signature", kSha256Hex}}, kBody);
    QCOMPARE(int(other.status), int(SignatureStatus::NotChecked));
    QVERIFY2(other.reason.contains(QLatin1String("no signature rule for the kind jicoo")), qPrintable(other.reason));
    const SignatureCheck unknown = verifier.verify(QString(), {}, kBody);
    QCOMPARE(int(unknown.status), int(SignatureStatus::NotChecked));
    QVERIFY(unknown.reason.contains(QLatin1String("no known kind")));
}

void TestSignatureVerifier::specParsing_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("hmac") << "ghl=hmac-sha256:X-Signature:hex:SECRET" << true << "";
    QTest::newRow("rsa") << "ghl=rsa-sha256:x-wh-signature:base64:KEY" << true << "";
    QTest::newRow("no kind") << "=hmac-sha256:X:hex:SECRET" << false << "KIND=";
    QTest::newRow("too few parts") << "ghl=hmac-sha256:X:hex" << false << "KIND=";
    QTest::newRow("bad algorithm") << "ghl=md5:X:hex:SECRET" << false << "algorithm";
    QTest::newRow("bad encoding") << "ghl=hmac-sha1:X:base32:SECRET" << false << "encoding";
    QTest::newRow("empty header") << "ghl=hmac-sha1::hex:SECRET" << false << "header";
    QTest::newRow("missing file") << "ghl=hmac-sha1:X:hex:/nonexistent/secret" << false << "cannot read";
}

void TestSignatureVerifier::specParsing()
{
    QFETCH(QString, spec);
    QFETCH(bool, ok);
    QFETCH(QString, errorContains);
    QTemporaryDir dir;
    QFile secret(dir.filePath(QStringLiteral("secret")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(kSecret + '\n');
    secret.close();
    QFile key(dir.filePath(QStringLiteral("key.pem")));
    QVERIFY(key.open(QIODevice::WriteOnly));
    key.write(testData(QStringLiteral("test-rsa-public.pem")));
    key.close();
    spec.replace(QLatin1String("SECRET"), secret.fileName()).replace(QLatin1String("KEY"), key.fileName());
    SignatureRule rule;
    QString error;
    QCOMPARE(SignatureRule::parseSpec(spec, &rule, &error), ok);
    if (!ok) {
        QVERIFY2(error.contains(errorContains), qPrintable(error));
        return;
    }
    QCOMPARE(rule.kind, QStringLiteral("ghl"));
    if (rule.algorithm == SignatureRule::Algorithm::RsaSha256) {
        QVERIFY(rule.secret.startsWith("-----BEGIN PUBLIC KEY-----"));
    } else {
        QCOMPARE(rule.secret, kSecret); // the trailing newline is not part of the secret
        QCOMPARE(int(SignatureVerifier({rule}).verify(QStringLiteral("ghl"), {{"X-Signature", kSha256Hex}}, kBody).status),
                 int(SignatureStatus::Valid));
    }
}

void TestSignatureVerifier::jsonRulesFile()
{
    QTemporaryDir dir;
    QFile secret(dir.filePath(QStringLiteral("ghl.secret")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(kSecret);
    secret.close();
    QFile rules(dir.filePath(QStringLiteral("rules.json")));
    QVERIFY(rules.open(QIODevice::WriteOnly));
    rules.write(R"([{"kind":"ghl","algorithm":"hmac-sha256","header":"X-Signature","encoding":"base64",
                     "timestampHeader":"X-Timestamp","secretFile":"ghl.secret"}])");
    rules.close();
    SignatureRules parsed;
    QString error;
    QVERIFY2(SignatureRule::parseJsonFile(rules.fileName(), &parsed, &error), qPrintable(error));
    QCOMPARE(parsed.size(), 1);
    QCOMPARE(parsed.first().payloadTemplate, QByteArray("{timestamp}.{body}"));
    const SignatureCheck check = SignatureVerifier(parsed).verify(
        QStringLiteral("ghl"), {{"X-Timestamp", "1700000000"}, {"X-Signature", kTimestampedBase64}}, kBody);
    QCOMPARE(int(check.status), int(SignatureStatus::Valid));

    QVERIFY(rules.open(QIODevice::WriteOnly | QIODevice::Truncate));
    rules.write(R"([{"kind":"ghl","algorithm":"hmac-md5","header":"X"}])");
    rules.close();
    QVERIFY(!SignatureRule::parseJsonFile(rules.fileName(), &parsed, &error));
    QVERIFY2(error.contains(QLatin1String("rule 1")) && error.contains(QLatin1String("algorithm")), qPrintable(error));
    QVERIFY(rules.open(QIODevice::WriteOnly | QIODevice::Truncate));
    rules.write("[{");
    rules.close();
    QVERIFY(!SignatureRule::parseJsonFile(rules.fileName(), &parsed, &error));
    QVERIFY2(error.contains(QLatin1String("offset")), qPrintable(error));
}

void TestSignatureVerifier::refusesWhatCannotWork_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("timestampHeader");
    QTest::addColumn<QByteArray>("idHeader");
    QTest::addColumn<QString>("problem");
    QTest::newRow("unknown placeholder") << QByteArray("{timestmap}.{body}") << QByteArray("X-Ts") << QByteArray()
                                         << "unknown placeholder {timestmap}";
    QTest::newRow("{id} without an id header") << QByteArray("{id}.{body}") << QByteArray() << QByteArray()
                                               << "uses {id} but no id header is set";
    QTest::newRow("{timestamp} without a timestamp header")
        << QByteArray("{timestamp}.{body}") << QByteArray() << QByteArray() << "no timestamp header is set";
    QTest::newRow("every known placeholder") << QByteArray("{method} {target} {url} {id}.{timestamp}.{body}")
                                             << QByteArray("X-Ts") << QByteArray("X-Id") << "";
    QTest::newRow("JSON braces are not placeholders") << QByteArray("{\"a\":1}{body}") << QByteArray() << QByteArray() << "";
}

void TestSignatureVerifier::refusesWhatCannotWork()
{
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, timestampHeader);
    QFETCH(QByteArray, idHeader);
    QFETCH(QString, problem);
    SignatureRule rule = hmacRule(SignatureRule::Algorithm::HmacSha256);
    rule.payloadTemplate = payload;
    rule.timestampHeader = timestampHeader;
    rule.idHeader = idHeader;
    QVERIFY2(problem.isEmpty() ? rule.problem().isEmpty() : rule.problem().contains(problem), qPrintable(rule.problem()));
    // The command line refuses the same rule from a rules file.
    QTemporaryDir dir;
    QFile rules(dir.filePath(QStringLiteral("rules.json")));
    QVERIFY(rules.open(QIODevice::WriteOnly));
    QJsonObject o{{QStringLiteral("kind"), QStringLiteral("k")}, {QStringLiteral("algorithm"), QStringLiteral("hmac-sha256")},
                  {QStringLiteral("header"), QStringLiteral("X-Signature")}, {QStringLiteral("secret"), QStringLiteral("s")},
                  {QStringLiteral("payload"), QString::fromUtf8(payload)},
                  {QStringLiteral("timestampHeader"), QString::fromUtf8(timestampHeader)},
                  {QStringLiteral("idHeader"), QString::fromUtf8(idHeader)}};
    rules.write(QJsonDocument(QJsonArray{o}).toJson());
    rules.close();
    SignatureRules parsed;
    QString error;
    QCOMPARE(SignatureRule::parseJsonFile(rules.fileName(), &parsed, &error), problem.isEmpty());
    QVERIFY2(error.contains(problem), qPrintable(error));
}

QTEST_APPLESS_MAIN(TestSignatureVerifier)
#include "tst_signatureverifier.moc"
