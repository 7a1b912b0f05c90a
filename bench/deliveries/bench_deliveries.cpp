// A live refresh of the grouped deliveries view (issue 26) on a store of N keyed events
// (default: 100,000 and 300,000). Each refresh follows 100 newly keyed events (a third of them
// retries of earlier deliveries). "whole" is what every refresh cost before: read every key
// (EventStore::deliveryRows) and regroup them all (DeliveryGrouper::group). "incremental" is
// DeliveryGroupLoader's refresh now: count the keys, read the new ones and the unanswered ones,
// add them to a DeliveryGroupIndex (while a view still holds the previous groups, so the list is
// copied once). Also the first, full load of the index. Median of the refreshes, wall time;
// measures, never asserts. Usage: bench_deliveries [N …]
#include "store/DeliveryGroupIndex.h"
#include "store/DeliveryGrouper.h"
#include "store/EventStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace hookscope;

namespace {

constexpr int kPerRefresh = 100;
constexpr int kRefreshes = 7;

struct Filler
{
    EventStore *store;
    QRandomGenerator random{42};
    qint64 at = 1'795'395'723'456;
    qint64 deliveries = 0;

    // One event and its key: mostly a new delivery, else a retry of a recent one; one in ten
    // keyed by its body.
    bool add(QList<qint64> *ids, QString *error)
    {
        at += random.bounded(1, 2000);
        Event event;
        event.receivedAtMs = at;
        event.remoteAddress = QStringLiteral("203.0.113.7");
        event.method = "POST";
        event.target = "/hooks";
        event.headers = {{"Content-Type", "application/json"}};
        const bool retry = deliveries > 0 && random.bounded(3) == 0;
        const qint64 delivery = retry ? std::max<qint64>(1, deliveries - random.bounded(50)) : ++deliveries;
        event.body = R"({"id":"evt_)" + QByteArray::number(delivery) + R"(","type":"invoice.paid"})";
        event.response.status = random.bounded(4) == 0 ? 500 : 200;
        if (!store->insert(event, error))
            return false;
        DeliveryRecord key;
        key.id = event.id;
        key.byBody = delivery % 10 == 0;
        key.key = (key.byBody ? QStringLiteral("stripe/invoice.paid|body|") : QStringLiteral("stripe/invoice.paid|id|"))
            + QString::number(delivery);
        key.version = QString::number(delivery % 1000);
        if (!store->saveDelivery(key)) {
            *error = QStringLiteral("saveDelivery failed");
            return false;
        }
        if (ids)
            ids->append(event.id);
        return true;
    }
};

qint64 median(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

int run(qint64 count, const QString &dir)
{
    EventStore store;
    QString error;
    const QString path = dir + QStringLiteral("/deliveries-%1.sqlite").arg(count);
    if (!store.open(path, &error, SyncMode::Normal)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    Filler filler{.store = &store};
    QElapsedTimer timer;
    timer.start();
    if (!store.begin())
        return 1;
    for (qint64 i = 0; i < count; ++i) {
        if (!filler.add(nullptr, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        if (i % 10'000 == 9'999 && (!store.commit(&error) || !store.begin()))
            return 1;
    }
    if (!store.commit(&error))
        return 1;
    std::printf("N = %lld keyed events (%lld deliveries), filled in %lld ms\n", static_cast<long long>(count),
                static_cast<long long>(filler.deliveries), static_cast<long long>(timer.elapsed()));

    DeliveryGroupIndex index;
    timer.restart();
    index.add(store.deliveryRows());
    const qint64 firstLoad = timer.elapsed();
    QList<DeliveryGroup> held = index.groups(); // what the view shows meanwhile

    QList<qint64> whole, incremental;
    qsizetype wholeGroups = 0;
    for (int refresh = 0; refresh < kRefreshes; ++refresh) {
        QList<qint64> fresh;
        if (!store.begin())
            return 1;
        for (int i = 0; i < kPerRefresh; ++i) {
            if (!filler.add(&fresh, &error))
                return 1;
        }
        if (!store.commit(&error))
            return 1;

        timer.restart();
        const QList<DeliveryGroup> all = DeliveryGrouper::group(store.deliveryRows());
        whole.append(timer.elapsed());
        wholeGroups = all.size();

        timer.restart();
        if (store.deliveryCount() != index.rowCount() + fresh.size())
            std::fprintf(stderr, "key count differs\n");
        QList<qint64> changed = index.unanswered(2000) + fresh;
        index.add(store.deliveryRows(changed));
        held = index.groups(); // the copy a view gets; the next add detaches from it
        incremental.append(timer.elapsed());
    }
    std::printf("  whole regrouping per refresh     %7lld ms  (%lld groups)\n", static_cast<long long>(median(whole)),
                static_cast<long long>(wholeGroups));
    std::printf("  first load of the index          %7lld ms\n", static_cast<long long>(firstLoad));
    std::printf("  incremental refresh (+%d events) %5lld ms  (%lld groups, %s)\n", kPerRefresh,
                static_cast<long long>(median(incremental)), static_cast<long long>(held.size()),
                held.size() == wholeGroups ? "same groups" : "DIFFERENT group count");
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QList<qint64> sizes;
    for (int i = 1; i < argc; ++i)
        sizes.append(QByteArray(argv[i]).toLongLong());
    if (sizes.isEmpty())
        sizes = {100'000, 300'000};
    QTemporaryDir dir;
    for (const qint64 n : std::as_const(sizes)) {
        if (const int status = run(n, dir.path()); status != 0)
            return status;
    }
    return 0;
}
