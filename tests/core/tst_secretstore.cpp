// Secrets: the file fallback (no keychain service in CI) is private to the user, and the
// trust settings keep every secret out of QSettings.
#include "trust/SecretStore.h"
#include "trust/TrustSettings.h"

#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

class TestSecretStore final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void fileFallbackIsPrivateAndRoundTrips_data();
    void fileFallbackIsPrivateAndRoundTrips();
    void missingSecretIsNotAnError();
    void removeForgetsTheSecret();
    void trustSettingsKeepSecretsOutOfQSettings();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SecretStore> m_store;
};

void TestSecretStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<SecretStore>(m_dir->filePath(QStringLiteral("secrets")));
    m_store->setKeychainEnabled(false); // no keychain service in CI; the fallback is what is tested
}

void TestSecretStore::fileFallbackIsPrivateAndRoundTrips_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("secret");
    QTest::newRow("plain") << "endpoint-secret" << QByteArray("s3cr3t");
    QTest::newRow("key with a colon and slash") << "signature:ghl/v2" << QByteArray("whsec_abc");
    QTest::newRow("binary secret") << "bin" << QByteArray("\x00\xff\n\r", 4);
    QTest::newRow("PEM key") << "signature:rsa" << QByteArray("-----BEGIN PUBLIC KEY-----\nMII...\n-----END PUBLIC KEY-----\n");
}

void TestSecretStore::fileFallbackIsPrivateAndRoundTrips()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, secret);
    QString error;
    QCOMPARE(m_store->write(key, secret, &error), std::optional(SecretStore::Backend::File));
    const QFileInfo file(m_store->filePath(key));
    QVERIFY(file.exists());
    QCOMPARE(file.absolutePath(), m_dir->filePath(QStringLiteral("secrets")));
    QCOMPARE(file.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
             QFile::Permissions());
    QCOMPARE(QFileInfo(file.absolutePath()).permissions() & (QFile::ReadOther | QFile::ExeOther | QFile::ReadGroup),
             QFile::Permissions());
    QCOMPARE(m_store->read(key, &error), std::optional(secret));
    QVERIFY(error.isEmpty());
}

void TestSecretStore::missingSecretIsNotAnError()
{
    QString error;
    QVERIFY(!m_store->read(QStringLiteral("never-written"), &error));
    QVERIFY(error.isEmpty());
}

void TestSecretStore::removeForgetsTheSecret()
{
    QString error;
    QVERIFY(m_store->write(QStringLiteral("k"), "v", &error));
    QVERIFY(m_store->remove(QStringLiteral("k"), &error));
    QVERIFY(!m_store->read(QStringLiteral("k"), &error));
    QVERIFY(!QFile::exists(m_store->filePath(QStringLiteral("k"))));
    QVERIFY(m_store->remove(QStringLiteral("k"), &error)); // removing nothing is fine
}

void TestSecretStore::trustSettingsKeepSecretsOutOfQSettings()
{
    const QString ini = m_dir->filePath(QStringLiteral("settings.ini"));
    TrustSettings trust;
    trust.guard.secret = "endpoint-s3cr3t";
    QString error;
    QVERIFY(GuardConfig::parseSecretMode(QStringLiteral("query:sig"), &trust.guard, &error));
    trust.guard.allowedPaths = {"/hooks/*", "/callback"};
    SignatureRule rule;
    rule.kind = QStringLiteral("ghl");
    rule.algorithm = SignatureRule::Algorithm::HmacSha512;
    rule.header = "X-Sig";
    rule.encoding = SignatureRule::Encoding::Base64;
    rule.prefix = "v1=";
    rule.timestampHeader = "X-Ts";
    rule.payloadTemplate = "{timestamp}.{body}";
    rule.secret = "whsec_rule_s3cr3t";
    trust.signatures = {rule};
    {
        QSettings settings(ini, QSettings::IniFormat);
        QVERIFY2(trust.save(settings, *m_store, &error), qPrintable(error));
    }
    QFile file(ini);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.contains("query:sig"));
    QVERIFY(!text.contains("s3cr3t")); // neither secret is in the settings file

    QSettings settings(ini, QSettings::IniFormat);
    QString warning;
    const TrustSettings loaded = TrustSettings::load(settings, *m_store, &warning);
    QVERIFY2(warning.isEmpty(), qPrintable(warning));
    QCOMPARE(loaded.guard.secret, trust.guard.secret);
    QCOMPARE(loaded.guard.secretModeText(), QStringLiteral("query:sig"));
    QCOMPARE(loaded.guard.allowedPaths, trust.guard.allowedPaths);
    QCOMPARE(loaded.signatures.size(), 1);
    const SignatureRule &r = loaded.signatures.first();
    QCOMPARE(r.kind, rule.kind);
    QCOMPARE(r.algorithm, rule.algorithm);
    QCOMPARE(r.header, rule.header);
    QCOMPARE(r.encoding, rule.encoding);
    QCOMPARE(r.prefix, rule.prefix);
    QCOMPARE(r.timestampHeader, rule.timestampHeader);
    QCOMPARE(r.payloadTemplate, rule.payloadTemplate);
    QCOMPARE(r.secret, rule.secret);

    // A rule whose secret is gone is kept (visible as failing) and named in the warning.
    QVERIFY(m_store->remove(TrustSettings::signatureSecretKey(QStringLiteral("ghl")), &error));
    const TrustSettings incomplete = TrustSettings::load(settings, *m_store, &warning);
    QCOMPARE(incomplete.signatures.size(), 1);
    QVERIFY(incomplete.signatures.first().secret.isEmpty());
    QVERIFY2(warning.contains(QLatin1String("no secret stored for the signature rule of ghl")), qPrintable(warning));
}

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
