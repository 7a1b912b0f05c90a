#include "DiffView.h"
#include "EventDetailPane.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "JsonTreeModel.h"
#include "JsonTreeView.h"
#include "MainWindow.h"
#include "session/CaptureSession.h"
#include "TestWindow.h"
#include "ViolationsPanel.h"
#include "enrich/EnrichmentService.h"
#include "http/Receiver.h"

#include <QComboBox>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>
#include <memory>

using namespace hookscope;

// The window with enrichment wired in: real requests on a loopback port, a fake inspector
// (FakeInspector) on the enrichment thread, results flowing to the table, the filters, the
// Violations tab, the tree and the Diff tab.
class tst_EnrichedWindow final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void enrichmentFillsKindAndResult();
    void kindAndValidityFiltersCombineWithText();
    void violationLeadsToTheTreeNode();
    void diffTabComparesWithThePreviousVersion();
    void resultsOfEarlierSessionsAreShownAndCaughtUp();

private:
    void post(const QByteArray &target, const QByteArray &body, const QByteArray &contentType = "application/json");
    void selectRow(int proxyRow);

    std::unique_ptr<TestWindow> m_test;
    MainWindow *m_window = nullptr; // m_test's
    QNetworkAccessManager m_network;
};

void tst_EnrichedWindow::initTestCase()
{
    TestWindow::useTestSettings();
    m_network.setProxy(QNetworkProxy::NoProxy);
}

void tst_EnrichedWindow::init()
{
    QString error;
    m_test = TestWindow::open(&error);
    QVERIFY2(m_test, qPrintable(error));
    m_window = m_test->window();
}

void tst_EnrichedWindow::cleanup()
{
    m_window = nullptr;
    m_test.reset();
}

void tst_EnrichedWindow::post(const QByteArray &target, const QByteArray &body, const QByteArray &contentType)
{
    QNetworkRequest request(m_window->session()->url().resolved(QUrl(QString::fromUtf8(target))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply *reply = m_network.post(request, body);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    reply->deleteLater();
}

void tst_EnrichedWindow::selectRow(int proxyRow)
{
    QTableView *table = m_window->listPane()->table();
    table->setFocus();
    table->selectionModel()->setCurrentIndex(table->model()->index(proxyRow, 0),
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void tst_EnrichedWindow::enrichmentFillsKindAndResult()
{
    post("/cb", R"({"kind": "callback-request", "event": "CallbackRequestCreate", "id": "r1"})");
    post("/cb", R"({"kind": "callback-request", "event": "CallbackRequestUpdate", "id": "r1", "bad": true})");
    post("/other", "<xml/>", "text/xml");
    EventListPane *list = m_window->listPane();
    QTRY_COMPARE(list->eventCount(), 3);
    const QAbstractItemModel *model = list->table()->model();
    QTRY_COMPARE(model->index(2, EventTableModel::KindColumn).data().toString(), QStringLiteral("not JSON"));
    QTRY_COMPARE(model->index(0, EventTableModel::KindColumn).data().toString(),
                 QStringLiteral("callback-request · CallbackRequestCreate"));
    QTRY_COMPARE(model->index(0, EventTableModel::ResultColumn).data().toString(), QStringLiteral("200 · valid"));
    QTRY_COMPARE(model->index(1, EventTableModel::ResultColumn).data().toString(), QStringLiteral("200 · 1 violation"));
    QCOMPARE(model->index(1, 0).data(EventTableModel::ValidityRole).toInt(), int(EventInfo::Validity::Invalid));
    QCOMPARE(model->index(2, EventTableModel::ResultColumn).data().toString(), QStringLiteral("200 · not JSON"));
    // The kind chooser lists what was seen.
    QComboBox *kinds = list->kindCombo();
    QStringList items;
    for (int i = 0; i < kinds->count(); ++i)
        items << kinds->itemText(i);
    QCOMPARE(items, (QStringList{QStringLiteral("All kinds"), QStringLiteral("callback-request"), QStringLiteral("unknown")}));
    // The detail pane of the selected event follows.
    selectRow(1);
    EventDetailPane *detail = m_window->detailPane();
    QTRY_COMPARE(detail->eventId(), list->model()->idAt(1));
    QCOMPARE(detail->tabs()->tabText(EventDetailPane::ViolationsTab), QStringLiteral("Violations (1)"));
    // Results that arrive while an event is shown update its tabs.
    post("/late", R"({"kind": "jicoo", "id": "9", "bad": true})");
    QTRY_COMPARE(list->eventCount(), 4);
    selectRow(3);
    QTRY_COMPARE(detail->tabs()->tabText(EventDetailPane::ViolationsTab), QStringLiteral("Violations (1)"));
    QTRY_COMPARE(detail->info()->kind, QStringLiteral("jicoo"));
}

void tst_EnrichedWindow::kindAndValidityFiltersCombineWithText()
{
    post("/a", R"({"kind": "jicoo", "id": "1", "note": "alpha"})");
    post("/b", R"({"kind": "jicoo", "id": "2", "bad": true, "note": "beta"})");
    post("/c", R"({"kind": "callback-request", "id": "3", "bad": true, "note": "alpha"})");
    post("/d", R"({"nothing": "known", "note": "alpha"})");
    EventListPane *list = m_window->listPane();
    QTRY_COMPARE(list->eventCount(), 4);
    QTRY_VERIFY(list->kindCombo()->count() == 4); // all, callback-request, jicoo, unknown
    QTRY_COMPARE(list->model()->index(3, 0).data(EventTableModel::ValidityRole).toInt(), int(EventInfo::Validity::Unknown));
    QAbstractItemModel *view = list->table()->model();
    QSignalSpy applied(list, &EventListPane::filterApplied);
    list->kindCombo()->setCurrentIndex(list->kindCombo()->findText(QStringLiteral("jicoo")));
    QCOMPARE(applied.size(), 1);
    QCOMPARE(view->rowCount(), 2);
    list->validityCombo()->setCurrentIndex(list->validityCombo()->findText(QStringLiteral("Invalid")));
    QCOMPARE(view->rowCount(), 1);
    QCOMPARE(view->index(0, EventTableModel::TargetColumn).data().toString(), QStringLiteral("/b"));
    list->kindCombo()->setCurrentIndex(0);
    QCOMPARE(view->rowCount(), 2); // /b and /c
    list->setFilterText(QStringLiteral("alpha"));
    QTRY_COMPARE(view->rowCount(), 1);
    QCOMPARE(view->index(0, EventTableModel::TargetColumn).data().toString(), QStringLiteral("/c"));
    auto *matchLabel = list->findChild<QLabel *>(QStringLiteral("matchLabel"));
    QCOMPARE(matchLabel->text(), QStringLiteral("1 of 4 events"));
    list->validityCombo()->setCurrentIndex(0);
    list->kindCombo()->setCurrentIndex(list->kindCombo()->findText(QStringLiteral("unknown")));
    QCOMPARE(view->rowCount(), 1);
    QCOMPARE(view->index(0, EventTableModel::TargetColumn).data().toString(), QStringLiteral("/d"));
    // A live event passes through all three filters once validated.
    list->kindCombo()->setCurrentIndex(list->kindCombo()->findText(QStringLiteral("jicoo")));
    list->setFilterText(QString());
    QCOMPARE(view->rowCount(), 2);
    post("/e", R"({"kind": "jicoo", "id": "5"})");
    post("/f", R"({"kind": "callback-request", "id": "6"})");
    QTRY_COMPARE(list->eventCount(), 6);
    QTRY_COMPARE(view->rowCount(), 3);
    QCOMPARE(matchLabel->text(), QStringLiteral("3 of 6 events"));
}

void tst_EnrichedWindow::violationLeadsToTheTreeNode()
{
    post("/hooks", R"({"kind": "orders", "bad": true, "data": {"items": [1, 2], "x": "seven"}})");
    EventListPane *list = m_window->listPane();
    QTRY_COMPARE(list->eventCount(), 1);
    QTRY_COMPARE(list->model()->index(0, 0).data(EventTableModel::ValidityRole).toInt(), int(EventInfo::Validity::Invalid));
    selectRow(0);
    EventDetailPane *detail = m_window->detailPane();
    QTRY_VERIFY(detail->eventId() > 0);
    detail->tabs()->setCurrentIndex(EventDetailPane::ViolationsTab);
    ViolationsPanel *panel = detail->violationsPanel();
    QCOMPARE(panel->count(), 1);
    QTreeWidget *violations = panel->list();
    QCOMPARE(violations->topLevelItem(0)->text(1), QStringLiteral("must be a <b>number</b>"));
    violations->setFocus();
    violations->setCurrentItem(violations->topLevelItem(0));
    QTest::keyClick(violations, Qt::Key_Return);
    QCOMPARE(detail->tabs()->currentIndex(), int(EventDetailPane::TreeTab));
    const QModelIndex node = detail->treeView()->tree()->currentIndex();
    QCOMPARE(node.data(JsonTreeModel::JsonPointerRole).toString(), QStringLiteral("/data/x"));
    QCOMPARE(ViolationState(node.data(JsonTreeModel::ViolationStateRole).toInt()), ViolationState::Offending);
    QCOMPARE(ViolationState(node.parent().data(JsonTreeModel::ViolationStateRole).toInt()), ViolationState::OnPath);
}

void tst_EnrichedWindow::diffTabComparesWithThePreviousVersion()
{
    post("/cb", R"({"kind": "callback-request", "id": "r1", "data": {"status": "new", "phone": "+31"}})");
    post("/cb", R"({"kind": "callback-request", "id": "r2", "data": {"status": "new"}})");
    post("/cb", R"({"kind": "callback-request", "id": "r1", "data": {"status": "done", "agent": "Ada"}})");
    EventListPane *list = m_window->listPane();
    QTRY_COMPARE(list->eventCount(), 3);
    QTRY_COMPARE(list->model()->index(2, 0).data(EventTableModel::ValidityRole).toInt(), int(EventInfo::Validity::Valid));
    // The Diff tab reads earlier results from the store: wait until the writer committed them.
    EventStore store;
    QString error;
    QVERIFY(store.open(m_test->dbPath(), &error));
    QTRY_VERIFY(store.loadInfo(list->model()->idAt(1)).has_value());
    EventDetailPane *detail = m_window->detailPane();
    detail->tabs()->setCurrentIndex(EventDetailPane::DiffTab);
    selectRow(0);
    QTRY_COMPARE(detail->eventId(), list->model()->idAt(0));
    QVERIFY2(detail->diffView()->summary()->text().startsWith(QStringLiteral("No previous version")),
             qPrintable(detail->diffView()->summary()->text()));
    selectRow(2);
    QTRY_COMPARE(detail->eventId(), list->model()->idAt(2));
    // The results of earlier events are written by the writer thread: wait for them.
    QVERIFY2(detail->diffView()->summary()->text().startsWith(QStringLiteral("Against #%1").arg(list->model()->idAt(0))),
             qPrintable(detail->diffView()->summary()->text()));
    QTreeWidget *tree = detail->diffView()->tree();
    QCOMPARE(tree->topLevelItem(0)->text(DiffView::FieldColumn), QStringLiteral("data"));
    QCOMPARE(tree->topLevelItem(0)->childCount(), 3); // agent added, phone removed, status changed
}

void tst_EnrichedWindow::resultsOfEarlierSessionsAreShownAndCaughtUp()
{
    post("/one", R"({"kind": "jicoo", "id": "1"})");
    QTRY_COMPARE(m_window->listPane()->model()->index(0, 0).data(EventTableModel::KindRole).toString(),
                 QStringLiteral("jicoo"));
    // Events stored while no enrichment runs are inspected at the next start.
    m_window->enrichment()->stop();
    post("/two", R"({"kind": "callback-request", "id": "2"})");
    QTRY_COMPARE(m_window->listPane()->eventCount(), 2);
    QString error;
    QVERIFY2(m_test->show(&error), qPrintable(error)); // a new window on the same store
    m_window = m_test->window();
    EventListPane *list = m_window->listPane();
    QTRY_COMPARE(list->eventCount(), 2);
    QCOMPARE(list->model()->index(0, EventTableModel::KindColumn).data().toString(), QStringLiteral("jicoo"));
    QTRY_COMPARE(list->model()->index(1, EventTableModel::KindColumn).data().toString(), QStringLiteral("callback-request"));
}

QTEST_MAIN(tst_EnrichedWindow)
#include "tst_enrichedwindow.moc"
