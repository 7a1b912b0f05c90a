#include "BodyView.h"
#include "EventDetailPane.h"
#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "HeadersView.h"
#include "JsonTreeModel.h"
#include "JsonTreeView.h"
#include "MainToolBar.h"
#include "MainWindow.h"
#include "session/CaptureSession.h"
#include "StatusBarPane.h"
#include "TestWindow.h"
#include "http/Receiver.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>
#include <QTreeWidget>
#include <memory>

using namespace hookscope;

class tst_MainWindow final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void postedRequestsAppearAsRows();
    void selectingARowFillsEachTab();
    void filterHidesAndShowsRows();
    void filterMatchesCompressedBodiesAndLiveEvents();
    void streamingKeepsModelsConsistent();
    void followsTheNewestRowUnlessPaused();
    void deleteKeyRemovesSelectedEvents();
    void clearKeepsACopyWhenAsked();
    void reopeningLoadsTheHistory();
    void busyPortShowsTheError();
    void payloadMarkupIsNeverRendered();

private:
    void post(const QByteArray &target, const QByteArray &body, const QByteArray &contentType = "application/json",
              const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    void postMany(int count, const QByteArray &prefix);
    void selectRow(int proxyRow);

    std::unique_ptr<TestWindow> m_test;
    MainWindow *m_window = nullptr; // m_test's
    QNetworkAccessManager m_network;
};

void tst_MainWindow::initTestCase()
{
    TestWindow::useTestSettings();
    m_network.setProxy(QNetworkProxy::NoProxy);
}

void tst_MainWindow::init()
{
    QString error;
    m_test = TestWindow::open(&error);
    QVERIFY2(m_test, qPrintable(error));
    m_window = m_test->window();
}

void tst_MainWindow::cleanup()
{
    m_window = nullptr;
    m_test.reset();
}

void tst_MainWindow::post(const QByteArray &target, const QByteArray &body, const QByteArray &contentType,
                          const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(m_window->session()->url().resolved(QUrl(QString::fromUtf8(target))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.post(request, body);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    reply->deleteLater();
}

void tst_MainWindow::postMany(int count, const QByteArray &prefix)
{
    QList<QNetworkReply *> replies;
    for (int i = 0; i < count; ++i) {
        QNetworkRequest request(m_window->session()->url().resolved(QUrl(QString::fromUtf8(prefix) + QString::number(i))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        replies.append(m_network.post(request, QByteArray(R"({"n": )") + QByteArray::number(i) + "}"));
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); }),
                             20'000);
    qDeleteAll(replies);
}

void tst_MainWindow::selectRow(int proxyRow)
{
    QTableView *table = m_window->listPane()->table();
    table->setFocus();
    table->selectionModel()->setCurrentIndex(table->model()->index(proxyRow, 0),
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void tst_MainWindow::postedRequestsAppearAsRows()
{
    post("/hooks/orders?x=1", R"({"order": 1})");
    post("/hooks/users", R"({"user": "ada"})", "application/json", {{"X-Forwarded-For", "198.51.100.7"}});
    EventListPane *list = m_window->listPane();
    QTRY_COMPARE(list->eventCount(), 2);
    const QAbstractItemModel *model = list->table()->model();
    QCOMPARE(model->index(0, EventTableModel::MethodColumn).data().toString(), QStringLiteral("POST"));
    QCOMPARE(model->index(0, EventTableModel::TargetColumn).data().toString(), QStringLiteral("/hooks/orders?x=1"));
    // An unknown kind keeps the plain HTTP result once enrichment ran.
    QTRY_COMPARE(model->index(0, EventTableModel::ResultColumn).data().toString(), QStringLiteral("200 OK"));
    QCOMPARE(model->index(0, EventTableModel::KindColumn).data().toString(), QStringLiteral("unknown"));
    QCOMPARE(model->index(0, EventTableModel::BodySizeColumn).data().toString(), QStringLiteral("12 B"));
    QCOMPARE(model->index(0, EventTableModel::SenderColumn).data().toString(), QStringLiteral("127.0.0.1"));
    QCOMPARE(model->index(1, EventTableModel::SenderColumn).data().toString(), QStringLiteral("198.51.100.7"));
    QVERIFY(model->index(0, EventTableModel::TimeColumn).data().toString().contains(QLatin1Char('.')));
    auto *count = m_window->statusBar()->findChild<QLabel *>(QStringLiteral("countLabel")); // a permanent widget of the bar
    QCOMPARE(count->text(), QStringLiteral("2 events"));
    QVERIFY(m_window->statusPane()->listeningText().contains(m_window->session()->url().toString()));
}

void tst_MainWindow::selectingARowFillsEachTab()
{
    post("/hooks/a", R"({"first": true})");
    // Raw bytes: QNetworkAccessManager would merge the two X-Trace fields.
    const QByteArray second = R"({"second": {"deep": [1, 2]}})";
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, m_window->session()->port());
    QVERIFY(raw.waitForConnected(5000));
    raw.write("POST /hooks/b HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-Trace: t-1\r\n"
              "X-Trace: t-2\r\nContent-Length: " + QByteArray::number(second.size()) + "\r\n\r\n" + second);
    QTRY_VERIFY(raw.bytesAvailable() > 0);
    EventListPane *list = m_window->listPane();
    QTRY_COMPARE(list->eventCount(), 2);
    EventDetailPane *detail = m_window->detailPane();
    selectRow(0);
    QTRY_COMPARE(detail->eventId(), list->model()->idAt(0));
    // Up/Down move through events with the details following.
    QTest::keyClick(list->table(), Qt::Key_Down);
    QTRY_COMPARE(detail->eventId(), list->model()->idAt(1));

    detail->tabs()->setCurrentIndex(EventDetailPane::BodyTab);
    auto *body = detail->bodyView()->findChild<QPlainTextEdit *>(QStringLiteral("bodyText"));
    QCOMPARE(body->toPlainText(), QStringLiteral("{\n  \"second\": {\n    \"deep\": [\n      1,\n      2\n    ]\n  }\n}"));

    detail->tabs()->setCurrentIndex(EventDetailPane::TreeTab);
    JsonTreeModel *tree = detail->treeView()->model();
    QCOMPARE(tree->rowCount(), 1);
    QCOMPARE(tree->index(0, 0, tree->index(0, 0)).data().toString(), QStringLiteral("second"));

    detail->tabs()->setCurrentIndex(EventDetailPane::HeadersTab);
    QTreeWidget *headers = detail->headersView()->tree();
    QTreeWidgetItem *fields = headers->topLevelItem(1);
    QStringList traces;
    for (int i = 0; i < fields->childCount(); ++i) {
        if (fields->child(i)->text(0) == QLatin1String("X-Trace"))
            traces << fields->child(i)->text(1);
    }
    QCOMPARE(traces, (QStringList{QStringLiteral("t-1"), QStringLiteral("t-2")}));

    detail->tabs()->setCurrentIndex(EventDetailPane::ResponseTab);
    auto *status = detail->findChild<QLabel *>(QStringLiteral("responseStatus"));
    QVERIFY2(status->text().startsWith(QStringLiteral("200 OK")), qPrintable(status->text()));
    QCOMPARE(detail->findChild<QPlainTextEdit *>(QStringLiteral("responseBody"))->toPlainText(),
             QStringLiteral("{\n  \"ok\": true\n}")); // a JSON answer is shown indented

    QTest::keyClick(list->table(), Qt::Key_Up);
    QTRY_COMPARE(detail->eventId(), list->model()->idAt(0));
    QVERIFY(detail->findChild<QPlainTextEdit *>(QStringLiteral("responseBody"))->toPlainText().contains(QLatin1String("ok")));
}

void tst_MainWindow::filterHidesAndShowsRows()
{
    post("/hooks/payments", R"({"type": "invoice.paid", "amount": 10})");
    post("/hooks/users", R"({"type": "user.created"})", "application/json", {{"X-Signature", "Sig-ABC"}});
    post("/hooks/other", "plain body with Needle inside", "text/plain");
    EventListPane *list = m_window->listPane();
    QTRY_COMPARE(list->eventCount(), 3);
    QAbstractItemModel *view = list->table()->model();

    QSignalSpy applied(list, &EventListPane::filterApplied);
    list->setFilterText(QStringLiteral("INVOICE")); // body text, case-insensitive
    QTRY_COMPARE(applied.size(), 1);
    QCOMPARE(view->rowCount(), 1);
    QCOMPARE(view->index(0, EventTableModel::TargetColumn).data().toString(), QStringLiteral("/hooks/payments"));

    list->setFilterText(QStringLiteral("sig-abc")); // header value
    QTRY_COMPARE(applied.size(), 2);
    QCOMPARE(view->rowCount(), 1);
    QCOMPARE(view->index(0, EventTableModel::TargetColumn).data().toString(), QStringLiteral("/hooks/users"));

    list->setFilterText(QStringLiteral("/hooks/")); // target
    QTRY_COMPARE(applied.size(), 3);
    QCOMPARE(view->rowCount(), 3);

    list->setFilterText(QStringLiteral("needle"));
    QTRY_COMPARE(applied.size(), 4);
    QCOMPARE(view->rowCount(), 1);

    list->setFilterText(QStringLiteral("no such text anywhere"));
    QTRY_COMPARE(applied.size(), 5);
    QCOMPARE(view->rowCount(), 0);

    // Typing goes through the debounce and the worker thread too.
    list->filterEdit()->clear();
    QTRY_COMPARE(view->rowCount(), 3);
    QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(list->filterEdit()->hasFocus());
    QTest::keyClicks(list->filterEdit(), QStringLiteral("user.cre"));
    QTRY_COMPARE(view->rowCount(), 1);
    QTest::keyClick(list->filterEdit(), Qt::Key_Escape);
    QTRY_COMPARE(view->rowCount(), 3);
}

void tst_MainWindow::filterMatchesCompressedBodiesAndLiveEvents()
{
    // Bodies of 16 KiB and more are stored zlib-compressed: the search inflates them.
    QByteArray big = R"({"padding": ")" + QByteArray(40'000, 'x') + R"(", "marker": "DeepInTheBody"})";
    post("/hooks/big", big);
    post("/hooks/small", R"({"marker": "elsewhere"})");
    EventListPane *list = m_window->listPane();
    QTRY_COMPARE(list->eventCount(), 2);
    QSignalSpy applied(list, &EventListPane::filterApplied);
    list->setFilterText(QStringLiteral("deepinthebody"));
    QTRY_COMPARE(applied.size(), 1);
    QAbstractItemModel *view = list->table()->model();
    QCOMPARE(view->rowCount(), 1);
    QCOMPARE(view->index(0, EventTableModel::TargetColumn).data().toString(), QStringLiteral("/hooks/big"));

    // Events arriving while the filter is active are matched in memory.
    post("/hooks/live-match", R"({"note": "deepinthebody again"})");
    post("/hooks/live-other", R"({"note": "nothing"})");
    QTRY_COMPARE(list->eventCount(), 4);
    QCOMPARE(view->rowCount(), 2);
    QCOMPARE(view->index(1, EventTableModel::TargetColumn).data().toString(), QStringLiteral("/hooks/live-match"));
}

void tst_MainWindow::streamingKeepsModelsConsistent()
{
    EventListPane *list = m_window->listPane();
    QAbstractItemModelTester modelTester(list->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(list->proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(list->model(), &QAbstractItemModel::rowsInserted);
    list->table()->sortByColumn(EventTableModel::BodySizeColumn, Qt::DescendingOrder);
    postMany(60, "/stream/");
    QTRY_COMPARE(list->eventCount(), 60);
    // 60 concurrent requests arrive in a few coalesced batches, never one insert per event.
    QVERIFY2(inserted.size() < 60 / 2, qPrintable(QString::number(inserted.size())));
    int total = 0;
    for (const QList<QVariant> &args : std::as_const(inserted))
        total += args.at(2).toInt() - args.at(1).toInt() + 1;
    QCOMPARE(total, 60);
    list->setFilterText(QStringLiteral("/stream/1"));
    QTRY_COMPARE(list->proxy()->rowCount(), 11); // 1, 10..19
    postMany(20, "/stream/b");
    QTRY_COMPARE(list->eventCount(), 80);
    QCOMPARE(list->proxy()->rowCount(), 11);
}

void tst_MainWindow::followsTheNewestRowUnlessPaused()
{
    m_window->resize(900, 500);
    EventListPane *list = m_window->listPane();
    QScrollBar *bar = list->table()->verticalScrollBar();
    postMany(80, "/follow/");
    QTRY_COMPARE(list->eventCount(), 80);
    QTRY_VERIFY(bar->maximum() > 0);
    QTRY_COMPARE(bar->value(), bar->maximum());

    // Scrolled away: stays put.
    bar->setValue(0);
    postMany(5, "/follow/more");
    QTRY_COMPARE(list->eventCount(), 85);
    QCoreApplication::processEvents();
    QCOMPARE(bar->value(), 0);

    // Back at the bottom but paused: stays put too.
    bar->setValue(bar->maximum());
    m_window->toolBar()->pauseAction()->trigger();
    QVERIFY(list->isPaused());
    const int pausedAt = bar->value();
    postMany(10, "/follow/paused");
    QTRY_COMPARE(list->eventCount(), 95);
    QCoreApplication::processEvents();
    QCOMPARE(bar->value(), pausedAt);
    m_window->toolBar()->pauseAction()->trigger();
    QTRY_COMPARE(bar->value(), bar->maximum());
}

void tst_MainWindow::deleteKeyRemovesSelectedEvents()
{
    postMany(5, "/del/");
    EventListPane *list = m_window->listPane();
    QTRY_COMPARE(list->eventCount(), 5);
    QTableView *table = list->table();
    table->setFocus();
    table->selectionModel()->select(QItemSelection(table->model()->index(1, 0), table->model()->index(2, 0)),
                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const QList<qint64> doomed = list->selectedIds();
    QCOMPARE(doomed.size(), 2);
    QTest::keyClick(table, Qt::Key_Delete);
    QTRY_COMPARE(list->eventCount(), 3);
    EventStore store;
    QString error;
    QVERIFY(store.open(m_test->dbPath(), &error));
    QCOMPARE(store.count(), 3);
    for (const qint64 id : doomed)
        QVERIFY(!store.load(id));
}

void tst_MainWindow::clearKeepsACopyWhenAsked()
{
    postMany(4, "/clear/");
    EventListPane *list = m_window->listPane();
    QTRY_COMPARE(list->eventCount(), 4);
    selectRow(0);
    QTRY_VERIFY(m_window->detailPane()->eventId() > 0);
    QVERIFY(m_window->clearEvents(true));
    QCOMPARE(list->eventCount(), 0);
    QCOMPARE(m_window->detailPane()->eventId(), 0);
    const QString backup = m_window->lastBackupPath();
    QVERIFY(QFile::exists(backup));
    QVERIFY(backup.startsWith(m_test->folder()));
    EventStore copy;
    QString error;
    QVERIFY2(copy.open(backup, &error), qPrintable(error));
    QCOMPARE(copy.count(), 4);
    EventStore live;
    QVERIFY(live.open(m_test->dbPath(), &error));
    QCOMPARE(live.count(), 0);

    post("/after-clear", "{}");
    QTRY_COMPARE(list->eventCount(), 1);
    QVERIFY(m_window->clearEvents(false));
    QVERIFY(m_window->lastBackupPath().isEmpty());
}

void tst_MainWindow::reopeningLoadsTheHistory()
{
    postMany(25, "/history/");
    QTRY_COMPARE(m_window->listPane()->eventCount(), 25);
    m_test->close();
    // Not shown: the spy is in place before the event loop runs and the history loads.
    const std::unique_ptr<MainWindow> reopened = m_test->build(m_test->options());
    EventListPane *list = reopened->listPane();
    QSignalSpy loaded(list, &EventListPane::historyLoaded);
    QTRY_COMPARE(list->eventCount(), 25);
    QCOMPARE(list->model()->idAt(24), list->model()->lastId());
    QVERIFY(loaded.size() == 1 || loaded.wait(2000));
}

void tst_MainWindow::busyPortShowsTheError()
{
    const quint16 busy = m_window->session()->port();
    AppOptions o = m_test->options();
    o.dbPath = m_test->filePath(QStringLiteral("second.sqlite"));
    o.receiver.port = busy;
    const std::unique_ptr<MainWindow> second = m_test->build(o);
    QVERIFY(!second->session()->isListening());
    QVERIFY2(second->statusPane()->listeningText().contains(QStringLiteral("Not listening")),
             qPrintable(second->statusPane()->listeningText()));
    QCOMPARE(second->toolBar()->startStopAction()->text(), QStringLiteral("Start"));
    second->stopReceiver();
    m_window->stopReceiver();
    QVERIFY(second->startReceiver());
    QCOMPARE(second->toolBar()->startStopAction()->text(), QStringLiteral("Stop"));
}

void tst_MainWindow::payloadMarkupIsNeverRendered()
{
    post("/hooks/markup", R"({"name": "<b>Ada</b>", "avatar": "<img src=\"https://example.com/x.png\">"})",
         "application/json", {{"X-Html", "<i>italic</i>"}});
    EventListPane *list = m_window->listPane();
    QTRY_COMPARE(list->eventCount(), 1);
    selectRow(0);
    EventDetailPane *detail = m_window->detailPane();
    QTRY_VERIFY(detail->eventId() > 0);
    for (int tab = 0; tab < EventDetailPane::TabCount; ++tab)
        detail->tabs()->setCurrentIndex(tab);
    detail->tabs()->setCurrentIndex(EventDetailPane::BodyTab);
    const QString body = detail->findChild<QPlainTextEdit *>(QStringLiteral("bodyText"))->toPlainText();
    QVERIFY(body.contains(QStringLiteral("<b>Ada</b>")));
    QVERIFY(body.contains(QStringLiteral("<img src=")));
    const auto labels = m_window->findChildren<QLabel *>();
    for (QLabel *label : labels)
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName() + QLatin1Char(' ') + label->text()));
    QTreeWidgetItem *fields = detail->headersView()->tree()->topLevelItem(1);
    QStringList values;
    for (int i = 0; i < fields->childCount(); ++i)
        values << fields->child(i)->text(1);
    QVERIFY(values.contains(QStringLiteral("<i>italic</i>")));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
