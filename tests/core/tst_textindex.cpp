// The search index (event_text: FTS5, trigram; issue 25): a text search through it finds
// exactly what the scan finds (the in-memory EventFilter on the same events), in real store
// files; an insert does not index (nothing before the 2xx): the event is above the watermark
// and found at once, then the writer indexes it after the commit; the index follows deletes
// (of events indexed or not yet), clears (finished or cut short) and imports; an older store
// (the frozen schema-7 one) or one half indexed is indexed in the background, searches
// testing what is not indexed yet; and the writer deletes and clears large selections in
// chunks, with progress.
#include "exchange/EventExporter.h"
#include "exchange/EventImporter.h"
#include "store/EventFilter.h"
#include "store/EventRecorder.h"
#include "store/EventStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace hookscope;

namespace {

Event sample(const QByteArray &target, const QByteArray &body)
{
    Event e;
    e.receivedAtMs = 1'780'000'000'000;
    e.remoteAddress = QStringLiteral("10.1.1.1");
    e.remotePort = 4000;
    e.method = "POST";
    e.target = target;
    e.headers = {{"Accept", "*/*"}};
    e.body = body;
    e.response.status = 200;
    return e;
}

// Ids 1… in this order.
QList<Event> samples()
{
    QList<Event> out;
    out.append(sample("/hooks/ORDERS", R"({"a":1})")); // 1
    Event signed_ = sample("/h/2", "{}"); // 2: the needle in a header
    signed_.headers.append(qMakePair(QByteArray("X-Signature"), QByteArray("Sha256=AbCdEf")));
    out.append(signed_);
    out.append(sample("/h/3", QByteArray(20000, 'z') + "Needle-In-Compressed")); // 3: zlib at rest
    // 4: binary: NULs, bytes that are no UTF-8, an é followed by a stray continuation byte
    static constexpr char kBinary[] = "\x00\xFF\xFE" "bin\x00" "after-nul caf\xC3\xA9\xA9";
    out.append(sample("/h/4", QByteArray(kBinary, sizeof kBinary - 1)));
    Event gzipped = sample("/h/5", QByteArray("\x1F\x8B\x08\x00raw", 7)); // 5: Content-Encoding
    gzipped.decodedBody = "Decoded-Only Text";
    out.append(gzipped);
    out.append(sample("/h/6", "MIXED Case Body wxyz xyzw")); // 6
    return out;
}

QList<qint64> scanned(const QList<Event> &events, const EventFilter &filter)
{
    QList<qint64> ids;
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (filter.matchesText(events[i]))
            ids.append(i + 1);
    }
    return ids;
}

// Rows of the index itself that hold `trigram` (not a search: no check against `events`).
int indexRows(const QString &path, const QString &trigram)
{
    int rows = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT count(*) FROM event_text WHERE event_text MATCH :q"));
            q.bindValue(QStringLiteral(":q"), QLatin1Char('"') + trigram + QLatin1Char('"'));
            if (q.exec() && q.next())
                rows = q.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return rows;
}

int scanRows(const QString &path)
{
    int rows = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("scan"));
        db.setDatabaseName(path);
        QSqlQuery q(db);
        if (db.open() && q.exec(QStringLiteral("SELECT count(*) FROM event_text_scan")) && q.next())
            rows = q.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("scan"));
    return rows;
}

// What the writer's idle steps do, all at once.
bool indexAll(EventStore &store)
{
    QString error;
    if (!store.begin())
        return false;
    if (store.indexTextBacklog(std::numeric_limits<int>::max(), &error) < 0) {
        qWarning("%s", qPrintable(error));
        store.rollback();
        return false;
    }
    return store.commit(&error);
}

// An event taken out of the index behind the store's back: a search through the index can no
// longer find it, only a test of the event itself can.
bool dropFromIndex(const QString &path, qint64 id, const Event &event)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("behind"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("INSERT INTO event_text (event_text, rowid, text) VALUES ('delete', :id, "
                                     "CAST(:t AS TEXT))"));
            q.bindValue(QStringLiteral(":id"), id);
            q.bindValue(QStringLiteral(":t"), EventFilter::indexedText(event));
            ok = q.exec();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("behind"));
    return ok;
}

bool indexIsSound(const QString &path)
{
    bool sound = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(path);
        sound = db.open()
            && QSqlQuery(db).exec(QStringLiteral("INSERT INTO event_text (event_text) VALUES ('integrity-check')"));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    return sound;
}

} // namespace

class TestTextIndex final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void theDriverHasFts5WithTrigrams();
    void searchFindsWhatTheScanFinds_data();
    void searchFindsWhatTheScanFinds();
    void threeCharactersUseTheIndexFewerScan_data();
    void threeCharactersUseTheIndexFewerScan();
    void aNewEventIsFoundAtOnceThenThroughTheIndex();
    void theWriterIndexesAfterTheCommit();
    void deletedAndClearedEventsLeaveTheIndex();
    void anEventDeletedBeforeItWasIndexed();
    void aClearCutShortIsIndexedAgainAtTheNextStart();
    void aHalfIndexedStoreIsFinishedAtTheNextStart();
    void importedEventsAreFound();
    void migrationBuildsTheIndexInTheBackground();
    void writerDeletesAndClearsInChunks();

private:
    // The samples inserted as the writer inserts them, then indexed as its idle steps do.
    [[nodiscard]] QString storeWithSamples(bool indexed = true);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestTextIndex::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestTextIndex::storeWithSamples(bool indexed)
{
    const QString path = m_dir->filePath(QStringLiteral("events.sqlite"));
    EventStore store;
    QString error;
    if (!store.open(path, &error))
        return {};
    for (Event e : samples()) {
        if (!store.insert(e, &error))
            return {};
    }
    if (indexed && !indexAll(store))
        return {};
    return path;
}

void TestTextIndex::theDriverHasFts5WithTrigrams()
{
    // Through Qt's QSQLITE plug-in, the driver the app uses (not the sqlite3 shell).
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
    db.setDatabaseName(QStringLiteral(":memory:"));
    QVERIFY(db.open());
    QSqlQuery q(db);
    QVERIFY2(q.exec(QStringLiteral("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'trigram', content = '', "
                                   "detail = 'none')")),
             qPrintable(q.lastError().text()));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO t (rowid, x) VALUES (7, 'Hello World')")));
    QVERIFY(q.exec(QStringLiteral("SELECT rowid FROM t WHERE t MATCH '\"WOR\"'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 7);
    q = QSqlQuery();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
}

void TestTextIndex::searchFindsWhatTheScanFinds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<qint64>>("expected");
    QTest::newRow("3+ chars in the target, other case") << "orders" << QList<qint64>{1};
    QTest::newRow("3+ chars in a header") << "sha256=abcdef" << QList<qint64>{2};
    QTest::newRow("upper-case needle") << "ABCDEF" << QList<qint64>{2};
    QTest::newRow("3+ chars in a compressed body") << "needle-in-compressed" << QList<qint64>{3};
    QTest::newRow("3+ chars after a NUL in a binary body") << "AFTER-nul" << QList<qint64>{4};
    QTest::newRow("non-ASCII needle before a stray byte") << QStringLiteral("café") << QList<qint64>{4};
    QTest::newRow("3+ chars in the decoded body only") << "decoded-only" << QList<qint64>{5};
    QTest::newRow("every trigram there but not together") << "wxyzw" << QList<qint64>{};
    QTest::newRow("exactly 3 chars") << "mix" << QList<qint64>{6};
    QTest::newRow("a double quote in the needle") << R"("a")" << QList<qint64>{1};
    QTest::newRow("3+ chars nowhere") << "nothing-here" << QList<qint64>{};
    QTest::newRow("2 chars") << "d-" << QList<qint64>{5};
    QTest::newRow("1 char, other case") << "W" << QList<qint64>{5, 6};
    QTest::newRow("1 non-ASCII char (2 bytes)") << QStringLiteral("é") << QList<qint64>{4};
}

void TestTextIndex::searchFindsWhatTheScanFinds()
{
    QFETCH(QString, text);
    QFETCH(QList<qint64>, expected);
    const QString path = storeWithSamples(false);
    QVERIFY(!path.isEmpty());
    EventStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    const EventFilter filter = EventFilter::forText(text);
    // Right after the inserts: nothing indexed, every event tested.
    QCOMPARE(store.textBacklog()->after, 0);
    bool complete = false;
    QCOMPARE(store.matchingIds(filter, 0, store.maxId(), &complete), expected);
    QVERIFY(complete);
    // Half indexed, then all: the same answer, whichever window asks.
    QVERIFY(store.begin());
    QCOMPARE(store.indexTextBacklog(3, &error), 3);
    QVERIFY(store.commit(&error));
    QCOMPARE(store.matchingIds(filter, 0, store.maxId()), expected);
    QCOMPARE(store.matchingIds(filter, 0, 2) + store.matchingIds(filter, 2, 4) + store.matchingIds(filter, 4, 6),
             expected);
    QVERIFY(indexAll(store));
    QVERIFY(store.textIndexUsable());
    QCOMPARE(store.matchingIds(filter, 0, store.maxId(), &complete), expected);
    QVERIFY(complete);
    QCOMPARE(scanned(samples(), filter), expected); // the live path agrees
    QVERIFY(indexIsSound(path));
}

void TestTextIndex::threeCharactersUseTheIndexFewerScan_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("indexed");
    QTest::newRow("3 chars: the index") << "mix" << true;
    QTest::newRow("9 chars: the index") << "mixed cas" << true;
    QTest::newRow("2 chars: the scan") << "mi" << false;
    QTest::newRow("1 char: the scan") << "x" << false;
}

void TestTextIndex::threeCharactersUseTheIndexFewerScan()
{
    QFETCH(QString, text);
    QFETCH(bool, indexed);
    const QString path = storeWithSamples();
    QVERIFY(!path.isEmpty());
    const EventFilter filter = EventFilter::forText(text);
    QCOMPARE(filter.textIndexQuery().has_value(), indexed);
    // Event 6 taken out of the index behind the store's back: only the scan still finds it.
    QVERIFY(dropFromIndex(path, 6, samples()[5]));
    QCOMPARE(indexRows(path, QStringLiteral("mix")), 0);
    EventStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.matchingIds(filter, 0, store.maxId()).contains(6), !indexed);
}

void TestTextIndex::aNewEventIsFoundAtOnceThenThroughTheIndex()
{
    const QString path = storeWithSamples();
    QVERIFY(!path.isEmpty());
    EventStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    Event fresh = sample("/fresh", "a Fresh-Needle here");
    QVERIFY2(store.insert(fresh, &error), qPrintable(error));
    // The insert did not tokenize (nothing of the index before the 2xx): the event is above
    // the watermark, and a search tests it itself.
    QCOMPARE(store.textBacklog()->after, 6);
    QCOMPARE(indexRows(path, QStringLiteral("fre")), 0);
    const EventFilter filter = EventFilter::forText(QStringLiteral("fresh-needle"));
    QCOMPARE(store.matchingIds(filter, 0, store.maxId()), QList<qint64>{fresh.id});
    QCOMPARE(store.matchingIds(filter, 6, 7), QList<qint64>{fresh.id});
    QVERIFY(indexAll(store));
    QCOMPARE(store.textBacklog()->after, fresh.id);
    QCOMPARE(indexRows(path, QStringLiteral("fre")), 1);
    QCOMPARE(store.matchingIds(filter, 0, store.maxId()), QList<qint64>{fresh.id});
    // The event table's store-mode view (sorted in SQL) reads the same candidates.
    const auto view = [&] {
        return store.viewIds(filter, EventStore::ViewOrder::Target, true, store.maxId()).value_or(QList<qint64>{-1});
    };
    QCOMPARE(view(), QList<qint64>{fresh.id});
    // Now the search goes through the index: taken out of it, the event is no longer found.
    QVERIFY(dropFromIndex(path, fresh.id, fresh));
    QCOMPARE(store.matchingIds(filter, 0, store.maxId()), QList<qint64>{});
    QCOMPARE(view(), QList<qint64>{});
}

void TestTextIndex::theWriterIndexesAfterTheCommit()
{
    const QString path = m_dir->filePath(QStringLiteral("live.sqlite"));
    EventRecorder recorder;
    QString error;
    QVERIFY2(recorder.open(path, &error), qPrintable(error));
    EventStore reader;
    QVERIFY2(reader.open(path, &error), qPrintable(error));
    const EventFilter filter = EventFilter::forText(QStringLiteral("live-needle"));
    QList<qint64> foundAtCommit;
    qint64 id = 0;
    // As a connection does: the 2xx waits for `done`; the search runs at that moment.
    recorder.submit(sample("/live", "the Live-Needle"), [&](const CaptureResult &result) {
        id = result.id;
        foundAtCommit = reader.matchingIds(filter, 0, reader.maxId());
    });
    QTRY_VERIFY(id > 0);
    QCOMPARE(foundAtCommit, QList<qint64>{id});
    // Then the writer indexes it in its own time.
    QTRY_COMPARE(reader.textBacklog()->after, id);
    QCOMPARE(indexRows(path, QStringLiteral("liv")), 1);
    QCOMPARE(reader.matchingIds(filter, 0, reader.maxId()), QList<qint64>{id});
    recorder.close();
    QVERIFY(indexIsSound(path));
}

void TestTextIndex::anEventDeletedBeforeItWasIndexed()
{
    const QString path = storeWithSamples();
    QVERIFY(!path.isEmpty());
    EventStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    // Many, so that FTS5 merges its segments over them (a wrong 'delete' shows there).
    QList<qint64> gone;
    QVERIFY(store.begin());
    for (int i = 0; i < 300; ++i) {
        Event e = sample("/gone/" + QByteArray::number(i), "deleted-unindexed " + QByteArray::number(i));
        QVERIFY(store.insert(e, &error));
        gone.append(e.id);
    }
    QVERIFY(store.commit(&error));
    Event kept = sample("/kept", "kept-unindexed");
    QVERIFY(store.insert(kept, &error));
    // Not indexed yet (nothing to take out of the index), and one indexed.
    QVERIFY2(store.remove(gone + QList<qint64>{1}, &error), qPrintable(error));
    QVERIFY(indexAll(store));
    QVERIFY(store.begin());
    for (int i = 0; i < 300; ++i) {
        Event e = sample("/later/" + QByteArray::number(i), "deleted-unindexed later " + QByteArray::number(i));
        QVERIFY(store.insert(e, &error));
    }
    QVERIFY(store.commit(&error));
    QVERIFY(indexAll(store));
    QVERIFY(indexIsSound(path));
    QCOMPARE(indexRows(path, QStringLiteral("kep")), 1);
    QCOMPARE(indexRows(path, QStringLiteral("gon")), 0);
    QCOMPARE(indexRows(path, QStringLiteral("ord")), 0);
    QCOMPARE(indexRows(path, QStringLiteral("lat")), 300);
    QCOMPARE(store.matchingIds(EventFilter::forText(QStringLiteral("kept-unindexed")), 0, store.maxId()),
             QList<qint64>{kept.id});
    QCOMPARE(store.matchingIds(EventFilter::forText(QStringLiteral("deleted-unindexed")), 0, store.maxId()).size(), 300);
}

void TestTextIndex::aClearCutShortIsIndexedAgainAtTheNextStart()
{
    const QString path = storeWithSamples();
    QVERIFY(!path.isEmpty());
    const EventFilter slash = EventFilter::forText(QStringLiteral("/h/"));
    Event during = sample("/h/during", "stored during the clear");
    {
        EventStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        QVERIFY(store.begin());
        QVERIFY2(store.beginChunkedClear(&error), qPrintable(error));
        QCOMPARE(store.clearBacklogChunk(2, &error), 2); // events 1 and 2
        QVERIFY2(store.commit(&error), qPrintable(error));
        QVERIFY(store.insert(during, &error));
        // Events the clear will delete are no candidates any more; the new one is.
        QCOMPARE(store.matchingIds(slash, 0, store.maxId()), QList<qint64>{during.id});
        // The app quits here.
    }
    EventRecorder recorder;
    QSignalSpy progress(&recorder, &EventRecorder::textIndexProgress);
    QString error;
    QVERIFY2(recorder.open(path, &error), qPrintable(error));
    QTRY_VERIFY(!progress.isEmpty() && progress.last().at(0) == progress.last().at(1));
    EventStore reader;
    QVERIFY2(reader.open(path, &error), qPrintable(error));
    QVERIFY(reader.textIndexUsable());
    QVERIFY(!reader.textState()->clearing());
    // What it had not deleted is back, found through the index, each event indexed once.
    QCOMPARE(reader.matchingIds(slash, 0, reader.maxId()), (QList<qint64>{3, 4, 5, 6, during.id}));
    QCOMPARE(indexRows(path, QStringLiteral("zzz")), 1);
    QCOMPARE(indexRows(path, QStringLiteral("dur")), 1);
    recorder.close();
    QVERIFY(indexIsSound(path));
}

void TestTextIndex::aHalfIndexedStoreIsFinishedAtTheNextStart()
{
    const QString path = storeWithSamples(false);
    QVERIFY(!path.isEmpty());
    {
        EventStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        QVERIFY(store.begin());
        QCOMPARE(store.indexTextBacklog(3, &error), 3);
        QVERIFY(store.commit(&error));
        // A piece of indexing that a crash cut off: its transaction never committed.
        QVERIFY(store.begin());
        QCOMPARE(store.indexTextBacklog(2, &error), 2);
        store.rollback();
    }
    EventRecorder recorder;
    QSignalSpy progress(&recorder, &EventRecorder::textIndexProgress);
    QString error;
    QVERIFY2(recorder.open(path, &error), qPrintable(error));
    QTRY_VERIFY(!progress.isEmpty() && progress.last().at(0) == progress.last().at(1));
    QCOMPARE(progress.last().at(1).toLongLong(), 3); // events 4 to 6
    EventStore reader;
    QVERIFY2(reader.open(path, &error), qPrintable(error));
    QVERIFY(reader.textIndexUsable());
    QCOMPARE(indexRows(path, QStringLiteral("zzz")), 1); // event 3, once
    QCOMPARE(indexRows(path, QStringLiteral("wxy")), 1); // event 6
    for (const QString &text : {QStringLiteral("needle-in-compressed"), QStringLiteral("/h/"), QStringLiteral("mixed")}) {
        const EventFilter filter = EventFilter::forText(text);
        QCOMPARE(reader.matchingIds(filter, 0, reader.maxId()), scanned(samples(), filter));
    }
    recorder.close();
    QVERIFY(indexIsSound(path));
}

void TestTextIndex::deletedAndClearedEventsLeaveTheIndex()
{
    const QString path = storeWithSamples();
    QVERIFY(!path.isEmpty());
    EventStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(indexRows(path, QStringLiteral("zzz")), 1);
    // The binary body (4) and the gzip one (5) are left to the scan, not in the index.
    QCOMPARE(indexRows(path, QStringLiteral("nul")), 0);
    QCOMPARE(scanRows(path), 2);
    QVERIFY2(store.remove({3, 4}, &error), qPrintable(error));
    // Out of the index itself, not only out of the answer.
    QCOMPARE(indexRows(path, QStringLiteral("zzz")), 0);
    QCOMPARE(scanRows(path), 1);
    QCOMPARE(store.matchingIds(EventFilter::forText(QStringLiteral("needle-in")), 0, store.maxId()), QList<qint64>{});
    QCOMPARE(store.matchingIds(EventFilter::forText(QStringLiteral("/h/")), 0, store.maxId()),
             (QList<qint64>{2, 5, 6}));
    QVERIFY(indexIsSound(path));

    QVERIFY2(store.clear(&error), qPrintable(error));
    QCOMPARE(indexRows(path, QStringLiteral("/h/")), 0);
    QVERIFY(store.textIndexUsable());
    Event later = sample("/h/later", "after the clear");
    QVERIFY2(store.insert(later, &error), qPrintable(error));
    QCOMPARE(store.matchingIds(EventFilter::forText(QStringLiteral("the clear")), 0, store.maxId()),
             QList<qint64>{later.id});
    QVERIFY(indexIsSound(path));
}

void TestTextIndex::importedEventsAreFound()
{
    const QString from = storeWithSamples();
    QVERIFY(!from.isEmpty());
    const QString file = m_dir->filePath(QStringLiteral("export.json"));
    {
        EventStore source;
        QString error;
        QVERIFY2(source.open(from, &error), qPrintable(error));
        const ExportResult exported = EventExporter(&source).exportTo(file, ExportFormat::HookscopeJson, std::nullopt);
        QVERIFY2(exported.ok, qPrintable(exported.error));
    }
    EventStore store;
    QString error;
    QVERIFY2(store.open(m_dir->filePath(QStringLiteral("into.sqlite")), &error), qPrintable(error));
    Event before = sample("/before", "x");
    QVERIFY(store.insert(before, &error));
    const ImportResult imported = EventImporter::importInto(&store, file);
    QVERIFY2(imported.ok, qPrintable(imported.error));
    QCOMPARE(imported.imported, 6);
    const qint64 compressed = imported.firstId + 2;
    // Found at once (above the watermark), then through the index.
    for (const bool indexed : {false, true}) {
        if (indexed)
            QVERIFY(indexAll(store));
        QCOMPARE(store.matchingIds(EventFilter::forText(QStringLiteral("needle-in-compressed")), 0, store.maxId()),
                 QList<qint64>{compressed});
        QCOMPARE(store.matchingIds(EventFilter::forText(QStringLiteral("sha256")), 0, store.maxId()),
                 QList<qint64>{imported.firstId + 1});
    }
    QCOMPARE(indexRows(m_dir->filePath(QStringLiteral("into.sqlite")), QStringLiteral("zzz")), 1);
}

void TestTextIndex::migrationBuildsTheIndexInTheBackground()
{
    const QString path = m_dir->filePath(QStringLiteral("schema7.sqlite"));
    QVERIFY(QFile::copy(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/stores/schema7.sqlite"), path));
    QFile(path).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    const EventFilter needle = EventFilter::forText(QStringLiteral("NeedleInCompressed"));
    {
        // Migrated, not built yet (no writer has run): the events are backlog, searches scan.
        EventStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        QCOMPARE(store.textBacklog()->after, 0);
        QCOMPARE(store.textBacklog()->upTo, 6);
        QVERIFY(!store.textIndexUsable());
        QCOMPARE(indexRows(path, QStringLiteral("inc")), 0);
        QCOMPARE(store.matchingIds(needle, 0, store.maxId()), QList<qint64>{2});
    }
    EventRecorder recorder;
    QSignalSpy progress(&recorder, &EventRecorder::textIndexProgress);
    QString error;
    QVERIFY2(recorder.open(path, &error), qPrintable(error));
    QTRY_VERIFY(!progress.isEmpty() && progress.last().at(0) == progress.last().at(1));
    QCOMPARE(progress.last().at(1).toLongLong(), 6);
    EventStore reader;
    QVERIFY2(reader.open(path, &error), qPrintable(error));
    QVERIFY(reader.textIndexUsable());
    QCOMPARE(indexRows(path, QStringLiteral("inc")), 1); // in the index now
    QCOMPARE(reader.matchingIds(needle, 0, reader.maxId()), QList<qint64>{2});
    QCOMPARE(reader.matchingIds(EventFilter::forText(QStringLiteral("decodedneedle")), 0, reader.maxId()),
             QList<qint64>{2});
    QCOMPARE(reader.matchingIds(EventFilter::forText(QStringLiteral("q=frozen")), 0, reader.maxId()),
             (QList<qint64>{1, 2, 3, 4, 5, 6}));
    // A backlog event deleted later leaves the index sound (it was never in it).
    QVERIFY(recorder.remove({3}, &error));
    QVERIFY(indexIsSound(path));
    recorder.close();
}

void TestTextIndex::writerDeletesAndClearsInChunks()
{
    const QString path = m_dir->filePath(QStringLiteral("many.sqlite"));
    EventRecorder recorder;
    QString error;
    QVERIFY2(recorder.open(path, &error), qPrintable(error));
    constexpr int kEvents = 3000;
    QList<qint64> ids;
    QVERIFY(recorder.runOnWriter(
        [&](EventStore *store) {
            QVERIFY(store->begin());
            for (int i = 0; i < kEvents; ++i) {
                Event e = sample("/bulk/" + QByteArray::number(i), "body number " + QByteArray::number(i) + " end");
                QVERIFY(store->insert(e, &error));
                ids.append(e.id);
            }
            QVERIFY(store->commit(&error));
        },
        &error));
    QCOMPARE(ids.size(), kEvents);

    QSignalSpy progress(&recorder, &EventRecorder::deleteProgress);
    QSignalSpy finished(&recorder, &EventRecorder::deleteFinished);
    QSignalSpy cleared(&recorder, &EventRecorder::clearStarted);
    recorder.removeInBackground(ids.mid(0, 2000));
    QTRY_COMPARE(finished.size(), 1);
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toLongLong(), 2000);
    QCOMPARE(progress.last().at(1).toLongLong(), 2000);
    EventStore reader;
    QVERIFY2(reader.open(path, &error), qPrintable(error));
    QCOMPARE(reader.count(), 1000);
    QCOMPARE(reader.matchingIds(EventFilter::forText(QStringLiteral("number 1999 end")), 0, reader.maxId()),
             QList<qint64>{});
    QCOMPARE(reader.matchingIds(EventFilter::forText(QStringLiteral("number 2000 end")), 0, reader.maxId()),
             QList<qint64>{ids[2000]});
    QVERIFY(indexIsSound(path));

    // Clear all; an event stored once the clear started survives it and is found.
    progress.clear();
    recorder.clearInBackground();
    QTRY_COMPARE(cleared.size(), 1);
    Event during = sample("/during", "stored during the clear");
    QVERIFY(recorder.runOnWriter([&](EventStore *store) { QVERIFY(store->insert(during, &error)); }, &error));
    QTRY_COMPARE(finished.size(), 2);
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(reader.count(), 1);
    QTRY_VERIFY(reader.textIndexUsable()); // `during` indexed after its commit
    QCOMPARE(reader.matchingIds(EventFilter::forText(QStringLiteral("during the clear")), 0, reader.maxId()),
             QList<qint64>{during.id});
    QCOMPARE(reader.matchingIds(EventFilter::forText(QStringLiteral("/bulk/")), 0, reader.maxId()), QList<qint64>{});
    QVERIFY(indexIsSound(path));
    recorder.close();
}

QTEST_GUILESS_MAIN(TestTextIndex)
#include "tst_textindex.moc"
