// The grouped view's loader (issue 26) on a real store through a real EventRecorder: the first
// load reads every key; a refresh reads only the keys it writes and the attempts waiting for an
// answer; a store that lost events is read whole again.
#include "DeliveryGroupLoader.h"
#include "event/AnswerRecord.h"
#include "store/EventRecorder.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

constexpr qint64 kBase = 1'765'101'600'000; // 2025-12-07 10:00:00 UTC

// Pexip Engage callback requests: the delivery id is the body's /id.
QByteArray pexip(const char *id)
{
    return QStringLiteral(R"({"id":"%1","correlationId":"c-%1","entity":"Callback Request","version":"1",)"
                          R"("webhookConfigurationId":"7","data":{"eventType":"CallbackRequestUpdate",)"
                          R"("callbackRequest":{"id":"123","status":"OPEN","updatedAt":"2025-12-07T10:00:00Z"}}})")
        .arg(QLatin1StringView(id))
        .toUtf8();
}

struct Delivery
{
    const char *id;
    qint64 atMs;
    int status;
};

QList<qint64> store(EventRecorder &recorder, const QList<Delivery> &deliveries)
{
    QList<qint64> ids;
    QString error;
    const bool ran = recorder.runOnWriter(
        [&](EventStore *s) {
            if (!s->begin())
                return;
            for (const Delivery &d : deliveries) {
                Event event;
                event.receivedAtMs = kBase + d.atMs;
                event.method = "POST";
                event.target = "/hooks/pexip-engage";
                event.contentType = "application/json";
                event.body = pexip(d.id);
                event.response.status = d.status;
                QString insertError;
                if (!s->insert(event, &insertError))
                    return;
                EventInfo info;
                info.id = event.id;
                info.kind = QStringLiteral("callback-request");
                info.entityId = QStringLiteral("123");
                info.validity = EventInfo::Validity::Valid;
                if (!s->saveInfo(info))
                    return;
                ids.append(event.id);
            }
            QString commitError;
            if (!s->commit(&commitError))
                ids.clear();
        },
        &error);
    return ran ? ids : QList<qint64>();
}

QString attemptsOf(const QList<DeliveryGroup> &groups)
{
    QStringList out;
    for (const DeliveryGroup &g : groups) {
        QStringList attempts;
        for (const DeliveryAttempt &a : g.attempts)
            attempts.append(QStringLiteral("#%1=%2").arg(a.id).arg(a.status));
        out.append(attempts.join(u','));
    }
    return out.join(QStringLiteral(" | "));
}

} // namespace

class TestDeliveryGroupLoader final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refreshReadsOnlyWhatIsNewUntilTheStoreLosesEvents();
};

void TestDeliveryGroupLoader::refreshReadsOnlyWhatIsNewUntilTheStoreLosesEvents()
{
    qRegisterMetaType<QList<hookscope::DeliveryGroup>>();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("events.sqlite"));
    EventRecorder recorder;
    QString error;
    QVERIFY2(recorder.open(path, &error, SyncMode::Normal), qPrintable(error));
    DeliveryGroupLoader loader(&recorder);
    QSignalSpy loaded(&loader, &DeliveryGroupLoader::loaded);
    const auto groups = [&] { return loaded.constLast().at(0).value<QList<DeliveryGroup>>(); };

    // e1 fails twice; e2 is held (no answer yet).
    const QList<qint64> first = store(recorder, {{"e1", 0, 500}, {"e1", 5000, 500}, {"e2", 6000, 0}});
    QCOMPARE(first.size(), 3);
    loader.load(path);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.constLast().at(1).toInt(), 3); // keyed now
    QCOMPARE(attemptsOf(groups()), QStringLiteral("#1=500,#2=500 | #3=0"));

    // Behind the loader's back an already grouped key changes: a refresh does not read it again
    // (it reads new keys and unanswered attempts only), so the change stays unseen.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("UPDATE event_delivery SET delivery_key = 'moved' WHERE id = 1")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
    // e1's third attempt is accepted, e2 gets its answer (a held hook answered late).
    QCOMPARE(store(recorder, {{"e1", 25000, 200}}).size(), 1);
    QVERIFY(recorder.runOnWriter(
        [](EventStore *s) {
            AnswerRecord answer;
            answer.id = 3;
            answer.source = AnswerSource::Click;
            answer.response.status = 409;
            (void)s->saveAnswer(answer);
        },
        &error));
    loader.load(path);
    QCOMPARE(loaded.size(), 2);
    QCOMPARE(loaded.constLast().at(1).toInt(), 1);
    QCOMPARE(attemptsOf(groups()), QStringLiteral("#1=500,#2=500,#4=200 | #3=409"));

    // Events deleted: the store changed wholesale, every key is read again (the moved key shows).
    QVERIFY(recorder.runOnWriter([](EventStore *s) { QString e; (void)s->remove({2}, &e); }, &error));
    loader.load(path);
    QCOMPARE(loaded.size(), 3);
    QCOMPARE(attemptsOf(groups()), QStringLiteral("#1=500 | #3=409 | #4=200"));
}

QTEST_MAIN(TestDeliveryGroupLoader)
#include "tst_deliverygrouploader.moc"
