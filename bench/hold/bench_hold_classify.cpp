// bench_hold_classify: what holding costs every request on the receiver's thread. With a kind
// configured to hold (before-book-appointment, by default), HoldingSink classifies each request
// as it arrives: route first, then the body's shape (parse + score; no validation).
//
//   build/bench/bench_hold_classify [rounds]
//
// Prints, per sample body, the median over 5 rounds of the mean time per classification.
#include "hold/HoldingSink.h"
#include "schema/SchemaRegistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace hookscope;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, atoi(argv[1])) : 20000;
    SchemaRegistry registry;
    HoldingSink sink(nullptr, nullptr, [&registry] { return registry.catalog(); });
    struct Case
    {
        const char *name;
        QByteArray target;
        QByteArray body;
    };
    const auto read = [](const char *file) {
        QFile f(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/") + QLatin1String(file));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const std::vector<Case> cases = {
        {"before-book-appointment by route", "/hooks/before-book-appointment", read("before-book-appointment.json")},
        {"before-book-appointment by shape", "/hook", read("before-book-appointment.json")},
        {"callback-request by shape", "/hook", read("callback-request.json")},
        {"jicoo by shape", "/hook", read("jicoo.json")},
        {"not JSON (form body)", "/hook", QByteArray("a=1&b=2&c=3")},
    };
    for (const Case &c : cases) {
        Event event;
        event.target = c.target;
        event.body = c.body;
        std::vector<double> means;
        QString kind;
        for (int r = 0; r < 5; ++r) {
            QElapsedTimer timer;
            timer.start();
            for (int i = 0; i < rounds; ++i)
                kind = sink.kindOf(event);
            means.push_back(double(timer.nsecsElapsed()) / rounds / 1000.0);
        }
        std::sort(means.begin(), means.end());
        std::printf("%-36s %6lld B  %8.2f us  -> %s\n", c.name, static_cast<long long>(c.body.size()), means[2],
                    qPrintable(kind.isEmpty() ? QStringLiteral("(unknown)") : kind));
    }
    return 0;
}
