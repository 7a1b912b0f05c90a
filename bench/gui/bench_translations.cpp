// Translations benchmark: a ~20 MB body full of translated fields, read by the Translations
// tab. Prints how long the GUI thread is blocked by TranslationsPane::setBody(), the longest
// gap between event-loop turns while the worker reads it, the time until the table shows, and
// what reading it on the GUI thread would have cost (the freeze the worker avoids).
//
//   QT_QPA_PLATFORM=offscreen build/bench/gui/bench_translations [json-mb=20]

#include "TranslationLoader.h"
#include "TranslationTableModel.h"
#include "TranslationsPane.h"
#include "translate/TranslationIndex.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTimer>
#include <cstdio>

using namespace hookscope;

namespace {

// Items with two translated fields each; every third lacks its French name.
QByteArray bigJson(qsizetype bytes)
{
    QByteArray out = "{\"items\": [";
    for (int i = 0; out.size() < bytes; ++i) {
        if (i)
            out += ',';
        const QString fr = i % 3 ? QStringLiteral(R"(, {"language": "fr", "value": "Sujet %1"})").arg(i) : QString();
        out += QStringLiteral(R"({"id": %1, "subject": {"translations": {"name": [{"language": "en", "value": "Subject %1"},)"
                              R"( {"language": "nl", "value": "Onderwerp %1"}%2], "description": [{"language": "en",)"
                              R"( "value": "About subject %1, with a longer text"}, {"language": "nl", "value": "Over %1"}]}},)"
                              R"( "notes": "%3"})")
                   .arg(i)
                   .arg(fr, QString(120, u'x'))
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
    const int jsonMb = args.size() > 1 ? args[1].toInt() : 20;
    const QByteArray json = bigJson(qsizetype(jsonMb) * 1024 * 1024);

    QElapsedTimer timer;
    timer.start();
    const std::optional<TranslationIndex> index = TranslationIndex::fromJson(json);
    std::printf("%.1f MiB body: TranslationIndex::fromJson %lld ms, %lld fields, %d missing\n",
                double(json.size()) / 1048576.0, timer.elapsed(), index ? qint64(index->fieldCount()) : 0LL,
                index ? index->missingCount() : 0);

    TranslationsPane pane;
    pane.resize(1100, 500);
    pane.show();
    QCoreApplication::processEvents();

    // Worker path: the GUI thread only hands the bytes over; a 5 ms timer measures the loop.
    qint64 worstGapMs = 0;
    QElapsedTimer gap;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, &app, [&] {
        worstGapMs = qMax(worstGapMs, gap.restart());
    });
    timer.restart();
    pane.setBody(json);
    const qint64 blockedMs = timer.elapsed();
    gap.start();
    ticker.start();
    while (pane.isLoading())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const qint64 shownMs = timer.elapsed();
    ticker.stop();
    std::printf("worker: setBody blocked the GUI thread %lld ms; table shown after %lld ms (%d rows); "
                "longest event-loop gap meanwhile %lld ms\n",
                blockedMs, shownMs, pane.model()->rowCount(), worstGapMs);

    // The same on the GUI thread: what the window would freeze for without the worker.
    pane.clear();
    pane.loader()->setSyncLimit(json.size());
    timer.restart();
    pane.setBody(json);
    std::printf("GUI thread (no worker): setBody blocked %lld ms\n", timer.elapsed());
    return 0;
}
