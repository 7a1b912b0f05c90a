// Deliveries grouped (issue 26): generated retry patterns are written into a real store file,
// keyed by DeliveryIndexer with the shipped kinds (and one test kind with a delivery header),
// read back and grouped by DeliveryGrouper.
#include "enrich/DeliveryIndexer.h"
#include "schema/KindCatalog.h"
#include "schema/KindLoader.h"
#include "store/DeliveryGrouper.h"
#include "store/EventStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

constexpr qint64 kBase = 1'765'000'000'000; // a fixed UTC instant: times in the rows are offsets

// One generated request: "<seconds> <kind> <status> <header: value|-> <body>".
struct Attempt
{
    qint64 atSeconds;
    QString kind; // empty: unknown
    int status;
    QByteArray header; // "name: value" or empty
    QByteArray body;
};

QByteArray pexip(const char *id, const char *entity, const char *updatedAt)
{
    return QStringLiteral(R"({"id":"%1","correlationId":"c-%1","entity":"Callback Request","version":"1",)"
                          R"("webhookConfigurationId":"7","data":{"eventType":"CallbackRequestUpdate",)"
                          R"("callbackRequest":{"id":"%2","updatedAt":"%3"}}})")
        .arg(QLatin1StringView(id), QLatin1StringView(entity), QLatin1StringView(updatedAt))
        .toUtf8();
}

QByteArray cubu(const char *caseId, int ticket)
{
    return QStringLiteral(R"({"caseId":"%1","ticket":{"number":%2},"appointment":{"cuIndex":0}})")
        .arg(QLatin1StringView(caseId))
        .arg(ticket)
        .toUtf8();
}

// "500,500+5,200+20!dup" per group, oldest first, " ooo" after an out-of-order group.
QString describe(const QList<DeliveryGroup> &groups)
{
    QStringList out;
    for (const DeliveryGroup &group : groups) {
        QStringList attempts;
        for (const DeliveryAttempt &a : group.attempts) {
            QString text = QString::number(a.status);
            if (a.intervalMs >= 0)
                text += u'+' + QString::number(a.intervalMs / 1000);
            if (a.duplicate)
                text += QStringLiteral("!dup");
            attempts.append(text);
        }
        out.append(attempts.join(u',') + (group.outOfOrder ? QStringLiteral(" ooo") : QString()));
    }
    return out.join(QStringLiteral(" | "));
}

} // namespace

class TestDeliveryGrouping final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void groups_data();
    void groups();
    void keysAreComputedOnceForEnrichedEvents();
    void kindFileRefusesABadDelivery_data();
    void kindFileRefusesABadDelivery();

private:
    [[nodiscard]] QList<DeliveryGroup> storeAndGroup(const QList<Attempt> &attempts);

    QTemporaryDir m_dir;
    KindCatalog m_catalog;
};

void TestDeliveryGrouping::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // A vendor that names its deliveries in a header of its own, and versions its orders.
    QFile schema(m_dir.filePath(QStringLiteral("acme.order.schema.json")));
    QVERIFY(schema.open(QIODevice::WriteOnly));
    schema.write(R"({"type":"object","required":["order"]})");
    schema.close();
    QFile kind(m_dir.filePath(QStringLiteral("acme.order.kind.json")));
    QVERIFY(kind.open(QIODevice::WriteOnly));
    kind.write(R"({"entityId":"/order/id","delivery":{"headers":["X-Acme-Delivery"]},"version":"/order/version"})");
    kind.close();
    QList<std::shared_ptr<const Kind>> kinds;
    const QString source = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/");
    for (const QString &file : {m_dir.filePath(QStringLiteral("acme.order.kind.json")),
                                source + QStringLiteral("kinds/callback-request.kind.json"),
                                source + QStringLiteral("packs/cubu/kinds/after-book-appointment.kind.json"),
                                source + QStringLiteral("packs/cubu/kinds/after-start-work.kind.json")}) {
        QString error;
        const auto loaded = file.contains(QLatin1String("/packs/cubu/"))
            ? KindLoader::loadKindFile(file, Kind::Origin::BuiltIn, QStringLiteral("cubu"), &error)
            : KindLoader::loadKindFile(file, Kind::Origin::BuiltIn, &error);
        QVERIFY2(loaded, qPrintable(error));
        kinds.append(loaded);
    }
    m_catalog = KindCatalog(kinds, {}, {});
}

QList<DeliveryGroup> TestDeliveryGrouping::storeAndGroup(const QList<Attempt> &attempts)
{
    static int n = 0;
    const QString path = m_dir.filePath(QStringLiteral("store-%1.sqlite").arg(++n));
    EventStore store;
    QString error;
    if (!store.open(path, &error, SyncMode::Normal))
        qFatal("cannot open %s: %s", qPrintable(path), qPrintable(error));
    [&] {
        QVERIFY(store.begin());
        for (const Attempt &attempt : attempts) {
            Event event;
            event.receivedAtMs = kBase + attempt.atSeconds * 1000;
            event.method = "POST";
            event.target = "/hooks/any?attempt=" + QByteArray::number(attempt.atSeconds);
            if (!attempt.header.isEmpty()) {
                const qsizetype colon = attempt.header.indexOf(':');
                event.headers.append({attempt.header.left(colon), attempt.header.mid(colon + 1).trimmed()});
            }
            event.body = attempt.body;
            event.contentType = "application/json";
            event.response.status = attempt.status;
            QVERIFY2(store.insert(event, &error), qPrintable(error));
            EventInfo info;
            info.id = event.id;
            info.kind = attempt.kind;
            info.validity = attempt.kind.isEmpty() ? EventInfo::Validity::Unknown : EventInfo::Validity::Valid;
            if (const auto kind = m_catalog.kind(attempt.kind))
                info.entityId = kind->entityId(QJsonDocument::fromJson(attempt.body).object());
            QVERIFY(store.saveInfo(info));
        }
        const QList<DeliveryRecord> keys = DeliveryIndexer::pending(store, m_catalog, 0, 1000);
        QCOMPARE(keys.size(), attempts.size());
        for (const DeliveryRecord &key : keys)
            QVERIFY(store.saveDelivery(key));
        QVERIFY2(store.commit(&error), qPrintable(error));
    }();
    return DeliveryGrouper::group(store.deliveryRows());
}

void TestDeliveryGrouping::groups_data()
{
    QTest::addColumn<QList<Attempt>>("attempts");
    QTest::addColumn<QString>("expected");

    const QString acme = QStringLiteral("acme.order");
    const QString pex = QStringLiteral("callback-request");
    const QByteArray order = R"({"order":{"id":"o1","version":3}})";
    QTest::newRow("webhook-id header: retries at 0, 5, 25 s answered 500, 500, 200")
        << QList<Attempt>{{0, {}, 500, "webhook-id: msg_1", "{}"},
                          {5, {}, 500, "webhook-id: msg_1", "{}"},
                          {25, {}, 200, "webhook-id: msg_1", "{}"}}
        << QStringLiteral("500,500+5,200+20");
    QTest::newRow("webhook-id header: two messages with one body stay apart")
        << QList<Attempt>{{0, {}, 200, "webhook-id: msg_1", "{}"}, {1, {}, 200, "webhook-id: msg_2", "{}"}}
        << QStringLiteral("200 | 200");
    QTest::newRow("kind's own delivery header, any case, bodies that differ")
        << QList<Attempt>{{0, acme, 503, "x-acme-delivery: d9", order},
                          {60, acme, 200, "X-ACME-DELIVERY: d9", R"({"order":{"id":"o1","version":3},"try":2})"}}
        << QStringLiteral("503,200+60");
    QTest::newRow("same webhook-id under two kinds: two deliveries")
        << QList<Attempt>{{0, {}, 200, "webhook-id: msg_1", "{}"}, {1, acme, 200, "webhook-id: msg_1", order}}
        << QStringLiteral("200 | 200");
    QTest::newRow("id in the body (Pexip Engage /id): retries at 0, 2, 12 s")
        << QList<Attempt>{{0, pex, 500, {}, pexip("e1", "cr1", "2026-12-07T10:00:00Z")},
                          {2, pex, 504, {}, pexip("e1", "cr1", "2026-12-07T10:00:00Z")},
                          {12, pex, 200, {}, pexip("e1", "cr1", "2026-12-07T10:00:00Z")},
                          {13, pex, 200, {}, pexip("e2", "cr1", "2026-12-07T10:00:05Z")}}
        << QStringLiteral("500,504+2,200+10 | 200");
    QTest::newRow("Cubu case id: one delivery per hook")
        << QList<Attempt>{{0, QStringLiteral("after-book-appointment"), 500, {}, cubu("case-1", 1)},
                          {30, QStringLiteral("after-book-appointment"), 200, {}, cubu("case-1", 1)},
                          {31, QStringLiteral("after-start-work"), 200, {}, cubu("case-1", 1)},
                          {32, QStringLiteral("after-book-appointment"), 200, {}, cubu("case-2", 1)}}
        << QStringLiteral("500,200+30 | 200 | 200");
    QTest::newRow("identical bodies within the window: one delivery")
        << QList<Attempt>{{0, {}, 429, {}, R"({"type":"X"})"},
                          {600, {}, 429, {}, R"({"type":"X"})"},
                          {1260, {}, 200, {}, R"({"type":"X"})"}}
        << QStringLiteral("429,429+600,200+660");
    QTest::newRow("identical bodies beyond the window: two deliveries")
        << QList<Attempt>{{0, {}, 200, {}, R"({"type":"X"})"}, {16 * 60, {}, 200, {}, R"({"type":"X"})"}}
        << QStringLiteral("200 | 200");
    QTest::newRow("bodies that differ by a byte: two deliveries")
        << QList<Attempt>{{0, {}, 500, {}, R"({"type":"X"})"}, {5, {}, 500, {}, R"({"type":"Y"})"}}
        << QStringLiteral("500 | 500");
    QTest::newRow("duplicates: every attempt after a 2xx")
        << QList<Attempt>{{0, {}, 500, "webhook-id: m", "{}"},
                          {5, {}, 200, "webhook-id: m", "{}"},
                          {25, {}, 200, "webhook-id: m", "{}"},
                          {85, {}, 500, "webhook-id: m", "{}"}}
        << QStringLiteral("500,200+5,200+20!dup,500+60!dup");
    QTest::newRow("a held hook not answered yet is no 2xx")
        << QList<Attempt>{{0, {}, 0, "webhook-id: m", "{}"}, {5, {}, 200, "webhook-id: m", "{}"}}
        << QStringLiteral("0,200+5");
    QTest::newRow("out of order: an older updatedAt after a newer one")
        << QList<Attempt>{{0, pex, 200, {}, pexip("e2", "cr1", "2026-12-07T10:00:05Z")},
                          {1, pex, 200, {}, pexip("e1", "cr1", "2026-12-07T10:00:00.500+00:00")},
                          {2, pex, 200, {}, pexip("e3", "cr1", "2026-12-07T11:00:00+01:00")},
                          {3, pex, 200, {}, pexip("e4", "cr2", "2026-12-07T09:00:00Z")}}
        << QStringLiteral("200 | 200 ooo | 200 ooo | 200");
    QTest::newRow("out of order: numeric versions compare as numbers")
        << QList<Attempt>{{0, acme, 200, "x-acme-delivery: a", R"({"order":{"id":"o1","version":10}})"},
                          {1, acme, 200, "x-acme-delivery: b", R"({"order":{"id":"o1","version":9}})"},
                          {2, acme, 200, "x-acme-delivery: c", R"({"order":{"id":"o1","version":11}})"}}
        << QStringLiteral("200 | 200 ooo | 200");
}

void TestDeliveryGrouping::groups()
{
    QFETCH(QList<Attempt>, attempts);
    QFETCH(QString, expected);
    QCOMPARE(describe(storeAndGroup(attempts)), expected);
}

void TestDeliveryGrouping::keysAreComputedOnceForEnrichedEvents()
{
    EventStore store;
    QString error;
    QVERIFY2(store.open(m_dir.filePath(QStringLiteral("once.sqlite")), &error), qPrintable(error));
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i) {
        Event event;
        event.receivedAtMs = kBase + i;
        event.method = "POST";
        event.target = "/x";
        event.body = "{}";
        QVERIFY(store.insert(event, &error));
        ids.append(event.id);
    }
    // Not enriched yet: its kind (where its id is) is not known.
    QVERIFY(DeliveryIndexer::pending(store, m_catalog, 0, 100).isEmpty());
    for (qint64 id : std::as_const(ids)) {
        EventInfo info;
        info.id = id;
        info.validity = EventInfo::Validity::Unknown;
        QVERIFY(store.saveInfo(info));
    }
    const QList<DeliveryRecord> first = DeliveryIndexer::pending(store, m_catalog, 0, 2);
    QCOMPARE(first.size(), 2); // bounded batches
    for (const DeliveryRecord &key : first)
        QVERIFY(store.saveDelivery(key));
    const QList<DeliveryRecord> rest = DeliveryIndexer::pending(store, m_catalog, 0, 100);
    QCOMPARE(rest.size(), 1);
    QCOMPARE(rest.constFirst().id, ids.last());
    QVERIFY(store.saveDelivery(rest.constFirst()));
    QVERIFY(DeliveryIndexer::pending(store, m_catalog, 0, 100).isEmpty());
    QCOMPARE(store.deliveryRows().size(), 3);
    // The key goes with its event.
    QVERIFY(store.remove({ids.first()}, &error));
    QCOMPARE(store.deliveryRows().size(), 2);
}

void TestDeliveryGrouping::kindFileRefusesABadDelivery_data()
{
    QTest::addColumn<QByteArray>("kindJson");
    QTest::addColumn<QString>("problem");
    QTest::newRow("delivery not an object") << QByteArray(R"({"delivery":"/id"})") << QStringLiteral("'delivery' must be");
    QTest::newRow("pointer that is no pointer") << QByteArray(R"({"delivery":{"pointers":["id"]}})")
                                                << QStringLiteral("'delivery.pointers' must list JSON pointers");
    QTest::newRow("header name with a colon") << QByteArray(R"({"delivery":{"headers":["a: b"]}})")
                                              << QStringLiteral("'delivery.headers' must list header names");
    QTest::newRow("unknown member") << QByteArray(R"({"delivery":{"header":["a"]}})")
                                    << QStringLiteral("unknown member 'delivery.header'");
    QTest::newRow("version not a pointer") << QByteArray(R"({"version":"updatedAt"})")
                                           << QStringLiteral("bad value for 'version'");
}

void TestDeliveryGrouping::kindFileRefusesABadDelivery()
{
    QFETCH(QByteArray, kindJson);
    QFETCH(QString, problem);
    QTemporaryDir dir;
    QFile schema(dir.filePath(QStringLiteral("bad.schema.json")));
    QVERIFY(schema.open(QIODevice::WriteOnly));
    schema.write("{}");
    schema.close();
    QFile kind(dir.filePath(QStringLiteral("bad.kind.json")));
    QVERIFY(kind.open(QIODevice::WriteOnly));
    kind.write(kindJson);
    kind.close();
    QString error;
    QVERIFY(!KindLoader::loadKindFile(kind.fileName(), Kind::Origin::User, &error));
    QVERIFY2(error.contains(problem), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestDeliveryGrouping)
#include "tst_deliverygrouping.moc"
