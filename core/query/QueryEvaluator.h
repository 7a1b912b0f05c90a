#pragma once

#include "QueryAst.h"

#include "event/Event.h"
#include "event/EventInfo.h"

namespace hookscope {

// Runs a parsed query over one event in memory: the live path, exports that read past
// damage, and the brute-force side of tst_querystore. Each field reads what its SQL column
// holds (QuerySql), so both find the same events; the body is parsed at most once per event.
class QueryEvaluator final
{
public:
    // appStatus: 0 not forwarded, -1 the app was not reached, else its HTTP status.
    QueryEvaluator(const Event &event, const EventInfo &info, int appStatus);
    ~QueryEvaluator();
    QueryEvaluator(const QueryEvaluator &) = delete;
    QueryEvaluator &operator=(const QueryEvaluator &) = delete;

    [[nodiscard]] bool matches(const QueryNode &node);

    // The regex test both paths share: the first kMaxRegexBytes of `text` (invalid UTF-8
    // replaced); false when PCRE2's limits gave up.
    static constexpr qsizetype kMaxRegexBytes = 1 << 20;
    [[nodiscard]] static bool regexMatches(const BoundedRegex &regex, const QByteArray &text);
    // ASCII-case-insensitive "contains", as SQLite's instr(lower(…), lower(…)).
    [[nodiscard]] static bool containsFolded(const QByteArray &text, const QByteArray &needle);
    // Path part of a request target (before '?').
    [[nodiscard]] static QByteArray pathOf(const QByteArray &target);

private:
    struct Body;
    [[nodiscard]] bool term(const QueryNode &node);
    [[nodiscard]] bool bodyTerm(const QueryNode &node);

    const Event &m_event;
    const EventInfo &m_info;
    int m_appStatus;
    std::unique_ptr<Body> m_body; // parsed on first use
};

} // namespace hookscope
