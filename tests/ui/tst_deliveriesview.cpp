// Deliveries grouped (issue 26) in the window: DeliveryGroupModel under QAbstractItemModelTester,
// and the "Group deliveries" view on a real store: a vendor-style retry schedule (Pexip Engage's
// id, attempts at 0 s, 5 s and 25 s answered 500, 500, 200) shows as one delivery with its
// intervals and answers, a repeat after the 200 is flagged a duplicate, an older updatedAt after
// a newer one is flagged out of order, and the attempts are shown side by side.
#include "DeliveriesPane.h"
#include "DeliveriesSwitch.h"
#include "DeliveryAttemptsView.h"
#include "DeliveryGroupModel.h"
#include "EventListPane.h"
#include "TestWindow.h"
#include "store/DeliveryGrouper.h"
#include "store/EventRecorder.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QSortFilterProxyModel>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>

using namespace hookscope;

namespace {

constexpr qint64 kBase = 1'765'101'600'000; // 2025-12-07 10:00:00 UTC

QByteArray pexip(const char *id, const char *updatedAt, const char *status)
{
    return QStringLiteral(R"({"id":"%1","correlationId":"c-%1","entity":"Callback Request","version":"1",)"
                          R"("webhookConfigurationId":"7","data":{"eventType":"CallbackRequestUpdate",)"
                          R"("callbackRequest":{"id":"123","status":"%3","updatedAt":"%2"}}})")
        .arg(QLatin1StringView(id), QLatin1StringView(updatedAt), QLatin1StringView(status))
        .toUtf8();
}

QList<DeliveryGroup> schedule()
{
    QList<DeliveryRow> rows;
    const auto add = [&rows](qint64 id, qint64 atMs, int status, const QString &key, const QString &version) {
        rows.append(DeliveryRow{.id = id, .receivedAtMs = kBase + atMs, .status = status, .key = key, .byBody = false,
                                .version = version, .kind = QStringLiteral("callback-request"),
                                .entityId = QStringLiteral("123")});
    };
    add(1, 0, 500, QStringLiteral("a"), QStringLiteral("2025-12-07T10:00:00Z"));
    add(2, 5000, 500, QStringLiteral("a"), QStringLiteral("2025-12-07T10:00:00Z"));
    add(3, 25000, 200, QStringLiteral("a"), QStringLiteral("2025-12-07T10:00:00Z"));
    add(4, 40000, 200, QStringLiteral("b"), QStringLiteral("2025-12-07T09:59:00Z"));
    return DeliveryGrouper::group(rows);
}

} // namespace

class tst_DeliveriesView final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { TestWindow::useTestSettings(); }
    void modelPassesTheTesterWhileItsGroupsChange();
    void modelTexts();
    void intervalText_data();
    void intervalText();
    void groupedViewShowsAVendorRetrySchedule();
};

void tst_DeliveriesView::modelPassesTheTesterWhileItsGroupsChange()
{
    DeliveryGroupModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(DeliveryGroupModel::SortKeyRole);
    proxy.sort(DeliveryGroupModel::FirstSeen);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setGroups(schedule());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowCount(model.index(0, 0)), 3);
    QCOMPARE(model.rowCount(model.index(0, 1)), 0); // only column 0 has children
    QCOMPARE(model.rowCount(model.index(0, 0, model.index(0, 0))), 0); // attempts are leaves
    model.setGroups({});
    QCOMPARE(model.rowCount(), 0);
    model.setGroups(schedule());
    QCOMPARE(proxy.rowCount(), 2);
}

void tst_DeliveriesView::modelTexts()
{
    DeliveryGroupModel model;
    model.setGroups(schedule());
    const auto text = [&](int row, int column, const QModelIndex &parent = {}) {
        return model.index(row, column, parent).data().toString();
    };
    QCOMPARE(text(0, DeliveryGroupModel::Attempts), QStringLiteral("3"));
    QCOMPARE(text(0, DeliveryGroupModel::Intervals), QStringLiteral("+5 s, +20 s"));
    QCOMPARE(text(0, DeliveryGroupModel::Answers), QStringLiteral("500, 500, 200"));
    QCOMPARE(text(0, DeliveryGroupModel::Flags), QString());
    QCOMPARE(text(1, DeliveryGroupModel::Flags), QStringLiteral("out of order"));
    QVERIFY(model.index(1, 0).data(DeliveryGroupModel::OutOfOrderRole).toBool());
    const QModelIndex group = model.index(0, 0);
    QCOMPARE(text(2, DeliveryGroupModel::Answers, group), QStringLiteral("200"));
    QCOMPARE(text(2, DeliveryGroupModel::Intervals, group), QStringLiteral("+20 s"));
    QCOMPARE(model.index(2, 0, group).data(DeliveryGroupModel::EventIdRole).toLongLong(), 3);
    QCOMPARE(model.index(2, 0, group).data(DeliveryGroupModel::GroupRole).toInt(), 0);
}

void tst_DeliveriesView::intervalText_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("below a second") << qint64(250) << QStringLiteral("+250 ms");
    QTest::newRow("seconds") << qint64(5000) << QStringLiteral("+5 s");
    QTest::newRow("minutes and seconds") << qint64(125'000) << QStringLiteral("+2 min 5 s");
    QTest::newRow("whole minutes") << qint64(600'000) << QStringLiteral("+10 min");
    QTest::newRow("hours and minutes") << qint64(4'200'000) << QStringLiteral("+1 h 10 min");
}

void tst_DeliveriesView::intervalText()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(DeliveryGroupModel::intervalText(ms), text);
}

void tst_DeliveriesView::groupedViewShowsAVendorRetrySchedule()
{
    QString error;
    auto test = std::make_unique<TestWindow>();
    test->setSize({1480, 820}); // wide enough for every column beside the attempts (the README's screenshot)
    QVERIFY2(test->show(&error), qPrintable(error));
    MainWindow *window = test->window();
    // Pexip Engage's schedule (developer.pexipengage.com, topic-webhooks) as a failing app sees
    // it: one event (id e1) at 0 s, 5 s and 25 s answered 500, 500, 200, then sent once more
    // (answered 200: a duplicate); an older update (e0) arrives after it.
    struct Row
    {
        qint64 atMs;
        int status;
        QByteArray body;
    };
    const QList<Row> rows = {
        {0, 500, pexip("e1", "2025-12-07T10:00:00Z", "SCHEDULED")},
        {5000, 500, pexip("e1", "2025-12-07T10:00:00Z", "SCHEDULED")},
        {25000, 200, pexip("e1", "2025-12-07T10:00:00Z", "SCHEDULED")},
        {85000, 200, pexip("e1", "2025-12-07T10:00:00Z", "SCHEDULED")},
        {90000, 200, pexip("e0", "2025-12-07T09:58:00Z", "OPEN")},
    };
    bool written = false;
    QVERIFY(window->recorder()->runOnWriter(
        [&](EventStore *store) {
            if (!store->begin())
                return;
            for (const Row &row : rows) {
                Event event;
                event.receivedAtMs = kBase + row.atMs;
                event.method = "POST";
                event.target = "/hooks/pexip-engage";
                event.contentType = "application/json";
                event.body = row.body;
                event.response.status = row.status;
                QString insertError;
                if (!store->insert(event, &insertError))
                    return;
                EventInfo info;
                info.id = event.id;
                info.kind = QStringLiteral("callback-request");
                info.entityId = QStringLiteral("123");
                info.validity = EventInfo::Validity::Valid;
                if (!store->saveInfo(info))
                    return;
            }
            QString commitError;
            written = store->commit(&commitError);
        },
        &error));
    QVERIFY(written);

    auto *action = window->findChild<QAction *>(QStringLiteral("groupDeliveriesAction"));
    auto *area = window->findChild<QStackedWidget *>(QStringLiteral("eventsArea"));
    auto *pane = window->findChild<DeliveriesPane *>(QStringLiteral("deliveriesPane"));
    QVERIFY(action && area && pane);
    QCOMPARE(area->currentWidget(), static_cast<QWidget *>(window->listPane())); // the table first
    action->trigger();
    QCOMPARE(area->currentWidget(), static_cast<QWidget *>(pane));
    DeliveryGroupModel *model = pane->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model->rowCount(), 2);
    const auto text = [&](int row, int column) { return model->index(row, column).data().toString(); };
    QCOMPARE(text(0, DeliveryGroupModel::Attempts), QStringLiteral("4"));
    QCOMPARE(text(0, DeliveryGroupModel::Intervals), QStringLiteral("+5 s, +20 s, +1 min"));
    QCOMPARE(text(0, DeliveryGroupModel::Answers), QStringLiteral("500, 500, 200, 200"));
    QCOMPARE(text(0, DeliveryGroupModel::Flags), QStringLiteral("1 duplicate after 2xx"));
    QCOMPARE(text(1, DeliveryGroupModel::Flags), QStringLiteral("out of order"));
    QVERIFY2(text(0, DeliveryGroupModel::Key).contains(QLatin1String("/id=e1")), qPrintable(text(0, 0)));
    QVERIFY2(pane->summary().contains(QLatin1String("2 deliveries, 1 retried")), qPrintable(pane->summary()));

    // The delivery's attempts side by side, with their answers and how each body differs.
    QTreeView *tree = pane->tree();
    tree->setCurrentIndex(tree->model()->index(0, 0));
    tree->expandAll();
    QTableWidget *table = pane->attempts()->table();
    QCOMPARE(table->columnCount(), 4);
    QCOMPARE(table->item(DeliveryAttemptsView::Answer, 0)->text(), QStringLiteral("500"));
    QCOMPARE(table->item(DeliveryAttemptsView::Answer, 2)->text(), QStringLiteral("200"));
    QCOMPARE(table->item(DeliveryAttemptsView::Interval, 1)->text(), QStringLiteral("+5 s"));
    QCOMPARE(table->item(DeliveryAttemptsView::Flags, 3)->text(), QStringLiteral("duplicate"));
    QCOMPARE(table->item(DeliveryAttemptsView::Body, 1)->text(), QStringLiteral("same as attempt 1"));
    if (const QByteArray dir = qgetenv("HOOKSCOPE_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(window->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/screenshot-deliveries.png")));

    // A reload (events keep coming) keeps the open delivery open and shown.
    QSignalSpy loaded(window->findChild<DeliveriesSwitch *>(), &DeliveriesSwitch::groupsLoaded);
    window->findChild<DeliveriesSwitch *>()->refresh();
    QTRY_COMPARE(loaded.size(), 1);
    QVERIFY(tree->isExpanded(tree->model()->index(0, 0)));
    QCOMPARE(table->columnCount(), 4);

    // Back to the table.
    action->trigger();
    QCOMPARE(area->currentWidget(), static_cast<QWidget *>(window->listPane()));
}

QTEST_MAIN(tst_DeliveriesView)
#include "tst_deliveriesview.moc"
