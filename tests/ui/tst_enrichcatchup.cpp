// Issue 25 point 3 in the window: a store full of events no enrichment has seen (an earlier
// session without it, an import) is inspected behind new events, its progress is shown in the
// status bar, and the window keeps serving its event loop meanwhile.
#include "EventListPane.h"
#include "EventTableModel.h"
#include "MainWindow.h"
#include "StatusBarPane.h"
#include "TestWindow.h"
#include "enrich/EnrichmentService.h"
#include "session/CaptureSession.h"
#include "store/EventStore.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace hookscope;

namespace {

constexpr int kOld = 6'000;

// kOld events of kind "old" (FakeInspector reads the body's "kind"), no result stored.
bool generate(const QString &path, QString *error)
{
    EventStore store;
    if (!store.open(path, error, SyncMode::Normal) || !store.begin())
        return false;
    for (int i = 0; i < kOld; ++i) {
        Event e;
        e.receivedAtMs = 1'732'300'000'000 + qint64(i) * 37;
        e.remoteAddress = QStringLiteral("127.0.0.1");
        e.method = "POST";
        e.target = "/old/" + QByteArray::number(i);
        e.contentType = "application/json";
        // slowUs: each inspection takes 0.5 ms (FakeInspector), so the catch-up lasts about 3 s on
        // any box and the test sees it running (without it a quiet box ends it before the window shows).
        e.body = R"({"kind":"old","slowUs":500,"id":")" + QByteArray::number(i) + R"("})";
        e.response.status = 200;
        if (!store.insert(e, error))
            return false;
    }
    return store.commit(error);
}

} // namespace

class tst_EnrichCatchUp final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void newEventsFirstProgressShownWindowResponsive();
};

void tst_EnrichCatchUp::initTestCase()
{
    TestWindow::useTestSettings();
}

void tst_EnrichCatchUp::newEventsFirstProgressShownWindowResponsive()
{
    TestWindow fixture;
    QString error;
    QVERIFY2(generate(fixture.dbPath(), &error), qPrintable(error));
    QVERIFY2(fixture.show(&error), qPrintable(error));
    MainWindow *window = fixture.window();
    EnrichmentService *enrichment = window->enrichment();
    QVERIFY(enrichment);
    QSignalSpy progress(enrichment, &EnrichmentService::catchUpProgress);
    // The GUI thread's event loop during the catch-up: a 10 ms timer counts its turns.
    QTimer tick;
    tick.setInterval(10);
    QSignalSpy ticks(&tick, &QTimer::timeout);
    QElapsedTimer clock;
    clock.start();
    tick.start();

    auto *label = window->statusPane()->findChild<QLabel *>(QStringLiteral("inspectionLabel"));
    QVERIFY(label);
    // The catch-up runs at idle priority: it may start only once the writer has indexed the
    // 6,000 events for search (a few seconds on a 2-core box), hence the long timeout.
    QTRY_VERIFY_WITH_TIMEOUT(label->isVisible(), 30'000);
    QVERIFY2(window->statusPane()->inspectionText().contains(QStringLiteral("of 6,000")),
             qPrintable(window->statusPane()->inspectionText()));

    // A new event while the backlog runs: it gets its result before the backlog ends.
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(window->session()->url().resolved(QUrl(QStringLiteral("/new"))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    std::unique_ptr<QNetworkReply> reply(network.post(request, QByteArrayLiteral(R"({"kind":"fresh","id":"n"})")));
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    EventListPane *list = window->listPane();
    QTRY_COMPARE(list->eventCount(), kOld + 1);
    const EventTableModel *model = list->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->index(kOld, 0).data(EventTableModel::KindRole).toString(), QStringLiteral("fresh"),
                              20'000);
    QVERIFY2(!progress.isEmpty() || label->isVisible(), "the catch-up ended before the new event's result came");
    const qint64 doneWhenNewShown = progress.isEmpty() ? 0 : progress.last().at(0).toLongLong();
    QVERIFY2(doneWhenNewShown < kOld, "the new event waited for the whole backlog");

    // The catch-up reaches its end; the status bar says so by hiding the progress.
    QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty() && progress.last().at(0).toLongLong() == kOld, 120'000);
    QCOMPARE(progress.last().at(1).toLongLong(), qint64(kOld));
    QTRY_VERIFY(!label->isVisible());
    tick.stop();
    const qint64 elapsedMs = clock.elapsed();
    // The loop kept turning: a window blocked by the results would have missed most ticks.
    // Loose (a quarter of the ticks) because the test box is shared.
    QVERIFY2(ticks.count() >= elapsedMs / 10 / 4,
             qPrintable(QStringLiteral("%1 timer ticks in %2 ms").arg(ticks.count()).arg(elapsedMs)));
    // The oldest event has its result too, read back through the table.
    QTRY_COMPARE(model->index(0, 0).data(EventTableModel::KindRole).toString(), QStringLiteral("old"));
    EventStore reader;
    QVERIFY(reader.open(fixture.dbPath(), &error));
    QTRY_COMPARE(reader.countWithoutInfo(), 0);
}

QTEST_MAIN(tst_EnrichCatchUp)
#include "tst_enrichcatchup.moc"
