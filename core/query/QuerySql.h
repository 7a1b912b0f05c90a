#pragma once

#include "QueryAst.h"

#include "store/EventPredicate.h"

namespace hookscope {

// A parsed query as an SQL boolean over kEventJoins' aliases (binds :qry_N). Every term
// yields 0 or 1, never NULL, so "not" means what the in-memory QueryEvaluator means. Body
// paths use SQLite's json_valid/json_type/json_extract over hs_body() (QuerySqlFunctions: a
// body stored compressed is inflated on the connection); headers use hs_header(), regexes
// hs_regexp() (the same BoundedRegex test as in memory).
class QuerySql final
{
public:
    QuerySql() = delete;
    [[nodiscard]] static FilterSql compile(const QueryNode &root);
    // '$."a"[0]' for SQLite's JSON functions.
    [[nodiscard]] static QString jsonPath(const QList<BodyStep> &path);
};

} // namespace hookscope
