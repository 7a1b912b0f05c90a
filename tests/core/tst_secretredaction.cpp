#include "trust/SecretRedaction.h"

#include <QtTest>

using namespace hookscope;

Q_DECLARE_METATYPE(hookscope::HeaderList)

// The endpoint's secret replaced where a sender put it, every other byte kept; and the
// export-time redaction of other senders' credentials.
class TestSecretRedaction final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void endpointSecretIsReplacedWhereItWasSent_data();
    void endpointSecretIsReplacedWhereItWasSent();
    void authorizationCredentialsAreRedactedForExport_data();
    void authorizationCredentialsAreRedactedForExport();
};

namespace {
const QByteArray kSecret = "s3cr3t-Tok3n_9f8e7d";

GuardConfig config(const QByteArray &secret = kSecret)
{
    GuardConfig guard;
    guard.secret = secret;
    return guard;
}
} // namespace

void TestSecretRedaction::endpointSecretIsReplacedWhereItWasSent_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("expectedTarget");
    QTest::addColumn<HeaderList>("expectedHeaders");
    QTest::addColumn<bool>("changed");

    const QByteArray m = "[endpoint secret]";
    const QByteArray q = "%5Bendpoint%20secret%5D";
    const HeaderList host{{"Host", "example.test"}};
    QTest::newRow("bearer token") << kSecret << QByteArray("/h") << HeaderList{{"Host", "x"}, {"Authorization", "Bearer " + kSecret}}
                                  << QByteArray("/h") << HeaderList{{"Host", "x"}, {"Authorization", "Bearer " + m}} << true;
    QTest::newRow("bearer with odd case and blanks kept") << kSecret << QByteArray("/h")
                                                          << HeaderList{{"authorization", "  bearer   " + kSecret + "  "}}
                                                          << QByteArray("/h") << HeaderList{{"authorization", "  bearer   " + m + "  "}} << true;
    QTest::newRow("basic, any user") << kSecret << QByteArray("/h")
                                     << HeaderList{{"Authorization", "Basic " + ("stripe:" + kSecret).toBase64()}}
                                     << QByteArray("/h") << HeaderList{{"Authorization", "Basic " + m}} << true;
    QTest::newRow("basic, secret is user:password") << QByteArray("ops:" + kSecret) << QByteArray("/h")
                                                    << HeaderList{{"Authorization", "Basic " + ("ops:" + kSecret).toBase64()}}
                                                    << QByteArray("/h") << HeaderList{{"Authorization", "Basic " + m}} << true;
    QTest::newRow("wrong basic password kept") << kSecret << QByteArray("/h")
                                               << HeaderList{{"Authorization", "Basic " + QByteArray("u:wrong").toBase64()}}
                                               << QByteArray("/h")
                                               << HeaderList{{"Authorization", "Basic " + QByteArray("u:wrong").toBase64()}} << false;
    QTest::newRow("wrong bearer token kept") << kSecret << QByteArray("/h") << HeaderList{{"Authorization", "Bearer other"}}
                                             << QByteArray("/h") << HeaderList{{"Authorization", "Bearer other"}} << false;
    QTest::newRow("secret in Proxy-Authorization") << kSecret << QByteArray("/h")
                                                   << HeaderList{{"Proxy-Authorization", "Bearer " + kSecret}} << QByteArray("/h")
                                                   << HeaderList{{"Proxy-Authorization", "Bearer " + m}} << true;
    QTest::newRow("query, only parameter") << kSecret << QByteArray("/hooks?token=" + kSecret) << host
                                           << QByteArray("/hooks?token=" + q) << host << true;
    QTest::newRow("query, between others, fragment kept")
        << kSecret << QByteArray("/hooks?a=1&token=" + kSecret + "&b=2#top") << host
        << QByteArray("/hooks?a=1&token=" + q + "&b=2#top") << host << true;
    QTest::newRow("query, after a '#' (the guard reads the query past it; found by fuzz_request_handling)")
        << kSecret << QByteArray("/hooks?#?x=1&token=" + kSecret) << host << QByteArray("/hooks?#?x=1&token=" + q) << host
        << true;
    QTest::newRow("query, percent-encoded") << kSecret << QByteArray("/h?token=%73%33cr3t-Tok3n_9f8e7d") << host
                                            << QByteArray("/h?token=" + q) << host << true;
    QTest::newRow("query, second of two parameters of the name")
        << kSecret << QByteArray("/h?token=wrong&token=" + kSecret) << host << QByteArray("/h?token=wrong&token=" + q)
        << host << true;
    QTest::newRow("query, under another name") << kSecret << QByteArray("/h?access_token=" + kSecret) << host
                                               << QByteArray("/h?access_token=" + q) << host << true;
    QTest::newRow("query, absolute-form target") << kSecret << QByteArray("http://example.test/h?token=" + kSecret) << host
                                                 << QByteArray("http://example.test/h?token=" + q) << host << true;
    QTest::newRow("wrong query value kept") << kSecret << QByteArray("/h?token=nope&x") << host
                                            << QByteArray("/h?token=nope&x") << host << false;
    QTest::newRow("secret in the path is no credential") << kSecret << QByteArray("/" + kSecret) << host
                                                         << QByteArray("/" + kSecret) << host << false;
    QTest::newRow("no secret configured") << QByteArray() << QByteArray("/h?token=x") << HeaderList{{"Authorization", "Bearer x"}}
                                          << QByteArray("/h?token=x") << HeaderList{{"Authorization", "Bearer x"}} << false;
}

void TestSecretRedaction::endpointSecretIsReplacedWhereItWasSent()
{
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, target);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, expectedTarget);
    QFETCH(HeaderList, expectedHeaders);
    QFETCH(bool, changed);
    QCOMPARE(SecretRedaction::redactEndpointSecret(config(secret), &target, &headers), changed);
    QCOMPARE(target, expectedTarget);
    QCOMPARE(serializeHeaders(headers), serializeHeaders(expectedHeaders));
}

void TestSecretRedaction::authorizationCredentialsAreRedactedForExport_data()
{
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<HeaderList>("expected");
    QTest::addColumn<int>("count");
    QTest::newRow("bearer") << HeaderList{{"Host", "x"}, {"Authorization", "Bearer abc.def"}}
                            << HeaderList{{"Host", "x"}, {"Authorization", "Bearer [redacted]"}} << 1;
    QTest::newRow("basic and proxy, blanks kept")
        << HeaderList{{"authorization", " Basic dTpw "}, {"Proxy-Authorization", "Digest a=1, b=2"}}
        << HeaderList{{"authorization", " Basic [redacted] "}, {"Proxy-Authorization", "Digest [redacted]"}} << 2;
    QTest::newRow("a bare token") << HeaderList{{"Authorization", "abc"}} << HeaderList{{"Authorization", "[redacted]"}} << 1;
    QTest::newRow("other headers untouched") << HeaderList{{"X-Api-Key", "k"}, {"Cookie", "a=b"}}
                                             << HeaderList{{"X-Api-Key", "k"}, {"Cookie", "a=b"}} << 0;
}

void TestSecretRedaction::authorizationCredentialsAreRedactedForExport()
{
    QFETCH(HeaderList, headers);
    QFETCH(HeaderList, expected);
    QFETCH(int, count);
    QCOMPARE(SecretRedaction::redactAuthorization(&headers), count);
    QCOMPARE(serializeHeaders(headers), serializeHeaders(expected));
}

QTEST_APPLESS_MAIN(TestSecretRedaction)
#include "tst_secretredaction.moc"
