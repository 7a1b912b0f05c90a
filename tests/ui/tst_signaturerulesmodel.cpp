#include "SignatureRulesModel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;

// The signature rules table: editing every column, the secret never handed out, a PEM whose
// line breaks were lost, and the reason the first bad row cannot be saved.
class TestSignatureRulesModel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void editsEveryColumn_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("shown");
        QTest::newRow("kind") << int(SignatureRulesModel::KindColumn) << " jicoo " << true << "jicoo";
        QTest::newRow("algorithm sha1") << int(SignatureRulesModel::AlgorithmColumn) << "HMAC-SHA1" << true << "hmac-sha1";
        QTest::newRow("algorithm unknown refused") << int(SignatureRulesModel::AlgorithmColumn) << "md5" << false
                                                   << "hmac-sha256";
        QTest::newRow("encoding base64") << int(SignatureRulesModel::EncodingColumn) << "base64" << true << "base64";
        QTest::newRow("encoding unknown refused") << int(SignatureRulesModel::EncodingColumn) << "base32" << false << "hex";
        QTest::newRow("header") << int(SignatureRulesModel::HeaderColumn) << "X-Hub-Signature" << true
                                << "X-Hub-Signature";
        QTest::newRow("timestamp header") << int(SignatureRulesModel::TimestampColumn) << "X-Ts" << true << "X-Ts";
        QTest::newRow("payload") << int(SignatureRulesModel::PayloadColumn) << "{timestamp}.{body}" << true
                                 << "{timestamp}.{body}";
        QTest::newRow("secret is never shown") << int(SignatureRulesModel::SecretColumn) << "k3y" << true << "•••••• set";
        QTest::newRow("empty secret keeps the old one") << int(SignatureRulesModel::SecretColumn) << "" << false
                                                        << "(no secret)";
    }

    void editsEveryColumn()
    {
        QFETCH(int, column);
        QFETCH(QString, value);
        QFETCH(bool, accepted);
        QFETCH(QString, shown);
        SignatureRulesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QCOMPARE(model.appendRule(QStringLiteral("*")), 0);
        QCOMPARE(inserted.size(), 1);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QCOMPARE(model.setData(model.index(0, column), value), accepted);
        QCOMPARE(changed.size(), accepted ? 1 : 0);
        QCOMPARE(model.index(0, column).data().toString(), shown);
        if (column == SignatureRulesModel::SecretColumn) {
            QVERIFY(model.index(0, column).data(Qt::EditRole).toString().isEmpty());
            QCOMPARE(model.rules().at(0).secret, value.toUtf8());
        }
    }

    void pemGetsItsLineBreaksBack()
    {
        QFile file(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/trust/test-rsa-public.pem"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray pem = file.readAll();
        QCOMPARE(SignatureRulesModel::normalizedPem(QString::fromLatin1(pem).simplified()), pem);
        QCOMPARE(SignatureRulesModel::normalizedPem(QString::fromLatin1(pem)), pem);
        QCOMPARE(SignatureRulesModel::normalizedPem(QStringLiteral(" plain ")), QByteArray("plain"));
    }

    void presetChooserFillsTheRow();

    void problemNamesTheFirstBadRow()
    {
        SignatureRulesModel model;
        model.setKindIds({QStringLiteral("jicoo")});
        QVERIFY(model.problem().isEmpty());
        model.appendRule(QStringLiteral("jicoo"));
        QVERIFY(model.problem().contains(QLatin1String("Rule 1 (jicoo): no secret")));
        model.setData(model.index(0, SignatureRulesModel::SecretColumn), QStringLiteral("k"));
        QVERIFY(model.problem().isEmpty());
        model.appendRule(QStringLiteral("*"));
        model.setData(model.index(1, SignatureRulesModel::SecretColumn), QStringLiteral("k"));
        QVERIFY(model.problem().isEmpty());
        model.setData(model.index(1, SignatureRulesModel::PayloadColumn), QStringLiteral("{timestamp}"));
        QVERIFY(model.problem().contains(QLatin1String("must contain {body}")));
        model.removeRule(1);
        QVERIFY(model.problem().isEmpty());
    }
};

void TestSignatureRulesModel::presetChooserFillsTheRow()
{
    SignatureRulesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendRule(QStringLiteral("*"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setData(model.index(0, SignatureRulesModel::PresetColumn), QStringLiteral("stripe")));
    QCOMPARE(changed.size(), 1); // one change for the whole row
    QCOMPARE(changed.first().at(0).toModelIndex().column(), 0);
    QCOMPARE(changed.first().at(1).toModelIndex().column(), SignatureRulesModel::ColumnCount - 1);
    QCOMPARE(model.index(0, SignatureRulesModel::HeaderColumn).data().toString(), QStringLiteral("Stripe-Signature"));
    QCOMPARE(model.index(0, SignatureRulesModel::PayloadColumn).data().toString(), QStringLiteral("{timestamp}.{body}"));
    QCOMPARE(model.index(0, SignatureRulesModel::PresetColumn).data().toString(), QStringLiteral("stripe"));
    QVERIFY2(model.problem().contains(QLatin1String("no secret")), qPrintable(model.problem()));
    QVERIFY(!model.setData(model.index(0, SignatureRulesModel::PresetColumn), QStringLiteral("strype")));
    model.setData(model.index(0, SignatureRulesModel::SecretColumn), QStringLiteral("whsec_abc"));
    QVERIFY2(model.problem().isEmpty(), qPrintable(model.problem()));
    // A typo in the signed content is refused before it can make every check fail.
    model.setData(model.index(0, SignatureRulesModel::PayloadColumn), QStringLiteral("{timestmap}.{body}"));
    QVERIFY2(model.problem().contains(QLatin1String("unknown placeholder {timestmap}")), qPrintable(model.problem()));
    // HighLevel verifies with its published keys: no secret needed; a key that does not parse is refused.
    model.appendRule(QStringLiteral("ghl"));
    QVERIFY(model.setData(model.index(1, SignatureRulesModel::PresetColumn), QStringLiteral("highlevel")));
    QCOMPARE(model.index(1, SignatureRulesModel::AlgorithmColumn).data().toString(), QStringLiteral("ed25519"));
    QVERIFY(model.setData(model.index(0, SignatureRulesModel::PayloadColumn), QStringLiteral("{timestamp}.{body}")));
    QVERIFY2(model.problem().isEmpty(), qPrintable(model.problem()));
    model.setData(model.index(1, SignatureRulesModel::SecretColumn), QStringLiteral("-----BEGIN PUBLIC KEY----- AAAA -----END PUBLIC KEY-----"));
    QVERIFY2(model.problem().contains(QLatin1String("PEM block 1 is not a public key")), qPrintable(model.problem()));
}

QTEST_MAIN(TestSignatureRulesModel)

#include "tst_signaturerulesmodel.moc"
