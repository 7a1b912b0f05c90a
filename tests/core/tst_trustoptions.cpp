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
                              QStringLiteral("--signatures"),   rules};
    QCOMPARE(CommandLine::parse(args, &o, &error), ParseOutcome::Run);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(o.receiver.guard.secret, QByteArray("from-file"));
    QCOMPARE(o.receiver.guard.secretMode, GuardConfig::SecretMode::Query);
    QCOMPARE(o.receiver.guard.queryName, QByteArray("sig"));
    QCOMPARE(o.receiver.guard.allowedPaths, (QList<QByteArray>{"/hooks/*", "/callback"}));
    QCOMPARE(o.signatures.size(), 2);
    QCOMPARE(o.signatures.at(0).kind, QStringLiteral("ghl"));
    QCOMPARE(o.signatures.at(0).secret, QByteArray("whsec"));
    QCOMPARE(o.signatures.at(1).kind, QStringLiteral("jicoo"));
    QCOMPARE(o.signatures.at(1).algorithm, SignatureRule::Algorithm::HmacSha1);

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
    for (const char *name : {"--secret", "--secret-file", "--secret-mode", "--allow-path", "--signature", "--signatures"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestTrustOptions::helpDocumentsEveryTrustOption()
{
    QFETCH(QString, option);
    QVERIFY(CommandLine::helpText().contains(option + QLatin1Char(' ')));
}

QTEST_APPLESS_MAIN(TestTrustOptions)
#include "tst_trustoptions.moc"
