#include "SalvageReader.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace hookscope {

namespace {
// Ids of a damaged stretch tried one by one (a seek by id often still finds the sound cells of
// a damaged page); a longer stretch (a damaged interior page) is reported as a range.
constexpr qint64 kProbeIds = 20000;
constexpr QLatin1String kUnknownReason("SQLite could not read it");

QString reasonOr(const QString &reason, const QString &fallback)
{
    return reason.isEmpty() ? fallback : reason;
}
} // namespace

QString UnreadableEvents::describe() const
{
    if (lastId == kToTheEnd)
        return QStringLiteral("events from #%1 on: %2 (a damaged page hides which of these ids exist)")
            .arg(firstId)
            .arg(reason);
    if (isRange())
        return QStringLiteral("events #%1 to #%2: %3 (a damaged page hides which of these ids exist)")
            .arg(firstId)
            .arg(lastId)
            .arg(reason);
    return QStringLiteral("event #%1: %2").arg(firstId).arg(reason);
}

SalvageReader::SalvageReader(const EventStore *store, DamageVisitor onDamage)
    : m_store(store)
    , m_onDamage(std::move(onDamage))
{
}

void SalvageReader::report(qint64 firstId, qint64 lastId, const QString &reason)
{
    if (m_onDamage)
        m_onDamage({firstId, lastId, reason, false});
}

bool SalvageReader::deliver(const Event &event, std::optional<EventInfo> info, const EventStore::EventVisitor &visit)
{
    if (info && !info->violationsJson.isEmpty()) {
        QJsonParseError error{};
        if (!QJsonDocument::fromJson(info->violationsJson, &error).isArray()) {
            UnreadableEvents damage{event.id, event.id,
                                    QStringLiteral("its inspection result is damaged (the violations are not JSON: %1); "
                                                   "the event is read without it")
                                        .arg(error.error == QJsonParseError::NoError ? QStringLiteral("not a list")
                                                                                      : error.errorString()),
                                    true};
            if (m_onDamage)
                m_onDamage(damage);
            info.reset();
        }
    }
    return visit(event, info);
}

std::optional<QList<qint64>> SalvageReader::nextId(qint64 from) const
{
    std::optional<QList<qint64>> ids = m_store->idsFrom(from, 1);
    if (ids && !ids->isEmpty() && ids->first() > m_lastId)
        return std::nullopt;
    return ids;
}

qint64 SalvageReader::firstListableFrom(qint64 from) const
{
    // Galloping, then bisecting: listing works again once the seek passes the damaged pages.
    qint64 failing = from;
    qint64 step = 1;
    qint64 works = 0;
    while (step < (qint64(1) << 62) && from + step > from) {
        if (nextId(from + step)) {
            works = from + step;
            break;
        }
        failing = from + step;
        step *= 2;
    }
    if (works == 0)
        return 0;
    while (works - failing > 1) {
        const qint64 middle = failing + (works - failing) / 2;
        if (nextId(middle))
            works = middle;
        else
            failing = middle;
    }
    return works;
}

bool SalvageReader::visitAll(qint64 afterId, const EventStore::EventVisitor &visit)
{
    if (const qint64 last = m_store->lastAssignedId(); last > 0)
        m_lastId = last;
    qint64 after = afterId; // the last id visited or reported: every step moves it on
    bool stopped = false;
    bool garbage = false; // a row with an id no event ever had: read from a damaged page
    const EventStore::EventVisitor next = [&](const Event &event, const std::optional<EventInfo> &info) {
        if (event.id > m_lastId) {
            garbage = true;
            return false;
        }
        after = event.id;
        stopped = !deliver(event, info, visit);
        return !stopped;
    };
    // Reads ids first..last of a damaged stretch one by one. An id that a seek does not find there
    // may have been there all the same (its cell pointer is what is damaged): such ids are
    // reported as a range. False when `visit` stopped.
    const auto probe = [&](qint64 first, qint64 last, const QString &reason) {
        if (last - first >= kProbeIds) {
            report(first, last, reason);
            return true;
        }
        qint64 hiddenFrom = 0;
        for (qint64 id = first; id <= last; ++id) {
            const qint64 read = m_store->visitEvents(QList<qint64>{id}, next);
            if (stopped)
                return false;
            if (read == 0) {
                hiddenFrom = hiddenFrom > 0 ? hiddenFrom : id;
                continue;
            }
            if (hiddenFrom > 0)
                report(hiddenFrom, id - 1, reason);
            hiddenFrom = 0;
            if (read < 0)
                report(id, id, reasonOr(m_store->lastReadFailure().reason, reason));
        }
        if (hiddenFrom > 0)
            report(hiddenFrom, last, reason);
        return true;
    };
    for (;;) {
        const qint64 visited = m_store->visitEvents(after, m_window, next);
        if (stopped)
            return false;
        if (visited == 0 && !garbage)
            return true;
        if (visited > 0 && !garbage)
            continue;
        const EventStore::ReadFailure failure =
            garbage ? EventStore::ReadFailure{0, QStringLiteral("a damaged page gave an id no event ever had")}
                    : m_store->lastReadFailure();
        garbage = false;
        if (failure.id > after && failure.id <= m_lastId) { // read, but not as stored (a body zlib refuses)
            report(failure.id, failure.id, failure.reason);
            after = failure.id;
            continue;
        }
        const QString reason = reasonOr(failure.reason, kUnknownReason);
        // SQLite stopped at a damaged page without saying at which event: which id comes next?
        const std::optional<QList<qint64>> ids = nextId(after + 1);
        if (ids && ids->isEmpty())
            return true; // the damage lies past the last event
        if (ids) {
            // The scan failed before this id, a seek finds it: the ids between are what the damage hides.
            const qint64 id = ids->first();
            if (!probe(after + 1, id, reason))
                return false;
            after = std::max(after, id);
            continue;
        }
        // Not even the ids can be listed: skip the damaged pages, reporting the ids they cover.
        const qint64 resume = firstListableFrom(after + 1);
        const std::optional<QList<qint64>> rest = resume > 0 ? nextId(resume) : std::nullopt;
        if (!rest || rest->isEmpty()) {
            if (after < m_lastId)
                report(after + 1, m_lastId, reason);
            return true;
        }
        if (!probe(after + 1, resume - 1, reason))
            return false;
        after = std::max(after, resume - 1);
    }
}

bool SalvageReader::visitIds(const QList<qint64> &ids, const EventStore::EventVisitor &visit)
{
    qint64 after = 0;
    bool stopped = false;
    const EventStore::EventVisitor next = [&](const Event &event, const std::optional<EventInfo> &info) {
        after = event.id;
        stopped = !deliver(event, info, visit);
        return !stopped;
    };
    for (qsizetype start = 0; start < ids.size(); start += m_window) {
        const QList<qint64> window = ids.mid(start, m_window);
        const qint64 visited = m_store->visitEvents(window, next);
        if (stopped)
            return false;
        if (visited >= 0)
            continue;
        // One at a time from where the window failed.
        for (const qint64 id : window) {
            if (id <= after)
                continue;
            if (m_store->visitEvents(QList<qint64>{id}, next) < 0)
                report(id, id, reasonOr(m_store->lastReadFailure().reason, kUnknownReason));
            if (stopped)
                return false;
        }
    }
    return true;
}

} // namespace hookscope
