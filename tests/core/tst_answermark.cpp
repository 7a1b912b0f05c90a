// Who answered a held hook and how (issue 24.9): the answer source, how the user gave it
// (button, shortcut, Send anyway), the preset's name and "answer invalid" are stored with the
// answer over a real session and socket, and read back with the table's summaries after the
// store was closed and opened again (a restart).
#include "common/RawHttpClient.h"
#include "hold/HoldDesk.h"
#include "session/CaptureSession.h"
#include "store/EventStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
QByteArray sample(const char *name)
{
    QFile file(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/") + QLatin1String(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
const QByteArray kRoute = "/hooks/before-book-appointment";
} // namespace

class TestAnswerMark final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void answerKeepsWhoAndHowAcrossARestart_data();
    void answerKeepsWhoAndHowAcrossARestart();
    void clientGoneIsKeptAcrossARestart();
    void eventsWithoutAnAnswerHaveNone();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAnswerMark::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestAnswerMark::answerKeepsWhoAndHowAcrossARestart_data()
{
    QTest::addColumn<int>("source");
    QTest::addColumn<int>("via");
    QTest::addColumn<QString>("presetId");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("presetTitle");
    QTest::addColumn<bool>("invalid");
    const QByteArray valid = sample("before-book-appointment.response.json");
    const QByteArray broken = R"({"cancelled": "not a boolean"})";
    QTest::newRow("Cancel clicked: its name kept")
        << int(AnswerSource::Click) << int(AnswerVia::Button) << "cancel" << valid << "Cancel" << false;
    QTest::newRow("Accept by its shortcut")
        << int(AnswerSource::Click) << int(AnswerVia::Shortcut) << "accept" << valid << "Accept unchanged" << false;
    QTest::newRow("Send anyway: answer invalid")
        << int(AnswerSource::Click) << int(AnswerVia::SendAnyway) << QString() << broken << QString() << true;
    QTest::newRow("the local app's bad answer: invalid, no via")
        << int(AnswerSource::LocalApp) << int(AnswerVia::Unknown) << QString() << broken << QString() << true;
    QTest::newRow("deadline default: valid, named")
        << int(AnswerSource::Deadline) << int(AnswerVia::Unknown) << "accept" << valid << "Accept unchanged" << false;
}

void TestAnswerMark::answerKeepsWhoAndHowAcrossARestart()
{
    QFETCH(int, source);
    QFETCH(int, via);
    QFETCH(QString, presetId);
    QFETCH(QByteArray, body);
    QFETCH(QString, presetTitle);
    QFETCH(bool, invalid);
    const QString path = m_dir->filePath(QStringLiteral("events.sqlite"));
    qint64 id = 0;
    {
        CaptureSession session;
        SessionConfig config;
        config.storePath = path;
        config.sync = SyncMode::Normal;
        config.receiver.port = 0;
        config.holdPolicy = HoldPolicy::builtIn(); // holds Before Book Appointment
        QVERIFY(session.open(config));
        QVERIFY(session.start());
        QSignalSpy held(&session, &CaptureSession::held);
        QSignalSpy answered(&session, &CaptureSession::answered);
        RawHttpClient hook(session.port());
        hook.send(post(kRoute, sample("before-book-appointment.json")));
        QTRY_COMPARE(held.count(), 1);
        id = held.at(0).at(0).value<HeldRequest>().id;
        const HttpResponse response{200, {{"Content-Type", "application/json"}}, body};
        QVERIFY(session.holdDesk()->answer(id, response, AnswerSource(source), presetId, AnswerVia(via)));
        QTRY_COMPARE(hook.responses().size(), 1);
        QTRY_COMPARE(answered.count(), 1);
        // What the window is told is what the store keeps.
        const AnswerRecord told = answered.at(0).at(0).value<AnswerRecord>();
        QCOMPARE(told.invalid, invalid);
        QCOMPARE(told.presetTitle, presetTitle);
        session.shutdown();
    }
    EventStore store; // the restart: a new connection to the closed store
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    const QList<EventSummary> rows = store.summaries(0, 10);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).id, id);
    QVERIFY(rows.at(0).answer);
    const AnswerMark &mark = *rows.at(0).answer;
    QCOMPARE(int(mark.source), source);
    QCOMPARE(int(mark.via), via);
    QCOMPARE(mark.presetId, presetId);
    QCOMPARE(mark.presetTitle, presetTitle);
    QCOMPARE(mark.invalid, invalid);
    QCOMPARE(mark.status, 200);
    QVERIFY(mark.afterMs >= 0);
    const std::optional<AnswerRecord> record = store.loadAnswer(id);
    QVERIFY(record);
    QCOMPARE(int(record->via), via);
    QCOMPARE(record->presetTitle, presetTitle);
    QCOMPARE(record->invalid, invalid);
}

void TestAnswerMark::clientGoneIsKeptAcrossARestart()
{
    const QString path = m_dir->filePath(QStringLiteral("gone.sqlite"));
    {
        CaptureSession session;
        SessionConfig config;
        config.storePath = path;
        config.sync = SyncMode::Normal;
        config.receiver.port = 0;
        config.holdPolicy = HoldPolicy::builtIn();
        QVERIFY(session.open(config));
        QVERIFY(session.start());
        QSignalSpy held(&session, &CaptureSession::held);
        QSignalSpy answered(&session, &CaptureSession::answered);
        auto hook = std::make_unique<RawHttpClient>(session.port());
        hook->send(post(kRoute, sample("before-book-appointment.json")));
        QTRY_COMPARE(held.count(), 1);
        hook.reset(); // the sender hangs up while the hook waits
        QTRY_COMPARE(answered.count(), 1);
        session.shutdown();
    }
    EventStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    const QList<EventSummary> rows = store.summaries(0, 10);
    QCOMPARE(rows.size(), 1);
    QVERIFY(rows.at(0).answer);
    QCOMPARE(rows.at(0).answer->source, AnswerSource::ClientGone);
    QVERIFY(!rows.at(0).answer->sent());
    QVERIFY(!rows.at(0).answer->invalid);
}

void TestAnswerMark::eventsWithoutAnAnswerHaveNone()
{
    EventStore store;
    QString error;
    QVERIFY2(store.open(m_dir->filePath(QStringLiteral("plain.sqlite")), &error), qPrintable(error));
    Event event;
    event.method = "POST";
    event.target = "/hooks/x";
    event.body = "{}";
    event.receivedAtMs = 1'700'000'000'000;
    QVERIFY2(store.insert(event, &error), qPrintable(error));
    const QList<EventSummary> rows = store.summaries(0, 10);
    QCOMPARE(rows.size(), 1);
    QVERIFY(!rows.at(0).answer);
}

QTEST_GUILESS_MAIN(TestAnswerMark)
#include "tst_answermark.moc"
