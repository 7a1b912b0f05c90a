// The timeline wired to the event list (issue 27 point 4): the stored history counted off the GUI
// thread, live batches and enrichment results moving the right bucket, a drag filtering the table
// through the filter box, Esc taking the range out again, the filter's matches or the whole store.
#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "LiveFeed.h"
#include "TimelineController.h"
#include "TimelineStrip.h"
#include "store/EventStore.h"

#include <QAction>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {
constexpr qint64 kStart = 1'796'630'400'000LL; // 2026-12-07T08:00:00Z

Event eventAt(qint64 ms, int status)
{
    Event e;
    e.receivedAtMs = ms;
    e.method = "POST";
    e.target = "/hooks/cb";
    e.remoteAddress = QStringLiteral("127.0.0.1");
    e.headers = {{"Content-Type", "application/json"}};
    e.body = R"({"n":1})";
    e.response.status = status;
    return e;
}
} // namespace

class tst_TimelineController final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void historyIsCountedOnTheLoaderThread();
    void historyCountsHeldHooksButNotRuleAnswers();
    void liveEventsIncrementTheirBucket();
    void enrichmentMovesALiveEventToItsColour();
    void dragFiltersTheTableAndEscapeUnfilters();
    void filterMatchesOrTheWholeStore();
    void viewActionHidesTheStrip();

private:
    void storeEvents(int count, int status);
    void openPane();

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<EventStore> m_store;
    std::unique_ptr<EventListPane> m_pane;
    std::unique_ptr<LiveFeed> m_feed;
    TimelineController *m_timeline = nullptr; // child of m_feed's owner below
    std::unique_ptr<QObject> m_owner;
    qint64 m_nextId = 1;
};

void tst_TimelineController::initTestCase()
{
    qputenv("TZ", "UTC");
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("hookscope-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_timelinecontroller"));
}

void tst_TimelineController::init()
{
    m_path = m_dir.filePath(QStringLiteral("t%1.sqlite").arg(QTest::currentTestFunction()));
    m_store = std::make_unique<EventStore>();
    QString error;
    QVERIFY2(m_store->open(m_path, &error), qPrintable(error));
}

void tst_TimelineController::cleanup()
{
    m_owner.reset();
    m_timeline = nullptr;
    m_pane.reset();
    m_feed.reset();
    m_store.reset();
}

// `count` events a second apart from kStart (first one at 0.5 s), in one transaction.
void tst_TimelineController::storeEvents(int count, int status)
{
    QString error;
    QVERIFY(m_store->begin());
    for (int i = 0; i < count; ++i) {
        Event e = eventAt(kStart + i * 1000 + 500, status);
        QVERIFY2(m_store->insert(e, &error), qPrintable(error));
        EventInfo info;
        info.id = e.id;
        info.validity = i % 2 ? EventInfo::Validity::Invalid : EventInfo::Validity::Valid;
        QVERIFY(m_store->saveInfo(info));
        m_nextId = e.id + 1;
    }
    QVERIFY2(m_store->commit(&error), qPrintable(error));
}

void tst_TimelineController::openPane()
{
    m_pane = std::make_unique<EventListPane>();
    m_pane->setStorePath(m_path);
    m_feed = std::make_unique<LiveFeed>(0);
    m_owner = std::make_unique<QObject>();
    m_timeline = new TimelineController(m_pane.get(), m_feed.get(), m_store.get(), m_owner.get());
    m_timeline->toggleAction()->setChecked(true);
    m_timeline->matchesAction()->setChecked(true);
    m_pane->resize(900, 500);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    QSignalSpy loaded(m_timeline, &TimelineController::loaded);
    m_pane->loadHistory(m_store.get());
    QTRY_VERIFY(!loaded.isEmpty());
}

void tst_TimelineController::historyIsCountedOnTheLoaderThread()
{
    storeEvents(120, 200);
    openPane();
    QCOMPARE(m_timeline->tally().all().total(), quint64(120));
    QCOMPARE(m_timeline->tally().all().countsBetween(kStart, kStart + 999).of(TimelineResult::Valid), 1u);
    QCOMPARE(m_timeline->tally().all().countsBetween(kStart + 1000, kStart + 1999).of(TimelineResult::Violations), 1u);
    QCOMPARE(m_timeline->strip()->binCount(), 120);
    QCOMPARE(m_timeline->strip()->shownTotal(), quint64(120));
    QVERIFY(m_timeline->strip()->isVisible());
    // Above the table, in the list pane.
    QVERIFY(m_timeline->strip()->geometry().bottom() <= m_pane->table()->geometry().top());
    QThread *loaderThread = m_owner->findChild<QThread *>(QStringLiteral("timeline-loader"), Qt::FindChildrenRecursively);
    QVERIFY(loaderThread);
    QVERIFY(loaderThread != QThread::currentThread());
}

void tst_TimelineController::historyCountsHeldHooksButNotRuleAnswers()
{
    QString error;
    QVERIFY(m_store->begin());
    Event waiting = eventAt(kStart + 500, 0); // held open, not answered yet
    Event clicked = eventAt(kStart + 1500, 200); // held, answered in the Respond panel
    Event ruled = eventAt(kStart + 2500, 503); // answered by an answer rule: an ordinary 5xx
    for (Event *e : {&waiting, &clicked, &ruled})
        QVERIFY2(m_store->insert(*e, &error), qPrintable(error));
    AnswerRecord click;
    click.id = clicked.id;
    click.source = AnswerSource::Click;
    QVERIFY(m_store->saveAnswer(click));
    AnswerRecord rule;
    rule.id = ruled.id;
    rule.source = AnswerSource::Rule;
    rule.response.status = 503;
    rule.rule = QStringLiteral("fail");
    QVERIFY(m_store->saveAnswer(rule));
    QVERIFY2(m_store->commit(&error), qPrintable(error));
    openPane();
    const TimelineBuckets &all = m_timeline->tally().all();
    QCOMPARE(all.countsBetween(kStart, kStart + 999).of(TimelineResult::Held), 1u);
    QCOMPARE(all.countsBetween(kStart + 1000, kStart + 1999).of(TimelineResult::Held), 1u);
    QCOMPARE(all.countsBetween(kStart + 2000, kStart + 2999).of(TimelineResult::Failed), 1u);
}

void tst_TimelineController::liveEventsIncrementTheirBucket()
{
    storeEvents(10, 200);
    openPane();
    const TimelineBuckets &all = m_timeline->tally().all();
    QCOMPARE(all.countsBetween(kStart + 5000, kStart + 5999).total(), quint64(1));
    Event live = eventAt(kStart + 5200, 503); // into the sixth second, answered 503
    live.id = m_nextId;
    Event held = eventAt(kStart + 9100, 0); // a hook held open, in the tenth
    held.id = m_nextId + 1;
    m_feed->addEvents({live, held});
    QTRY_COMPARE(all.total(), quint64(12));
    QCOMPARE(all.countsBetween(kStart + 5000, kStart + 5999).of(TimelineResult::Failed), 1u);
    QCOMPARE(all.countsBetween(kStart + 5000, kStart + 5999).total(), quint64(2));
    QCOMPARE(all.countsBetween(kStart + 9000, kStart + 9999).of(TimelineResult::Held), 1u);
    QCOMPARE(all.countsBetween(kStart + 4000, kStart + 4999).total(), quint64(1)); // its neighbour untouched
}

void tst_TimelineController::enrichmentMovesALiveEventToItsColour()
{
    storeEvents(3, 200);
    openPane();
    Event live = eventAt(kStart + 1500, 200);
    live.id = m_nextId;
    m_feed->addEvents({live});
    const TimelineBuckets &all = m_timeline->tally().all();
    QTRY_COMPARE(all.countsBetween(kStart + 1000, kStart + 1999).of(TimelineResult::Other), 1u);
    EventInfo info;
    info.id = live.id;
    info.validity = EventInfo::Validity::Valid;
    m_feed->addInfos({info});
    QTRY_COMPARE(all.countsBetween(kStart + 1000, kStart + 1999).of(TimelineResult::Other), 0u);
    QCOMPARE(all.countsBetween(kStart + 1000, kStart + 1999).of(TimelineResult::Valid), 1u);
    QCOMPARE(all.countsBetween(kStart + 1000, kStart + 1999).of(TimelineResult::Violations), 1u); // the stored one
}

void tst_TimelineController::dragFiltersTheTableAndEscapeUnfilters()
{
    storeEvents(60, 200);
    openPane();
    QTRY_COMPARE(m_pane->proxy()->rowCount(), 60);
    m_pane->setFilterText(QStringLiteral("method = POST"));
    QTRY_COMPARE(m_pane->proxy()->rowCount(), 60);
    TimelineStrip *strip = m_timeline->strip();
    QTRY_COMPARE(strip->binCount(), 60);
    const QRect area = strip->barArea();
    const auto xOf = [&](int bin) { return area.left() + int((bin + 0.5) * area.width() / strip->binCount()); };
    QSignalSpy loaded(m_timeline, &TimelineController::loaded);
    QTest::mousePress(strip, Qt::LeftButton, {}, QPoint(xOf(10), 10));
    QTest::mouseMove(strip, QPoint(xOf(14), 10));
    QTest::mouseRelease(strip, Qt::LeftButton, {}, QPoint(xOf(19), 10));
    QCOMPARE(m_pane->filterEdit()->text(),
             QStringLiteral("time >= 2026-12-07T08:00:10 and time <= 2026-12-07T08:00:19.999 and method = POST"));
    QTRY_COMPARE(m_pane->proxy()->rowCount(), 10); // the events of seconds 10 to 19
    // The strip now counts the matches: ten seconds, at the right of a minute.
    QTRY_VERIFY(!loaded.isEmpty());
    QTRY_COMPARE(strip->shownTotal(), quint64(10));
    QCOMPARE(strip->binCount(), TimelineStrip::kMinBins);
    QCOMPARE(strip->firstBinMs(), kStart + 20'000 - TimelineStrip::kMinBins * 1000);
    QCOMPARE(m_timeline->tally().matched().total(), quint64(10));
    QCOMPARE(m_timeline->tally().all().total(), quint64(60));
    // Esc on the strip takes the range out and keeps the user's term.
    strip->setFocus();
    QTest::keyClick(strip, Qt::Key_Escape);
    QCOMPARE(m_pane->filterEdit()->text(), QStringLiteral("method = POST"));
    QTRY_COMPARE(m_pane->proxy()->rowCount(), 60);
    QTRY_COMPARE(strip->shownTotal(), quint64(60));
    QCOMPARE(strip->firstBinMs(), kStart);
}

void tst_TimelineController::filterMatchesOrTheWholeStore()
{
    storeEvents(20, 200);
    {
        QString error;
        QVERIFY(m_store->begin());
        Event e = eventAt(kStart + 40'500, 500); // alone, twenty seconds later
        QVERIFY(m_store->insert(e, &error));
        QVERIFY(m_store->commit(&error));
    }
    openPane();
    QSignalSpy loaded(m_timeline, &TimelineController::loaded);
    m_pane->setFilterText(QStringLiteral("status >= 500"));
    QTRY_VERIFY(!loaded.isEmpty());
    QTRY_COMPARE(m_timeline->tally().matched().total(), quint64(1));
    QCOMPARE(m_timeline->strip()->shownTotal(), quint64(1));
    m_timeline->matchesAction()->setChecked(false);
    QCOMPARE(m_timeline->strip()->shownTotal(), quint64(21));
    m_timeline->matchesAction()->setChecked(true);
    QCOMPARE(m_timeline->strip()->shownTotal(), quint64(1));
}

void tst_TimelineController::viewActionHidesTheStrip()
{
    openPane();
    QAction *toggle = m_timeline->toggleAction();
    QCOMPARE(toggle->text(), QStringLiteral("&Timeline"));
    QCOMPARE(toggle->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    QVERIFY(!toggle->icon().isNull());
    QVERIFY(m_timeline->strip()->isVisible());
    toggle->trigger();
    QVERIFY(!m_timeline->strip()->isVisible());
    toggle->trigger();
    QVERIFY(m_timeline->strip()->isVisible());
    QVERIFY(m_timeline->strip()->focusPolicy() & Qt::TabFocus);
}

QTEST_MAIN(tst_TimelineController)
#include "tst_timelinecontroller.moc"
