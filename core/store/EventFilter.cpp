#include "EventFilter.h"

#include "EventRows.h"
#include "event/HttpMessage.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hookscope {

namespace {

// The texts a search looks in: the column (and the column saying whether it is stored
// compressed) and the same text of an event in memory.
struct TextField
{
    EventColumn column;
    std::optional<EventColumn> encoding; // nullopt: never compressed
    std::optional<QByteArray> (*text)(const Event &event);
};

const TextField kTextFields[] = {
    {EventColumn::Target, std::nullopt, [](const Event &e) { return std::optional(e.target); }},
    {EventColumn::Headers, std::nullopt, [](const Event &e) { return std::optional(serializeHeaders(e.headers)); }},
    {EventColumn::Body, EventColumn::BodyEncoding, [](const Event &e) { return std::optional(e.body); }},
    {EventColumn::DecodedBody, EventColumn::DecodedEncoding, [](const Event &e) { return e.decodedBody; }},
};

// The enrichment result a validity filter wants; nullopt: any.
std::optional<EventInfo::Validity> wantedValidity(EventFilter::Validity validity)
{
    switch (validity) {
    case EventFilter::Validity::All:
    case EventFilter::Validity::AppFailed: // the app's answer, not the enrichment's
        return std::nullopt;
    case EventFilter::Validity::Valid:
        return EventInfo::Validity::Valid;
    case EventFilter::Validity::Invalid:
        return EventInfo::Validity::Invalid;
    case EventFilter::Validity::NotChecked:
        return EventInfo::Validity::NotChecked;
    case EventFilter::Validity::NotJson:
        return EventInfo::Validity::NotJson;
    }
    return std::nullopt;
}

QLatin1StringView sqlOf(EventColumn column)
{
    return QLatin1StringView(kEventColumns[std::size_t(column)].sql);
}

QLatin1StringView nameOf(EventColumn column)
{
    return QLatin1StringView(kEventColumns[std::size_t(column)].name);
}

} // namespace

bool EventFilter::filtersInfo() const
{
    return kind.has_value() || !vendorKinds.isEmpty() || validity != Validity::All || missingTranslationsOnly
        || predicate != nullptr;
}

bool EventFilter::matchesText(const Event &event) const
{
    if (needle.isEmpty())
        return true;
    for (const TextField &field : kTextFields) {
        // QByteArray::toLower() folds ASCII only, like SQLite's lower().
        if (const std::optional<QByteArray> text = field.text(event); text && text->toLower().contains(needle))
            return true;
    }
    return false;
}

bool EventFilter::matchesInfo(const EventInfo &info, int appStatus) const
{
    // "unknown" means checked and of no known kind; a row still being validated has no kind
    // yet and only shows under "All kinds".
    if (kind && (info.validity == EventInfo::Validity::NotChecked || info.kind != *kind))
        return false;
    if (!vendorKinds.isEmpty() && !vendorKinds.contains(info.kind))
        return false;
    if (missingTranslationsOnly && info.missingTranslations <= 0)
        return false;
    if (validity == Validity::AppFailed)
        return appStatus < 0 || appStatus >= 400;
    const std::optional<EventInfo::Validity> wanted = wantedValidity(validity);
    return !wanted || info.validity == *wanted;
}

EventFilter::Sql EventFilter::sqlTextHit() const
{
    if (needle.isEmpty())
        return {QStringLiteral("1"), {}};
    // instr() over lower(CAST(… AS TEXT)) is a byte search of ASCII-folded text (instr
    // compares by byte length, so a NUL byte does not end it).
    Sql sql;
    QStringList any;
    const QString text = QString::fromUtf8(needle);
    for (const TextField &field : kTextFields) {
        const QString bind = QStringLiteral(":needle_") + nameOf(field.column);
        QString test = QStringLiteral("(%1 IS NOT NULL AND instr(lower(CAST(%1 AS TEXT)), %2) > 0)")
                           .arg(sqlOf(field.column), bind);
        if (field.encoding)
            test = QStringLiteral("(%1 = %2 AND %3)").arg(sqlOf(*field.encoding)).arg(int(Raw)).arg(test);
        any.append(test);
        sql.binds.insert(bind, text);
    }
    sql.expression = QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    return sql;
}

QString EventFilter::sqlCompressed()
{
    QStringList any;
    for (const TextField &field : kTextFields) {
        if (field.encoding)
            any.append(QStringLiteral("%1 = %2").arg(sqlOf(*field.encoding)).arg(int(Zlib)));
    }
    return QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')');
}

QByteArray EventFilter::indexedText(const Event &event)
{
    QByteArray text;
    for (const TextField &field : kTextFields) {
        if (const std::optional<QByteArray> part = field.text(event); part && !part->isEmpty()) {
            if (!text.isEmpty())
                text += '\n';
            text += *part;
        }
    }
    // Qt's decoder replaces an invalid sequence without swallowing the valid bytes after it.
    if (!QByteArrayView(text).isValidUtf8())
        text = QString::fromUtf8(text).toUtf8();
    if (text.contains('\0'))
        text.replace('\0', QByteArrayView("\xEF\xBF\xBD"));
    return text;
}

std::optional<QString> EventFilter::textIndexQuery() const
{
    constexpr qsizetype kMaxTrigrams = 32; // a longer needle: its first 32 narrow enough
    if (needle.isEmpty() || needle.contains('\0'))
        return std::nullopt;
    const QList<uint> chars = QString::fromUtf8(needle).toUcs4();
    if (chars.size() < 3)
        return std::nullopt;
    // Trigrams that cover the needle without overlap, and the last one: a third of the
    // doclists to intersect (those of common trigrams are long), the same candidates but a
    // few more, which the exact test drops.
    QList<qsizetype> starts;
    for (qsizetype i = 0; i + 3 <= chars.size(); i += 3)
        starts.append(i);
    if (starts.last() != chars.size() - 3)
        starts.append(chars.size() - 3);
    QStringList terms;
    for (const qsizetype i : std::as_const(starts)) {
        if (terms.size() >= kMaxTrigrams)
            break;
        QString trigram = QString::fromUcs4(reinterpret_cast<const char32_t *>(chars.constData() + i), 3);
        // An FTS5 string: only its double quote is special, written twice.
        trigram.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        const QString term = QLatin1Char('"') + trigram + QLatin1Char('"');
        if (!terms.contains(term))
            terms.append(term);
    }
    return terms.join(QStringLiteral(" AND "));
}

EventFilter::Sql EventFilter::sqlInfoWhere() const
{
    Sql sql;
    QStringList all{QStringLiteral("1")};
    if (kind && !kind->isEmpty()) { // i.kind bare, so the index on (kind, validity) serves it
        all.append(QStringLiteral("i.kind = :kind AND i.validity != %1").arg(int(EventInfo::Validity::NotChecked)));
        sql.binds.insert(QStringLiteral(":kind"), *kind);
    } else if (kind) {
        all.append(QStringLiteral("%1 != %2 AND %3 = :kind")
                       .arg(infoValiditySql())
                       .arg(int(EventInfo::Validity::NotChecked))
                       .arg(infoKindSql()));
        sql.binds.insert(QStringLiteral(":kind"), *kind);
    }
    if (!vendorKinds.isEmpty()) {
        all.append(infoKindSql() + QStringLiteral(" IN (SELECT value FROM json_each(:vendor_kinds))"));
        sql.binds.insert(QStringLiteral(":vendor_kinds"),
                         QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(vendorKinds)).toJson(QJsonDocument::Compact)));
    }
    if (missingTranslationsOnly)
        all.append(infoMissingTranslationsSql() + QStringLiteral(" > 0"));
    if (validity == Validity::AppFailed) // a forward row without a status: the app was not reached
        all.append(QStringLiteral("EXISTS (SELECT 1 FROM event_forward f WHERE f.id = e.id AND (f.status <= 0 OR f.status >= 400))"));
    if (const std::optional<EventInfo::Validity> wanted = wantedValidity(validity)) {
        // A checked validity by the bare column (its index serves it); "not checked" is no row.
        all.append(*wanted == EventInfo::Validity::NotChecked
                       ? QStringLiteral("%1 = %2").arg(infoValiditySql()).arg(int(*wanted))
                       : QStringLiteral("i.validity = %1").arg(int(*wanted)));
    }
    if (predicate) {
        const FilterSql query = predicate->sql();
        all.append(query.expression);
        sql.binds.insert(query.binds);
    }
    sql.expression = QLatin1Char('(') + all.join(QStringLiteral(" AND ")) + QLatin1Char(')');
    return sql;
}

std::optional<EventFilter::Sql> EventFilter::sqlInfoRowsWhere() const
{
    const std::optional<EventInfo::Validity> wanted = wantedValidity(validity);
    if (filtersText() || predicate || validity == Validity::AppFailed || vendorKinds.contains(QString())
        || (wanted && *wanted == EventInfo::Validity::NotChecked) || !filtersInfo())
        return std::nullopt;
    // An event without an info row (or with one holding only its handling time) is not
    // checked: of no kind, no validity, no missing translations; every test below excludes it.
    Sql sql;
    QStringList all{QStringLiteral("i.validity IS NOT NULL AND i.validity != %1").arg(int(EventInfo::Validity::NotChecked))};
    if (kind && !kind->isEmpty()) {
        all.append(QStringLiteral("i.kind = :kind"));
        sql.binds.insert(QStringLiteral(":kind"), *kind);
    } else if (kind) {
        all.append(QStringLiteral("coalesce(i.kind, '') = ''"));
    }
    if (!vendorKinds.isEmpty()) {
        all.append(QStringLiteral("i.kind IN (SELECT value FROM json_each(:vendor_kinds))"));
        sql.binds.insert(QStringLiteral(":vendor_kinds"),
                         QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(vendorKinds)).toJson(QJsonDocument::Compact)));
    }
    if (missingTranslationsOnly)
        all.append(QStringLiteral("i.missing_translations > 0"));
    if (wanted)
        all.append(QStringLiteral("i.validity = %1").arg(int(*wanted)));
    sql.expression = QLatin1Char('(') + all.join(QStringLiteral(" AND ")) + QLatin1Char(')');
    return sql;
}

} // namespace hookscope
