// EventStore: the timeline's read (issue 27 point 4, branch timeline27), kept apart from the
// table's and the search's. Four numbers an event, no text: a million events in pages of 8,192
// cost a fraction of reading their summaries.
#include "EventStore.h"

#include "EventRows.h"
#include "event/AnswerRecord.h"

#include <QSqlQuery>

namespace hookscope {

QList<EventStore::TimelineRow> EventStore::timelineRows(qint64 afterId, int limit) const
{
    QList<TimelineRow> rows;
    QSqlQuery *q = statement("timelineRows", [] {
        const auto sql = [](EventColumn c) { return QLatin1StringView(kEventColumns[size_t(c)].sql); };
        return QStringLiteral("SELECT %1 AS id, %2 AS received_at, %3 AS response_status, %4 AS validity, "
                              "(a.source IS NOT NULL AND a.source != %5) AS hold_answer %6 "
                              "WHERE %1 > :after ORDER BY %1 LIMIT :limit")
            .arg(sql(EventColumn::Id), sql(EventColumn::ReceivedAt), sql(EventColumn::ResponseStatus), infoValiditySql())
            .arg(int(AnswerSource::Rule))
            .arg(QLatin1StringView(kEventJoins));
    });
    if (!q)
        return rows;
    q->bindValue(QStringLiteral(":after"), afterId);
    q->bindValue(QStringLiteral(":limit"), limit);
    if (!q->exec())
        return rows;
    const QSqlRecord record = q->record();
    const int id = record.indexOf(QStringLiteral("id"));
    const int at = record.indexOf(QStringLiteral("received_at"));
    const int status = record.indexOf(QStringLiteral("response_status"));
    const int validity = record.indexOf(QStringLiteral("validity"));
    const int held = record.indexOf(QStringLiteral("hold_answer"));
    rows.reserve(limit);
    while (q->next()) {
        rows.append({.id = q->value(id).toLongLong(),
                     .receivedAtMs = q->value(at).toLongLong(),
                     .responseStatus = q->value(status).toInt(),
                     .validity = EventInfo::Validity(q->value(validity).toInt()),
                     .holdAnswer = q->value(held).toBool()});
    }
    q->finish();
    return rows;
}

} // namespace hookscope
