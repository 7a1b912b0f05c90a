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

EventInfo info(qint64 id, EventInfo::Validity validity, const QString &kind = {}, int violations = 0)
{
    EventInfo i;
    i.id = id;
    i.validity = validity;
    i.kind = kind;
    i.eventName = kind.isEmpty() ? QString() : QStringLiteral("Created");
    i.violationCount = violations;
    if (violations)
        i.violationsJson = R"([{"pointer":"/x","message":"m","keyword":"type"}])";
    return i;
}

QList<qint64> proxyIds(const QAbstractItemModel &proxy)
{
    QList<qint64> ids;
    for (int row = 0; row < proxy.rowCount(); ++row)
        ids.append(proxy.index(row, 0).data(EventTableModel::IdRole).toLongLong());
    return ids;
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
    void infosChangeOnlyKindAndResultInOneBatchPerRun();
    void infoTexts_data();
    void infoTexts();
    void infosForRowsNotInsertedYetWait();
    void kindsSeenAreListedOnce();
    void proxyFiltersByKindAndValidity();
    void resultSortsByStatusThenValidity();
    void rateMeterSlidesItsWindow();
    void languagesColumn_data();
    void languagesColumn();
    void proxyFiltersMissingTranslations();
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
        if (round % 3 == 1) {
            // Enrichment results for some rows, including some not inserted yet.
            model.applyInfos({info(next - 1, EventInfo::Validity::Valid, QStringLiteral("k")),
                              info(next - 2, EventInfo::Validity::Invalid, QStringLiteral("k"), 1), info(1, EventInfo::Validity::NotJson)});
            proxy.setValidityFilter(round % 2 ? EventFilterProxy::ValidityFilter::All : EventFilterProxy::ValidityFilter::Valid);
        }
        QTest::qWait(60);
    }
    model.flush();
    proxy.setValidityFilter(EventFilterProxy::ValidityFilter::All);
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
    QCOMPARE(model.index(0, EventTableModel::ResultColumn).data().toString(), QStringLiteral("404 · validating…"));
    QCOMPARE(model.index(0, 0).data(EventTableModel::ResultClassRole).toInt(), int(ResultClass::ClientError));
    QCOMPARE(model.index(1, 0).data(EventTableModel::ResultClassRole).toInt(), int(ResultClass::ServerError));
    QCOMPARE(model.index(2, 0).data(EventTableModel::ResultClassRole).toInt(), int(ResultClass::Success));
    QCOMPARE(model.index(2, EventTableModel::KindColumn).data().toString(), QStringLiteral("validating…"));
    model.applyInfos({info(1, EventInfo::Validity::Unknown)});
    QCOMPARE(model.index(0, EventTableModel::ResultColumn).data().toString(), QStringLiteral("404 Not Found"));
}

void tst_EventTableModel::infosChangeOnlyKindAndResultInOneBatchPerRun()
{
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(summaries(1, 10));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // Rows 3..5 and 8, given out of order and with a repeat; 99 does not exist.
    model.applyInfos({info(5, EventInfo::Validity::Valid, QStringLiteral("jicoo")),
                      info(3, EventInfo::Validity::Invalid, QStringLiteral("jicoo"), 2),
                      info(8, EventInfo::Validity::NotJson), info(4, EventInfo::Validity::Unknown),
                      info(3, EventInfo::Validity::Invalid, QStringLiteral("jicoo"), 3),
                      info(99, EventInfo::Validity::Valid)});
    QCOMPARE(changed.size(), 2);
    const auto range = [&changed](int i) {
        const auto tl = changed.at(i).at(0).value<QModelIndex>();
        const auto br = changed.at(i).at(1).value<QModelIndex>();
        return QList<int>{tl.row(), tl.column(), br.row(), br.column()};
    };
    QCOMPARE(range(0), (QList<int>{2, EventTableModel::KindColumn, 4, EventTableModel::LanguagesColumn}));
    QCOMPARE(range(1), (QList<int>{7, EventTableModel::KindColumn, 7, EventTableModel::LanguagesColumn}));
    QCOMPARE(model.index(2, 0).data(EventTableModel::ViolationCountRole).toInt(), 3); // the later result wins
    QCOMPARE(model.index(2, 0).data(EventTableModel::ValidityRole).toInt(), int(EventInfo::Validity::Invalid));
    QCOMPARE(model.index(2, 0).data(EventTableModel::KindRole).toString(), QStringLiteral("jicoo"));
    QCOMPARE(model.index(0, 0).data(EventTableModel::ValidityRole).toInt(), int(EventInfo::Validity::NotChecked));

    model.applyInfos({});
    QCOMPARE(changed.size(), 2);
    // 20 contiguous rows: one signal.
    model.append(summaries(11, 20));
    QList<EventInfo> many;
    for (qint64 id = 11; id <= 30; ++id)
        many.append(info(id, EventInfo::Validity::Valid, QStringLiteral("k")));
    model.applyInfos(many);
    QCOMPARE(changed.size(), 3);
}

void tst_EventTableModel::infoTexts_data()
{
    QTest::addColumn<EventInfo>("info");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("result");

    const EventInfo pending = info(1, EventInfo::Validity::NotChecked);
    QTest::newRow("not checked yet says validating") << pending << 200 << "validating…" << "200 · validating…";
    EventInfo valid = info(1, EventInfo::Validity::Valid, QStringLiteral("callback-request"));
    valid.eventName = QStringLiteral("CallbackRequestCreate");
    QTest::newRow("kind and event name, valid") << valid << 200 << "callback-request · CallbackRequestCreate"
                                                << "200 · valid";
    EventInfo noName = info(1, EventInfo::Validity::Invalid, QStringLiteral("jicoo"), 3);
    noName.eventName.clear();
    QTest::newRow("kind without event name, violations counted") << noName << 200 << "jicoo" << "200 · 3 violations";
    QTest::newRow("one violation is singular") << info(1, EventInfo::Validity::Invalid, QStringLiteral("k"), 1) << 200
                                               << "k · Created" << "200 · 1 violation";
    QTest::newRow("unknown kind is not an error") << info(1, EventInfo::Validity::Unknown) << 200 << "unknown" << "200 OK";
    QTest::newRow("not JSON") << info(1, EventInfo::Validity::NotJson) << 200 << "not JSON" << "200 · not JSON";
    QTest::newRow("no response yet") << info(1, EventInfo::Validity::Valid, QStringLiteral("k")) << 0 << "k · Created"
                                     << "valid";
    QTest::newRow("refused request keeps its status")
        << info(1, EventInfo::Validity::NotJson) << 400 << "not JSON" << "400 · not JSON";
}

void tst_EventTableModel::infoTexts()
{
    QFETCH(EventInfo, info);
    QFETCH(int, status);
    QFETCH(QString, kind);
    QFETCH(QString, result);
    EventTableModel model;
    QList<EventSummary> rows = summaries(1, 1);
    rows[0].responseStatus = status;
    rows[0].info = info;
    model.append(rows);
    QCOMPARE(model.index(0, EventTableModel::KindColumn).data().toString(), kind);
    QCOMPARE(model.index(0, EventTableModel::ResultColumn).data().toString(), result);
    QVERIFY(!model.index(0, EventTableModel::ResultColumn).data(Qt::ToolTipRole).toString().isEmpty());
}

void tst_EventTableModel::infosForRowsNotInsertedYetWait()
{
    EventTableModel model;
    model.append(summaries(1, 2));
    model.hold(); // the history is loading
    model.enqueue(summaries(10, 2)); // live, queued
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.applyInfos({info(4, EventInfo::Validity::Valid, QStringLiteral("a")), // in a history chunk to come
                      info(10, EventInfo::Validity::Invalid, QStringLiteral("b"), 2),
                      info(2, EventInfo::Validity::Valid, QStringLiteral("c"))});
    QCOMPARE(changed.size(), 1); // only row 2 exists
    model.append(summaries(3, 3)); // history: 3, 4, 5
    QCOMPARE(model.index(model.rowOf(4), 0).data(EventTableModel::KindRole).toString(), QStringLiteral("a"));
    QCOMPARE(model.index(model.rowOf(5), 0).data(EventTableModel::ValidityRole).toInt(),
             int(EventInfo::Validity::NotChecked));
    model.release();
    QCOMPARE(model.index(model.rowOf(10), 0).data(EventTableModel::ViolationCountRole).toInt(), 2);
    QCOMPARE(model.index(model.rowOf(10), EventTableModel::ResultColumn).data().toString(),
             QStringLiteral("200 · 2 violations"));
    QCOMPARE(model.kinds(), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
}

void tst_EventTableModel::kindsSeenAreListedOnce()
{
    EventTableModel model;
    QSignalSpy kindsChanged(&model, &EventTableModel::kindsChanged);
    QList<EventSummary> rows = summaries(1, 3);
    rows[0].info = info(1, EventInfo::Validity::Valid, QStringLiteral("jicoo"));
    model.append(rows); // the history brings kinds along
    QCOMPARE(kindsChanged.size(), 1);
    model.applyInfos({info(2, EventInfo::Validity::Valid, QStringLiteral("jicoo")), info(3, EventInfo::Validity::Unknown)});
    QCOMPARE(kindsChanged.size(), 1);
    model.applyInfos({info(3, EventInfo::Validity::Valid, QStringLiteral("callback-request")),
                      info(2, EventInfo::Validity::Valid, QStringLiteral("before-book"))});
    QCOMPARE(kindsChanged.size(), 2);
    QCOMPARE(model.kinds(), (QStringList{QStringLiteral("before-book"), QStringLiteral("callback-request"),
                                         QStringLiteral("jicoo")}));
    model.clear();
    QCOMPARE(kindsChanged.size(), 3);
    QVERIFY(model.kinds().isEmpty());
}

void tst_EventTableModel::proxyFiltersByKindAndValidity()
{
    EventTableModel model;
    EventFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(summaries(1, 8));
    const QString a = QStringLiteral("a");
    const QString b = QStringLiteral("b");
    model.applyInfos({info(1, EventInfo::Validity::Valid, a), info(2, EventInfo::Validity::Invalid, a, 1),
                      info(3, EventInfo::Validity::Valid, b), info(4, EventInfo::Validity::Unknown),
                      info(5, EventInfo::Validity::NotJson), info(6, EventInfo::Validity::Invalid, b, 2)});
    // 7 and 8 are still being validated.
    QVERIFY(!proxy.isFiltering());
    proxy.setKindFilter(a);
    QVERIFY(proxy.isFiltering());
    QCOMPARE(proxyIds(proxy), (QList<qint64>{1, 2}));
    proxy.setValidityFilter(EventFilterProxy::ValidityFilter::Invalid);
    QCOMPARE(proxyIds(proxy), (QList<qint64>{2}));
    proxy.setKindFilter(QString()); // "unknown": checked, no kind
    proxy.setValidityFilter(EventFilterProxy::ValidityFilter::All);
    QCOMPARE(proxyIds(proxy), (QList<qint64>{4, 5}));
    proxy.setValidityFilter(EventFilterProxy::ValidityFilter::NotJson);
    QCOMPARE(proxyIds(proxy), (QList<qint64>{5}));
    proxy.setKindFilter(std::nullopt);
    proxy.setValidityFilter(EventFilterProxy::ValidityFilter::NotChecked);
    QCOMPARE(proxyIds(proxy), (QList<qint64>{7, 8}));
    // A result arriving moves the row out of "not checked".
    model.applyInfos({info(7, EventInfo::Validity::Invalid, b, 1)});
    QCOMPARE(proxyIds(proxy), (QList<qint64>{8}));
    proxy.setValidityFilter(EventFilterProxy::ValidityFilter::Invalid);
    QCOMPARE(proxyIds(proxy), (QList<qint64>{2, 6, 7}));
    // Combined with the text matches.
    proxy.setMatches({6, 7, 8});
    QCOMPARE(proxyIds(proxy), (QList<qint64>{6, 7}));
    proxy.setKindFilter(b);
    proxy.setValidityFilter(EventFilterProxy::ValidityFilter::Valid);
    QCOMPARE(proxyIds(proxy), QList<qint64>{});
    proxy.clearMatches();
    QCOMPARE(proxyIds(proxy), (QList<qint64>{3}));
    proxy.setKindFilter(std::nullopt);
    proxy.setValidityFilter(EventFilterProxy::ValidityFilter::All);
    QVERIFY(!proxy.isFiltering());
    QCOMPARE(proxy.rowCount(), 8);
}

void tst_EventTableModel::resultSortsByStatusThenValidity()
{
    EventTableModel model;
    EventFilterProxy proxy;
    proxy.setSourceModel(&model);
    QList<EventSummary> rows = summaries(1, 5);
    for (EventSummary &row : rows)
        row.responseStatus = 200;
    rows[4].responseStatus = 400;
    model.append(rows);
    model.applyInfos({info(1, EventInfo::Validity::Invalid, QStringLiteral("k"), 2), info(2, EventInfo::Validity::Valid),
                      info(3, EventInfo::Validity::Invalid, QStringLiteral("k"), 12), info(4, EventInfo::Validity::Unknown)});
    proxy.sort(EventTableModel::ResultColumn, Qt::DescendingOrder);
    QCOMPARE(proxyIds(proxy), (QList<qint64>{5, 3, 1, 2, 4}));
    proxy.sort(EventTableModel::KindColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 0).data(EventTableModel::IdRole).toLongLong(), 5); // not checked: no key
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

void tst_EventTableModel::languagesColumn_data()
{
    QTest::addColumn<QString>("languages");
    QTest::addColumn<int>("missing");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("toolTip");
    QTest::newRow("complete") << "en nl fr" << 0 << "en nl fr" << "Translations in: en — English, nl — Nederlands, fr — français";
    QTest::newRow("missing counted") << "en nl" << 3 << "en nl · 3 missing"
                                     << "Translations in: en — English, nl — Nederlands\n3 translations missing";
    QTest::newRow("unknown code kept") << "string" << 0 << "string" << "Translations in: string";
    QTest::newRow("no translations") << "" << 0 << "" << "";
}

void tst_EventTableModel::languagesColumn()
{
    QFETCH(QString, languages);
    QFETCH(int, missing);
    QFETCH(QString, text);
    QFETCH(QString, toolTip);
    EventTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(summaries(1, 1));
    EventInfo i = info(1, EventInfo::Validity::Unknown);
    i.languages = languages;
    i.missingTranslations = missing;
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.applyInfos({i});
    QCOMPARE(changed.size(), 1);
    QVERIFY(changed.at(0).at(1).value<QModelIndex>().column() >= EventTableModel::LanguagesColumn);
    const QModelIndex cell = model.index(0, EventTableModel::LanguagesColumn);
    QCOMPARE(cell.data().toString(), text);
    QCOMPARE(cell.data(Qt::ToolTipRole).toString(), toolTip);
    QCOMPARE(cell.data(EventTableModel::MissingTranslationsRole).toInt(), missing);
}

void tst_EventTableModel::proxyFiltersMissingTranslations()
{
    EventTableModel model;
    EventFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(summaries(1, 5));
    const auto withMissing = [](qint64 id, int missing, const QString &kind = {}) {
        EventInfo i = info(id, kind.isEmpty() ? EventInfo::Validity::Unknown : EventInfo::Validity::Valid, kind);
        i.languages = QStringLiteral("en nl");
        i.missingTranslations = missing;
        return i;
    };
    model.applyInfos({withMissing(1, 0), withMissing(2, 2), withMissing(3, 1, QStringLiteral("a")), withMissing(4, 0)});
    proxy.setMissingTranslationsOnly(true);
    QVERIFY(proxy.isFiltering());
    QCOMPARE(proxyIds(proxy), (QList<qint64>{2, 3}));
    // Combined with the other filters.
    proxy.setKindFilter(QStringLiteral("a"));
    QCOMPARE(proxyIds(proxy), QList<qint64>{3});
    proxy.setKindFilter(std::nullopt);
    proxy.setMatches({1, 2});
    QCOMPARE(proxyIds(proxy), QList<qint64>{2});
    proxy.clearMatches();
    // A result arriving moves rows in and out.
    model.applyInfos({withMissing(5, 4), withMissing(2, 0)});
    QCOMPARE(proxyIds(proxy), (QList<qint64>{3, 5}));
    proxy.setMissingTranslationsOnly(false);
    QVERIFY(!proxy.isFiltering());
    QCOMPARE(proxy.rowCount(), 5);
}

QTEST_MAIN(tst_EventTableModel)
#include "tst_eventtablemodel.moc"
