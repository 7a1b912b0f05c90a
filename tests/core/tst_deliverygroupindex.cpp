// Deliveries grouped incrementally (issue 26): DeliveryGroupIndex, fed generated retry patterns
// in batches, must hold exactly what DeliveryGrouper::group() makes of all the rows so far,
// after every batch, while regrouping only what a batch touches.
#include "store/DeliveryGroupIndex.h"
#include "store/DeliveryGrouper.h"

#include <QRandomGenerator>
#include <QTest>

using namespace hookscope;

namespace {

constexpr qint64 kBase = 1'765'000'000'000;

// Every field a view shows, one line per group.
QStringList describe(const QList<DeliveryGroup> &groups)
{
    QStringList out;
    for (const DeliveryGroup &g : groups) {
        QString line = g.key + u' ' + g.kind + u' ' + g.entityId + u' ' + g.version + (g.byBody ? u'B' : u'-')
            + (g.outOfOrder ? QStringLiteral(" ooo<") + g.newerVersion : QString()) + QStringLiteral(" :");
        for (const DeliveryAttempt &a : g.attempts)
            line += QStringLiteral(" #%1@%2+%3=%4%5")
                        .arg(a.id)
                        .arg(a.receivedAtMs - kBase)
                        .arg(a.intervalMs)
                        .arg(a.status)
                        .arg(a.duplicate ? QStringLiteral("!dup") : QString());
        out.append(line);
    }
    return out;
}

// A vendor's traffic: deliveries retried with growing intervals, bodies without an id sent
// again within and past the window, entities updated with versions that sometimes go back.
QList<DeliveryRow> generate(quint32 seed, int count, qint64 *lastMs)
{
    QRandomGenerator random(seed);
    QList<DeliveryRow> rows;
    qint64 at = kBase;
    for (int id = 1; id <= count; ++id) {
        at += random.bounded(1, 120'000);
        DeliveryRow row;
        row.id = id;
        row.receivedAtMs = at;
        const int pick = int(random.bounded(20));
        row.byBody = pick < 4;
        row.key = row.byBody ? QStringLiteral("body-%1").arg(pick) : QStringLiteral("id-%1").arg(random.bounded(count / 3 + 1));
        row.kind = QStringLiteral("kind-%1").arg(random.bounded(2));
        row.entityId = random.bounded(3) == 0 ? QString() : QStringLiteral("e%1").arg(random.bounded(8));
        row.version = QString::number(random.bounded(50));
        const int statuses[] = {0, 200, 202, 500, 503, 429};
        row.status = statuses[random.bounded(6)];
        rows.append(row);
    }
    *lastMs = at;
    return rows;
}

DeliveryRow row(qint64 id, qint64 atMs, int status, const char *key)
{
    DeliveryRow out;
    out.id = id;
    out.receivedAtMs = atMs;
    out.status = status;
    out.key = QString::fromLatin1(key);
    return out;
}

} // namespace

class TestDeliveryGroupIndex final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void holdsWhatAFullRegroupingMakes_data();
    void holdsWhatAFullRegroupingMakes();
    void aRetryJoinsItsDeliveryInPlace();
    void aLateAnswerReplacesTheStatusAndFlagsDuplicates();
    void clearForgetsEverything();
};

void TestDeliveryGroupIndex::holdsWhatAFullRegroupingMakes_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("firstBatch");
    QTest::addColumn<int>("batch");
    QTest::addColumn<bool>("shuffled");
    QTest::addColumn<bool>("answersLater");
    QTest::newRow("events in arrival order, one at a time") << 1u << 600 << 1 << 1 << false << false;
    QTest::newRow("events in arrival order, refreshed by 37") << 2u << 600 << 37 << 37 << false << false;
    QTest::newRow("events keyed out of arrival order (an import, a late enrichment)") << 3u << 600 << 25 << 25 << true << false;
    QTest::newRow("answers that come after the event was grouped") << 4u << 600 << 20 << 20 << false << true;
    QTest::newRow("everything at once") << 5u << 600 << 100000 << 100000 << true << true;
    // More keys than one add() places one by one: the first batch is grouped whole, the rest placed.
    QTest::newRow("a first load of many keys, then live refreshes") << 6u << 4000 << 3000 << 50 << false << true;
    QTest::newRow("a large import out of order among live refreshes") << 7u << 4000 << 40 << 2500 << true << false;
}

void TestDeliveryGroupIndex::holdsWhatAFullRegroupingMakes()
{
    QFETCH(quint32, seed);
    QFETCH(int, count);
    QFETCH(int, firstBatch);
    QFETCH(int, batch);
    QFETCH(bool, shuffled);
    QFETCH(bool, answersLater);
    qint64 last = 0;
    QList<DeliveryRow> rows = generate(seed, count, &last);
    QRandomGenerator random(seed + 100);
    if (shuffled) {
        for (qsizetype i = rows.size() - 1; i > 0; --i)
            rows.swapItemsAt(i, random.bounded(i + 1));
    }
    DeliveryGroupIndex index(10 * 60 * 1000);
    QHash<qint64, DeliveryRow> added; // the store as it is: a row's latest status
    int comparisons = 0;
    for (qsizetype from = 0, size = firstBatch; from < rows.size(); from += size, size = batch) {
        QList<DeliveryRow> chunk = rows.mid(from, size);
        if (answersLater) {
            // Some rows come first unanswered; their answer shows in a later batch.
            QList<DeliveryRow> answers;
            for (DeliveryRow &row : chunk) {
                if (row.status != 0 && random.bounded(3) == 0) {
                    answers.append(row);
                    row.status = 0;
                }
            }
            index.add(chunk);
            for (const DeliveryRow &row : std::as_const(chunk))
                added.insert(row.id, row);
            chunk = answers;
        }
        index.add(chunk);
        for (const DeliveryRow &row : std::as_const(chunk))
            added.insert(row.id, row);
        const QStringList expected = describe(DeliveryGrouper::group(added.values(), 10 * 60 * 1000));
        const QStringList actual = describe(index.groups());
        QCOMPARE(actual.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i)
            QCOMPARE(actual.at(i), expected.at(i));
        QCOMPARE(index.rowCount(), added.size());
        ++comparisons;
    }
    QVERIFY(comparisons > 0);
    // The generator made every pattern the comparison is about.
    const QList<DeliveryGroup> all = index.groups();
    QVERIFY(std::any_of(all.cbegin(), all.cend(), [](const DeliveryGroup &g) { return g.outOfOrder; }));
    QVERIFY(std::any_of(all.cbegin(), all.cend(), [](const DeliveryGroup &g) { return g.duplicates() > 0; }));
    QVERIFY(std::any_of(all.cbegin(), all.cend(), [](const DeliveryGroup &g) { return g.byBody && g.attempts.size() > 1; }));
}

void TestDeliveryGroupIndex::aRetryJoinsItsDeliveryInPlace()
{
    DeliveryGroupIndex index;
    index.add({row(1, kBase, 500, "a"),
               row(2, kBase + 10, 200, "b")});
    const QList<DeliveryGroup> before = index.groups(); // what a view holds meanwhile
    index.add({row(3, kBase + 5000, 200, "a")});
    QCOMPARE(index.groups().size(), 2);
    QCOMPARE(index.groups().at(0).attempts.size(), 2);
    QCOMPARE(index.groups().at(0).attempts.at(1).intervalMs, 5000);
    QCOMPARE(index.groups().at(0).acceptedAt(), 2);
    QCOMPARE(before.at(0).attempts.size(), 1); // the copy handed out earlier is untouched
}

void TestDeliveryGroupIndex::aLateAnswerReplacesTheStatusAndFlagsDuplicates()
{
    DeliveryGroupIndex index;
    index.add({row(1, kBase, 0, "a"),
               row(2, kBase + 10, 200, "a")});
    QCOMPARE(index.unanswered(10), QList<qint64>({1}));
    QCOMPARE(index.groups().at(0).duplicates(), 0);
    index.add({row(1, kBase, 204, "a")});
    QCOMPARE(index.rowCount(), 2);
    QVERIFY(index.unanswered(10).isEmpty());
    QCOMPARE(index.groups().size(), 1);
    QCOMPARE(index.groups().at(0).attempts.at(0).status, 204);
    QCOMPARE(index.groups().at(0).duplicates(), 1); // the second came after a 2xx
}

void TestDeliveryGroupIndex::clearForgetsEverything()
{
    DeliveryGroupIndex index;
    index.add({row(1, kBase, 0, "a")});
    index.clear();
    QCOMPARE(index.rowCount(), 0);
    QVERIFY(index.groups().isEmpty());
    QVERIFY(index.unanswered(10).isEmpty());
}

QTEST_APPLESS_MAIN(TestDeliveryGroupIndex)
#include "tst_deliverygroupindex.moc"
