#include "QueryParser.h"

#include "QueryLexer.h"
#include "QueryValues.h"
#include "schema/BoundedRegex.h"

namespace hookscope {

namespace {

using Op = QueryOp;
using Tok = QueryToken::Type;

// Nesting deeper than this is refused: the tree is walked recursively (here, in the evaluator
// and the SQL compiler) and SQLite limits an expression's depth to 1000.
constexpr int kMaxDepth = 64;
constexpr qsizetype kMaxTerms = 256;

struct FieldSpec
{
    const char *name;
    QueryField field;
    QList<Op> ops;
};

const QList<Op> kTextOps = {Op::Eq, Op::Ne, Op::Contains, Op::Matches, Op::Exists};
const QList<Op> kNumberOps = {Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Exists};
const QList<Op> kChoiceOps = {Op::Eq, Op::Ne};

const QList<FieldSpec> &fields()
{
    static const QList<FieldSpec> all = {
        {"kind", QueryField::Kind, kTextOps},
        {"vendor", QueryField::Vendor, kChoiceOps},
        {"event", QueryField::EventName, kTextOps},
        {"method", QueryField::Method, kTextOps},
        {"path", QueryField::Path, kTextOps},
        {"status", QueryField::Status, kNumberOps},
        {"answer", QueryField::Answer, kTextOps},
        {"forward.status", QueryField::ForwardStatus, kNumberOps},
        {"valid", QueryField::Valid, kChoiceOps},
        {"violations", QueryField::Violations, kNumberOps + QList<Op>{Op::Contains, Op::Matches}},
        {"signature", QueryField::Signature, kChoiceOps},
        {"lang", QueryField::Lang, {Op::Eq, Op::Ne, Op::Contains, Op::Matches}},
        {"missing", QueryField::Missing, kNumberOps},
        {"time", QueryField::Time, kNumberOps},
        {"size", QueryField::Size, kNumberOps},
        {"latency", QueryField::Latency, kNumberOps},
        {"header.", QueryField::Header, kTextOps},
        {"body", QueryField::Body, kNumberOps + QList<Op>{Op::Contains, Op::Matches}},
    };
    return all;
}

// Names a user may mean that have no stored column yet: said so instead of faked.
const QHash<QString, QString> &unstoredFields()
{
    static const QHash<QString, QString> all = {
        {QStringLiteral("delivery"), QStringLiteral("deliveries are not grouped in the store yet")},
        {QStringLiteral("forward.latency"), QStringLiteral("the store keeps no per-event forward latency column readable by queries yet")},
        {QStringLiteral("response.body"), QStringLiteral("answer bodies are not searchable yet")},
    };
    return all;
}

const FieldSpec *fieldOf(const QString &word)
{
    const QString lower = word.toLower();
    for (const FieldSpec &spec : fields()) {
        const QLatin1StringView name(spec.name);
        if (spec.field == QueryField::Header ? lower.startsWith(name) : lower == name)
            return &spec;
        if (spec.field == QueryField::Body && (lower.startsWith(QLatin1String("body.")) || lower.startsWith(QLatin1String("body/"))
                                               || lower.startsWith(QLatin1String("body["))))
            return &spec;
    }
    return nullptr;
}

std::optional<Op> opOf(const QueryToken &token)
{
    if (token.type == Tok::Op) {
        static const QHash<QString, Op> ops = {{QStringLiteral("="), Op::Eq},  {QStringLiteral("!="), Op::Ne},
                                               {QStringLiteral("<"), Op::Lt},  {QStringLiteral("<="), Op::Le},
                                               {QStringLiteral(">"), Op::Gt},  {QStringLiteral(">="), Op::Ge},
                                               {QStringLiteral("~"), Op::Contains}};
        return ops.value(token.text);
    }
    if (token.type == Tok::Word) {
        if (token.text.compare(QLatin1String("matches"), Qt::CaseInsensitive) == 0)
            return Op::Matches;
        if (token.text.compare(QLatin1String("exists"), Qt::CaseInsensitive) == 0)
            return Op::Exists;
    }
    return std::nullopt;
}

QString opName(Op op)
{
    switch (op) {
    case Op::Eq: return QStringLiteral("=");
    case Op::Ne: return QStringLiteral("!=");
    case Op::Lt: return QStringLiteral("<");
    case Op::Le: return QStringLiteral("<=");
    case Op::Gt: return QStringLiteral(">");
    case Op::Ge: return QStringLiteral(">=");
    case Op::Contains: return QStringLiteral("~");
    case Op::Matches: return QStringLiteral("matches");
    case Op::Exists: return QStringLiteral("exists");
    }
    return {};
}

bool isKeyword(const QueryToken &token, const char *word)
{
    return token.type == Tok::Word && token.text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
}

QString describe(const QueryToken &token)
{
    switch (token.type) {
    case Tok::End: return QStringLiteral("the end");
    case Tok::String: return QStringLiteral("\"%1\"").arg(token.text);
    default: return QStringLiteral("'%1'").arg(token.text);
    }
}

class Parser final
{
public:
    Parser(QList<QueryToken> tokens, const QueryContext &context)
        : m_tokens(std::move(tokens))
        , m_context(context)
    {
    }

    std::unique_ptr<QueryNode> parseAll()
    {
        auto root = parseOr(0);
        if (root && peek().type != Tok::End) {
            if (peek().type == Tok::RParen)
                fail(peek().column, QStringLiteral("unmatched ')'"));
            else
                fail(peek().column, QStringLiteral("expected 'and', 'or' or the end, got %1").arg(describe(peek())));
            return nullptr;
        }
        return root;
    }

    QueryError m_error;

private:
    const QueryToken &peek() const { return m_tokens.at(std::min(m_at, m_tokens.size() - 1)); }
    QueryToken next() { return m_tokens.at(std::min(m_at++, m_tokens.size() - 1)); }

    std::nullptr_t fail(int column, const QString &message)
    {
        if (m_error.message.isEmpty())
            m_error = {column, message};
        return nullptr;
    }

    std::unique_ptr<QueryNode> join(QueryNode::Type type, std::unique_ptr<QueryNode> left, std::unique_ptr<QueryNode> right)
    {
        if (left->type == type) {
            left->children.push_back(std::move(right));
            return left;
        }
        auto node = std::make_unique<QueryNode>();
        node->type = type;
        node->column = left->column;
        node->children.push_back(std::move(left));
        node->children.push_back(std::move(right));
        return node;
    }

    std::unique_ptr<QueryNode> parseOr(int depth)
    {
        auto left = parseAnd(depth);
        while (left && isKeyword(peek(), "or")) {
            next();
            auto right = parseAnd(depth);
            if (!right)
                return nullptr;
            left = join(QueryNode::Type::Or, std::move(left), std::move(right));
        }
        return left;
    }

    std::unique_ptr<QueryNode> parseAnd(int depth)
    {
        auto left = parseUnary(depth);
        while (left && isKeyword(peek(), "and")) {
            next();
            auto right = parseUnary(depth);
            if (!right)
                return nullptr;
            left = join(QueryNode::Type::And, std::move(left), std::move(right));
        }
        return left;
    }

    std::unique_ptr<QueryNode> parseUnary(int depth)
    {
        if (depth > kMaxDepth)
            return fail(peek().column, QStringLiteral("nested too deeply (more than %1 levels)").arg(kMaxDepth));
        const QueryToken &token = peek();
        if (isKeyword(token, "not")) {
            next();
            auto operand = parseUnary(depth + 1);
            if (!operand)
                return nullptr;
            auto node = std::make_unique<QueryNode>();
            node->type = QueryNode::Type::Not;
            node->column = token.column;
            node->children.push_back(std::move(operand));
            return node;
        }
        if (token.type == Tok::LParen) {
            next();
            auto inner = parseOr(depth + 1);
            if (!inner)
                return nullptr;
            if (peek().type != Tok::RParen)
                return fail(peek().column, QStringLiteral("expected ')', got %1").arg(describe(peek())));
            next();
            return inner;
        }
        return parseTerm();
    }

    std::unique_ptr<QueryNode> parseTerm()
    {
        const QueryToken token = next();
        if (token.type == Tok::Error)
            return fail(token.column, token.text);
        if (++m_terms > kMaxTerms)
            return fail(token.column, QStringLiteral("too many terms (more than %1)").arg(kMaxTerms));
        // A known field followed by a value but no operator ("status 500") is a slip, not two words.
        if (token.type == Tok::Word && fieldOf(token.text) && (peek().type == Tok::String || (peek().type == Tok::Word && !opOf(peek()) && !isReserved(peek()))))
            return fail(peek().column, QStringLiteral("expected an operator (= != < <= > >= ~ matches exists) after '%1', got %2")
                                           .arg(token.text, describe(peek())));
        if (token.type == Tok::String || (token.type == Tok::Word && !opOf(peek()) && !isReserved(token))) {
            if (token.text.isEmpty())
                return fail(token.column, QStringLiteral("expected some text between the quotes"));
            auto node = std::make_unique<QueryNode>();
            node->field = QueryField::Text;
            node->op = Op::Contains;
            node->value.type = QueryValue::Type::Text;
            node->value.text = token.text.toUtf8();
            node->column = token.column;
            return node;
        }
        if (token.type != Tok::Word || isReserved(token))
            return fail(token.column, QStringLiteral("expected a field, a word or '(', got %1").arg(describe(token)));
        // A word followed by an operator: a field term.
        const QString lower = token.text.toLower();
        if (unstoredFields().contains(lower))
            return fail(token.column, QStringLiteral("'%1' has no stored column yet: %2").arg(token.text, unstoredFields().value(lower)));
        const FieldSpec *spec = fieldOf(token.text);
        if (!spec)
            return fail(token.column, QStringLiteral("unknown field '%1'; expected one of %2 (or quote the text to search for it)")
                                          .arg(token.text, QueryParser::fieldNames().join(QStringLiteral(", "))));
        auto node = std::make_unique<QueryNode>();
        node->field = spec->field;
        node->column = token.column;
        if (spec->field == QueryField::Header) {
            node->headerName = token.text.mid(7).toUtf8();
            if (node->headerName.isEmpty())
                return fail(token.column + 7, QStringLiteral("expected a header name after 'header.'"));
        } else if (spec->field == QueryField::Body) {
            QString why;
            int offset = 0;
            const std::optional<QList<BodyStep>> path = QueryValues::bodyPath(token.text.mid(4), &why, &offset);
            if (!path)
                return fail(token.column + 4 + offset, why);
            node->bodyPath = *path;
        }
        const QueryToken opToken = next();
        const std::optional<Op> op = opOf(opToken);
        if (!op)
            return fail(opToken.column, QStringLiteral("expected an operator (= != < <= > >= ~ matches exists) after '%1', got %2")
                                            .arg(token.text, describe(opToken)));
        if (!spec->ops.contains(*op)) {
            QStringList allowed;
            for (const Op o : spec->ops)
                allowed.append(opName(o));
            return fail(opToken.column, QStringLiteral("'%1' does not apply to %2; expected %3")
                                            .arg(opName(*op), token.text, allowed.join(u' ')));
        }
        node->op = *op;
        if (*op == Op::Exists)
            return node;
        const QueryToken valueToken = next();
        if (valueToken.type == Tok::Error)
            return fail(valueToken.column, valueToken.text);
        if (valueToken.type != Tok::Word && valueToken.type != Tok::String)
            return fail(valueToken.column, QStringLiteral("expected a value after '%1', got %2").arg(opToken.text, describe(valueToken)));
        QString why;
        if (!QueryValues::read(*node, valueToken.text, valueToken.type == Tok::String, m_context, &why))
            return fail(valueToken.column, why);
        return node;
    }

    static bool isReserved(const QueryToken &token)
    {
        return isKeyword(token, "and") || isKeyword(token, "or") || isKeyword(token, "not");
    }

    QList<QueryToken> m_tokens;
    const QueryContext &m_context;
    qsizetype m_at = 0;
    qsizetype m_terms = 0;
};

} // namespace

bool QueryParser::looksLikeQuery(const QString &text)
{
    const QList<QueryToken> tokens = QueryLexer::tokenize(text);
    for (qsizetype i = 0; i + 1 < tokens.size(); ++i) {
        if (tokens.at(i).type != Tok::Word)
            continue;
        const QString lower = tokens.at(i).text.toLower();
        if ((fieldOf(lower) || unstoredFields().contains(lower)) && opOf(tokens.at(i + 1)))
            return true;
    }
    return false;
}

ParsedQuery QueryParser::parse(const QString &text, const QueryContext &context)
{
    ParsedQuery out;
    if (!looksLikeQuery(text)) {
        out.plainText = true;
        return out;
    }
    Parser parser(QueryLexer::tokenize(text), context);
    std::unique_ptr<QueryNode> root = parser.parseAll();
    if (!root) {
        out.error = parser.m_error;
        if (out.error.message.isEmpty())
            out.error = {1, QStringLiteral("expected a query")};
        return out;
    }
    out.root = std::move(root);
    return out;
}

QStringList QueryParser::fieldNames()
{
    QStringList names;
    for (const FieldSpec &spec : fields())
        names.append(spec.field == QueryField::Body ? QStringLiteral("body.") : QLatin1String(spec.name));
    return names;
}

} // namespace hookscope
