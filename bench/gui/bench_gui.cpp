// GUI benchmark: opens a store of N generated events in the real MainWindow and reports the
// time until the table holds every row and the process RSS; then scrolls the table through;
// then opens a ~20 MB JSON body in the Tree tab and reports the time to the first paint.
//
//   QT_QPA_PLATFORM=offscreen build-gui/bench/gui/bench_gui [events=100000] [json-mb=20]

#include "EventDetailPane.h"
#include "EventListPane.h"
#include "JsonTreeModel.h"
#include "JsonTreeView.h"
#include "MainWindow.h"
#include "session/CaptureSession.h"
#include "store/EventStore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <cstdio>

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
    QStandardPaths::setTestModeEnabled(true);
    const QStringList args = QCoreApplication::arguments();
    const int events = args.size() > 1 ? args[1].toInt() : 100'000;
    const int jsonMb = args.size() > 2 ? args[2].toInt() : 20;

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.sqlite"));
    QElapsedTimer timer;
    timer.start();
    QString error;
    if (!generate(path, events, &error)) {
        std::fprintf(stderr, "generate: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("generated %d events in %lld ms (%.1f MiB file)\n", events, timer.elapsed(),
                double(QFile(path).size()) / 1048576.0);
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
    while (list->eventCount() < events)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QCoreApplication::processEvents();
    const qint64 loadedMs = timer.elapsed();
    std::printf("window shown after %lld ms; all %d rows in the table after %lld ms\n", shownMs, events, loadedMs);
    std::printf("RSS: %.1f MiB before the window, %.1f MiB with %d rows\n", rssBefore, rssMiB(), events);

    // Scroll through the whole table page by page, painting each page.
    QScrollBar *bar = list->table()->verticalScrollBar();
    timer.restart();
    int pages = 0;
    qint64 worstPageMs = 0;
    for (int value = 0; value <= bar->maximum(); value += bar->pageStep() * 50, ++pages) {
        QElapsedTimer page;
        page.start();
        bar->setValue(value);
        list->table()->viewport()->repaint();
        worstPageMs = qMax(worstPageMs, page.elapsed());
    }
    std::printf("scrolled %d pages (every 50th page) in %lld ms, worst page %lld ms\n", pages, timer.elapsed(), worstPageMs);

    // Filter over the whole store (SQL on the worker thread).
    timer.restart();
    list->setFilterText(QStringLiteral("ord_99999"));
    QObject::connect(list, &EventListPane::filterApplied, &app, [] {});
    while (list->table()->model()->rowCount() > 1 || list->table()->model()->rowCount() == events)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    std::printf("filter over %d events: %lld ms, %d match(es)\n", events, timer.elapsed(),
                list->table()->model()->rowCount());
    list->setFilterText(QString());

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
