#pragma once

#include <QSqlQuery>
#include <QSqlRecord>
#include <QString>
#include <QVariant>
#include <algorithm>
#include <array>
#include <cstddef>
#include <initializer_list>
#include <utility>
#include <vector>

namespace hookscope {

// A column is named once: reads resolve a family's names in the executed query
// (QSqlRecord::indexOf, once per query), writes bind by name and build their SQL from the
// same names. Nothing depends on the order of a SELECT or VALUES list.

// One column of a query family: its name in the result set and the SQL that yields it.
template <typename Column>
struct ColumnDef
{
    Column column;
    const char *name;
    const char *sql;
};

// The table of a family lists its columns in enum order (checked at compile time).
template <typename Column, std::size_t N>
constexpr bool inEnumOrder(const std::array<ColumnDef<Column>, N> &defs)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (std::size_t(defs[i].column) != i)
            return false;
    }
    return N == std::size_t(Column::Count);
}

// Where each column of a family sits in one executed query; a column the query does not
// select reads as a null QVariant.
template <typename Column, std::size_t N>
class ColumnIndex final
{
public:
    ColumnIndex(const std::array<ColumnDef<Column>, N> &defs, const QSqlRecord &record)
    {
        for (std::size_t i = 0; i < N; ++i)
            m_at[i] = record.indexOf(QLatin1StringView(defs[i].name));
    }
    [[nodiscard]] QVariant value(const QSqlQuery &q, Column column) const
    {
        const int at = m_at[std::size_t(column)];
        return at < 0 ? QVariant() : q.value(at);
    }
    [[nodiscard]] bool has(Column column) const { return m_at[std::size_t(column)] >= 0; }

private:
    std::array<int, N> m_at{};
};

// "sql AS name, …" for a SELECT list, leaving out `skip`.
template <typename Column, std::size_t N>
QString selectList(const std::array<ColumnDef<Column>, N> &defs, std::initializer_list<Column> skip = {})
{
    QString out;
    for (const ColumnDef<Column> &def : defs) {
        if (std::find(skip.begin(), skip.end(), def.column) != skip.end())
            continue;
        if (!out.isEmpty())
            out += QStringLiteral(", ");
        out += QLatin1StringView(def.sql) + QStringLiteral(" AS ") + QLatin1StringView(def.name);
    }
    return out;
}

// One row to write: column name → value. The statement is built from these names and the
// values are bound by name, so a column is named once, where its value is chosen.
using NamedValues = std::vector<std::pair<const char *, QVariant>>;

// INSERT INTO table (a, b) VALUES (:a, :b)
[[nodiscard]] QString insertSql(const char *table, const NamedValues &row);
// A side row of event :id (its first column "id"): inserted, or an existing row of that id
// gets every other column replaced; nothing at all when the event is gone (deleted while
// the result was on its way): a late result is no store failure, and no orphan either
// (the id is a foreign key of events).
[[nodiscard]] QString upsertSql(const char *table, const NamedValues &row);
void bindNamed(QSqlQuery &q, const NamedValues &row);

} // namespace hookscope
