// GUI benchmark: opens a store of N generated (and already enriched) events in the real
// MainWindow and reports the time until the window is shown, until the table knows every row,
// until its first page is painted, and the process RSS; then scrolls the table end to end and
// jumps around in it; then filters by kind, validity and text (each wait has a deadline and
// checks the count the generator implies: a wait for one match of a needle that matched 11 at
// a million events kept this benchmark waiting forever, issue 25 point 5); then opens a ~20 MB
// JSON body in the Tree tab and reports the time to the first paint.
//
//   QT_QPA_PLATFORM=offscreen build-gui/bench/gui/bench_gui [events=100000] [json-mb=20] [store]
//
// With a store path, the store is generated there once and reused by later runs of the same
// size (a million events take minutes to generate on a shared box); the store must not be
// opened by anything else meanwhile (the run's filters and enrichment write nothing to it).

#include "EventDetailPane.h"
#include "EventListPane.h"
#include "JsonTreeModel.h"
#include "JsonTreeView.h"
#include "MainWindow.h"
#include "session/CaptureSession.h"
#include "store/EventStore.h"

#include <QApplication>
#include <QComboBox>
#include <QRandomGenerator>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <cstdio>
#include <functional>

using namespace hookscope;

namespace {

double rssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

bool generate(const QString &path, int count, QString *error)
{
    EventStore store;
    if (!store.open(path, error, SyncMode::Normal))
        return false;
    const QByteArray small = R"({"event":"order.paid","order":{"id":"ord_%1","amount":1999,"currency":"EUR",)"
                             R"("customer":{"name":"Customer %1","email":"c%1@example.com"},"items":[{"sku":"A-1","qty":2}]}})";
    if (!store.begin())
        return false;
    for (int i = 0; i < count; ++i) {
        Event e;
        e.receivedAtMs = 1'732'300'000'000 + i * 37;
        e.remoteAddress = QStringLiteral("127.0.0.1");
        e.remotePort = quint16(40000 + i % 20000);
        if (i % 3 == 0)
            e.forwardedFor = "203.0.113." + QByteArray::number(i % 250);
        e.method = i % 10 == 0 ? "PUT" : "POST";
        e.target = "/webhooks/orders/" + QByteArray::number(i) + "?attempt=1";
        e.headers = {{"Host", "localhost:8080"}, {"User-Agent", "bench/1.0"}, {"Content-Type", "application/json"},
                     {"X-Request-Id", QByteArray::number(i, 16).rightJustified(16, '0')}};
        e.contentType = "application/json";
        e.body = QString::fromLatin1(small).arg(i).toUtf8();
        if (i % 1000 == 0) // some large bodies, stored compressed
            e.body = R"({"blob":")" + QByteArray(40'000, 'z') + R"("})";
        e.response.status = i % 50 == 0 ? 500 : 200;
        e.response.headers = {{"Content-Type", "application/json"}};
        e.response.body = R"({"ok":true})";
        e.handlingUs = 180 + i % 400;
        if (!store.insert(e, error))
            return false;
        // Enriched in an earlier session: every 10th a refund, every 50th invalid.
        EventInfo info;
        info.id = e.id;
        info.kind = i % 10 == 0 ? QStringLiteral("refund.created") : QStringLiteral("order.paid");
        info.validity = i % 50 == 0 ? EventInfo::Validity::Invalid : EventInfo::Validity::Valid;
        info.violationCount = i % 50 == 0 ? 1 : 0;
        if (!store.saveInfo(info))
            return false;
        if (i % 10'000 == 9'999) {
            if (!store.commit(error) || !store.begin())
                return false;
        }
    }
    return store.commit(error);
}

QByteArray bigJson(qsizetype bytes)
{
    QByteArray out = "{\"orders\": [";
    for (int i = 0; out.size() < bytes; ++i) {
        if (i)
            out += ',';
        out += QStringLiteral(R"({"id": %1, "customer": {"name": "Customer %1", "email": "c%1@example.com"},)"
                              R"( "items": [{"sku": "A-%1", "qty": 2, "price": 9.95}], "paid": true})")
                   .arg(i)
                   .toUtf8();
    }
    out += "]}";
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // lines as they come, also into a file or a pipe
    QStandardPaths::setTestModeEnabled(true);
    const QStringList args = QCoreApplication::arguments();
    const int events = args.size() > 1 ? args[1].toInt() : 100'000;
    const int jsonMb = args.size() > 2 ? args[2].toInt() : 20;

    QTemporaryDir dir;
    const QString path = args.size() > 3 ? args[3] : dir.filePath(QStringLiteral("bench.sqlite"));
    QElapsedTimer timer;
    timer.start();
    QString error;
    if (QFile::exists(path)) {
        std::printf("reusing %s (%.1f MiB file)\n", qPrintable(path), double(QFile(path).size()) / 1048576.0);
    } else if (!generate(path, events, &error)) {
        std::fprintf(stderr, "generate: %s\n", qPrintable(error));
        return 1;
    } else {
        std::printf("generated %d events in %lld ms (%.1f MiB file)\n", events, timer.elapsed(),
                    double(QFile(path).size()) / 1048576.0);
    }
    const double rssBefore = rssMiB();

    AppOptions options;
    options.dbPath = path;
    options.receiver.port = 0;
    options.portGiven = true;
    options.sync = SyncMode::Normal;
    timer.restart();
    MainWindow window(std::make_unique<CaptureSession>(), options);
    window.resize(1280, 800);
    window.show();
    const qint64 shownMs = timer.elapsed();
    EventListPane *list = window.listPane();
    QTableView *table = list->table();
    // Every wait has a deadline: a benchmark that waits forever measures nothing.
    const auto waitFor = [](const std::function<bool()> &done, int seconds) {
        QElapsedTimer deadline;
        deadline.start();
        while (!done()) {
            if (deadline.elapsed() > seconds * 1000)
                return false;
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        }
        return true;
    };
    if (!waitFor([&] { return list->eventCount() >= events; }, 600)) {
        std::printf("FAILED: the table knows %d of %d rows after 10 minutes\n", list->eventCount(), events);
        return 1;
    }
    const qint64 rowsMs = timer.elapsed();
    table->viewport()->repaint();
    const qint64 paintedMs = timer.elapsed();
    std::printf("window shown after %lld ms; all %d rows known after %lld ms; first page painted after %lld ms\n",
                shownMs, events, rowsMs, paintedMs);
    std::printf("RSS: %.1f MiB before the window, %.1f MiB with %d rows\n", rssBefore, rssMiB(), events);

    // Scroll through the whole table page by page, painting each page.
    QScrollBar *bar = table->verticalScrollBar();
    timer.restart();
    int pages = 0;
    qint64 worstPageMs = 0;
    for (int value = 0; value <= bar->maximum(); value += bar->pageStep() * 50, ++pages) {
        QElapsedTimer page;
        page.start();
        bar->setValue(value);
        table->viewport()->repaint();
        worstPageMs = qMax(worstPageMs, page.elapsed());
    }
    bar->setValue(bar->maximum());
    table->viewport()->repaint();
    std::printf("scrolled %d pages (every 50th page) end to end in %lld ms, worst page %lld ms; RSS %.1f MiB\n", pages,
                timer.elapsed(), worstPageMs, rssMiB());
    qint64 worstJumpMs = 0;
    for (int jump = 0; jump < 20; ++jump) {
        QElapsedTimer page;
        page.start();
        bar->setValue(int(QRandomGenerator::global()->bounded(bar->maximum() + 1)));
        table->viewport()->repaint();
        worstJumpMs = qMax(worstJumpMs, page.elapsed());
    }
    std::printf("20 scroll jumps to random places: worst %lld ms to paint\n", worstJumpMs);

    // Filters over the whole store, each until it took effect, with the count checked.
    const auto timeFilter = [&](const char *what, const std::function<void()> &apply, int expected) {
        bool applied = false;
        const QMetaObject::Connection seen =
            QObject::connect(list, &EventListPane::filterApplied, list, [&applied] { applied = true; });
        QElapsedTimer filterTimer;
        filterTimer.start();
        apply();
        const bool tookEffect = waitFor([&] { return applied; }, 300);
        QObject::disconnect(seen);
        if (!tookEffect) {
            std::printf("FAILED: the %s filter did not take effect in 5 minutes\n", what);
            return false;
        }
        const qint64 ms = filterTimer.elapsed();
        table->viewport()->repaint();
        const int shown = table->model()->rowCount();
        std::printf("%s filter over %d events: %lld ms, %d match(es)%s\n", what, events, ms, shown,
                    shown == expected ? "" : qPrintable(QStringLiteral(" — EXPECTED %1").arg(expected)));
        return shown == expected;
    };
    bool countsRight = true;
    QComboBox *kinds = list->kindCombo();
    countsRight &= timeFilter("kind", [&] { kinds->setCurrentIndex(kinds->findData(QStringLiteral("refund.created"))); },
                              (events + 9) / 10);
    countsRight &= timeFilter("kind + validity", [&] {
        list->validityCombo()->setCurrentIndex(list->validityCombo()->findData(int(EventFilter::Validity::Invalid)));
    }, (events + 49) / 50);
    countsRight &= timeFilter("validity", [&] { kinds->setCurrentIndex(0); }, (events + 49) / 50);
    list->validityCombo()->setCurrentIndex(0);
    // "ord_<N-1>": no other generated id has as many digits, so exactly one event.
    countsRight &= timeFilter("text", [&] { list->setFilterText(QStringLiteral("ord_%1").arg(events - 1)); }, 1);
    list->setFilterText(QString());
    std::printf("RSS after the filters: %.1f MiB\n", rssMiB());
    if (!countsRight)
        return 1;

    // A big JSON body in the Tree tab: time to first paint.
    const QByteArray json = bigJson(qsizetype(jsonMb) * 1024 * 1024);
    JsonTreeView *tree = window.detailPane()->treeView();
    window.detailPane()->tabs()->setCurrentIndex(EventDetailPane::TreeTab);
    QCoreApplication::processEvents();
    timer.restart();
    tree->setJson(json);
    tree->tree()->viewport()->repaint();
    const qint64 treeMs = timer.elapsed();
    std::printf("%.1f MiB JSON in the tree: first paint after %lld ms (%lld nodes built), RSS %.1f MiB\n",
                double(json.size()) / 1048576.0, treeMs, qint64(tree->model()->nodeCount()), rssMiB());
    timer.restart();
    tree->tree()->expand(tree->model()->index(0, 0, tree->model()->index(0, 0)));
    tree->tree()->viewport()->repaint();
    std::printf("expanding the %d-element array: %lld ms\n",
                tree->model()->index(0, 0, tree->model()->index(0, 0)).isValid()
                    ? tree->model()->rowCount(tree->model()->index(0, 0, tree->model()->index(0, 0)))
                    : 0,
                timer.elapsed());
    return 0;
}
