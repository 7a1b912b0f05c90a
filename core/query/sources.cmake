# core/query: the filter box's query language (issue 27): lexer, parser, in-memory evaluator,
# SQL compiler and the SQL functions it calls. Qt Core + SQLite; above store and schema.
target_sources(hookscope_core PRIVATE
  query/QueryAst.h
  query/QueryLexer.h query/QueryLexer.cpp
  query/QueryParser.h query/QueryParser.cpp
  query/QueryValues.h query/QueryValues.cpp
  query/QueryJson.h query/QueryJson.cpp
  query/QueryEvaluator.h query/QueryEvaluator.cpp
  query/QuerySql.h query/QuerySql.cpp
  query/QuerySqlFunctions.h query/QuerySqlFunctions.cpp
  query/EventQuery.h query/EventQuery.cpp
  query/QueryPaths.h query/QueryPaths.cpp
)
