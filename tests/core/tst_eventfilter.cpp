// One filter, two paths: the same events go through EventFilter's SQL (EventStore::matchingIds,
// a real store file) and through its in-memory test (the live path: the events as they were
// captured), and both must find the same ids, which are also written down per row. The same
// for the event → row mapping: summaryOf() of a live event and the store's summaries().
#include "store/EventFilter.h"
#include "store/EventStore.h"
#include "store/EventSummary.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

Q_DECLARE_METATYPE(hookscope::EventFilter)

namespace {

struct Sample
{
    Event event;
    std::optional<EventInfo> info; // nullopt: enrichment has not run
    int appStatus = 0; // forwarded: the local app's status, -1 when it was not reached; 0: not forwarded
};

// The in-memory filter's view of a forward record (as the table's ForwardStatusRole gives it).
int appStatusOf(const std::optional<ForwardRecord> &record)
{
    return !record ? 0 : record->status > 0 ? record->status : -1;
}

EventInfo info(EventInfo::Validity validity, const QString &kind, int missing = 0)
{
    EventInfo i;
    i.validity = validity;
    i.kind = kind;
    i.eventName = kind.isEmpty() ? QString() : QStringLiteral("Created");
    i.missingTranslations = missing;
    return i;
}

// Ids 1… in this order. Texts and infos chosen so that each filter row tells paths apart.
QList<Sample> samples()
{
    const auto event = [](const QByteArray &target, const QByteArray &body) {
        Event e;
        e.receivedAtMs = 1'780'000'000'000;
        e.remoteAddress = QStringLiteral("10.1.1.1");
        e.remotePort = 4000;
        e.method = "POST";
        e.target = target;
        e.headers = {{"Content-Type", "application/json"}};
        e.contentType = "application/json";
        e.body = body;
        e.response.status = 200;
        return e;
    };
    QList<Sample> out;
    using V = EventInfo::Validity;
    // 1: the needle in upper case in the target
    out.append({event("/hooks/ORDERS", R"({"a":1})"), info(V::Valid, QStringLiteral("order"))});
    // 2: in a header value only
    Sample header{event("/hooks", "{}"), info(V::Invalid, QStringLiteral("order"), 2)};
    header.event.headers.append(std::pair<QByteArray, QByteArray>("X-Topic", "Orders.Created"));
    out.append(header);
    // 3: in a body of 20 KiB (stored compressed: SQL cannot read it)
    out.append({event("/big", QByteArray(20'000, ' ') + "orders"), info(V::Valid, QStringLiteral("invoice"), 1)});
    // 4: only in the decoded body, which is compressed too
    Sample decoded{event("/gz", "\x1f\x8b binary"), std::nullopt};
    decoded.event.decodedBody = QByteArray(17'000, '.') + "ORDERS";
    out.append(decoded);
    // 5: after a NUL byte in the body
    out.append({event("/nul", QByteArray("abc\0 orders", 11)), info(V::NotJson, QString())});
    // 6: non-ASCII: É is not folded (ASCII case only, on both paths)
    out.append({event("/accent", "ÉCOLE école"), info(V::Unknown, QString(), 3)});
    // 7: nothing to find, not enriched
    out.append({event("/plain", "nothing here"), std::nullopt});
    // 8: refused, its kind from a vendor, checked
    Sample refused{event("/refused", "orders"), info(V::Valid, QStringLiteral("vendor-b"))};
    refused.event.rejection = QStringLiteral("missing token");
    refused.event.response.status = 401;
    out.append(refused);
    // 9: enriched as "not inspectable", with an empty body
    out.append({event("/empty", QByteArray()), EventInfo::notInspectable(0, QStringLiteral("stopped"))});
    // Forwarded to the user's app: 1 got a 500, 2 a 200, 7 could not reach it (issue 24's App column).
    out[0].appStatus = 500;
    out[1].appStatus = 200;
    out[6].appStatus = -1;
    return out;
}

EventFilter filterOf(const QString &text, std::optional<QString> kind = std::nullopt,
                     EventFilter::Validity validity = EventFilter::Validity::All, bool missing = false,
                     const QStringList &vendor = {})
{
    EventFilter f = EventFilter::forText(text);
    f.kind = std::move(kind);
    f.validity = validity;
    f.missingTranslationsOnly = missing;
    f.vendorKinds = vendor;
    return f;
}

// The row's values, compared as text so a failure shows which one differs.
QStringList valuesOf(const EventSummary &s)
{
    return {QString::number(s.id), QString::number(s.receivedAtMs), QString::fromLatin1(s.method),
            QString::fromLatin1(s.target), QString::number(s.responseStatus), QString::number(s.bodySize), s.sender,
            QString::fromLatin1(s.contentType), QString::number(int(s.info.validity)), s.info.kind, s.info.eventName,
            QString::number(s.info.missingTranslations), s.info.rejection, QString::number(int(s.info.signature)),
            s.imported ? QStringLiteral("imported") : QStringLiteral("captured")};
}

} // namespace

class TestEventFilter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sqlAndMemoryAgree_data();
    void sqlAndMemoryAgree();
    void liveAndStoredRowsAgree();

private:
    QTemporaryDir m_dir;
    EventStore m_store;
    QList<Sample> m_live; // with their ids, as the live path sees them
};

void TestEventFilter::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(m_store.open(m_dir.filePath(QStringLiteral("filter.sqlite")), &error), qPrintable(error));
    QVERIFY(m_store.begin());
    for (Sample sample : samples()) {
        QVERIFY2(m_store.insert(sample.event, &error), qPrintable(error));
        if (sample.info) {
            sample.info->id = sample.event.id;
            QVERIFY(m_store.saveInfo(*sample.info));
        }
        if (sample.appStatus != 0) {
            ForwardRecord forward;
            forward.id = sample.event.id;
            forward.url = QStringLiteral("http://127.0.0.1:1/app");
            forward.status = qMax(sample.appStatus, 0);
            if (sample.appStatus < 0)
                forward.error = QStringLiteral("connection refused");
            QVERIFY(m_store.saveForward(forward));
        }
        m_live.append(sample);
    }
    QVERIFY(m_store.commit(&error));
}

void TestEventFilter::sqlAndMemoryAgree_data()
{
    QTest::addColumn<EventFilter>("filter");
    QTest::addColumn<QList<qint64>>("expected");
    using V = EventFilter::Validity;
    const auto k = [](const char *kind) { return std::optional<QString>(QString::fromUtf8(kind)); };
    QTest::newRow("no filter: every event") << filterOf({}) << QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8, 9};
    QTest::newRow("text ignores ASCII case in target, header, compressed body and decoded body, after a NUL")
        << filterOf(QStringLiteral("orders")) << QList<qint64>{1, 2, 3, 4, 5, 8};
    QTest::newRow("upper-case needle finds lower-case text") << filterOf(QStringLiteral("ORDERS.created"))
                                                             << QList<qint64>{2};
    QTest::newRow("non-ASCII is matched as written, not folded") << filterOf(QStringLiteral("école"))
                                                                 << QList<qint64>{6};
    QTest::newRow("non-ASCII upper case stays apart") << filterOf(QStringLiteral("ÉCOLE")) << QList<qint64>{6};
    QTest::newRow("text nowhere") << filterOf(QStringLiteral("zebra")) << QList<qint64>{};
    QTest::newRow("kind") << filterOf({}, k("order")) << QList<qint64>{1, 2};
    QTest::newRow("kind 'unknown' is checked and of no kind, not the unchecked ones")
        << filterOf({}, k("")) << QList<qint64>{5, 6, 9};
    QTest::newRow("vendor kinds") << filterOf({}, {}, V::All, false, {QStringLiteral("invoice"), QStringLiteral("vendor-b")})
                                  << QList<qint64>{3, 8};
    QTest::newRow("valid") << filterOf({}, {}, V::Valid) << QList<qint64>{1, 3, 8};
    QTest::newRow("invalid") << filterOf({}, {}, V::Invalid) << QList<qint64>{2};
    QTest::newRow("not checked yet") << filterOf({}, {}, V::NotChecked) << QList<qint64>{4, 7};
    QTest::newRow("not JSON") << filterOf({}, {}, V::NotJson) << QList<qint64>{5};
    QTest::newRow("the app answered an error or was not reached") << filterOf({}, {}, V::AppFailed)
                                                                  << QList<qint64>{1, 7};
    QTest::newRow("app failures of one kind") << filterOf({}, k("order"), V::AppFailed) << QList<qint64>{1};
    QTest::newRow("missing translations") << filterOf({}, {}, V::All, true) << QList<qint64>{2, 3, 6};
    QTest::newRow("text and kind and validity combine") << filterOf(QStringLiteral("orders"), k("order"), V::Valid)
                                                        << QList<qint64>{1};
    QTest::newRow("text and missing translations combine") << filterOf(QStringLiteral("orders"), {}, V::All, true)
                                                           << QList<qint64>{2, 3};
}

void TestEventFilter::sqlAndMemoryAgree()
{
    QFETCH(EventFilter, filter);
    QFETCH(QList<qint64>, expected);
    bool complete = false;
    const QList<qint64> bySql = m_store.matchingIds(filter, 0, m_store.maxId(), &complete);
    QVERIFY(complete);
    QList<qint64> inMemory;
    for (const Sample &sample : std::as_const(m_live)) {
        EventInfo known = sample.info.value_or(EventInfo{});
        known.id = sample.event.id;
        if (filter.matches(sample.event, known, sample.appStatus))
            inMemory.append(sample.event.id);
    }
    QList<qint64> readBack; // the stored events, read back whole, through the memory path
    for (const qint64 id : m_store.ids()) {
        const EventInfo known = m_store.loadInfo(id).value_or(EventInfo{});
        if (filter.matches(*m_store.load(id), known, appStatusOf(m_store.loadForward(id))))
            readBack.append(id);
    }
    QCOMPARE(bySql, inMemory);
    QCOMPARE(readBack, inMemory);
    QCOMPARE(inMemory, expected);
}

void TestEventFilter::liveAndStoredRowsAgree()
{
    const QList<EventSummary> stored = m_store.summaries(0, 100);
    QCOMPARE(stored.size(), m_live.size());
    for (qsizetype i = 0; i < stored.size(); ++i) {
        const Sample &live = m_live.at(i);
        const EventSummary row = summaryOf(live.event, live.info.value_or(EventInfo{}));
        QCOMPARE(valuesOf(stored.at(i)), valuesOf(row));
    }
}

QTEST_APPLESS_MAIN(TestEventFilter)
#include "tst_eventfilter.moc"
