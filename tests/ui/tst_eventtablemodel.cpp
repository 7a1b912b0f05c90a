#include "EventFilterProxy.h"
#include "EventTableModel.h"
#include "RateMeter.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;

namespace {

QList<EventSummary> summaries(qint64 firstId, int count)
{
    QList<EventSummary> rows;
    for (int i = 0; i < count; ++i) {
        EventSummary s;
        s.id = firstId + i;
        s.receivedAtMs = 1'700'000'000'000 + s.id;
        s.method = "POST";
        s.target = "/hook/" + QByteArray::number(s.id);
        s.responseStatus = s.id % 7 == 0 ? 500 : 200;
        s.bodySize = s.id * 10;
        s.sender = QStringLiteral("127.0.0.1");
        rows.append(s);
    }
    return rows;
}

} // namespace

class tst_EventTableModel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void coalescedEventsInsertOncePerBatch();
    void modelTesterWhileStreaming();
    void heldRowsWaitForTheHistory();
    void repeatedIdsAreDropped();
    void removeIdsInRanges();
    void proxyFiltersByIdSetAndSortsByKey();
    void resultClassAndText();
    void rateMeterSlidesItsWindow();
};

void tst_EventTableModel::coalescedEventsInsertOncePerBatch()
{
    EventTableModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    for (int i = 0; i < 40; ++i)
        model.enqueue(summaries(i + 1, 1)); // 40 events arriving one by one
    QCOMPARE(model.rowCount(), 0); // nothing until the 50 ms flush
    QTRY_COMPARE(model.rowCount(), 40);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 39); // inclusive end

    model.enqueue(summaries(41, 3));
    model.enqueue(summaries(44, 2));
    model.flush();
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 40);
    QCOMPARE(inserted.at(1).at(2).toInt(), 44);
}

void tst_EventTableModel::modelTesterWhileStreaming()
{
    EventTableModel model;
    EventFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.sort(EventTableModel::BodySizeColumn, Qt::DescendingOrder);
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    qint64 next = 1;
    for (int round = 0; round < 20; ++round) {
        model.enqueue(summaries(next, round + 1));
        next += round + 1;
        if (round == 5)
            proxy.setMatches({1, 3, 5, 8, 13});
        if (round == 10)
            proxy.addMatches({next - 1});
        if (round == 12)
            proxy.clearMatches();
        if (round == 15)
            model.removeIds({2, 3, 4, 50, 51, 100});
        QTest::qWait(60);
    }
    model.flush();
    QCOMPARE(model.rowCount(), int(next - 1) - 6);
    QCOMPARE(proxy.rowCount(), model.rowCount());
    model.clear();
    QCOMPARE(proxy.rowCount(), 0);
}

void tst_EventTableModel::heldRowsWaitForTheHistory()
{
    EventTableModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.hold();
    model.enqueue(summaries(101, 2)); // live events while the history loads
    model.append(summaries(1, 50)); // history chunk
    model.append(summaries(51, 51)); // history chunk that already contains 101
    QTest::qWait(80);
    QCOMPARE(model.rowCount(), 101);
    model.release();
    QCOMPARE(model.rowCount(), 102); // only 102 was new
    QCOMPARE(inserted.size(), 3);
    QCOMPARE(model.idAt(101), 102);
}

void tst_EventTableModel::repeatedIdsAreDropped()
{
    EventTableModel model;
    model.append(summaries(1, 10));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.append(summaries(5, 3));
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(model.rowCount(), 10);
}

void tst_EventTableModel::removeIdsInRanges()
{
    EventTableModel model;
    model.append(summaries(1, 10));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.removeIds({2, 3, 4, 7, 10, 99});
    QCOMPARE(removed.size(), 3); // [9], [6], [1..3]
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.rowOf(5), 1);
    QCOMPARE(model.rowOf(7), -1);
    QCOMPARE(model.lastId(), 9);
}

void tst_EventTableModel::proxyFiltersByIdSetAndSortsByKey()
{
    EventTableModel model;
    EventFilterProxy proxy;
    proxy.setSourceModel(&model);
    model.append(summaries(1, 20));
    proxy.setMatches({3, 14, 15});
    QCOMPARE(proxy.rowCount(), 3);
    proxy.sort(EventTableModel::ResultColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data(EventTableModel::IdRole).toLongLong(), 14); // 500 first
    proxy.addMatches({21});
    model.append(summaries(21, 2));
    QCOMPARE(proxy.rowCount(), 4);
    proxy.clearMatches();
    QCOMPARE(proxy.rowCount(), 22);
    // Body size sorts numerically, not as text ("90 B" < "100 B").
    proxy.sort(EventTableModel::BodySizeColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 0).data(EventTableModel::IdRole).toLongLong(), 1);
    QCOMPARE(proxy.index(21, 0).data(EventTableModel::IdRole).toLongLong(), 22);
}

void tst_EventTableModel::resultClassAndText()
{
    EventTableModel model;
    QList<EventSummary> rows = summaries(1, 3);
    rows[0].responseStatus = 404;
    rows[1].responseStatus = 503;
    model.append(rows);
    QCOMPARE(model.index(0, EventTableModel::ResultColumn).data().toString(), QStringLiteral("404 Not Found"));
    QCOMPARE(model.index(0, 0).data(EventTableModel::ResultClassRole).toInt(), int(ResultClass::ClientError));
    QCOMPARE(model.index(1, 0).data(EventTableModel::ResultClassRole).toInt(), int(ResultClass::ServerError));
    QCOMPARE(model.index(2, 0).data(EventTableModel::ResultClassRole).toInt(), int(ResultClass::Success));
    QCOMPARE(model.index(2, EventTableModel::KindColumn).data().toString(), QString());
}

void tst_EventTableModel::rateMeterSlidesItsWindow()
{
    RateMeter meter(5000);
    meter.record(1000, 10);
    meter.record(3000, 15);
    QCOMPARE(meter.perSecond(3000), 5.0);
    QCOMPARE(meter.perSecond(6500), 3.0); // the first batch left the window
    QCOMPARE(meter.perSecond(9000), 0.0);
}

QTEST_MAIN(tst_EventTableModel)
#include "tst_eventtablemodel.moc"
