// Issue 24, findings 17 and 18 (rests): a form body no kind claims is of the neutral "form"
// kind (no "not JSON" warning), and "unknown" (events of no kind) can be held from
// Settings › Holding. Real window, real enrichment, real sockets.
#include "EventDetailPane.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "HoldPolicyModel.h"
#include "HoldSettingsPage.h"
#include "MainWindow.h"
#include "TestWindow.h"
#include "common/RawHttpClient.h"
#include "hold/HoldDesk.h"
#include "session/CaptureSession.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

class tst_NeutralKinds final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void formBodyIsOfTheFormKind_data();
    void formBodyIsOfTheFormKind();
    void holdingListsUnknownAndSavesIt();
    void heldUnknownWaitsInTheWindow();

private:
    std::unique_ptr<TestWindow> m_test;
};

void tst_NeutralKinds::initTestCase()
{
    TestWindow::useTestSettings(QStringLiteral("hookscope-tests-neutralkinds")); // its hold settings are its own
}

void tst_NeutralKinds::init()
{
    QSettings().clear();
}

void tst_NeutralKinds::cleanup()
{
    m_test.reset();
}

void tst_NeutralKinds::formBodyIsOfTheFormKind_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("validity");
    QTest::newRow("a form: neutral form kind")
        << QByteArray("application/x-www-form-urlencoded; charset=utf-8") << "form" << int(EventInfo::Validity::Unknown);
    QTest::newRow("the same bytes as text: still not JSON")
        << QByteArray("text/plain") << "not JSON" << int(EventInfo::Validity::NotJson);
}

void tst_NeutralKinds::formBodyIsOfTheFormKind()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QString, kind);
    QFETCH(int, validity);
    m_test = std::make_unique<TestWindow>(TestWindow::Inspection::Real);
    QString error;
    QVERIFY2(m_test->show(&error), qPrintable(error));
    MainWindow *window = m_test->window();
    RawHttpClient client(window->session()->port());
    client.send(post("/slack/command", "command=%2Fdeploy&text=api+v2&user_name=ann",
                     "Content-Type: " + contentType + "\r\n"));
    QTRY_COMPARE(client.responses().size(), 1);
    EventTableModel *model = window->listPane()->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model->rowCount(), 1);
    QTRY_VERIFY(model->index(0, 0).data(EventTableModel::ValidityRole).toInt() != int(EventInfo::Validity::NotChecked));
    QCOMPARE(model->index(0, 0).data(EventTableModel::ValidityRole).toInt(), validity);
    QCOMPARE(model->index(0, EventTableModel::KindColumn).data().toString(), kind);
    const QString result = model->index(0, EventTableModel::ResultColumn).data().toString();
    if (validity == int(EventInfo::Validity::Unknown)) {
        QCOMPARE(result, QStringLiteral("200 OK")); // no "not JSON" warning
        QVERIFY(window->listPane()->model()->kinds().contains(QStringLiteral("form"))); // the Kind filter offers it
        // The details say once what it is, in the tabs that read JSON.
        window->listPane()->table()->selectRow(0);
        QTRY_COMPARE(window->detailPane()->eventId(), model->idAt(0));
        window->detailPane()->tabs()->setCurrentIndex(EventDetailPane::ViolationsTab);
        auto *summary = window->detailPane()->findChild<QLabel *>(QStringLiteral("violationsSummary"));
        QVERIFY(summary);
        QTRY_COMPARE(summary->text(), QStringLiteral("The body is a URL-encoded form, not JSON: the Body tab shows its fields."));
    } else {
        QVERIFY2(result.contains(QStringLiteral("not JSON")), qPrintable(result));
    }
}

void tst_NeutralKinds::holdingListsUnknownAndSavesIt()
{
    HoldSettingsPage page({QStringLiteral("jicoo")}, PresetCatalog::builtIn());
    QSettings settings;
    page.load(settings);
    auto *view = page.findChild<QTableView *>(QStringLiteral("holdView"));
    QVERIFY(view);
    QAbstractItemModel *model = view->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, HoldPolicyModel::KindColumn).data().toString() == QLatin1String("unknown"))
            row = r;
    }
    QVERIFY2(row >= 0, "Settings › Holding has no row for events of no kind");
    const QModelIndex hold = model->index(row, HoldPolicyModel::HoldColumn);
    QCOMPARE(hold.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QVERIFY(model->setData(hold, int(Qt::Checked), Qt::CheckStateRole));
    page.save(settings);
    QCOMPARE(settings.value(QStringLiteral("hold/unknown/hold")).toBool(), true);
}

void tst_NeutralKinds::heldUnknownWaitsInTheWindow()
{
    QSettings().setValue(QStringLiteral("hold/unknown/hold"), true);
    QSettings().setValue(QStringLiteral("hold/unknown/deadlineMs"), 60'000);
    QString error;
    m_test = TestWindow::open(&error);
    QVERIFY2(m_test, qPrintable(error));
    MainWindow *window = m_test->window();
    RawHttpClient slow(window->session()->port());
    slow.send(post("/status", "ping", "Content-Type: text/plain\r\n"));
    QTRY_COMPARE(window->holdDesk()->count(), 1);
    QCOMPARE(window->holdDesk()->heldRequests().at(0).kind, QStringLiteral("unknown"));
    QVERIFY(slow.received().isEmpty()); // a slow server: nothing sent yet
    const qint64 id = window->holdDesk()->heldRequests().at(0).id;
    QTRY_VERIFY(window->listPane()->model()->isWaiting(id));
    QVERIFY(window->holdDesk()->answer(id, HttpResponse{503, {}, "busy"}, AnswerSource::Click));
    QTRY_COMPARE(slow.responses().size(), 1);
    QCOMPARE(slow.responses().at(0).status, 503);
    // A text answer is no "answer invalid" for a kind without a response schema.
    EventTableModel *model = window->listPane()->model();
    QTRY_VERIFY(model->index(model->rowOf(id), EventTableModel::ResultColumn).data().toString().startsWith(
        QStringLiteral("503 · custom, by you, ")));
    QVERIFY(!model->index(model->rowOf(id), EventTableModel::ResultColumn).data().toString().contains(
        QStringLiteral("invalid")));
}

QTEST_MAIN(tst_NeutralKinds)
#include "tst_neutralkinds.moc"
