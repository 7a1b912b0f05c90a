#include "trust/ConstantTime.h"
#include "trust/EndpointGuard.h"

#include <QTest>

using namespace hookscope;

Q_DECLARE_METATYPE(hookscope::HeaderList)

namespace {

GuardConfig secretConfig(const QString &mode, const QByteArray &secret)
{
    GuardConfig config;
    config.secret = secret;
    QString error;
    if (!GuardConfig::parseSecretMode(mode, &config, &error))
        qFatal("bad mode in test: %s", qPrintable(error));
    return config;
}

HeaderList auth(const QByteArray &value)
{
    return {{"Host", "localhost"}, {"Authorization", value}};
}

} // namespace

class TestEndpointGuard final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void secretModes_data();
    void secretModes();
    void allowList_data();
    void allowList();
    void secretIsCheckedBeforeThePath();
    void noConfigurationAcceptsEverything();
    void challengeNamesTheScheme();
    void secretModeParsing_data();
    void secretModeParsing();
    void pathEntryValidation_data();
    void pathEntryValidation();
    void constantTimeEquals_data();
    void constantTimeEquals();
};

void TestEndpointGuard::secretModes_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reasonContains");

    const QByteArray basicGood = "Basic " + QByteArray("anyone:s3cr3t").toBase64();
    QTest::newRow("bearer: right token") << "bearer" << QByteArray("/h") << auth("Bearer s3cr3t") << 0 << "";
    QTest::newRow("bearer: scheme is case-insensitive") << "bearer" << QByteArray("/h") << auth("bearer s3cr3t") << 0 << "";
    QTest::newRow("bearer: wrong token") << "bearer" << QByteArray("/h") << auth("Bearer s3cr3") << 401 << "wrong bearer token";
    QTest::newRow("bearer: token with extra byte") << "bearer" << QByteArray("/h") << auth("Bearer s3cr3tX") << 401 << "wrong";
    QTest::newRow("bearer: missing header") << "bearer" << QByteArray("/h") << HeaderList{{"Host", "x"}} << 401 << "missing";
    QTest::newRow("bearer: empty token") << "bearer" << QByteArray("/h") << auth("Bearer ") << 401 << "missing";
    QTest::newRow("bearer: basic sent instead") << "bearer" << QByteArray("/h") << auth(basicGood) << 401 << "missing";
    QTest::newRow("bearer: secret in query does not count") << "bearer" << QByteArray("/h?token=s3cr3t")
                                                            << HeaderList{} << 401 << "missing";
    QTest::newRow("basic: any user, right password") << "basic" << QByteArray("/h") << auth(basicGood) << 0 << "";
    QTest::newRow("basic: wrong password") << "basic" << QByteArray("/h")
                                           << auth("Basic " + QByteArray("anyone:nope").toBase64()) << 401
                                           << "wrong basic credentials";
    QTest::newRow("basic: not base64") << "basic" << QByteArray("/h") << auth("Basic %%%") << 401 << "not base64";
    QTest::newRow("basic: no colon") << "basic" << QByteArray("/h") << auth("Basic " + QByteArray("s3cr3t").toBase64())
                                     << 401 << "not base64";
    QTest::newRow("basic: missing") << "basic" << QByteArray("/h") << HeaderList{} << 401 << "missing";
    QTest::newRow("basic: bearer sent instead") << "basic" << QByteArray("/h") << auth("Bearer s3cr3t") << 401 << "missing";
    QTest::newRow("query: right value") << "query:key" << QByteArray("/h?a=1&key=s3cr3t") << HeaderList{} << 0 << "";
    QTest::newRow("query: percent-encoded value") << "query:key" << QByteArray("/h?key=s3%63r3t") << HeaderList{} << 0 << "";
    QTest::newRow("query: wrong value") << "query:key" << QByteArray("/h?key=s3cr3") << HeaderList{} << 401
                                        << "wrong value of query parameter \"key\"";
    QTest::newRow("query: other parameter") << "query:key" << QByteArray("/h?token=s3cr3t") << HeaderList{} << 401
                                            << "missing query parameter \"key\"";
    QTest::newRow("query: no query at all") << "query:key" << QByteArray("/h") << HeaderList{} << 401 << "missing";
    QTest::newRow("query: header does not count") << "query:key" << QByteArray("/h") << auth("Bearer s3cr3t") << 401
                                                  << "missing";
    QTest::newRow("query: default name token") << "query" << QByteArray("/h?token=s3cr3t") << HeaderList{} << 0 << "";
}

void TestEndpointGuard::secretModes()
{
    QFETCH(QString, mode);
    QFETCH(QByteArray, target);
    QFETCH(HeaderList, headers);
    QFETCH(int, status);
    QFETCH(QString, reasonContains);
    const EndpointGuard guard(secretConfig(mode, "s3cr3t"));
    const GuardDecision decision = guard.check(target, headers);
    QCOMPARE(decision.status, status);
    QVERIFY2(QString::fromUtf8(decision.reason).contains(reasonContains), decision.reason.constData());
    QVERIFY(!decision.reason.contains('\n'));
    QVERIFY(!decision.reason.contains("s3cr3t")); // the secret is never echoed
}

void TestEndpointGuard::allowList_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("exact entry") << QByteArray("/callback") << true;
    QTest::newRow("exact entry with a query") << QByteArray("/callback?x=1") << true;
    QTest::newRow("exact entry is not a prefix") << QByteArray("/callback/more") << false;
    QTest::newRow("exact entry needs the whole name") << QByteArray("/callbacks") << false;
    QTest::newRow("prefix: the base itself") << QByteArray("/hooks") << true;
    QTest::newRow("prefix: below it") << QByteArray("/hooks/ghl/appointment") << true;
    QTest::newRow("prefix: a sibling name is not below") << QByteArray("/hooksX") << false;
    QTest::newRow("prefix: escaping with ..") << QByteArray("/hooks/../admin") << false;
    QTest::newRow("prefix: escaping with encoded ..") << QByteArray("/hooks/%2e%2e/admin") << false;
    QTest::newRow("dot segments that stay inside") << QByteArray("/x/../hooks/./a") << true;
    QTest::newRow("root") << QByteArray("/") << false;
    QTest::newRow("absolute form") << QByteArray("http://example.test/hooks/a") << true;
    QTest::newRow("case matters") << QByteArray("/Hooks/a") << false;
}

void TestEndpointGuard::allowList()
{
    QFETCH(QByteArray, target);
    QFETCH(bool, accepted);
    GuardConfig config;
    config.allowedPaths = {"/callback", "/hooks/*"};
    const EndpointGuard guard(config);
    const GuardDecision decision = guard.check(target, {});
    QCOMPARE(decision.accepted(), accepted);
    if (!accepted) {
        QCOMPARE(decision.status, 404);
        QVERIFY2(decision.reason.contains("not in the allow-list"), decision.reason.constData());
    }
}

void TestEndpointGuard::secretIsCheckedBeforeThePath()
{
    GuardConfig config = secretConfig(QStringLiteral("bearer"), "s3cr3t");
    config.allowedPaths = {"/hooks/*"};
    const EndpointGuard guard(config);
    QCOMPARE(guard.check("/elsewhere", {}).status, 401); // no hint which paths exist
    QCOMPARE(guard.check("/elsewhere", auth("Bearer s3cr3t")).status, 404);
    QCOMPARE(guard.check("/hooks/a", auth("Bearer s3cr3t")).status, 0);
}

void TestEndpointGuard::noConfigurationAcceptsEverything()
{
    const EndpointGuard guard;
    QVERIFY(!guard.config().isActive());
    QVERIFY(guard.check("/anything?at=all", {}).accepted());
}

void TestEndpointGuard::challengeNamesTheScheme()
{
    const EndpointGuard bearer(secretConfig(QStringLiteral("bearer"), "k"));
    const HttpResponse r = bearer.responseFor(bearer.check("/", {}));
    QCOMPARE(r.status, 401);
    QCOMPARE(headerValue(r.headers, "www-authenticate"), QByteArray(R"(Bearer realm="hookscope")"));
    QVERIFY(r.body.startsWith("Unauthorized: missing"));
    const EndpointGuard basic(secretConfig(QStringLiteral("basic"), "k"));
    QCOMPARE(headerValue(basic.responseFor(basic.check("/", {})).headers, "www-authenticate"),
             QByteArray(R"(Basic realm="hookscope")"));
    const EndpointGuard query(secretConfig(QStringLiteral("query:t"), "k"));
    QVERIFY(!hasHeader(query.responseFor(query.check("/", {})).headers, "www-authenticate"));
}

void TestEndpointGuard::secretModeParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("normalized");
    QTest::newRow("bearer") << "bearer" << true << "bearer";
    QTest::newRow("BASIC") << "BASIC" << true << "basic";
    QTest::newRow("query defaults to token") << "query" << true << "query:token";
    QTest::newRow("query with name") << "query:sig" << true << "query:sig";
    QTest::newRow("query with empty name") << "query:" << false << "";
    QTest::newRow("query name with &") << "query:a&b" << false << "";
    QTest::newRow("unknown") << "header" << false << "";
}

void TestEndpointGuard::secretModeParsing()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, normalized);
    GuardConfig config;
    QString error;
    QCOMPARE(GuardConfig::parseSecretMode(text, &config, &error), ok);
    if (ok)
        QCOMPARE(config.secretModeText(), normalized);
    else
        QVERIFY(error.contains(text));
}

void TestEndpointGuard::pathEntryValidation_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<bool>("ok");
    QTest::newRow("exact") << "/hooks/ghl" << true;
    QTest::newRow("prefix") << "/hooks/*" << true;
    QTest::newRow("relative") << "hooks" << false;
    QTest::newRow("star inside") << "/ho*ks" << false;
    QTest::newRow("star without slash") << "/hooks*" << false;
    QTest::newRow("query") << "/hooks?x" << false;
}

void TestEndpointGuard::pathEntryValidation()
{
    QFETCH(QString, entry);
    QFETCH(bool, ok);
    QString error;
    QCOMPARE(GuardConfig::isValidPathEntry(entry, &error), ok);
    QCOMPARE(error.isEmpty(), ok);
}

void TestEndpointGuard::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("equal");
    QTest::newRow("same") << QByteArray("abc") << QByteArray("abc") << true;
    QTest::newRow("last byte differs") << QByteArray("abd") << QByteArray("abc") << false;
    QTest::newRow("shorter") << QByteArray("ab") << QByteArray("abc") << false;
    QTest::newRow("longer") << QByteArray("abcd") << QByteArray("abc") << false;
    QTest::newRow("empty vs empty") << QByteArray() << QByteArray("") << true;
    QTest::newRow("zero bytes vs empty") << QByteArray(3, '\0') << QByteArray() << false;
}

void TestEndpointGuard::constantTimeEquals()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, equal);
    QCOMPARE(hookscope::constantTimeEquals(a, b), equal);
}

QTEST_APPLESS_MAIN(TestEndpointGuard)
#include "tst_endpointguard.moc"
