#pragma once

class QSqlDatabase;

namespace hookscope {

// The SQL functions a compiled query calls (QuerySql), registered on one SQLite connection:
//   hs_inflate(blob)                  a body stored compressed, inflated (NULL when damaged)
//   hs_body(body, enc, decoded, denc) the body as read (decoded when content-encoded), inflated
//   hs_header(headers, name)          the first value of a header (any case), NULL when absent
//   hs_regexp(pattern, text)          QueryEvaluator::regexMatches, the regex compiled once per statement
// SQLite's JSON functions cannot read a compressed body; these make the store's own encoding
// readable on the connection instead of testing such rows in memory.
class QuerySqlFunctions final
{
public:
    QuerySqlFunctions() = delete;
    // False when `db` is not an open SQLite connection or SQLite refused.
    [[nodiscard]] static bool registerOn(QSqlDatabase &db);
};

} // namespace hookscope
