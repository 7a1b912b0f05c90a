// LiveFeed: the window takes the session's batches at a bounded rate, the first one at once.
#include "LiveFeed.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;

namespace {
QList<Event> eventsWithIds(std::initializer_list<qint64> ids)
{
    QList<Event> events;
    for (const qint64 id : ids) {
        Event event;
        event.id = id;
        events.append(event);
    }
    return events;
}

QList<qint64> idsOf(const QVariant &argument)
{
    QList<qint64> ids;
    for (const Event &event : argument.value<QList<Event>>())
        ids.append(event.id);
    return ids;
}
} // namespace

class TestLiveFeed final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<QList<hookscope::Event>>();
        qRegisterMetaType<QList<hookscope::EventInfo>>();
    }

    void firstBatchAfterQuietGoesOutAtOnce()
    {
        LiveFeed feed(200);
        QSignalSpy events(&feed, &LiveFeed::eventsReady);
        feed.addEvents(eventsWithIds({1}));
        QCOMPARE(events.size(), 1); // synchronously, no timer
        QCOMPARE(idsOf(events.at(0).at(0)), QList<qint64>({1}));
        QVERIFY(!feed.isPending());
    }

    void batchesWithinTheIntervalAreJoined()
    {
        LiveFeed feed(150);
        QSignalSpy events(&feed, &LiveFeed::eventsReady);
        QElapsedTimer clock;
        clock.start();
        feed.addEvents(eventsWithIds({1}));
        feed.addEvents(eventsWithIds({2}));
        feed.addEvents(eventsWithIds({3, 4}));
        QCOMPARE(events.size(), 1);
        QVERIFY(feed.isPending());
        QTRY_COMPARE(events.size(), 2);
        QVERIFY2(clock.elapsed() >= 140, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(idsOf(events.at(1).at(0)), QList<qint64>({2, 3, 4}));
        QVERIFY(!feed.isPending());
    }

    void eventsGoOutBeforeTheirInfos()
    {
        LiveFeed feed(100);
        QList<QString> order;
        connect(&feed, &LiveFeed::eventsReady, this, [&order](const QList<Event> &) { order.append(QStringLiteral("events")); });
        connect(&feed, &LiveFeed::infosReady, this, [&order](const QList<EventInfo> &) { order.append(QStringLiteral("infos")); });
        feed.addEvents(eventsWithIds({1})); // out at once
        EventInfo info;
        info.id = 2;
        feed.addInfos({info}); // waits: within the interval
        feed.addEvents(eventsWithIds({2}));
        QTRY_COMPARE(order.size(), 3);
        QCOMPARE(order, QList<QString>({"events", "events", "infos"}));
    }

    void flushHandsOverWhatWaitsNow()
    {
        LiveFeed feed(60'000);
        QSignalSpy events(&feed, &LiveFeed::eventsReady);
        feed.addEvents(eventsWithIds({1}));
        feed.addEvents(eventsWithIds({2}));
        QCOMPARE(events.size(), 1);
        feed.flush(); // a held hook: its row now, not in a minute
        QCOMPARE(events.size(), 2);
        QCOMPARE(idsOf(events.at(1).at(0)), QList<qint64>({2}));
        feed.flush(); // nothing waits: nothing sent
        QCOMPARE(events.size(), 2);
    }

    void emptyBatchesAreIgnored()
    {
        LiveFeed feed(100);
        QSignalSpy events(&feed, &LiveFeed::eventsReady);
        QSignalSpy infos(&feed, &LiveFeed::infosReady);
        feed.addEvents({});
        feed.addInfos({});
        QVERIFY(!feed.isPending());
        QCOMPARE(events.size() + infos.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLiveFeed)
#include "tst_livefeed.moc"
