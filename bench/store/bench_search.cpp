// The text filter over a store, through the search index and by the scan (issue 25 point 2),
// and what the index costs capture. For each size: two stores of the same generated events
// (bench_gui's mix: a small JSON order, every 1000th body 40 KB and so stored compressed),
// written side by side in alternating chunks of 10,000 so that the shared machine's load
// falls on both alike: "indexed" as Hookscope writes it (the insert does not tokenize: the
// path before the 2xx), "plain" without the index's tables. Then the writer's idle indexer
// catches up (its steps: pieces of 16 events, ~25 ms transactions, synchronous=NORMAL), and
// each needle is searched as the window's search thread does (EventSearchWorker: one query
// through the index up to the watermark, windows of 4,096 above it), through the index and
// by the scan (the plain store, given empty index tables: nothing indexed); then again with
// 10,000 new events above the watermark (a burst the indexer has not reached).
// writer=N: N captures through the real writer (EventRecorder, --sync full, 50 in flight)
// into a store with the index and one without, alternating in 4 rounds.
//
//   build/bench/bench_search [events=100000 ...]      build/bench/bench_search writer=20000
// Numbers are indicative on a shared machine: compare the ratios within one run.
// Measured (2 shared cores, 5 other helpers building, commit 45adb20), index vs scan:
//   events   "ord_99999"     "c77777@example"  "order.paid" (all)  "zq" (2 chars)  +10k not indexed
//   100k       12 /   829 ms    18 /   823 ms     914 /  822 ms      scan both      104 / 97 ms
//   300k       11 /  5213 ms    44 /  4865 ms    5101 / 4568 ms      scan both      195 / 179 ms
//   1M         69 / 10504 ms    82 / 11068 ms    8738 / 7505 ms      scan both      191 / 150 ms
//   insert before the 2xx (50 a transaction, sync normal), with the index / plain: 100k 1.03,
//   300k 0.96, 1M 0.98 (the same code: noise; before this commit's parent series 0.27-0.32);
//   idle indexer catching up: 6,425 events/s at 100k, 6,101 at 300k, 2,405 at 1M;
//   files 704 vs 437 MiB at 1M.
#include "store/EventFilter.h"
#include "store/EventRecorder.h"
#include "store/EventStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace hookscope;

namespace {

constexpr qint64 kWindow = 4096; // EventSearchWorker's
constexpr int kPerTransaction = 50; // a busy writer's group commit

Event generated(int i)
{
    static const QByteArray small = R"({"event":"order.paid","order":{"id":"ord_%1","amount":1999,"currency":"EUR",)"
                                    R"("customer":{"name":"Customer %1","email":"c%1@example.com"},"items":[{"sku":"A-1","qty":2}]}})";
    Event e;
    e.receivedAtMs = 1'732'300'000'000 + i * 37;
    e.remoteAddress = QStringLiteral("127.0.0.1");
    e.remotePort = quint16(40000 + i % 20000);
    e.method = i % 10 == 0 ? "PUT" : "POST";
    e.target = "/webhooks/orders/" + QByteArray::number(i) + "?attempt=1";
    e.headers = {{"Host", "localhost:8080"}, {"User-Agent", "bench/1.0"}, {"Content-Type", "application/json"},
                 {"X-Request-Id", QByteArray::number(i, 16).rightJustified(16, '0')}};
    e.contentType = "application/json";
    e.body = QString::fromLatin1(small).arg(i).toUtf8();
    if (i % 1000 == 0)
        e.body = R"({"blob":")" + QByteArray(40'000, 'z') + R"("})";
    e.response.status = 200;
    e.response.headers = {{"Content-Type", "application/json"}};
    e.response.body = R"({"ok":true})";
    e.handlingUs = 180 + i % 400;
    return e;
}

// On a connection of its own, with the store closed.
bool rawExec(const QString &path, const QString &sql)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-raw"));
        db.setDatabaseName(path);
        ok = db.open() && QSqlQuery(db).exec(sql);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-raw"));
    return ok;
}

// Inserts events [from, to) in transactions of kPerTransaction; returns the microseconds spent.
qint64 insertRange(EventStore &store, int from, int to)
{
    QElapsedTimer timer;
    timer.start();
    QString error;
    for (int i = from; i < to; i += kPerTransaction) {
        if (!store.begin())
            return -1;
        for (int j = i; j < std::min(to, i + kPerTransaction); ++j) {
            Event e = generated(j);
            if (!store.insert(e, &error)) {
                std::fprintf(stderr, "insert: %s\n", qPrintable(error));
                return -1;
            }
        }
        if (!store.commit(&error))
            return -1;
    }
    return timer.nsecsElapsed() / 1000;
}

struct Search
{
    qint64 ms = 0;
    qsizetype hits = 0;
};

Search search(const EventStore &store, const QString &text)
{
    const EventFilter filter = EventFilter::forText(text);
    QElapsedTimer timer;
    timer.start();
    Search out;
    const qint64 maxId = store.maxId();
    // As the search thread does (EventSearchWorker): one query up to the watermark through the
    // index, windows above it.
    qint64 after = 0;
    if (const std::optional<EventStore::TextBacklog> backlog = store.textBacklog();
        filter.textIndexQuery() && backlog && backlog->after > 0) {
        after = std::min(backlog->after, maxId);
        out.hits += store.matchingIds(filter, 0, after).size();
    }
    for (; after < maxId; after += kWindow)
        out.hits += store.matchingIds(filter, after, after + kWindow).size();
    out.ms = timer.elapsed();
    return out;
}

// The writer's idle indexer: transactions of pieces of 16 events, ~25 ms each (StoreWriter's
// indexStep, synchronous=NORMAL). Returns events per second.
double catchUp(EventStore &store)
{
    QElapsedTimer timer;
    timer.start();
    qint64 indexed = 0;
    QString error;
    store.setSyncMode(SyncMode::Normal);
    for (bool done = false; !done;) {
        if (!store.begin())
            return -1;
        QElapsedTimer step;
        step.start();
        while (!done && step.elapsed() < 25) {
            const qint64 n = store.indexTextBacklog(16, &error);
            if (n < 0) {
                std::fprintf(stderr, "index: %s\n", qPrintable(error));
                return -1;
            }
            indexed += n;
            done = n < 16;
        }
        if (!store.commit(&error))
            return -1;
    }
    return double(indexed) * 1e9 / double(timer.nsecsElapsed());
}

// Through the real writer (EventRecorder, --sync full as the app runs): `events` captures
// with 50 in flight, as 50 concurrent senders would; each one's time until its `done` (when
// its 2xx may go out). With the search index the writer indexes between the batches.
struct WriterRun
{
    qint64 us = 0;
    std::vector<qint64> latenciesUs;
    qint64 backlogLeft = 0;
};

bool throughWriter(const QString &path, int from, int events, WriterRun *run)
{
    EventRecorder recorder;
    QString error;
    if (!recorder.open(path, &error, SyncMode::Full)) {
        std::fprintf(stderr, "recorder: %s\n", qPrintable(error));
        return false;
    }
    QElapsedTimer clock;
    clock.start();
    int next = 0;
    int done = 0;
    int inFlight = 0;
    while (done < events) {
        while (inFlight < 50 && next < events) {
            const qint64 submitted = clock.nsecsElapsed() / 1000;
            recorder.submit(generated(from + next++), [&, submitted](const CaptureResult &result) {
                if (!result.stored)
                    std::fprintf(stderr, "not stored: %s\n", qPrintable(result.error));
                run->latenciesUs.push_back(clock.nsecsElapsed() / 1000 - submitted);
                ++done;
                --inFlight;
            });
            ++inFlight;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    run->us += clock.nsecsElapsed() / 1000;
    EventStore reader;
    if (reader.open(path, &error)) {
        if (const std::optional<EventStore::TextBacklog> backlog = reader.textBacklog())
            run->backlogLeft = backlog->upTo - backlog->after;
    }
    recorder.close();
    return true;
}

double p99ms(std::vector<qint64> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return double(v[std::min(v.size() - 1, v.size() * 99 / 100)]) / 1000.0;
}

int writerBench(int events)
{
    QTemporaryDir dir;
    const QString indexedPath = dir.filePath(QStringLiteral("writer-indexed.sqlite"));
    const QString plainPath = dir.filePath(QStringLiteral("writer-plain.sqlite"));
    for (const QString &path : {indexedPath, plainPath}) {
        EventStore make;
        QString error;
        if (!make.open(path, &error))
            return 1;
    }
    // The plain store has no index: its writer has nothing to index.
    for (const char *table : {"event_text", "event_text_scan", "event_text_state"}) {
        if (!rawExec(plainPath, QStringLiteral("DROP TABLE %1").arg(QLatin1StringView(table))))
            return 1;
    }
    WriterRun indexed;
    WriterRun plain;
    constexpr int kRounds = 4; // alternating, so that the shared machine's load falls on both
    for (int round = 0; round < kRounds; ++round) {
        const int from = round * events / kRounds;
        const int n = (round + 1) * events / kRounds - from;
        if (!throughWriter(indexedPath, from, n, &indexed) || !throughWriter(plainPath, from, n, &plain))
            return 1;
    }
    std::printf("== through the writer (--sync full, 50 in flight), %d events\n", events);
    std::printf("with the index %.0f events/s (p99 until done %.2f ms; not indexed at the end %lld), plain %.0f "
                "events/s (p99 %.2f ms); with/plain %.3f\n",
                events * 1e6 / double(indexed.us), p99ms(indexed.latenciesUs), indexed.backlogLeft,
                events * 1e6 / double(plain.us), p99ms(plain.latenciesUs), double(plain.us) / double(indexed.us));
    std::fflush(stdout);
    return 0;
}

double mib(const QString &path)
{
    return double(QFile(path).size() + QFile(path + QStringLiteral("-wal")).size()) / 1048576.0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QList<int> sizes;
    for (int i = 1; i < argc; ++i) {
        // writer=N: only the capture rate through the real writer, with and without the index.
        if (const QByteArray arg(argv[i]); arg.startsWith("writer="))
            return writerBench(arg.mid(7).toInt());
        sizes.append(QByteArray(argv[i]).toInt());
    }
    if (sizes.isEmpty())
        sizes = {100'000};
    const QStringList needles = {QStringLiteral("ord_99999"), QStringLiteral("c77777@example"),
                                 QStringLiteral("order.paid"), QStringLiteral("zq")};
    for (const int events : sizes) {
        QTemporaryDir dir;
        const QString indexedPath = dir.filePath(QStringLiteral("indexed.sqlite"));
        const QString plainPath = dir.filePath(QStringLiteral("plain.sqlite"));
        EventStore indexed;
        EventStore plain;
        QString error;
        if (!indexed.open(indexedPath, &error, SyncMode::Normal) || !plain.open(plainPath, &error, SyncMode::Normal)) {
            std::fprintf(stderr, "open: %s\n", qPrintable(error));
            return 1;
        }
        plain.close();
        // The plain store: no search index at all (its tables dropped; an insert never
        // touches them anyway). Put back empty, with nothing indexed, for its searches: the scan.
        if (!rawExec(plainPath, QStringLiteral("DROP TABLE event_text"))
            || !rawExec(plainPath, QStringLiteral("DROP TABLE event_text_scan"))
            || !rawExec(plainPath, QStringLiteral("DROP TABLE event_text_state"))
            || !plain.open(plainPath, &error, SyncMode::Normal)) {
            std::fprintf(stderr, "cannot make the plain store: %s\n", qPrintable(error));
            return 1;
        }
        qint64 indexedUs = 0;
        qint64 plainUs = 0;
        for (int from = 0; from < events; from += 10'000) {
            const int to = std::min(events, from + 10'000);
            const qint64 a = insertRange(indexed, from, to);
            const qint64 b = insertRange(plain, from, to);
            if (a < 0 || b < 0)
                return 1;
            indexedUs += a;
            plainUs += b;
        }
        std::printf("== %d events\n", events);
        std::printf("insert before the 2xx, %d per transaction: with the index %.0f events/s, plain %.0f events/s "
                    "(with/plain %.3f)\n",
                    kPerTransaction, events * 1e6 / double(indexedUs), events * 1e6 / double(plainUs),
                    double(plainUs) / double(indexedUs));
        const double rate = catchUp(indexed);
        std::printf("idle indexer catching up: %.0f events/s; files %.1f MiB vs %.1f MiB\n", rate, mib(indexedPath),
                    mib(plainPath));
        plain.close();
        if (!rawExec(plainPath, QStringLiteral("CREATE VIRTUAL TABLE event_text USING fts5(text, tokenize = 'trigram', "
                                               "content = '', detail = 'none')"))
            || !rawExec(plainPath, QStringLiteral("CREATE TABLE event_text_scan (id INTEGER PRIMARY KEY)"))
            || !rawExec(plainPath, QStringLiteral("CREATE TABLE event_text_state (id INTEGER PRIMARY KEY, indexed_up_to, "
                                                  "clear_after, clear_up_to)"))
            || !rawExec(plainPath, QStringLiteral("INSERT INTO event_text_state VALUES (1, 0, 0, 0)"))
            || !plain.open(plainPath, &error, SyncMode::Normal)) {
            std::fprintf(stderr, "cannot make the plain store searchable: %s\n", qPrintable(error));
            return 1;
        }
        // A burst the indexer has not reached yet: the newest 10,000 events above the watermark.
        for (const QString &needle : needles) {
            const Search viaIndex = search(indexed, needle);
            const Search viaScan = search(plain, needle);
            std::printf("filter %-16s index %6lld ms, scan %6lld ms (%lld / %lld hits)%s\n",
                        qPrintable(QLatin1Char('"') + needle + QLatin1Char('"')), viaIndex.ms, viaScan.ms,
                        qint64(viaIndex.hits), qint64(viaScan.hits),
                        EventFilter::forText(needle).textIndexQuery() ? "" : "  [< 3 chars: both scan]");
            if (viaIndex.hits != viaScan.hits)
                std::printf("  MISMATCH\n");
        }
        if (insertRange(indexed, events, events + 10'000) < 0)
            return 1;
        for (const QString &needle : needles) {
            const Search viaIndex = search(indexed, needle);
            std::printf("10,000 new events not indexed yet: filter %-16s %6lld ms (%lld hits)\n",
                        qPrintable(QLatin1Char('"') + needle + QLatin1Char('"')), viaIndex.ms, qint64(viaIndex.hits));
        }
        std::fflush(stdout);
    }
    return 0;
}
