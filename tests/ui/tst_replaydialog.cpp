#include "ReplayDialog.h"
#include "common/ReceiverFixture.h"
#include "http/Receiver.h"
#include "store/EventRecorder.h"
#include "store/EventStore.h"
#include "trust/SignaturePresets.h"
#include "trust/SignatureVerifier.h"

#include <QCheckBox>

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
Event capturedEvent()
{
    Event e;
    e.id = 42;
    e.method = "POST";
    e.target = "/hooks/book?id=7";
    e.headers = {{"Host", "abc.ngrok.app"}, {"Content-Type", "application/json"}, {"X-Signature", "sha256=orig"},
                 {"X-Dup", "1"}, {"X-Dup", "2"}, {"Content-Length", "22"}};
    e.body = R"({"booking":"<b>b-7</b>"})";
    e.contentType = "application/json";
    e.response.status = 200;
    e.response.headers = {{"Content-Type", "application/json"}};
    e.response.body = R"({"ok":true})";
    e.handlingUs = 1500;
    return e;
}
} // namespace

class tst_ReplayDialog final : public QObject, protected ReceiverFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void prefilledFromTheEvent();
    void saysWhereItSendsAndWhatWasAnswered();
    void editedBodySentWithCtrlReturnAndShownBesideTheOriginal();
    void editedHeadersAreSentInOrder();
    void unchangedRequestIsSentAsCaptured();
    void binaryBodyIsSentAsCapturedAndNotEditable();
    void refusedConnectionIsShownAsAnError();
    void invalidUrlIsExplainedWithoutSending();
    void ownAddressIsRefusedWithoutSending();
    void urlHistoryIsRememberedMostRecentFirst();
    void noRichTextAnywhere();
    void signAgainMakesTheEditedBodyVerify();

private:
    [[nodiscard]] std::optional<Event> lastAtTarget() const;
    [[nodiscard]] QString targetUrl() const { return m_receiver->url().toString() + QStringLiteral("local"); }
    void sendAndWait(ReplayDialog &dialog);

};

void tst_ReplayDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationName(QStringLiteral("hookscope-tests-replay"));
}

void tst_ReplayDialog::init()
{
    QSettings().remove(QStringLiteral("replay"));
    openStore(SyncMode::Normal);
    ReceiverConfig config;
    config.port = 0;
    config.defaultResponse.status = 202;
    config.defaultResponse.headers = {{"Content-Type", "application/json"}, {"X-Local-App", "yes"}};
    config.defaultResponse.body = R"({"queued":true})";
    startOn(m_recorder.get(), config);
}

void tst_ReplayDialog::cleanup()
{
    tearDown();
}

std::optional<Event> tst_ReplayDialog::lastAtTarget() const
{
    EventStore reader;
    QString error;
    if (!reader.open(m_recorder->path(), &error))
        return std::nullopt;
    return reader.load(reader.maxId());
}

void tst_ReplayDialog::sendAndWait(ReplayDialog &dialog)
{
    QSignalSpy replayed(&dialog, &ReplayDialog::replayed);
    QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
    QVERIFY(replayed.wait(10000));
}

void tst_ReplayDialog::prefilledFromTheEvent()
{
    ReplayDialog dialog(capturedEvent());
    QCOMPARE(dialog.urlCombo()->currentText(), QStringLiteral("http://localhost:3000/webhooks"));
    QCOMPARE(dialog.headersTable()->rowCount(), 6);
    QCOMPARE(dialog.headersTable()->item(3, 0)->text(), QStringLiteral("X-Dup"));
    QCOMPARE(dialog.headersTable()->item(4, 1)->text(), QStringLiteral("2"));
    QCOMPARE(dialog.bodyEdit()->toPlainText(), QStringLiteral(R"({"booking":"<b>b-7</b>"})"));
    QVERIFY(!dialog.bodyEdit()->isReadOnly());
    QVERIFY(dialog.originalResponse()->toPlainText().contains(QStringLiteral("HTTP/1.1 200 OK")));
    QVERIFY(dialog.originalResponse()->toPlainText().contains(QStringLiteral(R"({"ok":true})")));
    QVERIFY(dialog.targetResponse()->toPlainText().isEmpty());
}

// Issue 24.23: the URL the event's path leads to is shown before sending; header names do not
// wrap; the original response lists the Content-Length the receiver sent.
void tst_ReplayDialog::saysWhereItSendsAndWhatWasAnswered()
{
    ReplayDialog dialog(capturedEvent());
    QCOMPARE(dialog.finalUrlLabel()->text(), QStringLiteral("Sends to: http://localhost:3000/webhooks/hooks/book?id=7"));
    dialog.urlCombo()->setEditText(QStringLiteral("http://127.0.0.1:9/base/"));
    QCOMPARE(dialog.finalUrlLabel()->text(), QStringLiteral("Sends to: http://127.0.0.1:9/base/hooks/book?id=7"));
    QCOMPARE(dialog.finalUrlLabel()->textFormat(), Qt::PlainText);
    QVERIFY(!dialog.headersTable()->wordWrap());
    QVERIFY2(dialog.originalResponse()->toPlainText().contains(QStringLiteral("Content-Length: 11")),
             qPrintable(dialog.originalResponse()->toPlainText()));
}

void tst_ReplayDialog::editedBodySentWithCtrlReturnAndShownBesideTheOriginal()
{
    ReplayDialog dialog(capturedEvent());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setUrl(targetUrl());
    dialog.bodyEdit()->setFocus();
    dialog.bodyEdit()->selectAll();
    QTest::keyClicks(dialog.bodyEdit(), QStringLiteral(R"({"booking":"edited"})"));
    QSignalSpy replayed(&dialog, &ReplayDialog::replayed);
    QTest::keyClick(dialog.bodyEdit(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(replayed.wait(10000));
    // Beside the original, which is unchanged.
    QTRY_VERIFY(dialog.targetResponse()->toPlainText().contains(QStringLiteral("HTTP/1.1 202 Accepted")));
    QVERIFY(dialog.targetResponse()->toPlainText().contains(QStringLiteral("X-Local-App: yes")));
    QVERIFY(dialog.targetResponse()->toPlainText().contains(QStringLiteral(R"({"queued":true})")));
    QVERIFY(dialog.originalResponse()->toPlainText().contains(QStringLiteral("HTTP/1.1 200 OK")));
    QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("answered 202")));
    QVERIFY(dialog.sendButton()->isEnabled());
    const std::optional<Event> arrived = lastAtTarget();
    QVERIFY(arrived);
    QCOMPARE(arrived->body, QByteArray(R"({"booking":"edited"})"));
    QCOMPARE(arrived->target, QByteArray("/local/hooks/book?id=7"));
    QCOMPARE(headerValue(arrived->headers, "content-length"), QByteArray::number(arrived->body.size()));
}

void tst_ReplayDialog::editedHeadersAreSentInOrder()
{
    ReplayDialog dialog(capturedEvent());
    dialog.setUrl(targetUrl());
    dialog.headersTable()->item(2, 1)->setText(QStringLiteral("sha256=edited"));
    dialog.headersTable()->removeRow(4); // the second X-Dup
    sendAndWait(dialog);
    const std::optional<Event> arrived = lastAtTarget();
    QVERIFY(arrived);
    QCOMPARE(arrived->headers.size(), 6);
    QCOMPARE(arrived->headers.at(2), (std::pair<QByteArray, QByteArray>("X-Signature", "sha256=edited")));
    QCOMPARE(arrived->headers.at(3), (std::pair<QByteArray, QByteArray>("X-Dup", "1")));
    QCOMPARE(arrived->headers.at(4).first, QByteArray("Content-Length"));
    QCOMPARE(arrived->headers.at(5).first, QByteArray("Via")); // the hop marker, always last
}

void tst_ReplayDialog::unchangedRequestIsSentAsCaptured()
{
    Event e = capturedEvent();
    e.body = "{\r\n  \"crlf\": true\r\n}";
    ReplayDialog dialog(e);
    dialog.setUrl(targetUrl());
    sendAndWait(dialog);
    const std::optional<Event> arrived = lastAtTarget();
    QVERIFY(arrived);
    QCOMPARE(arrived->body, e.body);
    QCOMPARE(arrived->method, QByteArray("POST"));
}

void tst_ReplayDialog::binaryBodyIsSentAsCapturedAndNotEditable()
{
    Event e = capturedEvent();
    e.body = QByteArray("\x00\x01\xff\xfe binary", 11);
    ReplayDialog dialog(e);
    QVERIFY(dialog.bodyEdit()->isReadOnly());
    QVERIFY(dialog.bodyEdit()->toPlainText().contains(QStringLiteral("\\x00\\x01\\xff")));
    dialog.setUrl(targetUrl());
    sendAndWait(dialog);
    const std::optional<Event> arrived = lastAtTarget();
    QVERIFY(arrived);
    QCOMPARE(arrived->body, e.body);
}

void tst_ReplayDialog::refusedConnectionIsShownAsAnError()
{
    quint16 closed = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        closed = probe.serverPort();
    }
    ReplayDialog dialog(capturedEvent());
    dialog.setUrl(QStringLiteral("http://127.0.0.1:%1/webhooks").arg(closed));
    sendAndWait(dialog);
    QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("connection refused")), qPrintable(dialog.statusLabel()->text()));
    QVERIFY(dialog.targetResponse()->toPlainText().startsWith(QStringLiteral("No response: connection refused")));
    QVERIFY(dialog.sendButton()->isEnabled());
}

void tst_ReplayDialog::invalidUrlIsExplainedWithoutSending()
{
    ReplayDialog dialog(capturedEvent());
    dialog.setUrl(QStringLiteral("ftp://localhost/x"));
    QSignalSpy replayed(&dialog, &ReplayDialog::replayed);
    dialog.send();
    QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("not an http")));
    QVERIFY(dialog.sendButton()->isEnabled());
    QTest::qWait(50);
    QCOMPARE(replayed.size(), 0);
}

// Replaying to Hookscope's own port (here spelled 0.0.0.0) would come straight back in.
void tst_ReplayDialog::ownAddressIsRefusedWithoutSending()
{
    Receiver own(m_recorder.get());
    ReceiverConfig config;
    config.port = 0;
    own.setConfig(config);
    own.setOwnAddress(true);
    QVERIFY(own.start());
    ReplayDialog dialog(capturedEvent());
    dialog.setUrl(QStringLiteral("http://0.0.0.0:%1/webhooks").arg(own.port()));
    QSignalSpy replayed(&dialog, &ReplayDialog::replayed);
    dialog.send();
    QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("where this Hookscope itself listens")),
             qPrintable(dialog.statusLabel()->text()));
    QVERIFY(dialog.sendButton()->isEnabled());
    QCOMPARE(replayed.size(), 0); // refused before anything was sent
    QVERIFY(!lastAtTarget());
}

void tst_ReplayDialog::urlHistoryIsRememberedMostRecentFirst()
{
    {
        ReplayDialog dialog(capturedEvent());
        dialog.setUrl(targetUrl());
        sendAndWait(dialog);
    }
    {
        ReplayDialog dialog(capturedEvent());
        dialog.setUrl(m_receiver->url().toString() + QStringLiteral("other"));
        sendAndWait(dialog);
        QCOMPARE(dialog.urlCombo()->count(), 2);
    }
    ReplayDialog dialog(capturedEvent());
    QCOMPARE(dialog.urlCombo()->currentText(), m_receiver->url().toString() + QStringLiteral("other"));
    QCOMPARE(dialog.urlCombo()->itemText(1), targetUrl());
}

void tst_ReplayDialog::noRichTextAnywhere()
{
    ReplayDialog dialog(capturedEvent());
    dialog.setUrl(QStringLiteral("<b>not a url</b>"));
    dialog.send();
    const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
    for (QLabel *label : labels)
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->text()));
}

void tst_ReplayDialog::signAgainMakesTheEditedBodyVerify()
{
    SignatureRule rule;
    rule.kind = QStringLiteral("*");
    rule.secret = "whsec_c2lnbiBtZSBhZ2Fpbg==";
    SignaturePresets::apply(*SignaturePresets::find(QStringLiteral("standard-webhooks")), &rule);
    Event event = capturedEvent();
    event.headers = {{"Content-Type", "application/json"}, {"webhook-id", "msg_1"}, {"webhook-timestamp", "1700000000"},
                     {"webhook-signature", "v1,b3JpZ2luYWw="}};
    ReplayDialog dialog(event);
    QVERIFY(!dialog.resignBox()->isEnabled()); // no rule yet: nothing to sign with
    SignatureRule highLevel = rule;
    SignaturePresets::apply(*SignaturePresets::find(QStringLiteral("highlevel")), &highLevel);
    dialog.setSigningRule(highLevel);
    QVERIFY2(!dialog.resignBox()->isEnabled() && dialog.resignBox()->toolTip().contains(QLatin1String("private key")),
             qPrintable(dialog.resignBox()->toolTip()));
    dialog.setSigningRule(rule);
    QVERIFY(dialog.resignBox()->isEnabled());
    QVERIFY(!dialog.resignBox()->isChecked()); // opt-in, per replay
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.setUrl(targetUrl());
    dialog.bodyEdit()->setFocus();
    dialog.bodyEdit()->selectAll();
    QTest::keyClicks(dialog.bodyEdit(), QStringLiteral(R"({"booking":"edited"})"));
    dialog.resignBox()->setChecked(true);
    sendAndWait(dialog);
    const std::optional<Event> arrived = lastAtTarget();
    QVERIFY(arrived);
    QCOMPARE(arrived->body, QByteArray(R"({"booking":"edited"})"));
    QVERIFY(headerValue(arrived->headers, "webhook-timestamp") != "1700000000"); // fresh
    SignedRequest received{arrived->headers, arrived->body, arrived->method, arrived->target, {}, arrived->receivedAtMs};
    const SignatureCheck check = SignatureVerifier({rule}).verify(QStringLiteral("k"), received);
    QVERIFY2(check.status == SignatureStatus::Valid, qPrintable(check.reason));
}

QTEST_MAIN(tst_ReplayDialog)
#include "tst_replaydialog.moc"
