#include "DeliveryGrouper.h"

#include <QDateTime>
#include <QHash>

#include <algorithm>
#include <optional>

namespace hookscope {

namespace {

bool is2xx(int status)
{
    return status >= 200 && status < 300;
}

std::optional<double> asNumber(const QString &text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

std::optional<qint64> asTime(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.isValid() ? std::optional<qint64>(time.toMSecsSinceEpoch()) : std::nullopt;
}

void flagDuplicates(DeliveryGroup *group)
{
    bool accepted = false;
    for (DeliveryAttempt &attempt : group->attempts) {
        attempt.duplicate = accepted;
        accepted = accepted || is2xx(attempt.status);
    }
}

// Per kind and entity, in order of arrival: a group older than the newest one seen so far.
void flagOutOfOrder(QList<DeliveryGroup> *groups)
{
    QHash<QString, QString> newest; // kind + entity -> newest version seen
    for (DeliveryGroup &group : *groups) {
        if (group.entityId.isEmpty() || group.version.isEmpty())
            continue;
        const QString entity = group.kind + QChar(0x1f) + group.entityId;
        const auto found = newest.find(entity);
        if (found == newest.end()) {
            newest.insert(entity, group.version);
        } else if (DeliveryGrouper::compareVersions(group.version, *found) < 0) {
            group.outOfOrder = true;
            group.newerVersion = *found;
        } else {
            *found = group.version;
        }
    }
}

} // namespace

int DeliveryGroup::duplicates() const
{
    return int(std::count_if(attempts.cbegin(), attempts.cend(), [](const DeliveryAttempt &a) { return a.duplicate; }));
}

int DeliveryGroup::acceptedAt() const
{
    for (qsizetype i = 0; i < attempts.size(); ++i) {
        if (is2xx(attempts[i].status))
            return int(i + 1);
    }
    return 0;
}

int DeliveryGrouper::compareVersions(const QString &a, const QString &b)
{
    if (const auto x = asNumber(a), y = asNumber(b); x && y)
        return *x < *y ? -1 : *x > *y ? 1 : 0;
    if (const auto x = asTime(a), y = asTime(b); x && y)
        return *x < *y ? -1 : *x > *y ? 1 : 0;
    return a.compare(b);
}

QList<DeliveryGroup> DeliveryGrouper::group(QList<DeliveryRow> rows, qint64 bodyWindowMs)
{
    std::stable_sort(rows.begin(), rows.end(), [](const DeliveryRow &x, const DeliveryRow &y) {
        if (x.key != y.key)
            return x.key < y.key;
        return x.receivedAtMs != y.receivedAtMs ? x.receivedAtMs < y.receivedAtMs : x.id < y.id;
    });
    QList<DeliveryGroup> groups;
    for (const DeliveryRow &row : std::as_const(rows)) {
        DeliveryGroup *last = groups.isEmpty() ? nullptr : &groups.last();
        const bool sameDelivery = last && last->key == row.key
            && (!row.byBody || row.receivedAtMs - last->attempts.constLast().receivedAtMs <= bodyWindowMs);
        if (!sameDelivery) {
            groups.append(DeliveryGroup{.key = row.key,
                                        .kind = row.kind,
                                        .entityId = row.entityId,
                                        .version = row.version,
                                        .byBody = row.byBody,
                                        .attempts = {},
                                        .outOfOrder = false,
                                        .newerVersion = {}});
            last = &groups.last();
        }
        DeliveryAttempt attempt{.id = row.id, .receivedAtMs = row.receivedAtMs, .intervalMs = -1, .status = row.status,
                                .duplicate = false};
        if (!last->attempts.isEmpty())
            attempt.intervalMs = row.receivedAtMs - last->attempts.constLast().receivedAtMs;
        last->attempts.append(attempt);
    }
    for (DeliveryGroup &group : groups)
        flagDuplicates(&group);
    std::stable_sort(groups.begin(), groups.end(), [](const DeliveryGroup &x, const DeliveryGroup &y) {
        return x.firstSeenMs() != y.firstSeenMs() ? x.firstSeenMs() < y.firstSeenMs()
                                                  : x.attempts.constFirst().id < y.attempts.constFirst().id;
    });
    flagOutOfOrder(&groups);
    return groups;
}

} // namespace hookscope
