// "Send test event…": the dialog sends to a real Hookscope receiver (in process, on port 0, in
// front of a real store) and shows each answer; what the receiver stored is compared with the
// sample, the overrides and the signature (computed here with Qt's HMAC, apart from the signer).
#include "SendTestDialog.h"

#include "common/ReceiverFixture.h"
#include "event/HttpMessage.h"
#include "schema/KindCatalog.h"
#include "schema/SchemaRegistry.h"
#include "trust/SignaturePresets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageAuthenticationCode>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
const QByteArray kSecret = "dialog-secret";

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

std::optional<SignatureRule> presetRule(const QString &preset, const QString &kind)
{
    SignatureRule rule;
    SignaturePresets::apply(*SignaturePresets::find(preset), &rule);
    rule.kind = kind;
    rule.secret = kSecret;
    return rule;
}
} // namespace

class TestSendTestDialog final : public QObject, public ReceiverFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void sampleSentSignedWithOverrides();
    void invalidVariantsListedWithVerdicts();
    void capturedEventIsTheFirstSource();
    void signingOfferedOnlyWithARuleThatCanSign();
    void badOverrideNamesItsLineAndSendsNothing();

private:
    [[nodiscard]] std::unique_ptr<SendTestDialog> dialog() const;
    [[nodiscard]] QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_receiver->port()).arg(path);
    }

    QTemporaryDir m_kinds; // no user kinds of the machine running the tests
    std::shared_ptr<const KindCatalog> m_catalog;
};

void TestSendTestDialog::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("hookscope-test-sendtest"));
    QSettings().clear();
    SchemaRegistry registry;
    registry.setUserKindsDirectory(m_kinds.path());
    m_catalog = registry.catalog();
}

void TestSendTestDialog::init()
{
    openStore();
    ReceiverConfig config;
    config.port = 0;
    // Answers as an app accepting a Before Book booking unchanged would (a valid answer body).
    config.defaultResponse.body = readFile(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/before-book-appointment.response.json"));
    config.defaultResponse.headers = {{"Content-Type", "application/json"}};
    startOn(m_recorder.get(), config);
}

void TestSendTestDialog::cleanup()
{
    tearDown();
}

std::unique_ptr<SendTestDialog> TestSendTestDialog::dialog() const
{
    return std::make_unique<SendTestDialog>(m_catalog);
}

void TestSendTestDialog::sampleSentSignedWithOverrides()
{
    const auto d = dialog();
    d->setRuleLookup([](const QString &kind) { return kind == QLatin1String("jicoo") ? presetRule(QStringLiteral("jicoo"), kind) : std::nullopt; });
    QVERIFY(d->selectKind(QStringLiteral("jicoo")));
    QVERIFY(d->signBox()->isEnabled());
    d->signBox()->setChecked(true);
    d->setUrl(url(QStringLiteral("/hooks/jicoo")));
    d->overridesEdit()->setPlainText(QStringLiteral("/event=guest_cancelled\n\n/extra={\"n\":1}\n"));
    QSignalSpy done(d.get(), &SendTestDialog::allSent);
    QTest::mouseClick(d->sendButton(), Qt::LeftButton);
    QTRY_COMPARE(done.size(), 1);
    QCOMPARE(d->resultsTable()->rowCount(), 1);
    QCOMPARE(d->resultsTable()->item(0, SendTestDialog::StatusColumn)->text(), QStringLiteral("200"));
    QCOMPARE(d->resultsTable()->item(0, SendTestDialog::VerdictColumn)->text(), QStringLiteral("accepted"));
    QVERIFY2(d->answerView()->toPlainText().startsWith(QStringLiteral("HTTP 200 ")), qPrintable(d->answerView()->toPlainText()));
    QVERIFY2(d->statusLabel()->text().contains(QStringLiteral("as expected")), qPrintable(d->statusLabel()->text()));

    QTRY_COMPARE(storedCount(), qint64(1));
    const std::optional<Event> stored = lastEvent();
    QVERIFY(stored);
    QJsonObject want = QJsonDocument::fromJson(readFile(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/jicoo.json"))).object();
    want.insert(QStringLiteral("event"), QStringLiteral("guest_cancelled"));
    want.insert(QStringLiteral("extra"), QJsonObject{{QStringLiteral("n"), 1}});
    QCOMPARE(QJsonDocument::fromJson(stored->body).object(), want);
    // Jicoo-Webhook-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">, as the vendor documents.
    const QByteArray header = headerValue(stored->headers, "Jicoo-Webhook-Signature");
    const QByteArray t = header.split(',').value(0).mid(2);
    QVERIFY2(qAbs(t.toLongLong() - QDateTime::currentSecsSinceEpoch()) < 60, header);
    QCOMPARE(header.split(',').value(1),
             "v1=" + QMessageAuthenticationCode::hash(t + '.' + stored->body, kSecret, QCryptographicHash::Sha256).toHex());
    QCOMPARE(SendTestDialog::urlHistory().value(0), url(QStringLiteral("/hooks/jicoo")));
}

void TestSendTestDialog::invalidVariantsListedWithVerdicts()
{
    const auto d = dialog();
    QVERIFY(d->selectKind(QStringLiteral("cubu/before-book-appointment")));
    d->setUrl(url(QStringLiteral("/hooks/before-book-appointment")));
    d->invalidBox()->setChecked(true);
    QSignalSpy done(d.get(), &SendTestDialog::allSent);
    d->send();
    QTRY_COMPARE(done.size(), 1);
    const QTableWidget *table = d->resultsTable();
    QCOMPARE(table->rowCount(), 7); // the event, then required, type, maximum, minimum, date-time, enum
    // The receiver answers every one with a valid Before Book answer, so the event is accepted
    // (its answer checked against the response schema) and each variant is one it should have refused.
    QCOMPARE(table->item(0, SendTestDialog::VerdictColumn)->text(), QStringLiteral("accepted"));
    QVERIFY(!table->item(0, SendTestDialog::VerdictColumn)->font().bold());
    for (int row = 1; row < table->rowCount(); ++row) {
        QCOMPARE(table->item(row, SendTestDialog::StatusColumn)->text(), QStringLiteral("200"));
        QCOMPARE(table->item(row, SendTestDialog::VerdictColumn)->text(), QStringLiteral("ACCEPTED, should have refused"));
        QVERIFY(table->item(row, SendTestDialog::VerdictColumn)->font().bold());
        QVERIFY(!table->item(row, SendTestDialog::LatencyColumn)->text().isEmpty());
    }
    QVERIFY(table->item(1, SendTestDialog::VariantColumn)->text().startsWith(QStringLiteral("missing required")));
    QVERIFY2(d->statusLabel()->text().contains(QStringLiteral("6 answered otherwise")), qPrintable(d->statusLabel()->text()));
    table->item(0, 0)->tableWidget()->selectRow(0);
    QVERIFY2(d->answerView()->toPlainText().contains(QStringLiteral("Answer checked against before-book-appointment.response: valid")),
             qPrintable(d->answerView()->toPlainText()));
    QTRY_COMPARE(storedCount(), qint64(7));
}

void TestSendTestDialog::capturedEventIsTheFirstSource()
{
    Event captured;
    captured.id = 42;
    captured.method = "POST";
    captured.target = "/hooks/jicoo?from=vendor";
    captured.headers = {{"Content-Type", "application/json"}, {"User-Agent", "Jicoo-Webhooks"}};
    captured.body = R"({"event":"guest_booked","note":"captured"})";
    const auto d = dialog();
    d->setCapturedEvent(captured, QStringLiteral("jicoo"));
    QCOMPARE(d->sourceCombo()->currentIndex(), 0);
    QVERIFY(d->sourceCombo()->currentText().contains(QStringLiteral("#42")));
    d->setUrl(url(QStringLiteral("/app")));
    d->countBox()->setValue(2);
    QSignalSpy done(d.get(), &SendTestDialog::allSent);
    d->send();
    QTRY_COMPARE(done.size(), 1);
    QCOMPARE(d->resultsTable()->rowCount(), 2);
    QTRY_COMPARE(storedCount(), qint64(2));
    const std::optional<Event> stored = lastEvent();
    QVERIFY(stored);
    QCOMPARE(stored->body, captured.body); // as captured, to the URL's own path
    QCOMPARE(stored->target, QByteArray("/app"));
    QCOMPARE(headerValue(stored->headers, "User-Agent"), QByteArray("Jicoo-Webhooks"));
}

void TestSendTestDialog::signingOfferedOnlyWithARuleThatCanSign()
{
    const auto d = dialog();
    QVERIFY(d->selectKind(QStringLiteral("jicoo")));
    QVERIFY(!d->signBox()->isEnabled()); // no lookup: no rule
    d->setRuleLookup([](const QString &kind) { return presetRule(QStringLiteral("highlevel"), kind); });
    QVERIFY(!d->signBox()->isEnabled()); // a public key: only HighLevel can sign
    QVERIFY(d->signBox()->toolTip().contains(QStringLiteral("public-key")));
    d->setRuleLookup([](const QString &kind) { return presetRule(QStringLiteral("standard-webhooks"), kind); });
    QVERIFY(d->signBox()->isEnabled());
}

void TestSendTestDialog::badOverrideNamesItsLineAndSendsNothing()
{
    const auto d = dialog();
    QVERIFY(d->selectKind(QStringLiteral("jicoo")));
    d->setUrl(url(QStringLiteral("/hooks/jicoo")));
    d->overridesEdit()->setPlainText(QStringLiteral("/event=x\n/nope/deeper=1"));
    d->send();
    QVERIFY2(d->statusLabel()->text().contains(QStringLiteral("there is no /nope")), qPrintable(d->statusLabel()->text()));
    QCOMPARE(d->resultsTable()->rowCount(), 0);
    d->overridesEdit()->setPlainText(QStringLiteral("event=x"));
    d->send();
    QVERIFY2(d->statusLabel()->text().startsWith(QStringLiteral("Overrides, line 1: ")), qPrintable(d->statusLabel()->text()));
    d->overridesEdit()->clear();
    d->setUrl(QStringLiteral("ftp://example.com/x"));
    d->send();
    QVERIFY2(d->statusLabel()->text().contains(QStringLiteral("not an http://")), qPrintable(d->statusLabel()->text()));
    QCOMPARE(d->resultsTable()->rowCount(), 0);
    QCOMPARE(storedCount(), qint64(0)); // nothing left for the receiver: every refusal came before sending
}

QTEST_MAIN(TestSendTestDialog)
#include "tst_sendtestdialog.moc"
