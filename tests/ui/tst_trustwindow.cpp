// Trust in the window: signature outcome and rejection in the table and the detail pane,
// the store-full notice (503) and its recovery, the damaged-store notice, the bind warning.
#include "EventDetailPane.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "MainWindow.h"
#include "session/CaptureSession.h"
#include "StatusBarPane.h"
#include "TestWindow.h"
#include "TrustLine.h"
#include "common/RawHttpClient.h"
#include "http/Receiver.h"
#include "store/EventRecorder.h"
#include "trust/SignaturePresets.h"
#include "trust/SignatureVerifier.h"

#include <QFile>
#include <QMessageBox>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
const QByteArray kSecret = "whsec_window";
}

class tst_TrustWindow final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void signatureOutcomeShowsInTableAndDetails();
    void rejectedRequestIsShownFlagged();
    void matchedKeyAndReplayedIdShowInTableAndDetails();
    void storeFullIsExplainedAndClearsWhenSpaceReturns();
    void damagedStoreIsKeptAsideWithANotice();
    void bindingBeyondLoopbackWarns();

private:
    [[nodiscard]] AppOptions options() const;
    void open(const AppOptions &options);
    int send(const QByteArray &request);
    [[nodiscard]] QString resultText(int row) const;
    void selectRow(int row);

    std::unique_ptr<TestWindow> m_test;
    MainWindow *m_window = nullptr; // m_test's
};

void tst_TrustWindow::initTestCase()
{
    TestWindow::useTestSettings();
}

AppOptions tst_TrustWindow::options() const
{
    AppOptions o = m_test->options();
    SignatureRule rule;
    rule.kind = QStringLiteral("booking");
    rule.header = "X-Signature";
    rule.prefix = "sha256=";
    rule.secret = kSecret;
    o.signatures = {rule};
    return o;
}

void tst_TrustWindow::init()
{
    m_test = std::make_unique<TestWindow>();
}

void tst_TrustWindow::open(const AppOptions &options)
{
    QString error;
    QVERIFY2(m_test->show(options, &error, TestWindow::Receiving::Later), qPrintable(error));
    m_window = m_test->window();
}

void tst_TrustWindow::cleanup()
{
    m_window = nullptr;
    m_test.reset();
}

int tst_TrustWindow::send(const QByteArray &request)
{
    RawHttpClient client(m_window->session()->port());
    client.send(request);
    if (!QTest::qWaitFor([&] { return !client.responses().isEmpty(); }, 10'000))
        return 0;
    return client.responses().first().status;
}

QString tst_TrustWindow::resultText(int row) const
{
    const QAbstractItemModel *model = m_window->listPane()->table()->model();
    return model->index(row, EventTableModel::ResultColumn).data().toString();
}

void tst_TrustWindow::selectRow(int row)
{
    QTableView *table = m_window->listPane()->table();
    table->selectionModel()->setCurrentIndex(table->model()->index(row, 0),
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void tst_TrustWindow::signatureOutcomeShowsInTableAndDetails()
{
    open(options());
    const QByteArray body = R"({"kind":"booking","id":"b1"})";
    const QByteArray good = SignatureVerifier::hmac(SignatureRule::Algorithm::HmacSha256, kSecret, body).toHex();
    QCOMPARE(send(post("/hooks/b", body, "X-Signature: sha256=" + good + "\r\n")), 200);
    QCOMPARE(send(post("/hooks/b", body, "X-Signature: sha256=" + QByteArray(64, '0') + "\r\n")), 200);
    QCOMPARE(send(post("/hooks/o", R"({"kind":"other"})")), 200);
    QTRY_COMPARE(m_window->listPane()->eventCount(), 3);
    QTRY_VERIFY(resultText(0).contains(QLatin1String("signed")));
    QTRY_VERIFY2(resultText(1).contains(QLatin1String("signature invalid")), qPrintable(resultText(1)));
    QTRY_VERIFY(resultText(2).contains(QLatin1String("valid")));
    QVERIFY(!resultText(2).contains(QLatin1String("sign")));
    const QString tip = m_window->listPane()->table()->model()->index(1, EventTableModel::ResultColumn)
                            .data(Qt::ToolTipRole)
                            .toString();
    QVERIFY2(tip.contains(QLatin1String("Signature invalid: HMAC-SHA256 of the body does not match X-Signature")),
             qPrintable(tip));

    selectRow(0);
    TrustLine *line = m_window->detailPane()->trustLine();
    QTRY_VERIFY2(line->text().contains(QLatin1String("Signature valid: HMAC-SHA256 of the body matches X-Signature")),
                 qPrintable(line->text()));
    QVERIFY(line->isVisible());
    QCOMPARE(line->textFormat(), Qt::PlainText);
    selectRow(1);
    QTRY_VERIFY(line->text().contains(QLatin1String("Signature invalid")));
    selectRow(2);
    QTRY_VERIFY2(line->text().contains(QLatin1String("no signature rule for the kind other")), qPrintable(line->text()));

    // After a restart the outcome comes from the store (event_trust).
    open(options());
    QTRY_COMPARE(m_window->listPane()->eventCount(), 3);
    QVERIFY(resultText(0).contains(QLatin1String("signed")));
    QVERIFY(resultText(1).contains(QLatin1String("signature invalid")));
}

void tst_TrustWindow::matchedKeyAndReplayedIdShowInTableAndDetails()
{
    AppOptions o = options();
    SignatureRule &rule = o.signatures.first();
    rule.secret = "the old secret\n" + kSecret; // a rotation: both keys verify
    SignaturePresets::apply(*SignaturePresets::find(QStringLiteral("github")), &rule);
    open(o);
    const QByteArray body = R"({"kind":"booking","id":"b1"})";
    const QByteArray delivery = "X-Hub-Signature-256: sha256="
        + SignatureVerifier::hmac(SignatureRule::Algorithm::HmacSha256, kSecret, body).toHex()
        + "\r\nX-GitHub-Delivery: d-1\r\n";
    QCOMPARE(send(post("/hooks/b", body, delivery)), 200);
    QCOMPARE(send(post("/hooks/b", body, delivery)), 200); // GitHub's retry of the same delivery
    QTRY_COMPARE(m_window->listPane()->eventCount(), 2);
    QTRY_VERIFY2(resultText(1).contains(QLatin1String("signed, replayed id")), qPrintable(resultText(1)));
    const auto tip = [this](int row) {
        return m_window->listPane()->table()->model()->index(row, EventTableModel::ResultColumn).data(Qt::ToolTipRole).toString();
    };
    QVERIFY2(tip(0).contains(QLatin1String("Signature valid: HMAC-SHA256 of the body matches X-Hub-Signature-256 (key 2 of 2)")),
             qPrintable(tip(0)));
    QVERIFY2(tip(1).contains(QLatin1String("replayed id d-1 (first in event #1)")), qPrintable(tip(1)));
    selectRow(1);
    TrustLine *line = m_window->detailPane()->trustLine();
    QTRY_VERIFY2(line->text().contains(QLatin1String("Signature valid, but replayed id d-1 (first in event #1)")),
                 qPrintable(line->text()));
    QVERIFY(line->text().contains(QLatin1String("(key 2 of 2)")));
}

void tst_TrustWindow::rejectedRequestIsShownFlagged()
{
    AppOptions o = options();
    o.receiver.guard.secret = "let-me-in";
    open(o);
    QCOMPARE(send(post("/hooks/x", R"({"kind":"other"})")), 401);
    QCOMPARE(send(post("/hooks/y", R"({"kind":"other"})", "Authorization: Bearer let-me-in\r\n")), 200);
    QTRY_COMPARE(m_window->listPane()->eventCount(), 2);
    QTRY_VERIFY2(resultText(0).startsWith(QStringLiteral("401 · rejected")), qPrintable(resultText(0)));
    QVERIFY(!resultText(1).contains(QLatin1String("rejected")));
    selectRow(0);
    TrustLine *line = m_window->detailPane()->trustLine();
    QTRY_VERIFY2(line->text().contains(QLatin1String("Rejected by the endpoint")), qPrintable(line->text()));
    QVERIFY(line->text().contains(QLatin1String("missing \"Authorization: Bearer\" token")));
    selectRow(1);
    QTRY_VERIFY(!line->text().contains(QLatin1String("Rejected")));
}

void tst_TrustWindow::storeFullIsExplainedAndClearsWhenSpaceReturns()
{
    open(options());
    StatusBarPane *status = m_window->statusPane();
    QVERIFY(status->storeProblemText().isEmpty());
    m_window->recorder()->setPageLimit(EventRecorder::kPageLimitCurrentSize);
    QByteArray noise(64 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < noise.size(); ++i)
        noise[i] = char(QRandomGenerator::global()->bounded(256));
    QCOMPARE(send(post("/full", noise)), 503);
    QTRY_VERIFY2(status->storeProblemText().contains(QLatin1String("Not storing, requests get 503")),
                 qPrintable(status->storeProblemText()));
    QVERIFY(status->storeProblemText().contains(QLatin1String("full")));
    // (While the status bar shows a temporary message its panes are hidden: visible to the pane is what counts.)
    QVERIFY(status->findChild<QLabel *>(QStringLiteral("storeLabel"))->isVisibleTo(status));
    m_window->recorder()->setPageLimit(0);
    QCOMPARE(send(post("/after", "{}")), 200);
    QTRY_VERIFY(status->storeProblemText().isEmpty());
    QTRY_COMPARE(m_window->listPane()->eventCount(), 1);
}

void tst_TrustWindow::damagedStoreIsKeptAsideWithANotice()
{
    const AppOptions o = options();
    QFile garbage(o.dbPath);
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray("not a store ").repeated(1000));
    garbage.close();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("was damaged")));
    open(o);
    QVERIFY(m_window->storeError().isEmpty());
    QVERIFY(m_window->session()->isListening());
    const QString notice = m_window->storeNotice();
    QVERIFY2(notice.contains(o.dbPath + QStringLiteral(".corrupt-")), qPrintable(notice));
    QVERIFY(m_window->statusPane()->storeProblemText().contains(QLatin1String("kept as")));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("storeRecoveryBox"))) && box->isVisible());
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QCOMPARE(box->text(), notice);
    box->accept();
    QCOMPARE(send(post("/after", "{}")), 200);
    QTRY_COMPARE(m_window->listPane()->eventCount(), 1);
}

void tst_TrustWindow::bindingBeyondLoopbackWarns()
{
    AppOptions o = options();
    open(o);
    QVERIFY(m_window->statusPane()->exposureText().isEmpty());
    o.receiver.bindAddress = QHostAddress(QHostAddress::AnyIPv4); // listens only; no traffic leaves the machine
    open(o);
    QVERIFY2(m_window->statusPane()->exposureText().contains(QLatin1String("reachable from other machines")),
             qPrintable(m_window->statusPane()->exposureText()));
    QVERIFY(m_window->statusPane()->exposureText().contains(QLatin1String("no shared secret")));
    m_window->stopReceiver();
    QVERIFY(m_window->statusPane()->exposureText().isEmpty());
}

QTEST_MAIN(tst_TrustWindow)
#include "tst_trustwindow.moc"
