#include "SettingsDialog.h"
#include "SettingsField.h"
#include "SignatureRulesModel.h"
#include "TrustSettingsPage.h"
#include "app/PackSignatureSpec.h"
#include "schema/KindCatalog.h"
#include "schema/SchemaRegistry.h"
#include "trust/SecretStore.h"
#include "trust/SignatureVerifier.h"
#include "trust/TrustSettings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageAuthenticationCode>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QSpinBox>
#include <QTest>

using namespace hookscope;

namespace {
const QString kJicoo = QStringLiteral("jicoo");
const QString kBooking = QStringLiteral("before-book-appointment");

QByteArray publicKey()
{
    QFile file(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/trust/test-rsa-public.pem"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void retype(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}
} // namespace

// The "Secrets and signatures" page: endpoint secret and how it is sent, allowed paths,
// signature rules per kind. Plain values land in the page's QSettings file, secrets in a
// file-only SecretStore of the test's own — never in the settings file.
class TestTrustSettingsPage final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        ++m_run;
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("trust-%1.conf").arg(m_run)),
                                                 QSettings::IniFormat);
        m_secrets = std::make_unique<SecretStore>(m_dir.filePath(QStringLiteral("secrets-%1").arg(m_run)));
        m_secrets->setKeychainEnabled(false);
    }

    void showsTheDefaults()
    {
        SettingsDialog dialog(m_settings.get());
        TrustSettingsPage *page = addPage(dialog);
        QVERIFY(page->secretEdit()->text().isEmpty());
        QCOMPARE(page->modeBox()->currentData().toString(), QStringLiteral("bearer"));
        QCOMPARE(page->queryNameEdit()->text(), QStringLiteral("token"));
        QVERIFY(!page->queryNameEdit()->isEnabled());
        QVERIFY(page->pathsEdit()->toPlainText().isEmpty());
        QCOMPARE(page->rulesModel()->rowCount(), 0);
        QCOMPARE(page->fields().size(), 6);
        QCOMPARE(page->toleranceBox()->value(), 300);
        for (const SettingsField *field : page->fields()) {
            const auto *explanation = field->findChild<QLabel *>(QStringLiteral("explanation"));
            QVERIFY2(explanation && !explanation->text().isEmpty(), qPrintable(field->name()));
            QCOMPARE(explanation->textFormat(), Qt::PlainText);
        }
        QVERIFY(dialog.problem().isEmpty());
    }

    void invalidValueIsRefusedWithTheReason_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        QTest::newRow("secret with a leading space") << "secret" << " s3cret" << "Shared secret" << "starts or ends";
        QTest::newRow("query parameter with '&'") << "query" << "a&b" << "Query parameter" << "cannot be empty";
        QTest::newRow("query parameter empty") << "query" << "" << "Query parameter" << "cannot be empty";
        QTest::newRow("path without a slash") << "paths" << "/ok\nhooks/a" << "Allowed paths"
                                              << "does not start with '/'";
        QTest::newRow("path with a star inside") << "paths" << "/a/*/b" << "Allowed paths" << "only as a final";
        QTest::newRow("path with a query") << "paths" << "/a?b=1" << "Allowed paths" << "no query string";
        QTest::newRow("rule without a secret") << "rule" << "jicoo|hmac-sha256|X-Sig||" << "Signatures" << "no secret";
        QTest::newRow("rule for an unknown kind") << "rule" << "nokind|hmac-sha256|X-Sig||k" << "Signatures"
                                                  << "there is no kind 'nokind'";
        QTest::newRow("rule with a bad header name") << "rule" << "jicoo|hmac-sha256|X Sig||k" << "Signatures"
                                                     << "is not a header name";
        QTest::newRow("rule without a header") << "rule" << "jicoo|hmac-sha512|||k" << "Signatures"
                                               << "header that carries the signature is missing";
        QTest::newRow("rsa rule with a text secret") << "rule" << "jicoo|rsa-sha256|X-Sig||k" << "Signatures"
                                                     << "not a PEM public key";
        QTest::newRow("timestamp header not signed") << "rule" << "jicoo|hmac-sha1|X-Sig|X-Ts|k" << "Signatures"
                                                     << "no {timestamp}";
        QTest::newRow("two rules for one kind") << "rule2" << "jicoo|hmac-sha256|X-Sig||k" << "Signatures"
                                                << "has two rules";
    }

    void invalidValueIsRefusedWithTheReason()
    {
        QFETCH(QString, what);
        QFETCH(QString, value);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        SettingsDialog dialog(m_settings.get());
        TrustSettingsPage *page = addPage(dialog);
        dialog.show();
        if (what == QLatin1String("secret")) {
            retype(page->secretEdit(), value);
        } else if (what == QLatin1String("query")) {
            page->modeBox()->setCurrentIndex(page->modeBox()->findData(QStringLiteral("query")));
            QVERIFY(page->queryNameEdit()->isEnabled());
            retype(page->queryNameEdit(), value);
        } else if (what == QLatin1String("paths")) {
            page->pathsEdit()->setPlainText(value);
        } else {
            addRule(page, value);
            if (what == QLatin1String("rule2"))
                addRule(page, value);
        }
        SettingsField *shown = nullptr;
        for (SettingsField *f : page->fields()) {
            if (f->name() == field)
                shown = f;
        }
        QVERIFY(shown);
        QVERIFY(shown->errorLabel()->isVisibleTo(&dialog));
        QVERIFY2(shown->errorLabel()->text().contains(reason), qPrintable(shown->errorLabel()->text()));
        QCOMPARE(shown->errorLabel()->textFormat(), Qt::PlainText);
        QVERIFY(dialog.problem().startsWith(page->title()));
        QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(m_settings->allKeys().isEmpty());
        QVERIFY(QDir(m_dir.filePath(QStringLiteral("secrets-%1").arg(m_run))).isEmpty());
    }

    void savedValuesTakeEffectAndSecretsStayOutOfTheSettingsFile()
    {
        const QByteArray pem = publicKey();
        QVERIFY(!pem.isEmpty());
        {
            SettingsDialog dialog(m_settings.get());
            TrustSettingsPage *page = addPage(dialog);
            dialog.show();
            retype(page->secretEdit(), QStringLiteral("endpoint-s3cret-123"));
            page->modeBox()->setCurrentIndex(page->modeBox()->findData(QStringLiteral("query")));
            retype(page->queryNameEdit(), QStringLiteral("key"));
            page->pathsEdit()->setPlainText(QStringLiteral("/hooks/*\n\n/callback\n"));
            addRule(page, QStringLiteral("jicoo|hmac-sha512|X-Jicoo-Signature|X-Ts|hmac-s3cret-456"));
            SignatureRulesModel *rules = page->rulesModel();
            rules->setData(rules->index(0, SignatureRulesModel::EncodingColumn), QStringLiteral("base64"));
            rules->setData(rules->index(0, SignatureRulesModel::PrefixColumn), QStringLiteral("v1="));
            rules->setData(rules->index(0, SignatureRulesModel::PayloadColumn), QStringLiteral("{timestamp}.{body}"));
            // A PEM pasted into the one-line editor loses its line breaks; they come back.
            QString flat = QString::fromLatin1(pem).simplified();
            addRule(page, QStringLiteral("before-book-appointment|rsa-sha256|X-Wh-Signature||") + flat);
            // The preset chooser: HighLevel's published keys, no secret to give.
            const int row = rules->appendRule(QStringLiteral("*"));
            QVERIFY(rules->setData(rules->index(row, SignatureRulesModel::PresetColumn), QStringLiteral("highlevel")));
            page->toleranceBox()->setValue(90);
            QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
            QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        m_settings->sync();
        QFile file(m_settings->fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(stored.contains("trust"));
        for (const QByteArray &secret : {QByteArray("endpoint-s3cret-123"), QByteArray("hmac-s3cret-456"),
                                        pem.split('\n').value(1)})
            QVERIFY2(!stored.contains(secret), secret.constData());

        // What the window reads when it starts the receiver and builds the signature verifier.
        QString warning;
        const TrustSettings trust = TrustSettings::load(*m_settings, *m_secrets, &warning);
        QVERIFY2(warning.isEmpty(), qPrintable(warning));
        QCOMPARE(trust.guard.secret, QByteArray("endpoint-s3cret-123"));
        QCOMPARE(trust.guard.secretMode, GuardConfig::SecretMode::Query);
        QCOMPARE(trust.guard.queryName, QByteArray("key"));
        QCOMPARE(trust.guard.allowedPaths, (QList<QByteArray>{"/hooks/*", "/callback"}));
        QCOMPARE(trust.signatures.size(), 3);
        QCOMPARE(trust.signatureTolerance, 90);
        const SignatureVerifier verifier(trust.signatures);
        const SignatureRule *highLevel = verifier.ruleFor(QStringLiteral("any other kind"));
        QVERIFY(highLevel);
        QCOMPARE(highLevel->preset, QStringLiteral("highlevel"));
        QCOMPARE(highLevel->algorithm, SignatureRule::Algorithm::Ed25519);
        QCOMPARE(highLevel->fallbacks.size(), std::size_t(1)); // the RSA header, from the preset
        QVERIFY2(highLevel->problem().isEmpty(), qPrintable(highLevel->problem()));
        const SignatureRule *jicoo = verifier.ruleFor(kJicoo);
        QVERIFY(jicoo);
        QCOMPARE(jicoo->algorithm, SignatureRule::Algorithm::HmacSha512);
        QCOMPARE(jicoo->encoding, SignatureRule::Encoding::Base64);
        QCOMPARE(jicoo->timestampHeader, QByteArray("X-Ts"));
        QCOMPARE(jicoo->prefix, QByteArray("v1="));
        QCOMPARE(jicoo->secret, QByteArray("hmac-s3cret-456"));
        const QByteArray signature = SignatureVerifier::hmac(SignatureRule::Algorithm::HmacSha512, "hmac-s3cret-456",
                                                             "1700000000.{\"a\":1}");
        const HeaderList headers{{"X-Ts", "1700000000"}, {"X-Jicoo-Signature", "v1=" + signature.toBase64()}};
        QCOMPARE(verifier.verify(kJicoo, headers, "{\"a\":1}").status, SignatureStatus::Valid);
        const SignatureRule *booking = verifier.ruleFor(kBooking);
        QVERIFY(booking);
        QCOMPARE(booking->secret, pem); // line breaks restored
        QVERIFY(SignatureVerifier::publicKeyProblem(booking->secret).isEmpty());

        // Shown again: the secret cells say a secret is set, never what it is.
        SettingsDialog again(m_settings.get());
        TrustSettingsPage *page = addPage(again);
        QCOMPARE(page->modeBox()->currentData().toString(), QStringLiteral("query"));
        QCOMPARE(page->pathsEdit()->toPlainText(), QStringLiteral("/hooks/*\n/callback"));
        QCOMPARE(page->rulesModel()->rowCount(), 3);
        QCOMPARE(page->toleranceBox()->value(), 90);
        const QModelIndex secretCell = page->rulesModel()->index(0, SignatureRulesModel::SecretColumn);
        QVERIFY(!secretCell.data().toString().contains(QLatin1String("hmac-s3cret")));
        QVERIFY(secretCell.data(Qt::EditRole).toString().isEmpty());
    }

    void removedRuleAndClearedSecretLeaveTheStore()
    {
        {
            SettingsDialog dialog(m_settings.get());
            TrustSettingsPage *page = addPage(dialog);
            page->secretEdit()->setText(QStringLiteral("abc"));
            addRule(page, QStringLiteral("jicoo|hmac-sha256|X-Sig||k1"));
            dialog.accept();
        }
        QString error;
        QVERIFY(m_secrets->read(TrustSettings::signatureSecretKey(kJicoo), &error));
        {
            SettingsDialog dialog(m_settings.get());
            TrustSettingsPage *page = addPage(dialog);
            QCOMPARE(page->secretEdit()->text(), QStringLiteral("abc"));
            page->rulesModel()->removeRule(0);
            page->secretEdit()->clear();
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        QVERIFY(!m_secrets->read(TrustSettings::signatureSecretKey(kJicoo), &error));
        QVERIFY(!m_secrets->read(QString::fromLatin1(TrustSettings::kEndpointSecretKey), &error));
        QCOMPARE(m_settings->value(QStringLiteral("trust/signatures/size")).toInt(), 0);
    }

    // One rule for a whole vendor pack: choose Cubu, Add pack rule, type the secret once. Every
    // request kind of the pack is then verified with Cubu's scheme (the one its pack.json names);
    // a kind's own rule wins; other vendors' kinds get no rule from it.
    void packRuleTakesTheVendorsSecretOnce()
    {
        QTemporaryDir kinds; // no user kinds of the machine running the test
        SchemaRegistry registry;
        registry.setUserKindsDirectory(kinds.path());
        const std::shared_ptr<const KindCatalog> catalog = registry.catalog();
        {
            SettingsDialog dialog(m_settings.get());
            auto *page = new TrustSettingsPage({kJicoo, kBooking, QStringLiteral("before-queue-up")}, m_secrets.get(),
                                               catalog->packs());
            dialog.addPage(page);
            dialog.show();
            QComboBox *packs = page->packBox();
            QVERIFY(packs->isVisibleTo(page));
            QCOMPARE(packs->findText(QStringLiteral("Pexip Engage"), Qt::MatchStartsWith), -1); // names no scheme
            packs->setCurrentIndex(packs->findText(QStringLiteral("Cubu (cubu)")));
            QVERIFY(packs->currentIndex() >= 0);
            QTest::mouseClick(page->addPackButton(), Qt::LeftButton);
            SignatureRulesModel *rules = page->rulesModel();
            QCOMPARE(rules->rowCount(), 1);
            QCOMPARE(rules->index(0, SignatureRulesModel::KindColumn).data().toString(), QStringLiteral("cubu/*"));
            QCOMPARE(rules->index(0, SignatureRulesModel::PresetColumn).data().toString(), QStringLiteral("cubu"));
            // Add opened the secret cell's editor: the secret is what the user types next.
            auto *editor = page->rulesView()->findChild<QLineEdit *>();
            QVERIFY(editor);
            QTest::keyClicks(editor, QStringLiteral("cubu-s3cret"));
            QTest::keyClick(editor, Qt::Key_Return);
            QTest::mouseClick(page->addPackButton(), Qt::LeftButton); // the same pack again: no second rule
            QCOMPARE(rules->rowCount(), 1);
            addRule(page, QStringLiteral("before-queue-up|hmac-sha256|X-Own||own-s3cret"));
            QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        QString warning;
        const TrustSettings trust = TrustSettings::load(*m_settings, *m_secrets, &warning);
        QVERIFY2(warning.isEmpty(), qPrintable(warning));
        QCOMPARE(trust.signatures.size(), 2);
        // What the window builds its verifier from.
        const SignatureVerifier verifier(PackSignatureSpec::expandRules(trust.signatures, *catalog));
        const QByteArray body = R"({"caseId":"8d3c0f2e-6a41-4a59-9a55-0f7b1c1d2e3f"})";
        const HeaderList signedByCubu{
            {"Authorization",
             "HMAC " + QMessageAuthenticationCode::hash(body, "cubu-s3cret", QCryptographicHash::Sha256).toBase64()}};
        for (const QString &kind : {QStringLiteral("after-book-appointment"), QStringLiteral("before-resolve"),
                                    QStringLiteral("data-table-query"), kBooking}) {
            const SignatureRule *rule = verifier.ruleFor(kind);
            QVERIFY2(rule, qPrintable(kind));
            QCOMPARE(rule->preset, QStringLiteral("cubu"));
            QCOMPARE(verifier.verify(kind, signedByCubu, body).status, SignatureStatus::Valid);
            QCOMPARE(verifier.verify(kind, signedByCubu, body + ' ').status, SignatureStatus::Invalid);
        }
        QCOMPARE(verifier.ruleFor(QStringLiteral("before-queue-up"))->secret, QByteArray("own-s3cret"));
        QVERIFY(!verifier.ruleFor(kJicoo));
        QVERIFY(!verifier.ruleFor(QStringLiteral("before-book-appointment.response"))); // responses are not signed
    }

private:
    TrustSettingsPage *addPage(SettingsDialog &dialog)
    {
        auto *page = new TrustSettingsPage({kJicoo, kBooking}, m_secrets.get());
        dialog.addPage(page);
        return page;
    }

    // "kind|algorithm|header|timestampHeader|secret", added through the Add button.
    static void addRule(TrustSettingsPage *page, const QString &spec)
    {
        const QStringList parts = spec.split(QLatin1Char('|'));
        QCOMPARE(parts.size(), 5);
        SignatureRulesModel *rules = page->rulesModel();
        const int before = rules->rowCount();
        QPushButton *add = nullptr;
        for (QPushButton *button : page->findChildren<QPushButton *>()) {
            if (button->text() == TrustSettingsPage::tr("&Add rule"))
                add = button;
        }
        QVERIFY(add);
        QTest::mouseClick(add, Qt::LeftButton);
        QCOMPARE(rules->rowCount(), before + 1);
        // Add opens the kind cell's editor; Escape leaves it (the values are set below).
        auto *editor = page->rulesView()->findChild<QComboBox *>();
        QVERIFY(editor);
        QCOMPARE(editor->currentText(), kJicoo);
        QTest::keyClick(editor, Qt::Key_Escape);
        QTRY_VERIFY(!page->rulesView()->findChild<QComboBox *>());
        const int row = before;
        QVERIFY(rules->setData(rules->index(row, SignatureRulesModel::KindColumn), parts.at(0)));
        QVERIFY(rules->setData(rules->index(row, SignatureRulesModel::AlgorithmColumn), parts.at(1)));
        QVERIFY(rules->setData(rules->index(row, SignatureRulesModel::HeaderColumn), parts.at(2)));
        QVERIFY(rules->setData(rules->index(row, SignatureRulesModel::TimestampColumn), parts.at(3)));
        if (!parts.at(4).isEmpty())
            QVERIFY(rules->setData(rules->index(row, SignatureRulesModel::SecretColumn), parts.at(4)));
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SecretStore> m_secrets;
    int m_run = 0;
};

QTEST_MAIN(TestTrustSettingsPage)

#include "tst_trustsettingspage.moc"
