// Issue 25 at a size CI affords: a window over a store of 20,000 events reads only the rows in
// view, knows its row count at once, filters and sorts in the store, and finishes a filter that
// matches several events (what kept bench_gui at a million events waiting forever: its needle
// matched 11 events there and it waited for exactly one).
#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "MainWindow.h"
#include "TestWindow.h"
#include "store/EventStore.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace hookscope;

namespace {

constexpr int kEvents = 20'000;

// Event i (1-based id i + 1): target and body name "ord_<i>"; every 10th is of kind "a" and
// every 7th invalid, every one enriched already (no catch-up runs while the test reads).
bool generate(const QString &path, QString *error)
{
    EventStore store;
    if (!store.open(path, error, SyncMode::Normal) || !store.begin())
        return false;
    for (int i = 0; i < kEvents; ++i) {
        Event e;
        e.receivedAtMs = 1'732'300'000'000 + qint64(i) * 37;
        e.remoteAddress = QStringLiteral("127.0.0.1");
        e.method = "POST";
        e.target = "/orders/ord_" + QByteArray::number(i);
        e.contentType = "application/json";
        e.body = R"({"id":"ord_)" + QByteArray::number(i) + R"("})";
        e.response.status = 200;
        if (!store.insert(e, error))
            return false;
        EventInfo info;
        info.id = e.id;
        info.kind = i % 10 == 0 ? QStringLiteral("a") : QStringLiteral("b");
        info.validity = i % 7 == 0 ? EventInfo::Validity::Invalid : EventInfo::Validity::Valid;
        info.violationCount = i % 7 == 0 ? 1 : 0;
        if (!store.saveInfo(info)) {
            *error = QStringLiteral("saveInfo failed");
            return false;
        }
    }
    return store.commit(error);
}

int expectedMatches(bool pred(int))
{
    int n = 0;
    for (int i = 0; i < kEvents; ++i)
        n += pred(i) ? 1 : 0;
    return n;
}

} // namespace

class tst_BigStore final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void rowsComeAtOnceAndOnlyPagesInViewAreRead();
    void filterMatchingManyEventsFinishes();
    void kindAndValidityFilterInTheStore();
    void sortByAColumnInTheStore();

private:
    TestWindow m_fixture;
    EventListPane *m_list = nullptr;
};

void tst_BigStore::initTestCase()
{
    TestWindow::useTestSettings();
    QString error;
    QVERIFY2(generate(m_fixture.dbPath(), &error), qPrintable(error));
    QVERIFY2(m_fixture.show(&error), qPrintable(error));
    m_list = m_fixture.window()->listPane();
    QTRY_COMPARE_WITH_TIMEOUT(m_list->eventCount(), kEvents, 20'000);
}

void tst_BigStore::rowsComeAtOnceAndOnlyPagesInViewAreRead()
{
    EventTableModel *model = m_list->model();
    QAbstractItemModelTester modelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(m_list->proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(m_list->proxy()->rowCount(), kEvents);
    QTableView *table = m_list->table();
    QScrollBar *bar = table->verticalScrollBar();
    QCOMPARE(bar->maximum() + bar->pageStep(), kEvents); // the bar spans the whole store
    QVERIFY(model->cachedRowCount() <= EventTableModel::kCachedRows);
    // End to end, every page painted: what is held stays a few pages.
    for (int value = 0; value <= bar->maximum(); value += bar->pageStep()) {
        bar->setValue(value);
        table->viewport()->repaint();
    }
    QVERIFY2(model->cachedRowCount() <= EventTableModel::kCachedRows, qPrintable(QString::number(model->cachedRowCount())));
    const QModelIndex last = m_list->proxy()->index(kEvents - 1, EventTableModel::TargetColumn);
    QCOMPARE(last.data().toString(), QStringLiteral("/orders/ord_%1").arg(kEvents - 1));
    QCOMPARE(m_list->proxy()->index(5, EventTableModel::KindColumn).data(EventTableModel::KindRole).toString(),
             QStringLiteral("b"));
}

void tst_BigStore::filterMatchingManyEventsFinishes()
{
    // "ord_1999" is in ord_1999 and ord_19990 … ord_19999: eleven events, as "ord_99999" was
    // at a million.
    QSignalSpy applied(m_list, &EventListPane::filterApplied);
    m_list->setFilterText(QStringLiteral("ord_1999"));
    QTRY_VERIFY_WITH_TIMEOUT(!applied.isEmpty(), 20'000);
    QCOMPARE(m_list->proxy()->rowCount(), 11);
    m_list->setFilterText(QString());
    QTRY_COMPARE(m_list->proxy()->rowCount(), kEvents);
}

void tst_BigStore::kindAndValidityFilterInTheStore()
{
    QComboBox *kinds = m_list->kindCombo();
    QTRY_VERIFY(kinds->findData(QStringLiteral("a")) > 0); // known from the store at once
    QSignalSpy applied(m_list, &EventListPane::filterApplied);
    kinds->setCurrentIndex(kinds->findData(QStringLiteral("a")));
    QTRY_VERIFY_WITH_TIMEOUT(!applied.isEmpty(), 20'000);
    QCOMPARE(m_list->proxy()->rowCount(), expectedMatches([](int i) { return i % 10 == 0; }));
    applied.clear();
    QComboBox *validity = m_list->validityCombo();
    validity->setCurrentIndex(validity->findData(int(EventFilterProxy::ValidityFilter::Invalid)));
    QTRY_VERIFY_WITH_TIMEOUT(!applied.isEmpty(), 20'000);
    QCOMPARE(m_list->proxy()->rowCount(), expectedMatches([](int i) { return i % 10 == 0 && i % 7 == 0; }));
    QCOMPARE(m_list->proxy()->index(1, 0).data(EventTableModel::IdRole).toLongLong(), 70 + 1);
    applied.clear();
    kinds->setCurrentIndex(0);
    validity->setCurrentIndex(0);
    QTRY_COMPARE(m_list->proxy()->rowCount(), kEvents);
}

void tst_BigStore::sortByAColumnInTheStore()
{
    QTableView *table = m_list->table();
    table->sortByColumn(EventTableModel::TargetColumn, Qt::DescendingOrder);
    // "/orders/ord_9999" is the greatest target: event 9999, id 10000.
    QTRY_COMPARE_WITH_TIMEOUT(m_list->proxy()->index(0, 0).data(EventTableModel::IdRole).toLongLong(), 10'000, 20'000);
    QVERIFY(m_list->model()->cachedRowCount() <= EventTableModel::kCachedRows);
    table->sortByColumn(EventTableModel::IdColumn, Qt::AscendingOrder);
    QCOMPARE(m_list->proxy()->index(0, 0).data(EventTableModel::IdRole).toLongLong(), 1);
}

QTEST_MAIN(tst_BigStore)
#include "tst_bigstore.moc"
