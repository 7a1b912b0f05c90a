// Issue 24 points 8 and 12 at the table: deleting many rows asks first; two selected rows are
// offered to Diff.
#include "DeleteConfirmation.h"
#include "EventColumns.h"
#include "NewEventsBadge.h"
#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "store/EventStore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QMessageBox>
#include <QComboBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace hookscope;

namespace {

QList<Event> events(int count, int first = 1)
{
    QList<Event> list;
    for (int i = first; i < first + count; ++i) {
        Event e;
        e.id = i;
        e.receivedAtMs = 1'700'000'000'000 + i;
        e.method = "POST";
        e.target = "/hooks/" + QByteArray::number(i);
        e.remoteAddress = QStringLiteral("127.0.0.1");
        e.response.status = 200;
        list.append(e);
    }
    return list;
}

// Answers the confirmation once it shows; records whether it showed.
void answerConfirmation(bool confirm, bool *shown)
{
    QTimer::singleShot(0, qApp, [confirm, shown] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            answerConfirmation(confirm, shown); // not up yet: try on the next turn
            return;
        }
        *shown = true;
        QCOMPARE(box->textFormat(), Qt::PlainText);
        QVERIFY(box->text().contains(QStringLiteral("20 events")));
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel)); // Enter destroys nothing
        if (confirm)
            box->findChild<QPushButton *>(QStringLiteral("confirmDelete"))->click();
        else
            box->button(QMessageBox::Cancel)->click();
    });
}

} // namespace

class tst_EventListPane final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().remove(QStringLiteral("eventTable")); }
    void deletingMoreThanAFewAsksFirst_data();
    void deletingMoreThanAFewAsksFirst();
    void twoSelectedRowsAreOfferedForComparison();
    void appAnswerShowsInItsColumnAndFilters();
    void appAnswersOfTheHistoryShow();
    void newEventsAreCountedWhileReadingOlderOnes();

private:
    static void fill(EventListPane &pane, int count);
};

void tst_EventListPane::fill(EventListPane &pane, int count)
{
    pane.resize(1000, 600);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.addEvents(events(count));
    QTRY_COMPARE(pane.proxy()->rowCount(), count);
}

void tst_EventListPane::deletingMoreThanAFewAsksFirst_data()
{
    QTest::addColumn<int>("selected");
    QTest::addColumn<bool>("confirm");
    QTest::addColumn<bool>("asked");
    QTest::addColumn<bool>("deleted");
    QTest::newRow("a few rows go without asking") << DeleteConfirmation::kAskAbove << false << false << true;
    QTest::newRow("many rows, cancelled") << 20 << false << true << false;
    QTest::newRow("many rows, confirmed") << 20 << true << true << true;
}

void tst_EventListPane::deletingMoreThanAFewAsksFirst()
{
    QFETCH(int, selected);
    QFETCH(bool, confirm);
    QFETCH(bool, asked);
    QFETCH(bool, deleted);
    EventListPane pane;
    QAbstractItemModelTester tester(pane.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(pane, 25);
    QTableView *table = pane.table();
    table->setFocus();
    table->selectionModel()->select(QItemSelection(table->model()->index(0, 0), table->model()->index(selected - 1, 0)),
                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QSignalSpy requested(&pane, &EventListPane::deleteRequested);
    bool shown = false;
    if (asked)
        answerConfirmation(confirm, &shown);
    QTest::keyClick(table, Qt::Key_Delete);
    QCOMPARE(shown, asked);
    QCOMPARE(requested.size(), deleted ? 1 : 0);
    if (deleted)
        QCOMPARE(requested.at(0).at(0).value<QList<qint64>>().size(), selected);
}

void tst_EventListPane::twoSelectedRowsAreOfferedForComparison()
{
    EventListPane pane;
    fill(pane, 5);
    QSignalSpy base(&pane, &EventListPane::compareBaseChanged);
    QTableView *table = pane.table();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(table->model()->index(1, 2)).center());
    QCOMPARE(pane.currentId(), 2);
    QCOMPARE(base.size(), 0); // one row: nothing to compare with
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      table->visualRect(table->model()->index(3, 2)).center());
    QCOMPARE(pane.currentId(), 4);
    QCOMPARE(base.size(), 1);
    QCOMPARE(base.last().at(0).toLongLong(), 2); // the shown #4 compares with #2
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      table->visualRect(table->model()->index(4, 2)).center());
    QCOMPARE(base.last().at(0).toLongLong(), 0); // three rows: back to the previous version
}

void tst_EventListPane::appAnswerShowsInItsColumnAndFilters()
{
    EventListPane pane;
    QAbstractItemModelTester tester(pane.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(pane, 6);
    QTableView *table = pane.table();
    QVERIFY(table->isColumnHidden(EventTableModel::ForwardColumn)); // nothing forwarded yet
    QSignalSpy changed(pane.model(), &QAbstractItemModel::dataChanged);
    pane.applyForward(2, 500, QString());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(EventTableModel::ForwardColumn));
    QVERIFY(!table->isColumnHidden(EventTableModel::ForwardColumn)); // revealed by the first answer
    pane.applyForward(3, 0, QStringLiteral("connection refused"));
    pane.applyForward(4, 204, QString());
    const auto cell = [&](int row) { return pane.proxy()->index(row, EventTableModel::ForwardColumn); };
    QCOMPARE(cell(0).data().toString(), QString());
    QCOMPARE(cell(1).data().toString(), QStringLiteral("→ 500"));
    QCOMPARE(cell(2).data().toString(), QStringLiteral("→ failed"));
    QCOMPARE(cell(3).data().toString(), QStringLiteral("→ 204"));
    QCOMPARE(ResultClass(cell(1).data(EventTableModel::ResultClassRole).toInt()), ResultClass::ServerError);
    QCOMPARE(ResultClass(cell(2).data(EventTableModel::ResultClassRole).toInt()), ResultClass::ServerError);
    QCOMPARE(ResultClass(cell(3).data(EventTableModel::ResultClassRole).toInt()), ResultClass::Success);
    QVERIFY(cell(2).data(Qt::ToolTipRole).toString().contains(QStringLiteral("connection refused")));
    // Filterable: only the app's failures.
    QComboBox *validity = pane.validityCombo();
    validity->setCurrentIndex(validity->findData(int(EventFilterProxy::ValidityFilter::AppFailed)));
    QCOMPARE(pane.proxy()->rowCount(), 2);
    // A failure that comes later joins the filtered rows.
    pane.applyForward(6, 502, QString());
    QTRY_COMPARE(pane.proxy()->rowCount(), 3);
    // Sorted by the app's status.
    table->sortByColumn(EventTableModel::ForwardColumn, Qt::DescendingOrder);
    QCOMPARE(cell(0).data().toString(), QStringLiteral("→ 502"));
    // Once revealed, the user's choice rules: hidden stays hidden.
    pane.columns()->setColumnShown(EventTableModel::ForwardColumn, false);
    EventListPane again;
    again.applyForward(1, 500, QString());
    QVERIFY(again.table()->isColumnHidden(EventTableModel::ForwardColumn));
}

void tst_EventListPane::appAnswersOfTheHistoryShow()
{
    QTemporaryDir dir;
    EventStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(QStringLiteral("events.sqlite")), &error), qPrintable(error));
    QVERIFY(store.begin());
    for (Event e : events(3)) {
        e.id = 0;
        QVERIFY2(store.insert(e, &error), qPrintable(error));
    }
    QVERIFY2(store.commit(&error), qPrintable(error));
    ForwardRecord failed;
    failed.id = 2;
    failed.status = 503;
    failed.url = QStringLiteral("http://127.0.0.1:3000/hooks");
    QVERIFY(store.saveForward(failed));
    EventListPane pane;
    QSignalSpy loaded(&pane, &EventListPane::historyLoaded);
    pane.loadHistory(&store);
    QTRY_COMPARE(loaded.size(), 1);
    QTRY_COMPARE(pane.proxy()->rowCount(), 3);
    QCOMPARE(pane.proxy()->index(1, EventTableModel::ForwardColumn).data().toString(), QStringLiteral("→ 503"));
    QVERIFY(!pane.table()->isColumnHidden(EventTableModel::ForwardColumn));
}

void tst_EventListPane::newEventsAreCountedWhileReadingOlderOnes()
{
    EventListPane pane;
    fill(pane, 200);
    QTableView *table = pane.table();
    NewEventsBadge *badge = pane.newEventsBadge();
    QTRY_COMPARE(table->verticalScrollBar()->value(), table->verticalScrollBar()->maximum()); // following
    pane.addEvents(events(5, 201));
    QTRY_COMPARE(pane.proxy()->rowCount(), 205);
    QVERIFY(badge->isHidden()); // following: nothing to announce
    table->scrollToTop();
    pane.addEvents(events(30, 206));
    QTRY_COMPARE(pane.proxy()->rowCount(), 235);
    QVERIFY(badge->isVisible());
    QCOMPARE(badge->text(), QStringLiteral("30 new ↓"));
    QCOMPARE(table->verticalScrollBar()->value(), 0); // the reader was not moved
    QVERIFY(table->viewport()->rect().contains(badge->geometry()));
    badge->click();
    QVERIFY(badge->isHidden());
    QCOMPARE(table->verticalScrollBar()->value(), table->verticalScrollBar()->maximum());
    // Paused: counted too, and resuming clears it.
    pane.setPaused(true);
    pane.addEvents(events(2, 236));
    QTRY_COMPARE(badge->text(), QStringLiteral("2 new ↓"));
    pane.setPaused(false);
    QVERIFY(badge->isHidden());
    // Scrolling back down by hand clears it as well.
    table->scrollToTop();
    pane.addEvents(events(3, 238));
    QTRY_VERIFY(badge->isVisible());
    table->scrollToBottom();
    QVERIFY(badge->isHidden());
}

QTEST_MAIN(tst_EventListPane)
#include "tst_eventlistpane.moc"
