// Fuzzes the filter box's query language (core/query): any text parses to a tree or an error
// whose column lies within the text (+1 for "the end"); a tree compiles to SQL that holds none
// of the typed text (every literal is a bind) with balanced parentheses, and evaluates in memory
// over a fixed event with a JSON body without crashing or hanging.
#include "query/QueryEvaluator.h"
#include "query/QueryParser.h"
#include "query/QuerySql.h"

#include <cstdint>
#include <cstdlib>

using namespace hookscope;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

const Event &sampleEvent()
{
    static const Event event = [] {
        Event e;
        e.id = 1;
        e.receivedAtMs = 1'796'000'000'000;
        e.method = "POST";
        e.target = "/hooks/cb?x=1";
        e.headers = {{"Content-Type", "application/json"}, {"X-Topic", "orders.created"}};
        e.body = R"({"data":{"status":"planned","items":[{"id":1},{"id":"x"}],"n":1.5,"ok":true,"none":null}})";
        e.response.status = 200;
        e.handlingUs = 1200;
        return e;
    }();
    return event;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QueryContext context;
    context.nowMs = 1'796'000'000'000;
    context.vendorKinds.insert(QStringLiteral("cubu"), {QStringLiteral("callback-request")});
    const ParsedQuery parsed = QueryParser::parse(text, context);
    if (parsed.plainText) {
        check(!parsed.root && parsed.ok());
        return 0;
    }
    if (!parsed.ok()) {
        check(!parsed.root);
        check(parsed.error.column >= 1 && parsed.error.column <= text.size() + 1);
        return 0;
    }
    check(parsed.root != nullptr);
    const FilterSql sql = QuerySql::compile(*parsed.root);
    int depth = 0;
    for (const QChar c : sql.expression) {
        depth += c == u'(' ? 1 : c == u')' ? -1 : 0;
        check(depth >= 0);
    }
    check(depth == 0);
    check(!sql.expression.contains(u'"'));
    EventInfo info;
    info.validity = EventInfo::Validity::Valid;
    info.kind = QStringLiteral("callback-request");
    info.languages = QStringLiteral("en nl");
    QueryEvaluator evaluator(sampleEvent(), info, 502);
    (void)evaluator.matches(*parsed.root);
    return 0;
}
