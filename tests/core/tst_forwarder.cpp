#include "common/FakeNgrokAgent.h"
#include "common/RawHttpClient.h"
#include "http/Receiver.h"
#include "relay/Forwarder.h"
#include "store/EventRecorder.h"
#include "store/EventStore.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {

// A receiver with its own store: "A" is Hookscope, "B" plays the user's local app.
struct Station
{
    Station(const QString &path, int status)
    {
        QString error;
        if (!recorder.open(path, &error))
            qFatal("cannot open %s: %s", qPrintable(path), qPrintable(error));
        ReceiverConfig config;
        config.port = 0;
        config.defaultResponse.status = status;
        config.defaultResponse.body = "from " + QByteArray::number(status);
        receiver.setConfig(config);
        if (!receiver.start())
            qFatal("cannot listen: %s", qPrintable(receiver.errorString()));
    }
    EventRecorder recorder;
    Receiver receiver{&recorder};
};

// Events as the recorder reports them, with ids 1..count and bodies of `bodySize` bytes.
QList<Event> burst(int count, qsizetype bodySize)
{
    QList<Event> events;
    for (int i = 1; i <= count; ++i) {
        Event e;
        e.id = i;
        e.method = "POST";
        e.target = "/burst/" + QByteArray::number(i);
        e.body = QByteArray(bodySize, 'x');
        events.append(e);
    }
    return events;
}

} // namespace

class TestForwarder final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void forwardsEachEventAndRecordsTheAppsAnswer();
    void forwardsInArrivalOrder();
    void targetDownIsRecordedAndNothingIsLost();
    void onlyTheChosenKindIsForwarded();
    void overflowIsRecordedNotQueued();
    void refusedRequestsAreNotForwarded();
    void queuedBytesAreBounded();
    void requestThatCameBackIsNotForwardedAgain();

private:
    [[nodiscard]] std::optional<ForwardRecord> storedForward(qint64 id) const;
    [[nodiscard]] QList<Event> storedEvents(const QString &path) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Station> m_a;
    std::unique_ptr<Station> m_b;
    std::unique_ptr<Forwarder> m_forwarder;
};

void TestForwarder::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_a = std::make_unique<Station>(m_dir->filePath(QStringLiteral("a.sqlite")), 200);
    m_b = std::make_unique<Station>(m_dir->filePath(QStringLiteral("b.sqlite")), 201);
    m_forwarder = std::make_unique<Forwarder>(&m_a->recorder);
    m_forwarder->setTarget(QUrl(m_b->receiver.url().toString() + QStringLiteral("local")));
    connect(&m_a->recorder, &EventRecorder::eventsStored, m_forwarder.get(), &Forwarder::enqueue);
}

void TestForwarder::cleanup()
{
    m_forwarder.reset();
    m_a.reset();
    m_b.reset();
    m_dir.reset();
}

std::optional<ForwardRecord> TestForwarder::storedForward(qint64 id) const
{
    EventStore reader;
    QString error;
    if (!reader.open(m_a->recorder.path(), &error))
        return std::nullopt;
    return reader.loadForward(id);
}

QList<Event> TestForwarder::storedEvents(const QString &path) const
{
    QList<Event> out;
    EventStore reader;
    QString error;
    if (!reader.open(path, &error))
        return out;
    for (qint64 id : reader.ids()) {
        if (std::optional<Event> e = reader.load(id))
            out.append(*e);
    }
    return out;
}

void TestForwarder::forwardsEachEventAndRecordsTheAppsAnswer()
{
    QSignalSpy forwarded(m_forwarder.get(), &Forwarder::forwarded);
    RawHttpClient client(m_a->receiver.port());
    const QByteArray body = R"({"booking":{"id":"b-1"}})";
    client.send(post("/hooks/book?x=1", body, "Content-Type: application/json\r\nX-Dup: 1\r\nX-Dup: 2\r\n"));
    QTRY_COMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses().first().status, 200); // A answers its client itself

    QTRY_COMPARE(forwarded.size(), 1);
    const auto record = forwarded.first().first().value<ForwardRecord>();
    QVERIFY2(record.ok(), qPrintable(record.error));
    QCOMPARE(record.status, 201);
    QCOMPARE(record.responseBody, QByteArray("from 201"));
    QVERIFY(record.latencyUs > 0);

    const QList<Event> atB = storedEvents(m_b->recorder.path());
    QCOMPARE(atB.size(), 1);
    const QList<Event> atA = storedEvents(m_a->recorder.path());
    QCOMPARE(atA.size(), 1);
    QCOMPARE(atB.first().method, QByteArray("POST"));
    QCOMPARE(atB.first().target, QByteArray("/local/hooks/book?x=1"));
    QCOMPARE(atB.first().body, body);
    QCOMPARE(headerValue(atB.first().headers, "content-type"), QByteArray("application/json"));
    HeaderList dups;
    for (const auto &h : atB.first().headers)
        if (h.first == "X-Dup")
            dups.append(h);
    QCOMPARE(dups, (HeaderList{{"X-Dup", "1"}, {"X-Dup", "2"}}));

    // Recorded on A's event through A's writer.
    QCOMPARE(record.id, atA.first().id);
    QTRY_VERIFY_WITH_TIMEOUT(storedForward(record.id).has_value(), 5000);
    const ForwardRecord stored = *storedForward(record.id);
    QCOMPARE(stored.status, 201);
    QCOMPARE(stored.latencyUs, record.latencyUs);
    QCOMPARE(stored.url, m_forwarder->target().toString());
    QVERIFY(stored.error.isEmpty());
    QCOMPARE(stored.responseBody, QByteArray("from 201"));
}

void TestForwarder::forwardsInArrivalOrder()
{
    QSignalSpy forwarded(m_forwarder.get(), &Forwarder::forwarded);
    RawHttpClient client(m_a->receiver.port());
    QByteArray wire;
    for (int i = 0; i < 20; ++i)
        wire += post("/n/" + QByteArray::number(i), "{\"n\":" + QByteArray::number(i) + "}");
    client.send(wire); // pipelined: they arrive in one burst
    QTRY_COMPARE(client.responses().size(), 20);
    QTRY_COMPARE(forwarded.size(), 20);
    const QList<Event> atB = storedEvents(m_b->recorder.path());
    QCOMPARE(atB.size(), 20);
    for (int i = 0; i < 20; ++i)
        QCOMPARE(atB[i].target, "/local/n/" + QByteArray::number(i));
}

void TestForwarder::targetDownIsRecordedAndNothingIsLost()
{
    m_forwarder->setTarget(QUrl(QStringLiteral("http://127.0.0.1:%1/webhooks").arg(unusedPort())));
    QSignalSpy forwarded(m_forwarder.get(), &Forwarder::forwarded);
    RawHttpClient client(m_a->receiver.port());
    client.send(post("/a", "{\"a\":1}") + post("/b", "{\"b\":2}"));
    QTRY_COMPARE(client.responses().size(), 2);
    QCOMPARE(client.responses().at(0).status, 200);
    QCOMPARE(client.responses().at(1).status, 200);
    QTRY_COMPARE(forwarded.size(), 2);
    const QList<Event> atA = storedEvents(m_a->recorder.path());
    QCOMPARE(atA.size(), 2);
    for (const Event &e : atA) {
        QTRY_VERIFY_WITH_TIMEOUT(storedForward(e.id).has_value(), 5000);
        const ForwardRecord r = *storedForward(e.id);
        QCOMPARE(r.status, 0);
        QVERIFY2(r.error.contains(QStringLiteral("connection refused")), qPrintable(r.error));
    }
}

void TestForwarder::onlyTheChosenKindIsForwarded()
{
    m_forwarder->setKindFilter(QStringLiteral("booking"), [](const Event &e) {
        return e.body.contains("booking") ? QStringLiteral("booking") : QString();
    });
    QSignalSpy forwarded(m_forwarder.get(), &Forwarder::forwarded);
    RawHttpClient client(m_a->receiver.port());
    client.send(post("/1", R"({"other":1})") + post("/2", R"({"booking":1})") + post("/3", R"({"other":2})"));
    QTRY_COMPARE(client.responses().size(), 3);
    QTRY_COMPARE(forwarded.size(), 1);
    QTest::qWait(200); // nothing else comes: give a wrong forward the time to show
    QCOMPARE(forwarded.size(), 1);
    const QList<Event> atB = storedEvents(m_b->recorder.path());
    QCOMPARE(atB.size(), 1);
    QCOMPARE(atB.first().target, QByteArray("/local/2"));
}

void TestForwarder::overflowIsRecordedNotQueued()
{
    m_forwarder->setMaxQueued(2);
    QSignalSpy forwarded(m_forwarder.get(), &Forwarder::forwarded);
    m_forwarder->enqueue(burst(5, 2)); // one is sent at once, two wait, two do not fit
    QCOMPARE(m_forwarder->queued(), 2);
    QCOMPARE(forwarded.size(), 2);
    for (const QList<QVariant> &args : std::as_const(forwarded)) {
        const auto r = args.first().value<ForwardRecord>();
        QVERIFY(r.id == 4 || r.id == 5);
        QVERIFY2(r.error.contains(QStringLiteral("not forwarded")), qPrintable(r.error));
    }
    QTRY_COMPARE(forwarded.size(), 5);
    QCOMPARE(storedEvents(m_b->recorder.path()).size(), 3);
}

void TestForwarder::refusedRequestsAreNotForwarded()
{
    QSignalSpy forwarded(m_forwarder.get(), &Forwarder::forwarded);
    RawHttpClient client(m_a->receiver.port());
    client.send("POST /x HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}");
    QTRY_VERIFY(client.wasClosed());
    QCOMPARE(client.responses().first().status, 400);
    client.socket().abort();
    RawHttpClient second(m_a->receiver.port());
    second.send(post("/ok", "{}"));
    QTRY_COMPARE(forwarded.size(), 1);
    const QList<Event> atB = storedEvents(m_b->recorder.path());
    QCOMPARE(atB.size(), 1);
    QCOMPARE(atB.first().target, QByteArray("/local/ok"));
}

void TestForwarder::queuedBytesAreBounded()
{
    m_forwarder->setMaxQueuedBytes(1000);
    QSignalSpy forwarded(m_forwarder.get(), &Forwarder::forwarded);
    m_forwarder->enqueue(burst(4, 600)); // 1 is sent, 2 waits (600 B), 3 and 4 would exceed 1000 B
    QCOMPARE(m_forwarder->queued(), 1);
    QCOMPARE(forwarded.size(), 2);
    QVERIFY(forwarded.at(0).first().value<ForwardRecord>().error.contains(QStringLiteral("MiB of events")));
    QTRY_COMPARE(forwarded.size(), 4);
    QCOMPARE(storedEvents(m_b->recorder.path()).size(), 2);
}

// A forwarded request carries Via: 1.1 hookscope-<this process>; one that arrives with it went
// out from here before (a loop through a proxy or another Hookscope) and stops here.
void TestForwarder::requestThatCameBackIsNotForwardedAgain()
{
    QSignalSpy forwarded(m_forwarder.get(), &Forwarder::forwarded);
    RawHttpClient client(m_a->receiver.port());
    client.send(post("/first", "{}"));
    QTRY_COMPARE(forwarded.size(), 1);
    const QList<Event> atB = storedEvents(m_b->recorder.path());
    QCOMPARE(atB.size(), 1);
    QCOMPARE(headerValue(atB.first().headers, "via"), "1.1 " + OutgoingRequest::hopMarker());

    client.send(post("/again", "{}", "Via: 1.0 other-proxy, 1.1 " + OutgoingRequest::hopMarker() + "\r\n"));
    QTRY_COMPARE(forwarded.size(), 2);
    const auto record = forwarded.at(1).first().value<ForwardRecord>();
    QVERIFY(!record.ok());
    QVERIFY2(record.error.contains(QStringLiteral("would loop")), qPrintable(record.error));
    QTRY_VERIFY_WITH_TIMEOUT(storedForward(record.id).has_value(), 5000);
    QCOMPARE(storedForward(record.id)->error, record.error);
    QCOMPARE(storedEvents(m_b->recorder.path()).size(), 1);
}

QTEST_GUILESS_MAIN(TestForwarder)
#include "tst_forwarder.moc"
