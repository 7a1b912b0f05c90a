// Issue 24 points 8 and 12 at the table: deleting many rows asks first; two selected rows are
// offered to Diff.
#include "DeleteConfirmation.h"
#include "EventFilterProxy.h"
#include "EventListPane.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace hookscope;

namespace {

QList<Event> events(int count)
{
    QList<Event> list;
    for (int i = 1; i <= count; ++i) {
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
    void deletingMoreThanAFewAsksFirst_data();
    void deletingMoreThanAFewAsksFirst();
    void twoSelectedRowsAreOfferedForComparison();

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

QTEST_MAIN(tst_EventListPane)
#include "tst_eventlistpane.moc"
