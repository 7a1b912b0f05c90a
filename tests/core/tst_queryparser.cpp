// The filter box's language as its own unit: what each operator, literal and precedence parses
// to (written as an s-expression), which texts stay plain text, and every error with its column.
#include "query/QueryParser.h"
#include "query/QueryValues.h"

#include <QTest>

using namespace hookscope;

namespace {

constexpr qint64 kNow = 1'796'000'000'000; // the fixed "now" relative times count from

QString opText(QueryOp op)
{
    switch (op) {
    case QueryOp::Eq: return QStringLiteral("=");
    case QueryOp::Ne: return QStringLiteral("!=");
    case QueryOp::Lt: return QStringLiteral("<");
    case QueryOp::Le: return QStringLiteral("<=");
    case QueryOp::Gt: return QStringLiteral(">");
    case QueryOp::Ge: return QStringLiteral(">=");
    case QueryOp::Contains: return QStringLiteral("~");
    case QueryOp::Matches: return QStringLiteral("matches");
    case QueryOp::Exists: return QStringLiteral("exists");
    }
    return {};
}

QString fieldText(const QueryNode &n)
{
    static const char *names[] = {"text", "kind", "vendor", "event", "method", "path", "status", "answer",
                                  "forward.status", "valid", "violations", "signature", "lang", "missing",
                                  "time", "size", "latency", "header", "body"};
    QString name = QLatin1String(names[int(n.field)]);
    if (n.field == QueryField::Header)
        name += u'.' + QString::fromUtf8(n.headerName);
    if (n.field == QueryField::Body) {
        for (const BodyStep &step : n.bodyPath)
            name += step.index >= 0 ? QStringLiteral("[%1]").arg(step.index) : u'/' + step.key;
    }
    return name;
}

QString valueText(const QueryValue &v)
{
    switch (v.type) {
    case QueryValue::Type::Text: return u'"' + QString::fromUtf8(v.text) + u'"';
    case QueryValue::Type::Integer: return QString::number(v.integer);
    case QueryValue::Type::Real: return QString::number(v.real);
    case QueryValue::Type::Bool: return v.boolean ? QStringLiteral("true") : QStringLiteral("false");
    case QueryValue::Type::Null: return QStringLiteral("null");
    case QueryValue::Type::None: break;
    }
    return {};
}

QString dump(const QueryNode &n)
{
    switch (n.type) {
    case QueryNode::Type::And:
    case QueryNode::Type::Or: {
        QStringList parts{n.type == QueryNode::Type::And ? QStringLiteral("and") : QStringLiteral("or")};
        for (const auto &child : n.children)
            parts.append(dump(*child));
        return u'(' + parts.join(u' ') + u')';
    }
    case QueryNode::Type::Not:
        return QStringLiteral("(not %1)").arg(dump(*n.children.front()));
    case QueryNode::Type::Term:
        if (n.op == QueryOp::Exists)
            return QStringLiteral("(exists %1)").arg(fieldText(n));
        return QStringLiteral("(%1 %2 %3)").arg(opText(n.op), fieldText(n), valueText(n.value));
    }
    return {};
}

QueryContext context()
{
    QueryContext c;
    c.nowMs = kNow;
    c.vendorKinds.insert(QStringLiteral("cubu"), {QStringLiteral("callback-request"), QStringLiteral("before-book")});
    return c;
}

} // namespace

class tst_QueryParser final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void plainText_data();
    void plainText();
    void errors_data();
    void errors();
    void durations_data();
    void durations();
};

void tst_QueryParser::parses_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("tree");
    // every operator
    QTest::newRow("equals") << "status = 500" << "(= status 500)";
    QTest::newRow("differs") << "status != 200" << "(!= status 200)";
    QTest::newRow("less") << "status < 300" << "(< status 300)";
    QTest::newRow("less or equal") << "status <= 299" << "(<= status 299)";
    QTest::newRow("greater") << "status > 499" << "(> status 499)";
    QTest::newRow("greater or equal") << "status >= 500" << "(>= status 500)";
    QTest::newRow("contains") << "path ~ hooks" << "(~ path \"hooks\")";
    QTest::newRow("matches") << "path matches \"^/h.*s$\"" << "(matches path \"^/h.*s$\")";
    QTest::newRow("exists") << "header.X-Signature exists" << "(exists header.X-Signature)";
    QTest::newRow("no spaces around operators") << "status>=500" << "(>= status 500)";
    QTest::newRow("keywords and fields ignore case") << "STATUS >= 500 AND Kind = x" << "(and (>= status 500) (= kind \"x\"))";
    // fields and their literals
    QTest::newRow("kind") << "kind = callback-request" << "(= kind \"callback-request\")";
    QTest::newRow("vendor names its pack") << "vendor = Cubu" << "(= vendor \"cubu\")";
    QTest::newRow("event") << "event ~ cancel" << "(~ event \"cancel\")";
    QTest::newRow("method") << "method = POST" << "(= method \"POST\")";
    QTest::newRow("answer") << "answer = busy" << "(= answer \"busy\")";
    QTest::newRow("forward status") << "forward.status >= 500" << "(>= forward.status 500)";
    QTest::newRow("valid true") << "valid = true" << "(= valid 1)";
    QTest::newRow("valid false") << "valid = false" << "(= valid 0)";
    QTest::newRow("valid notjson") << "valid != notjson" << "(!= valid -2)";
    QTest::newRow("violations count") << "violations > 0" << "(> violations 0)";
    QTest::newRow("violations text") << "violations ~ required" << "(~ violations \"required\")";
    QTest::newRow("signature") << "signature = invalid" << "(= signature 2)";
    QTest::newRow("lang") << "lang = nl" << "(= lang \"nl\")";
    QTest::newRow("missing") << "missing >= 1" << "(>= missing 1)";
    QTest::newRow("time relative minutes") << "time > -15m" << QStringLiteral("(> time %1)").arg(kNow - 15 * 60'000);
    QTest::newRow("time relative hours") << "time >= -2h" << QStringLiteral("(>= time %1)").arg(kNow - 2 * 3'600'000);
    QTest::newRow("time absolute UTC") << "time >= 2026-12-07T09:00Z" << "(>= time 1796634000000)";
    QTest::newRow("time epoch ms via Z seconds") << "time < 2026-12-07T09:00:30Z" << "(< time 1796634030000)";
    QTest::newRow("size bytes") << "size > 2048" << "(> size 2048)";
    QTest::newRow("size k") << "size >= 16k" << "(>= size 16384)";
    QTest::newRow("size MB") << "size < 2MB" << "(< size 2097152)";
    QTest::newRow("latency seconds in µs") << "latency > 8s" << "(> latency 8000000)";
    QTest::newRow("latency bare number is ms") << "latency > 250" << "(> latency 250000)";
    QTest::newRow("latency ms") << "latency <= 40ms" << "(<= latency 40000)";
    QTest::newRow("body dotted") << "body.appointment.appointmentStatus = cancelled"
                                 << "(= body/appointment/appointmentStatus \"cancelled\")";
    QTest::newRow("body pointer") << "body/data/callbackRequest/status = planned" << "(= body/data/callbackRequest/status \"planned\")";
    QTest::newRow("body pointer digits index") << "body/items/0/id exists" << "(exists body/items[0]/id)";
    QTest::newRow("body pointer escapes") << "body/a~1b/c~0d exists" << "(exists body/a/b/c~d)";
    QTest::newRow("body brackets") << "body.items[2].sku ~ ab" << "(~ body/items[2]/sku \"ab\")";
    QTest::newRow("body top array") << "body[0] exists" << "(exists body[0])";
    QTest::newRow("body number") << "body.total > 12.5" << "(> body/total 12.5)";
    QTest::newRow("body integer") << "body.count = 3" << "(= body/count 3)";
    QTest::newRow("body quoted number is text") << "body.count = \"3\"" << "(= body/count \"3\")";
    QTest::newRow("body bool") << "body.paid = true" << "(= body/paid true)";
    QTest::newRow("body null") << "body.note = null" << "(= body/note null)";
    QTest::newRow("quoted value with escapes") << R"(event = "say \"hi\" \\ bye")" << R"((= event "say "hi" \ bye"))";
    QTest::newRow("quoted value with spaces and operators") << "event = \"a = b or c\"" << "(= event \"a = b or c\")";
    // plain words inside a query: contains
    QTest::newRow("bare word beside a field") << "jane and status = 500" << "(and (~ text \"jane\") (= status 500))";
    QTest::newRow("quoted text term") << "\"jane doe\" or status = 500" << "(or (~ text \"jane doe\") (= status 500))";
    // precedence
    QTest::newRow("and binds tighter than or") << "status = 1 or status = 2 and status = 3"
                                              << "(or (= status 1) (and (= status 2) (= status 3)))";
    QTest::newRow("and before or on the left") << "status = 1 and status = 2 or status = 3"
                                              << "(or (and (= status 1) (= status 2)) (= status 3))";
    QTest::newRow("not binds tighter than and") << "not status = 1 and status = 2" << "(and (not (= status 1)) (= status 2))";
    QTest::newRow("parentheses first") << "status = 1 and (status = 2 or status = 3)"
                                      << "(and (= status 1) (or (= status 2) (= status 3)))";
    QTest::newRow("not of a group") << "not (status = 1 or kind exists)" << "(not (or (= status 1) (exists kind)))";
    QTest::newRow("double not") << "not not status = 1" << "(not (not (= status 1)))";
    QTest::newRow("chains flatten") << "status = 1 or status = 2 or status = 3" << "(or (= status 1) (= status 2) (= status 3))";
}

void tst_QueryParser::parses()
{
    QFETCH(QString, query);
    QFETCH(QString, tree);
    const ParsedQuery parsed = QueryParser::parse(query, context());
    QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
    QVERIFY(!parsed.plainText);
    QCOMPARE(dump(*parsed.root), tree);
}

void tst_QueryParser::plainText_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("a word") << "cancelled";
    QTest::newRow("words with a space") << "jane doe";
    QTest::newRow("a query string is searched, not parsed") << "foo=bar";
    QTest::newRow("an unknown name before an operator") << "error = 5";
    QTest::newRow("a field name without an operator") << "status";
    QTest::newRow("and/or as words") << "rock and roll";
    QTest::newRow("an unterminated quote in plain text") << "say \"hi";
}

void tst_QueryParser::plainText()
{
    QFETCH(QString, text);
    const ParsedQuery parsed = QueryParser::parse(text, context());
    QVERIFY(parsed.plainText);
    QVERIFY(parsed.ok());
    QVERIFY(!parsed.root);
}

void tst_QueryParser::errors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("value missing") << "status =" << 9 << "expected a value after '=', got the end";
    QTest::newRow("value is a parenthesis") << "status = )" << 10 << "expected a value after '=', got ')'";
    QTest::newRow("not a number") << "status = abc" << 10 << "expected a whole number, got 'abc'";
    QTest::newRow("operator missing after a field") << "status = 5 and kind x" << 21
        << "expected an operator (= != < <= > >= ~ matches exists) after 'kind', got 'x'";
    QTest::newRow("operator that does not apply") << "kind < x" << 6 << "'<' does not apply to kind; expected = != ~ matches exists";
    QTest::newRow("contains on a number") << "status ~ 5" << 8 << "'~' does not apply to status; expected = != < <= > >= exists";
    QTest::newRow("order on a choice") << "valid > true" << 7 << "'>' does not apply to valid; expected = !=";
    QTest::newRow("unknown field in a query") << "status = 5 and colour = red" << 16
        << "unknown field 'colour'; expected one of kind, vendor, event, method, path, status, answer, forward.status, valid, "
           "violations, signature, lang, missing, time, size, latency, header., body. (or quote the text to search for it)";
    QTest::newRow("field with no stored column") << "delivery = 3" << 1
        << "'delivery' has no stored column yet: deliveries are not grouped in the store yet";
    QTest::newRow("bad time") << "time > yesterday" << 8 << "expected a time (-15m, -2h, 2026-12-07T09:00), got 'yesterday'";
    QTest::newRow("bad duration") << "latency > fast" << 11 << "expected a duration (250ms, 8s, 2m; a bare number is ms), got 'fast'";
    QTest::newRow("negative latency") << "latency > -5s" << 11 << "expected a duration (250ms, 8s, 2m; a bare number is ms), got '-5s'";
    QTest::newRow("bad size") << "size > big" << 8 << "expected a size (2048, 16k, 2MB), got 'big'";
    QTest::newRow("bad validity") << "valid = maybe" << 9 << "expected one of true, false, unknown, notjson, unchecked, failed for valid, got 'maybe'";
    QTest::newRow("bad signature") << "signature = odd" << 13 << "expected one of valid, invalid, replayed, none for signature, got 'odd'";
    QTest::newRow("unknown vendor") << "vendor = acme" << 10 << "unknown vendor 'acme'; expected one of cubu";
    QTest::newRow("lang with a space") << "lang = \"en nl\"" << 8 << "expected one language code (en, nl, pt-BR), got 'en nl'";
    QTest::newRow("bad regex") << "path matches \"(a\"" << 14 << "expected a regular expression: missing closing parenthesis at offset 2";
    QTest::newRow("empty contains") << "path ~ \"\"" << 8 << "expected some text after '~'";
    QTest::newRow("bool ordered") << "body.paid > true" << 13 << "expected = or != with true";
    QTest::newRow("unterminated string") << "event = \"abc" << 9 << "unterminated string: expected a closing '\"'";
    QTest::newRow("lone bang") << "status = 5 and ! kind = x" << 16 << "expected '!=' (use 'not' to negate)";
    QTest::newRow("missing closing parenthesis") << "(status = 5" << 12 << "expected ')', got the end";
    QTest::newRow("unmatched closing parenthesis") << "status = 5)" << 11 << "unmatched ')'";
    QTest::newRow("two terms without and/or") << "status = 5 kind = x" << 12 << "expected 'and', 'or' or the end, got 'kind'";
    QTest::newRow("nothing after and") << "status = 5 and" << 15 << "expected a field, a word or '(', got the end";
    QTest::newRow("nothing after not") << "status = 5 or not" << 18 << "expected a field, a word or '(', got the end";
    QTest::newRow("operator where a term goes") << "status = 5 and = 3" << 16 << "expected a field, a word or '(', got '='";
    QTest::newRow("empty header name") << "header. exists" << 8 << "expected a header name after 'header.'";
    QTest::newRow("empty body member") << "body.a..b = 1" << 8 << "expected a member name after '.'";
    QTest::newRow("bad body index") << "body.a[x] = 1" << 8 << "expected an array index and ']' after '['";
    QTest::newRow("empty quotes as a term") << "status = 5 and \"\"" << 16 << "expected some text between the quotes";
    QTest::newRow("too deep") << QString(70, u'(') + "status = 1" + QString(70, u')') << 66 << "nested too deeply (more than 64 levels)";
}

void tst_QueryParser::errors()
{
    QFETCH(QString, query);
    QFETCH(int, column);
    QFETCH(QString, message);
    const ParsedQuery parsed = QueryParser::parse(query, context());
    QVERIFY(!parsed.plainText);
    QVERIFY(!parsed.root);
    QCOMPARE(parsed.error.message, message);
    QCOMPARE(parsed.error.column, column);
    QCOMPARE(parsed.error.toString(), QStringLiteral("column %1: %2").arg(column).arg(message));
}

void tst_QueryParser::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("us");
    QTest::newRow("microseconds") << "15us" << qint64(15);
    QTest::newRow("milliseconds") << "15ms" << qint64(15'000);
    QTest::newRow("seconds, fractional") << "1.5s" << qint64(1'500'000);
    QTest::newRow("minutes, negative") << "-15m" << qint64(-900'000'000);
    QTest::newRow("hours") << "2h" << qint64(7'200'000'000);
    QTest::newRow("days") << "1d" << qint64(86'400'000'000);
    QTest::newRow("bare number is ms") << "40" << qint64(40'000);
}

void tst_QueryParser::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, us);
    QCOMPARE(QueryValues::durationUs(text), std::optional<qint64>(us));
}

QTEST_APPLESS_MAIN(tst_QueryParser)
#include "tst_queryparser.moc"
