#include "StoreColumns.h"

#include <QStringList>

namespace hookscope {

namespace {
QStringList names(const NamedValues &row, const char *prefix)
{
    QStringList out;
    out.reserve(qsizetype(row.size()));
    for (const auto &[name, value] : row)
        out.append(QLatin1StringView(prefix) + QLatin1StringView(name));
    return out;
}
} // namespace

QString insertSql(const char *table, const NamedValues &row)
{
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
        .arg(QLatin1StringView(table), names(row, "").join(QStringLiteral(", ")),
             names(row, ":").join(QStringLiteral(", ")));
}

QString upsertSql(const char *table, const NamedValues &row)
{
    QStringList values = names(row, ":");
    QStringList updates;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const char *name = row[size_t(i)].first;
        if (qstrcmp(name, "id") == 0) {
            values[i] = QStringLiteral("events.id");
            continue;
        }
        updates.append(QStringLiteral("%1 = excluded.%1").arg(QLatin1StringView(name)));
    }
    // The WHERE also keeps SQLite from reading ON CONFLICT as a join's ON.
    return QStringLiteral("INSERT INTO %1 (%2) SELECT %3 FROM events WHERE events.id = :id ON CONFLICT (id) DO UPDATE SET %4")
        .arg(QLatin1StringView(table), names(row, "").join(QStringLiteral(", ")), values.join(QStringLiteral(", ")),
             updates.join(QStringLiteral(", ")));
}

void bindNamed(QSqlQuery &q, const NamedValues &row)
{
    for (const auto &[name, value] : row)
        q.bindValue(QLatin1Char(':') + QLatin1StringView(name), value);
}

} // namespace hookscope
