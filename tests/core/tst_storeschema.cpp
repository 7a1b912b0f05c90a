// The store's schema over time and its write paths: a frozen store of schema 7
// (tests/data/stores) migrated with nothing lost, side rows going with their event by
// FOREIGN KEY … ON DELETE CASCADE on every connection that turns foreign keys on (all of
// Hookscope's do), late results for a deleted event, a reopened store's prepared
// statements, write failures reported.
#include "store/EventRecorder.h"
#include "store/EventStore.h"
#include "store/Migrations.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

const QStringList kSideTables = {QStringLiteral("event_info"),   QStringLiteral("event_trust"),
                                 QStringLiteral("event_answer"), QStringLiteral("event_import"),
                                 QStringLiteral("event_forward"), QStringLiteral("event_trailers")};

// What SQLite says of the side tables' schema: per table, its foreign key (parent, on
// delete), and the triggers on events.
QStringList sideTableKeys(const QString &path)
{
    QStringList out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("keys"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            for (const QString &table : kSideTables) {
                // Columns: id, seq, table, from, to, on_update, on_delete, match.
                if (q.exec(QStringLiteral("PRAGMA foreign_key_list(%1)").arg(table))) {
                    while (q.next())
                        out.append(QStringLiteral("%1.%2 -> %3.%4 %5")
                                       .arg(table, q.value(3).toString(), q.value(2).toString(),
                                            q.value(4).toString(), q.value(6).toString()));
                }
            }
            if (q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'trigger'"))) {
                while (q.next())
                    out.append(QStringLiteral("trigger ") + q.value(0).toString());
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("keys"));
    return out;
}

QStringList expectedKeys()
{
    QStringList out;
    for (const QString &table : kSideTables)
        out.append(table + QStringLiteral(".id -> events.id CASCADE"));
    return out;
}

// Rows of `table` (for event `id`, or all when 0), read on a plain connection of its own.
int rowsIn(const QString &path, const QString &table, qint64 id = 0)
{
    int rows = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("count"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT count(*) FROM %1%2")
                           .arg(table, id ? QStringLiteral(" WHERE id = %1").arg(id) : QString()))
                && q.next())
                rows = q.value(0).toInt();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("count"));
    return rows;
}

// Every row of `table` whose event exists, each column as text (blobs in hex), by id.
QStringList liveRowsOf(const QString &path, const QString &table)
{
    QStringList out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("dump"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT * FROM %1 WHERE id IN (SELECT id FROM events) ORDER BY id").arg(table))) {
                while (q.next()) {
                    QStringList cells;
                    for (int c = 0; c < q.record().count(); ++c) {
                        const QVariant v = q.value(c);
                        cells.append(v.isNull() ? QStringLiteral("NULL")
                                                : v.typeId() == QMetaType::QByteArray ? QString::fromLatin1(v.toByteArray().toHex())
                                                                                      : v.toString());
                    }
                    out.append(cells.join(u'|'));
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("dump"));
    return out;
}

int sideRowsOf(const QString &path, qint64 id)
{
    int rows = 0;
    for (const QString &table : kSideTables)
        rows += rowsIn(path, table, id);
    return rows;
}

Event smallEvent(const QByteArray &target)
{
    Event e;
    e.receivedAtMs = 1'780'000'000'000;
    e.method = "POST";
    e.target = target;
    e.body = "{}";
    e.response.status = 200;
    return e;
}

} // namespace

class TestStoreSchema final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void frozenSchema7StoreIsMigratedWithNothingLost();
    void sideRowsGoWithTheirEvent_data();
    void sideRowsGoWithTheirEvent();
    void everyStoreConnectionEnforcesForeignKeys();
    void lateResultsForADeletedEventAreNoFailures_data();
    void lateResultsForADeletedEventAreNoFailures();
    void reopenedStoreWritesWithFreshStatements();
    void failedUpdatesReachTheUserAsStoreFailures_data();
    void failedUpdatesReachTheUserAsStoreFailures();

private:
    // The frozen store copied out of the source tree (opening it writes: WAL, migration).
    [[nodiscard]] QString frozenCopy() const;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStoreSchema::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestStoreSchema::frozenCopy() const
{
    const QString copy = m_dir->filePath(QStringLiteral("schema7.sqlite"));
    QFile::remove(copy);
    if (!QFile::copy(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/stores/schema7.sqlite"), copy))
        return {};
    QFile(copy).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return copy;
}

void TestStoreSchema::frozenSchema7StoreIsMigratedWithNothingLost()
{
    const QString path = frozenCopy();
    QVERIFY(!path.isEmpty());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("version"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), 7); // the file is what it claims to be
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("version"));
    QCOMPARE(rowsIn(path, QStringLiteral("event_info"), 7), 1); // an orphan of a deleted event
    std::vector<QStringList> liveRows;
    for (const QString &table : kSideTables) {
        liveRows.push_back(liveRowsOf(path, table));
        QVERIFY2(!liveRows.back().isEmpty(), qPrintable(table)); // the file has a row in each
    }
    const QStringList before = sideTableKeys(path);
    QVERIFY2(before.contains(QStringLiteral("trigger event_forward_gone")), qPrintable(before.join(u'|')));
    QVERIFY2(!before.contains(expectedKeys().first()), qPrintable(before.join(u'|')));

    EventStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QVERIFY(Migrations::currentVersion() >= 8);
    QCOMPARE(store.ids(), (QList<qint64>{1, 2, 3, 4, 5, 6}));
    // Every event reads back as the code of schema 7 wrote it (make_schema7_store.cpp).
    const std::optional<Event> compressed = store.load(2);
    QVERIFY(compressed);
    QVERIFY(compressed->body.endsWith("NeedleInCompressed"));
    QCOMPARE(compressed->body.size(), 20000 + 18);
    QVERIFY(compressed->decodedBody && compressed->decodedBody->endsWith("DecodedNeedle"));
    QCOMPARE(store.load(3)->trailers, (HeaderList{{"X-Checksum", "abc"}}));
    QCOMPARE(store.load(4)->importedAtMs, 1'790'000'000'000);
    QCOMPARE(store.load(5)->rejection, QStringLiteral("missing endpoint token"));
    QCOMPARE(store.load(6)->response.status, 409); // the held hook's answer
    QCOMPARE(store.loadAnswer(6)->presetId, QStringLiteral("conflict"));
    QCOMPARE(store.loadForward(1)->status, 202);
    QCOMPARE(store.loadForward(1)->responseBody, QByteArray("accepted"));
    const std::optional<EventInfo> info = store.loadInfo(3);
    QVERIFY(info);
    QCOMPARE(info->validity, EventInfo::Validity::Invalid);
    QCOMPARE(info->violationCount, 2);
    QCOMPARE(store.loadInfo(1)->signature, SignatureStatus::Valid);
    QCOMPARE(store.loadInfo(1)->signatureReason, QStringLiteral("hmac ok"));
    QCOMPARE(store.load(1)->handlingUs, 501); // event_info's handling time wins
    // Every side table is now a child of events, ON DELETE CASCADE, and no trigger is left.
    QCOMPARE(sideTableKeys(path), expectedKeys());
    // The orphan went; the rows of live events stayed.
    QCOMPARE(rowsIn(path, QStringLiteral("event_info"), 7), 0);
    QCOMPARE(rowsIn(path, QStringLiteral("event_trust"), 7), 0);
    QCOMPARE(rowsIn(path, QStringLiteral("event_info")), 5);
    // Every column of every side row of a live event came through the rebuild unchanged.
    for (qsizetype i = 0; i < kSideTables.size(); ++i) {
        // Migration 9 (branch rules26) adds event_answer.rule, NULL on every older answer.
        if (kSideTables[i] == QLatin1String("event_answer")) {
            for (QString &row : liveRows[size_t(i)])
                row += QStringLiteral("|NULL");
        }
        QCOMPARE(liveRowsOf(path, kSideTables[i]), liveRows[size_t(i)]);
        QCOMPARE(rowsIn(path, kSideTables[i]), liveRows[size_t(i)].size());
    }

    // Deleting now takes every side row with it: the CASCADE of each table's foreign key.
    QVERIFY(sideRowsOf(path, 1) >= 3); // info, trust, forward
    QVERIFY2(store.remove({1, 3}, &error), qPrintable(error));
    QCOMPARE(sideRowsOf(path, 1), 0);
    QCOMPARE(sideRowsOf(path, 3), 0);
    QVERIFY(sideRowsOf(path, 4) > 0);
    QVERIFY2(store.clear(&error), qPrintable(error));
    for (const QString &table : kSideTables)
        QCOMPARE(rowsIn(path, table), 0);
}

void TestStoreSchema::sideRowsGoWithTheirEvent_data()
{
    QTest::addColumn<QString>("deleter");
    QTest::addColumn<int>("sideRowsLeft"); // of the deleted event
    QTest::newRow("EventStore::remove") << QStringLiteral("store") << 0;
    QTest::newRow("DELETE on a connection of its own with foreign_keys on") << QStringLiteral("on") << 0;
    // The limit of ON DELETE CASCADE: SQLite enforces foreign keys only on a connection that
    // asked (PRAGMA foreign_keys, off by default, e.g. in the sqlite3 shell). Such a client
    // leaves the side rows; nothing reads them, and ids are never reused. Every connection
    // Hookscope opens turns them on (EventStore::enforceForeignKeys; see the test below).
    QTest::newRow("DELETE on a connection with foreign_keys off leaves them") << QStringLiteral("off") << 6;
}

void TestStoreSchema::sideRowsGoWithTheirEvent()
{
    QFETCH(QString, deleter);
    QFETCH(int, sideRowsLeft);
    const QString path = m_dir->filePath(QStringLiteral("new.sqlite"));
    EventStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QVERIFY(store.begin());
    for (int i = 0; i < 2; ++i) {
        Event e = smallEvent("/side/" + QByteArray::number(i));
        e.rejection = QStringLiteral("refused");
        e.trailers = {{"X-T", "1"}};
        e.importedAtMs = 1;
        QVERIFY2(store.insert(e, &error), qPrintable(error));
        EventInfo info;
        info.id = e.id;
        info.validity = EventInfo::Validity::Valid;
        QVERIFY(store.saveInfo(info));
        AnswerRecord answer;
        answer.id = e.id;
        QVERIFY(store.saveAnswer(answer));
        ForwardRecord forward;
        forward.id = e.id;
        forward.url = QStringLiteral("http://127.0.0.1:3000/");
        QVERIFY(store.saveForward(forward));
    }
    QVERIFY(store.commit(&error));
    QCOMPARE(sideRowsOf(path, 1), kSideTables.size());
    if (deleter == QLatin1String("store")) {
        QVERIFY2(store.remove({1}, &error), qPrintable(error));
    } else {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys = %1").arg(deleter)));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM events WHERE id = 1")));
        q = QSqlQuery();
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
    }
    QCOMPARE(rowsIn(path, QStringLiteral("events"), 1), 0);
    QCOMPARE(sideRowsOf(path, 1), sideRowsLeft);
    QCOMPARE(sideRowsOf(path, 2), kSideTables.size());
}

void TestStoreSchema::everyStoreConnectionEnforcesForeignKeys()
{
    // Without it a delete by Hookscope itself would leave side rows (see the "off" row above).
    const QString path = m_dir->filePath(QStringLiteral("keys.sqlite"));
    QString error;
    {
        EventStore store;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        QVERIFY(store.foreignKeysEnforced());
    }
    {
        EventStore reader;
        QVERIFY2(reader.openForReading(path, &error), qPrintable(error));
        QVERIFY(reader.foreignKeysEnforced());
    }
    // The writer thread's connection, which clear()/remove() delete on.
    EventRecorder recorder;
    QVERIFY2(recorder.open(path, &error, SyncMode::Normal), qPrintable(error));
    bool enforced = false;
    QVERIFY2(recorder.runOnWriter([&enforced](EventStore *store) { enforced = store->foreignKeysEnforced(); }, &error),
             qPrintable(error));
    QVERIFY(enforced);
    recorder.close();
}

void TestStoreSchema::lateResultsForADeletedEventAreNoFailures_data()
{
    QTest::addColumn<QString>("result");
    QTest::newRow("enrichment result (saveInfo)") << QStringLiteral("info");
    QTest::newRow("forwarding result (saveForward)") << QStringLiteral("forward");
    QTest::newRow("answer of a held hook (saveAnswer)") << QStringLiteral("answer");
    QTest::newRow("handling time (setHandlingTime)") << QStringLiteral("handling");
}

void TestStoreSchema::lateResultsForADeletedEventAreNoFailures()
{
    QFETCH(QString, result);
    const QString path = m_dir->filePath(QStringLiteral("late.sqlite"));
    QString error;
    const auto sendLate = [&result](EventStore *store, qint64 id) {
        if (result == QLatin1String("info")) {
            EventInfo info;
            info.id = id;
            info.validity = EventInfo::Validity::Valid;
            return store->saveInfo(info);
        }
        if (result == QLatin1String("forward")) {
            ForwardRecord forward;
            forward.id = id;
            forward.url = QStringLiteral("http://127.0.0.1:3000/");
            return store->saveForward(forward);
        }
        if (result == QLatin1String("answer")) {
            AnswerRecord answer;
            answer.id = id;
            return store->saveAnswer(answer);
        }
        return store->setHandlingTime(id, 42);
    };
    {
        EventStore store;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        Event gone = smallEvent("/gone");
        Event kept = smallEvent("/kept");
        QVERIFY2(store.insert(gone, &error), qPrintable(error));
        QVERIFY2(store.insert(kept, &error), qPrintable(error));
        QVERIFY2(store.remove({gone.id}, &error), qPrintable(error));
        QVERIFY2(sendLate(&store, gone.id), "a result for a deleted event is dropped, not a store failure");
        QCOMPARE(sideRowsOf(path, gone.id), 0);
        // Inside a transaction as the writer batches them: the commit succeeds too.
        QVERIFY(store.begin());
        QVERIFY(sendLate(&store, gone.id));
        QVERIFY2(store.commit(&error), qPrintable(error));
        QCOMPARE(sideRowsOf(path, gone.id), 0);
        // The same write for a live event lands.
        QVERIFY(sendLate(&store, kept.id));
        QVERIFY(sideRowsOf(path, kept.id) >= 1);
    }

    // Through the recorder, as the enrichment worker, forwarder and hold desk send them.
    EventRecorder recorder;
    QVERIFY2(recorder.open(path, &error, SyncMode::Normal), qPrintable(error));
    QSignalSpy failures(&recorder, &EventRecorder::storeFailed);
    qint64 id = 0;
    recorder.submit(smallEvent("/gone-too"), [&id](const CaptureResult &r) { id = r.id; });
    QTRY_VERIFY(id > 0);
    recorder.waitForPending();
    QVERIFY2(recorder.remove({id}, &error), qPrintable(error));
    if (result == QLatin1String("info")) {
        EventInfo info;
        info.id = id;
        recorder.recordInfo(info);
    } else if (result == QLatin1String("forward")) {
        ForwardRecord forward;
        forward.id = id;
        forward.url = QStringLiteral("http://127.0.0.1:3000/");
        recorder.recordForward(forward);
    } else if (result == QLatin1String("answer")) {
        AnswerRecord answer;
        answer.id = id;
        recorder.recordAnswer(answer);
    } else {
        recorder.responded(id, 42);
    }
    recorder.waitForPending();
    QCoreApplication::processEvents(); // storeFailed is queued to this thread
    QCOMPARE(failures.size(), 0);
    QCOMPARE(sideRowsOf(path, id), 0);
    recorder.close();
}

void TestStoreSchema::reopenedStoreWritesWithFreshStatements()
{
    const QString path = m_dir->filePath(QStringLiteral("reopen.sqlite"));
    EventStore store;
    QString error;
    for (int round = 1; round <= 3; ++round) {
        QVERIFY2(store.open(path, &error), qPrintable(error));
        Event e = smallEvent("/round/" + QByteArray::number(round));
        e.trailers = {{"X-Round", QByteArray::number(round)}};
        QVERIFY(store.begin());
        QVERIFY2(store.insert(e, &error), qPrintable(error));
        QVERIFY(store.setHandlingTime(e.id, round));
        EventInfo info;
        info.id = e.id;
        info.kind = QStringLiteral("round-%1").arg(round);
        info.validity = EventInfo::Validity::Valid;
        info.signature = SignatureStatus::Valid;
        QVERIFY2(store.saveInfo(info), "saveInfo after a reopen must use this connection's statement");
        QVERIFY(store.commit(&error));
        QCOMPARE(store.loadInfo(e.id)->kind, info.kind);
        QCOMPARE(store.loadInfo(e.id)->signature, SignatureStatus::Valid);
        QCOMPARE(store.load(e.id)->trailers, e.trailers);
        store.close();
    }
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QCOMPARE(store.count(), 3);
}

void TestStoreSchema::failedUpdatesReachTheUserAsStoreFailures_data()
{
    QTest::addColumn<QString>("update");
    QTest::newRow("enrichment result") << QStringLiteral("info");
    QTest::newRow("forwarding result") << QStringLiteral("forward");
    QTest::newRow("answer of a held hook") << QStringLiteral("answer");
}

void TestStoreSchema::failedUpdatesReachTheUserAsStoreFailures()
{
    QFETCH(QString, update);
    const QString path = m_dir->filePath(QStringLiteral("full.sqlite"));
    EventRecorder recorder;
    QString error;
    QVERIFY2(recorder.open(path, &error, SyncMode::Normal), qPrintable(error));
    QSignalSpy failures(&recorder, &EventRecorder::storeFailed);
    qint64 id = 0;
    recorder.submit(smallEvent("/full"), [&id](const CaptureResult &r) { id = r.id; });
    QTRY_VERIFY(id > 0);
    recorder.waitForPending();
    // A full disk: the file may not grow, and the update is far bigger than a free page.
    recorder.setPageLimit(EventRecorder::kPageLimitCurrentSize);
    const QByteArray big(256 * 1024, 'x');
    if (update == QLatin1String("info")) {
        EventInfo info;
        info.id = id;
        info.validity = EventInfo::Validity::Invalid;
        info.violationsJson = big;
        recorder.recordInfo(info);
    } else if (update == QLatin1String("forward")) {
        ForwardRecord forward;
        forward.id = id;
        forward.responseBody = big;
        recorder.recordForward(forward);
    } else {
        AnswerRecord answer;
        answer.id = id;
        answer.response.body = big;
        recorder.recordAnswer(answer);
    }
    recorder.waitForPending();
    // The write, and the commit SQLite may have rolled back after SQLITE_FULL: at least one.
    QTRY_VERIFY(failures.size() >= 1);
    QVERIFY2(failures.first().first().toString().contains(QString::number(id)), qPrintable(failures.first().first().toString()));
    recorder.setPageLimit(0);
    recorder.close();
}

QTEST_GUILESS_MAIN(TestStoreSchema)
#include "tst_storeschema.moc"
