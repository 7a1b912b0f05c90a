// The timeline strip (issue 27 point 4): colours of a known distribution, read back from pixels;
// a drag over a known range and the query text it makes; Esc; the hover text.
#include "TimelineStrip.h"
#include "query/EventQuery.h"
#include "timeline/TimelineQuery.h"

#include <QImage>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;

namespace {
constexpr qint64 kStart = 1'796'630'400'000LL; // 2026-12-07T08:00:00Z
constexpr int kWidth = 604; // 600 pixels of bars between the 2-pixel margins
constexpr int kHeight = 40;

// Sixty seconds: the first twenty valid (4 a second), the next twenty answered 5xx (4 a second),
// the last twenty half held, half with violations (2 + 2 a second).
TimelineBuckets knownDistribution()
{
    TimelineBuckets buckets;
    for (int s = 0; s < 60; ++s) {
        const qint64 at = kStart + s * 1000 + 200;
        if (s < 20) {
            buckets.add(at, TimelineResult::Valid, 4);
        } else if (s < 40) {
            buckets.add(at, TimelineResult::Failed, 4);
        } else {
            buckets.add(at, TimelineResult::Violations, 2);
            buckets.add(at, TimelineResult::Held, 2);
        }
    }
    return buckets;
}

Event eventAt(qint64 ms)
{
    Event event;
    event.id = 1;
    event.receivedAtMs = ms;
    event.method = "POST";
    event.target = "/hook";
    event.response.status = 200;
    return event;
}
} // namespace

class tst_TimelineStrip final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qputenv("TZ", "UTC"); }
    void init();
    void cleanup() { m_strip.reset(); }
    void binsAreOneSecondForOneMinute();
    void coloursOfAKnownDistribution_data();
    void coloursOfAKnownDistribution();
    void dragOverAKnownRangeMakesItsQuery();
    void dragBackwardsIsTheSameRange();
    void escapeClearsTheSelection();
    void hoverTextCountsTheBin();
    void emptyStripSaysSo();
    void queryText_data();
    void queryText();
    void rangeQueryMatchesTheEventsOfTheRange();

private:
    [[nodiscard]] int xOfBin(int bin) const { return 2 + bin * 10 + 5; } // 10 pixels a bin

    TimelineBuckets m_buckets;
    std::unique_ptr<TimelineStrip> m_strip;
};

void tst_TimelineStrip::init()
{
    m_buckets = knownDistribution();
    m_strip = std::make_unique<TimelineStrip>();
    m_strip->resize(kWidth, kHeight);
    m_strip->setBuckets(&m_buckets);
    m_strip->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_strip.get()));
}

void tst_TimelineStrip::binsAreOneSecondForOneMinute()
{
    QCOMPARE(m_strip->binCount(), 60);
    QCOMPARE(m_strip->binWidthMs(), 1000);
    QCOMPARE(m_strip->firstBinMs(), kStart);
    QCOMPARE(m_strip->binAt(xOfBin(0)), 0);
    QCOMPARE(m_strip->binAt(xOfBin(59)), 59);
}

void tst_TimelineStrip::coloursOfAKnownDistribution_data()
{
    QTest::addColumn<int>("bin");
    QTest::addColumn<int>("fromBottom"); // pixels above the bars' bottom edge
    QTest::addColumn<int>("result");
    QTest::newRow("first third valid") << 5 << 2 << int(TimelineResult::Valid);
    QTest::newRow("first third valid, high up") << 19 << 20 << int(TimelineResult::Valid);
    QTest::newRow("second third 5xx") << 25 << 2 << int(TimelineResult::Failed);
    QTest::newRow("last third: violations at the bottom") << 50 << 2 << int(TimelineResult::Violations);
    QTest::newRow("last third: held on top") << 50 << 20 << int(TimelineResult::Held);
}

void tst_TimelineStrip::coloursOfAKnownDistribution()
{
    QFETCH(int, bin);
    QFETCH(int, fromBottom);
    QFETCH(int, result);
    const QImage image = m_strip->grab().toImage();
    const int y = m_strip->barArea().bottom() - fromBottom;
    const QColor seen = image.pixelColor(xOfBin(bin), y);
    const QColor expected = TimelineStrip::colorFor(TimelineResult(result), m_strip->palette());
    QVERIFY2(seen == expected, qPrintable(QStringLiteral("%1 at (%2, %3), expected %4")
                                              .arg(seen.name(), QString::number(xOfBin(bin)), QString::number(y),
                                                   expected.name())));
}

void tst_TimelineStrip::dragOverAKnownRangeMakesItsQuery()
{
    QSignalSpy selected(m_strip.get(), &TimelineStrip::rangeSelected);
    QTest::mousePress(m_strip.get(), Qt::LeftButton, {}, QPoint(xOfBin(10), 20));
    QTest::mouseMove(m_strip.get(), QPoint(xOfBin(15), 20));
    QTest::mouseRelease(m_strip.get(), Qt::LeftButton, {}, QPoint(xOfBin(19), 20));
    QCOMPARE(selected.size(), 1);
    const auto range = selected.at(0).at(0).value<TimelineQuery::Range>();
    QCOMPARE(range.fromMs, kStart + 10'000);
    QCOMPARE(range.toMs, kStart + 20'000 - 1);
    QCOMPARE(TimelineQuery::withRange(QStringLiteral("status >= 500"), range),
             QStringLiteral("time >= 2026-12-07T08:00:10 and time <= 2026-12-07T08:00:19.999 and status >= 500"));
    QVERIFY(m_strip->selection());
}

void tst_TimelineStrip::dragBackwardsIsTheSameRange()
{
    QSignalSpy selected(m_strip.get(), &TimelineStrip::rangeSelected);
    QTest::mousePress(m_strip.get(), Qt::LeftButton, {}, QPoint(xOfBin(19), 20));
    QTest::mouseRelease(m_strip.get(), Qt::LeftButton, {}, QPoint(xOfBin(10), 20));
    QCOMPARE(selected.size(), 1);
    const auto range = selected.at(0).at(0).value<TimelineQuery::Range>();
    QCOMPARE(range.fromMs, kStart + 10'000);
    QCOMPARE(range.toMs, kStart + 20'000 - 1);
}

void tst_TimelineStrip::escapeClearsTheSelection()
{
    QSignalSpy cleared(m_strip.get(), &TimelineStrip::selectionCleared);
    QTest::keyClick(m_strip.get(), Qt::Key_Escape);
    QCOMPARE(cleared.size(), 0); // nothing selected: Esc goes on to the parent
    QTest::mouseClick(m_strip.get(), Qt::LeftButton, {}, QPoint(xOfBin(3), 20));
    QVERIFY(m_strip->selection());
    QTest::keyClick(m_strip.get(), Qt::Key_Escape);
    QCOMPARE(cleared.size(), 1);
    QVERIFY(!m_strip->selection());
}

void tst_TimelineStrip::hoverTextCountsTheBin()
{
    QCOMPARE(m_strip->binText(50), QStringLiteral("2026-12-07 08:00:50 (1 s)\n4 events\n2 violations\n2 held"));
    QCOMPARE(m_strip->binText(0), QStringLiteral("2026-12-07 08:00:00 (1 s)\n4 events\n4 valid"));
    QCOMPARE(m_strip->binText(60), QString());
}

void tst_TimelineStrip::emptyStripSaysSo()
{
    TimelineBuckets none;
    m_strip->setBuckets(&none);
    QCOMPARE(m_strip->binCount(), 0);
    QCOMPARE(m_strip->binAt(100), -1);
    QSignalSpy selected(m_strip.get(), &TimelineStrip::rangeSelected);
    QTest::mouseClick(m_strip.get(), Qt::LeftButton, {}, QPoint(100, 20));
    QCOMPARE(selected.size(), 0);
    m_strip->grab(); // paints without bins
    m_strip->setBuckets(nullptr);
}

void tst_TimelineStrip::queryText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const QString terms = QStringLiteral("time >= 2026-12-07T08:00:10 and time <= 2026-12-07T08:00:19.999");
    QTest::newRow("empty box") << QString() << terms;
    QTest::newRow("a query is kept after the range") << QStringLiteral("status >= 500") << terms + QStringLiteral(" and status >= 500");
    QTest::newRow("an or is grouped") << QStringLiteral("status >= 500 or valid = false")
                                      << terms + QStringLiteral(" and (status >= 500 or valid = false)");
    QTest::newRow("a group is not grouped again") << QStringLiteral("(status >= 500 or valid = false)")
                                                  << terms + QStringLiteral(" and (status >= 500 or valid = false)");
    QTest::newRow("plain text stays contains, quoted") << QStringLiteral("jane \"doe\"")
                                                      << terms + QStringLiteral(" and \"jane \\\"doe\\\"\"");
    QTest::newRow("an earlier range is replaced")
        << QStringLiteral("time >= 2026-01-01T00:00:00 and time <= 2026-01-02T00:00:00.999 and kind = order")
        << terms + QStringLiteral(" and kind = order");
    QTest::newRow("the user's own time terms elsewhere stay") << QStringLiteral("kind = order and time > -15m")
                                                             << terms + QStringLiteral(" and kind = order and time > -15m");
}

void tst_TimelineStrip::queryText()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const TimelineQuery::Range range{.fromMs = kStart + 10'000, .toMs = kStart + 20'000 - 1};
    const QString withRange = TimelineQuery::withRange(text, range);
    QCOMPARE(withRange, expected);
    const EventQuery::Result parsed = EventQuery::filterFor(withRange, QueryContext{.nowMs = kStart, .vendorKinds = {}});
    QVERIFY2(parsed.ok(), qPrintable(parsed.error.message));
    QVERIFY(parsed.isQuery);
    const auto back = TimelineQuery::rangeIn(withRange);
    QVERIFY(back);
    QCOMPARE(back->fromMs, range.fromMs);
    QCOMPARE(back->toMs, range.toMs);
    // Esc: the range goes, the rest stays.
    const QString without = TimelineQuery::withoutRange(withRange);
    QCOMPARE(TimelineQuery::withRange(without, range), withRange);
    QVERIFY(!TimelineQuery::rangeIn(without));
}

void tst_TimelineStrip::rangeQueryMatchesTheEventsOfTheRange()
{
    const TimelineQuery::Range range{.fromMs = kStart + 10'000, .toMs = kStart + 20'000 - 1};
    const EventQuery::Result parsed = EventQuery::filterFor(TimelineQuery::withRange(QString(), range), QueryContext{});
    QVERIFY(parsed.ok());
    const auto matches = [&](qint64 ms) { return parsed.filter.matches(eventAt(ms), EventInfo{}); };
    QVERIFY(!matches(kStart + 9'999));
    QVERIFY(matches(kStart + 10'000));
    QVERIFY(matches(kStart + 19'999));
    QVERIFY(!matches(kStart + 20'000));
}

QTEST_MAIN(tst_TimelineStrip)
#include "tst_timelinestrip.moc"
