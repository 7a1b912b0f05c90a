// The trust options of the command line: --secret, --secret-file, --secret-mode,
// --allow-path, --signature and --signatures, each documented in --help.
#include "app/AppOptions.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

class TestTrustOptions final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void defaultsProtectNothing();
    void valuesAreApplied();
    void invalidValuesAreRefusedWithReason_data();
    void invalidValuesAreRefusedWithReason();
    void helpDocumentsEveryTrustOption_data();
    void helpDocumentsEveryTrustOption();

private:
    [[nodiscard]] QString file(const QString &name, const QByteArray &content);
    QTemporaryDir m_dir;
};

void TestTrustOptions::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString TestTrustOptions::file(const QString &name, const QByteArray &content)
{
    QFile f(m_dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return f.fileName();
}

void TestTrustOptions::defaultsProtectNothing()
{
    AppOptions o;
    QString error;
    QCOMPARE(CommandLine::parse({QStringLiteral("hookscope")}, &o, &error), ParseOutcome::Run);
    QVERIFY(!o.receiver.guard.isActive());
    QVERIFY(o.signatures.isEmpty());
    QCOMPARE(o.receiver.guard.secretModeText(), QStringLiteral("bearer"));
}

void TestTrustOptions::valuesAreApplied()
{
    const QString secretFile = file(QStringLiteral("endpoint.secret"), "from-file\n");
    const QString hmacFile = file(QStringLiteral("ghl.secret"), "whsec\n");
    const QString rules = file(QStringLiteral("rules.json"),
                               R"([{"kind":"jicoo","algorithm":"hmac-sha1","header":"X-Jicoo-Signature","secret":"k"}])");
    AppOptions o;
    QString error;
    const QStringList args = {QStringLiteral("hookscope"),      QStringLiteral("--secret-file"), secretFile,
                              QStringLiteral("--secret-mode"),  QStringLiteral("query:sig"),     QStringLiteral("--allow-path"),
                              QStringLiteral("/hooks/*"),       QStringLiteral("--allow-path"),  QStringLiteral("/callback"),
                              QStringLiteral("--signature"),    QStringLiteral("ghl=hmac-sha256:X-Signature:hex:") + hmacFile,
                              QStringLiteral("--signatures"),   rules,
                              QStringLiteral("--signature"),    QStringLiteral("stripe=stripe:") + hmacFile,
                              QStringLiteral("--signature"),    QStringLiteral("hl=highlevel"),
                              QStringLiteral("--signature-tolerance"), QStringLiteral("60"),
                              QStringLiteral("--public-url"),   QStringLiteral("https://hooks.example.com"),
                              QStringLiteral("--forward-resign")};
    QCOMPARE(CommandLine::parse(args, &o, &error), ParseOutcome::Run);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(o.receiver.guard.secret, QByteArray("from-file"));
    QCOMPARE(o.receiver.guard.secretMode, GuardConfig::SecretMode::Query);
    QCOMPARE(o.receiver.guard.queryName, QByteArray("sig"));
    QCOMPARE(o.receiver.guard.allowedPaths, (QList<QByteArray>{"/hooks/*", "/callback"}));
    QCOMPARE(o.signatures.size(), 4); // --signature rules first, then the file's
    QCOMPARE(o.signatures.at(0).kind, QStringLiteral("ghl"));
    QCOMPARE(o.signatures.at(0).secret, QByteArray("whsec"));
    QCOMPARE(o.signatures.at(1).preset, QStringLiteral("stripe"));
    QCOMPARE(o.signatures.at(1).header, QByteArray("Stripe-Signature"));
    QCOMPARE(o.signatures.at(2).preset, QStringLiteral("highlevel")); // its published keys need no file
    QCOMPARE(o.signatures.at(2).algorithm, SignatureRule::Algorithm::Ed25519);
    QCOMPARE(o.signatures.at(3).kind, QStringLiteral("jicoo"));
    QCOMPARE(o.signatures.at(3).algorithm, SignatureRule::Algorithm::HmacSha1);
    QCOMPARE(o.signatureTolerance, 60);
    QCOMPARE(o.publicUrl, QStringLiteral("https://hooks.example.com"));
    QVERIFY(o.forwardResign);

    AppOptions inline_;
    QCOMPARE(CommandLine::parse({QStringLiteral("hookscope"), QStringLiteral("--secret"), QStringLiteral("abc")}, &inline_,
                                &error),
             ParseOutcome::Run);
    QCOMPARE(inline_.receiver.guard.secret, QByteArray("abc"));
}

void TestTrustOptions::invalidValuesAreRefusedWithReason_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("both secrets") << QStringList{QStringLiteral("--secret"), QStringLiteral("a"), QStringLiteral("--secret-file"),
                                                 QStringLiteral("/x")}
                                  << "exclude each other";
    QTest::newRow("empty secret") << QStringList{QStringLiteral("--secret"), QString()} << "--secret: the secret is empty";
    QTest::newRow("unreadable secret file") << QStringList{QStringLiteral("--secret-file"), QStringLiteral("/nonexistent/s")}
                                            << "--secret-file: cannot read";
    QTest::newRow("bad mode") << QStringList{QStringLiteral("--secret-mode"), QStringLiteral("cookie")}
                              << "--secret-mode: 'cookie' is not bearer, basic or query:NAME";
    QTest::newRow("relative path") << QStringList{QStringLiteral("--allow-path"), QStringLiteral("hooks")}
                                   << "--allow-path: 'hooks' does not start with '/'";
    QTest::newRow("bad signature") << QStringList{QStringLiteral("--signature"), QStringLiteral("ghl=md5:X:hex:/x")}
                                   << "--signature: 'md5'";
    QTest::newRow("preset without its secret") << QStringList{QStringLiteral("--signature"), QStringLiteral("k=svix")}
                                               << "--signature: 'k=svix': the preset svix needs its secret";
    QTest::newRow("negative tolerance") << QStringList{QStringLiteral("--signature-tolerance"), QStringLiteral("-1")}
                                        << "--signature-tolerance: '-1' is not a number of seconds";
    QTest::newRow("public URL without a scheme") << QStringList{QStringLiteral("--public-url"), QStringLiteral("hooks.example.com")}
                                                 << "--public-url: 'hooks.example.com' is not an http(s) URL";
    QTest::newRow("missing rules file") << QStringList{QStringLiteral("--signatures"), QStringLiteral("/nonexistent.json")}
                                        << "--signatures: cannot read";
}

void TestTrustOptions::invalidValuesAreRefusedWithReason()
{
    QFETCH(QStringList, args);
    QFETCH(QString, errorContains);
    args.prepend(QStringLiteral("hookscope"));
    AppOptions o;
    QString error;
    QCOMPARE(CommandLine::parse(args, &o, &error), ParseOutcome::Error);
    QVERIFY2(error.contains(errorContains), qPrintable(error));
}

void TestTrustOptions::helpDocumentsEveryTrustOption_data()
{
    QTest::addColumn<QString>("option");
    for (const char *name : {"--secret", "--secret-file", "--secret-mode", "--allow-path", "--signature", "--signatures",
                             "--signature-tolerance", "--forward-resign", "--public-url"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestTrustOptions::helpDocumentsEveryTrustOption()
{
    QFETCH(QString, option);
    QVERIFY(CommandLine::helpText().contains(option + QLatin1Char(' ')));
}

QTEST_APPLESS_MAIN(TestTrustOptions)
#include "tst_trustoptions.moc"
