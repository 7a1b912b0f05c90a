// Detail pane benchmark: the hostile bodies of tst_hostileinput (a JSON array of 1,000,000
// numbers, a ~20 MB object) stored in a real SQLite file, loaded and shown in the real
// EventDetailPane. Prints what each step costs on the GUI thread: the store load, the parts
// of the Body and Tree tabs, and the longest gap between event-loop turns while the pane is
// shown tab after tab until every tab has its content (the freeze a user would feel).
//
//   QT_QPA_PLATFORM=offscreen build/bench/gui/bench_detail [array-elements=1000000] [json-mb=20]

#include "BodyView.h"
#include "EventDetailPane.h"
#include "JsonScanner.h"
#include "JsonTreeModel.h"
#include "JsonTreeView.h"
#include "TranslationsPane.h"
#include "store/EventStore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

using namespace hookscope;

namespace {

QByteArray hugeArray(int count)
{
    QByteArray out = "[";
    out.reserve(qsizetype(count) * 8);
    for (int i = 0; i < count; ++i) {
        if (i)
            out += ',';
        out += QByteArray::number(i);
    }
    return out + ']';
}

QByteArray bigObject(qsizetype bytes)
{
    QByteArray out = R"({"items":[)";
    const QByteArray item = R"({"id":"<script>alert(1)</script>","name":"<i>x</i>","n":12345678},)";
    out.reserve(bytes + item.size() + 2);
    while (out.size() < bytes)
        out += item;
    out.chop(1);
    return out + "]}";
}

template<typename F>
qint64 timed(F &&f)
{
    QElapsedTimer timer;
    timer.start();
    f();
    return timer.elapsed();
}

// Longest time between two turns of the event loop, measured with a 5 ms timer.
class LoopGap final
{
public:
    LoopGap()
    {
        m_ticker.setInterval(5);
        QObject::connect(&m_ticker, &QTimer::timeout, [this] { m_worst = qMax(m_worst, m_clock.restart()); });
    }
    void start()
    {
        m_worst = 0;
        m_clock.start();
        m_ticker.start();
    }
    [[nodiscard]] qint64 worst() const { return qMax(m_worst, m_clock.elapsed()); }

private:
    QTimer m_ticker;
    QElapsedTimer m_clock;
    qint64 m_worst = 0;
};

void spin(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

void measure(const char *name, const QByteArray &body, EventStore &store, EventDetailPane &pane)
{
    std::printf("\n== %s: %.1f MiB ==\n", name, double(body.size()) / 1048576.0);
    // The parts, each on its own (what the GUI thread did before the loaders).
    std::printf("JsonScanner::validate      %6lld ms\n", timed([&] { (void)JsonScanner::validate(body); }));
    QByteArray pretty;
    std::printf("JsonScanner::prettyPrint   %6lld ms\n", timed([&] { pretty = JsonScanner::prettyPrint(body); }));
    std::printf("QString::fromUtf8(pretty)  %6lld ms\n", timed([&] { (void)QString::fromUtf8(pretty); }));
    std::printf("JsonScanner::memberCount   %6lld ms (root)\n",
                timed([&] { (void)JsonScanner::memberCount(body, JsonScanner::root(body)); }));
    std::printf("JsonScanner::members       %6lld ms (root)\n",
                timed([&] { (void)JsonScanner::members(body, JsonScanner::root(body)); }));
    // What the Tree tab did before it fetched in batches: every member of the document at once.
    {
        JsonTreeModel model;
        const qint64 ms = timed([&] {
            (void)model.setJson(body);
            const QModelIndex document = model.index(0, 0);
            while (model.canFetchMore(document))
                model.fetchMore(document);
        });
        std::printf("JsonTreeModel, whole level %6lld ms (%lld nodes)\n", ms, qint64(model.nodeCount()));
    }
    {
        QPlainTextEdit edit;
        edit.resize(800, 600);
        edit.show();
        const QString shown = QString::fromUtf8(pretty.left(256 * 1024));
        std::printf("setPlainText(256 KiB)      %6lld ms\n", timed([&] {
                        edit.setPlainText(shown);
                        QCoreApplication::processEvents();
                    }));
    }

    Event e;
    e.receivedAtMs = 1'732'300'000'000;
    e.remoteAddress = QStringLiteral("127.0.0.1");
    e.method = "POST";
    e.target = QByteArray("/bench/") + name;
    e.contentType = "application/json";
    e.headers = {{"Content-Type", "application/json"}};
    e.body = body;
    e.response.status = 200;
    QString error;
    if (!store.insert(e, &error))
        qFatal("insert: %s", qPrintable(error));
    const qint64 id = e.id;
    std::optional<Event> loaded;
    std::printf("EventStore::load           %6lld ms\n", timed([&] { loaded = store.load(id); }));

    // The pane as the window uses it: select the event, look at every tab, wait for content.
    pane.tabs()->setCurrentIndex(EventDetailPane::BodyTab);
    pane.setEvent(std::nullopt);
    spin(100);
    LoopGap gap;
    gap.start();
    QElapsedTimer total;
    total.start();
    const qint64 setEventMs = timed([&] { pane.setEvent(loaded); });
    std::printf("setEvent (Body tab shown)  %6lld ms blocked\n", setEventMs);
    for (int tab = EventDetailPane::TreeTab; tab <= EventDetailPane::TranslationsTab; ++tab) {
        const qint64 ms = timed([&] { pane.tabs()->setCurrentIndex(tab); });
        std::printf("show tab %-17s %6lld ms blocked\n", qPrintable(pane.tabs()->tabText(tab)), ms);
        QCoreApplication::processEvents();
    }
    pane.tabs()->setCurrentIndex(EventDetailPane::BodyTab);
    while (pane.bodyView()->isLoading() || pane.treeView()->isLoading() || pane.translationsPane()->isLoading())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    spin(200); // paints, the highlighter's delayed pass
    std::printf("all tabs filled after      %6lld ms\n", total.elapsed() - 200);
    std::printf("longest event-loop gap     %6lld ms\n", gap.worst());
    std::printf("tree nodes built           %6lld\n", qint64(pane.treeView()->model()->nodeCount()));
    std::printf("body text shown            %6lld chars\n",
                qint64(pane.bodyView()->findChild<QPlainTextEdit *>(QStringLiteral("bodyText"))->toPlainText().size()));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const QStringList args = QCoreApplication::arguments();
    const int elements = args.size() > 1 ? args[1].toInt() : 1'000'000;
    const int jsonMb = args.size() > 2 ? args[2].toInt() : 20;

    QTemporaryDir dir;
    EventStore store;
    QString error;
    if (!store.open(dir.filePath(QStringLiteral("events.sqlite")), &error, SyncMode::Normal))
        qFatal("open: %s", qPrintable(error));

    EventDetailPane pane;
    pane.resize(1100, 700);
    pane.show();
    QCoreApplication::processEvents();

    measure("array", hugeArray(elements), store, pane);
    measure("object", bigObject(qsizetype(jsonMb) * 1024 * 1024), store, pane);
    return 0;
}
