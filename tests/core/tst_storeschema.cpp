// The store's schema over time and its write paths: a frozen store of schema 7
// (tests/data/stores) migrated with nothing lost, side rows going with their event
// whoever deletes it, a reopened store's prepared statements, write failures reported.
#include "store/EventRecorder.h"
#include "store/EventStore.h"
#include "store/Migrations.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

const QStringList kSideTables = {QStringLiteral("event_info"),   QStringLiteral("event_trust"),
                                 QStringLiteral("event_answer"), QStringLiteral("event_import"),
                                 QStringLiteral("event_forward"), QStringLiteral("event_trailers")};

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
    // The orphan went; the rows of live events stayed.
    QCOMPARE(rowsIn(path, QStringLiteral("event_info"), 7), 0);
    QCOMPARE(rowsIn(path, QStringLiteral("event_trust"), 7), 0);
    QCOMPARE(rowsIn(path, QStringLiteral("event_info")), 5);

    // Deleting now takes every side row with it.
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
    QTest::addColumn<bool>("throughTheStore"); // EventStore::remove, or a plain DELETE of another client
    QTest::newRow("EventStore::remove") << true;
    QTest::newRow("DELETE on a connection of its own (sqlite3, an older tool)") << false;
}

void TestStoreSchema::sideRowsGoWithTheirEvent()
{
    QFETCH(bool, throughTheStore);
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
    if (throughTheStore) {
        QVERIFY2(store.remove({1}, &error), qPrintable(error));
    } else {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("DELETE FROM events WHERE id = 1")));
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("other"));
    }
    QCOMPARE(sideRowsOf(path, 1), 0);
    QCOMPARE(sideRowsOf(path, 2), kSideTables.size());
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
