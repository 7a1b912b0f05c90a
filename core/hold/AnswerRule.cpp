#include "AnswerRule.h"

#include "AnswerBuilder.h"
#include "schema/JsonPointer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>

namespace hookscope {

namespace {
const QSet<QString> &ruleMembers()
{
    static const QSet<QString> members = {
        QStringLiteral("$comment"), QStringLiteral("name"),    QStringLiteral("enabled"),   QStringLiteral("match"),
        QStringLiteral("action"),   QStringLiteral("status"),  QStringLiteral("statuses"),  QStringLiteral("headers"),
        QStringLiteral("body"),     QStringLiteral("delayMs"), QStringLiteral("jitterMs"),  QStringLiteral("timeoutMs"),
        QStringLiteral("deliveryHeader")};
    return members;
}

const QSet<QString> &ruleMatchMembers()
{
    static const QSet<QString> members = {QStringLiteral("kind"),   QStringLiteral("path"),    QStringLiteral("method"),
                                          QStringLiteral("header"), QStringLiteral("pointer"), QStringLiteral("value")};
    return members;
}

bool isHeaderToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    static const QByteArray extra = "!#$%&'*+-.^_`|~";
    for (const char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || extra.contains(c);
        if (!ok)
            return false;
    }
    return true;
}

// A header value we may write: no CR, LF or NUL (they would split the response).
bool isOneLineValue(const QByteArray &text)
{
    return !text.contains('\r') && !text.contains('\n') && !text.contains('\0');
}

bool readRuleText(const QJsonObject &o, const QString &key, QString *out, QString *error, const QString &where)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isString()) {
        *error = QStringLiteral("%1'%2' must be a string").arg(where, key);
        return false;
    }
    if (v.toString().size() > AnswerRule::kMaxTextLength) {
        *error = QStringLiteral("%1'%2' is longer than %3 characters").arg(where, key).arg(AnswerRule::kMaxTextLength);
        return false;
    }
    *out = v.toString();
    return true;
}

bool readRuleInt(const QJsonObject &o, const QString &key, int min, int max, int *out, QString *error)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    const double d = v.toDouble();
    // The range first: casting a double beyond an integer's range is undefined (fuzz_rule_file
    // found 5e46 as a status); NaN fails every comparison.
    if (!v.isDouble() || !(d >= min && d <= max) || d != std::floor(d)) {
        *error = QStringLiteral("'%1' must be a whole number from %2 to %3").arg(key).arg(min).arg(max);
        return false;
    }
    *out = int(d);
    return true;
}

bool readRuleStatus(const QJsonValue &v, int *out)
{
    const double d = v.toDouble();
    if (!v.isDouble() || !(d >= 200 && d <= 599) || d != std::floor(d))
        return false;
    *out = int(d);
    return true;
}

bool readRuleMatch(const QJsonObject &m, AnswerRule *rule, QString *error)
{
    for (auto it = m.begin(); it != m.end(); ++it) {
        if (!ruleMatchMembers().contains(it.key())) {
            *error = QStringLiteral("unknown member 'match.%1'").arg(it.key());
            return false;
        }
    }
    const QString where = QStringLiteral("match.");
    QString method, header;
    if (!readRuleText(m, QStringLiteral("kind"), &rule->kind, error, where)
        || !readRuleText(m, QStringLiteral("path"), &rule->path, error, where)
        || !readRuleText(m, QStringLiteral("method"), &method, error, where)
        || !readRuleText(m, QStringLiteral("header"), &header, error, where)
        || !readRuleText(m, QStringLiteral("pointer"), &rule->pointer, error, where))
        return false;
    rule->method = method.toUtf8().toUpper();
    if (!rule->method.isEmpty() && !isHeaderToken(rule->method)) {
        *error = QStringLiteral("'match.method' is not an HTTP method");
        return false;
    }
    if (!rule->path.isEmpty() && !rule->path.startsWith(QLatin1Char('/')) && !rule->path.startsWith(QLatin1Char('*'))) {
        *error = QStringLiteral("'match.path' must start with '/' or '*'");
        return false;
    }
    const QJsonValue value = m.value(QStringLiteral("value"));
    if (!header.isEmpty() && !rule->pointer.isEmpty()) {
        *error = QStringLiteral("'match' takes a 'header' or a 'pointer' for its 'value', not both");
        return false;
    }
    if (!header.isEmpty()) {
        rule->matchHeader = header.toUtf8();
        if (!isHeaderToken(rule->matchHeader)) {
            *error = QStringLiteral("'match.header' is not a header name");
            return false;
        }
        if (!value.isString()) {
            *error = QStringLiteral("'match.value' (the header's value) must be a string");
            return false;
        }
        rule->matchValue = value.toString().toUtf8();
    } else if (!rule->pointer.isEmpty()) {
        if (!JsonPointer::isValid(rule->pointer)) {
            *error = QStringLiteral("'match.pointer' is not a JSON Pointer (\"/a/b\")");
            return false;
        }
        if (value.isUndefined()) {
            *error = QStringLiteral("'match.pointer' needs a 'value' to compare with");
            return false;
        }
        rule->pointerValue = value;
    } else if (!value.isUndefined()) {
        *error = QStringLiteral("'match.value' needs a 'header' or a 'pointer'");
        return false;
    }
    return true;
}

bool readRuleAction(const QJsonObject &o, AnswerRule *rule, QString *error)
{
    const QString action = o.value(QStringLiteral("action")).toString(QStringLiteral("answer"));
    static const QList<std::pair<QString, AnswerRule::Action>> actions = {
        {QStringLiteral("answer"), AnswerRule::Action::Answer},
        {QStringLiteral("drop"), AnswerRule::Action::Drop},
        {QStringLiteral("late"), AnswerRule::Action::Late},
        {QStringLiteral("hold"), AnswerRule::Action::Hold},
    };
    bool known = false;
    for (const auto &[name, value] : actions) {
        if (name == action) {
            rule->action = value;
            known = true;
        }
    }
    if (!known || (o.contains(QStringLiteral("action")) && !o.value(QStringLiteral("action")).isString())) {
        *error = QStringLiteral("'action' must be \"answer\", \"drop\", \"late\" or \"hold\"");
        return false;
    }
    if (o.contains(QStringLiteral("status")) && o.contains(QStringLiteral("statuses"))) {
        *error = QStringLiteral("give 'status' or 'statuses', not both");
        return false;
    }
    if (o.contains(QStringLiteral("status"))) {
        int status = 0;
        if (!readRuleStatus(o.value(QStringLiteral("status")), &status)) {
            *error = QStringLiteral("'status' must be an HTTP status from 200 to 599");
            return false;
        }
        rule->statuses = {status};
    } else if (o.contains(QStringLiteral("statuses"))) {
        const QJsonValue list = o.value(QStringLiteral("statuses"));
        const QJsonArray array = list.toArray();
        if (!list.isArray() || array.isEmpty() || array.size() > AnswerRule::kMaxStatuses) {
            *error = QStringLiteral("'statuses' must be a list of 1 to %1 HTTP statuses").arg(AnswerRule::kMaxStatuses);
            return false;
        }
        rule->statuses.clear();
        for (qsizetype i = 0; i < array.size(); ++i) {
            int status = 0;
            if (!readRuleStatus(array.at(i), &status)) {
                *error = QStringLiteral("'statuses'[%1] must be an HTTP status from 200 to 599").arg(i);
                return false;
            }
            rule->statuses.append(status);
        }
    }
    const QJsonValue headers = o.value(QStringLiteral("headers"));
    if (!headers.isUndefined() && !headers.isNull()) {
        const QJsonObject h = headers.toObject();
        if (!headers.isObject() || h.size() > AnswerRule::kMaxHeaders) {
            *error = QStringLiteral("'headers' must be an object of at most %1 \"Name\": \"value\" members")
                         .arg(AnswerRule::kMaxHeaders);
            return false;
        }
        for (auto it = h.begin(); it != h.end(); ++it) {
            const QByteArray name = it.key().toUtf8();
            const QByteArray value = it.value().toString().toUtf8();
            if (!isHeaderToken(name) || !it.value().isString() || !isOneLineValue(value)
                || value.size() > AnswerRule::kMaxTextLength) {
                *error = QStringLiteral("header '%1': a header name and a one-line string value are needed").arg(it.key());
                return false;
            }
            // Framing is the receiver's: a rule cannot lie about the body's length.
            static const QList<QByteArray> framing = {"content-length", "transfer-encoding", "connection"};
            if (framing.contains(name.toLower())) {
                *error = QStringLiteral("header '%1' is set by Hookscope itself").arg(it.key());
                return false;
            }
            rule->headers.append({name, value});
        }
    }
    if (o.contains(QStringLiteral("body"))) {
        rule->body = o.value(QStringLiteral("body"));
        qsizetype size = rule->body.toString().size();
        if (rule->body.isObject())
            size = QJsonDocument(rule->body.toObject()).toJson(QJsonDocument::Compact).size();
        else if (rule->body.isArray())
            size = QJsonDocument(rule->body.toArray()).toJson(QJsonDocument::Compact).size();
        if (size > AnswerRule::kMaxBodyBytes) {
            *error = QStringLiteral("'body' is larger than %1 KiB").arg(AnswerRule::kMaxBodyBytes / 1024);
            return false;
        }
    }
    QString deliveryHeader;
    if (!readRuleInt(o, QStringLiteral("delayMs"), 0, AnswerRule::kMaxDelayMs, &rule->delayMs, error)
        || !readRuleInt(o, QStringLiteral("jitterMs"), 0, AnswerRule::kMaxDelayMs, &rule->jitterMs, error)
        || !readRuleInt(o, QStringLiteral("timeoutMs"), 1, AnswerRule::kMaxDelayMs, &rule->timeoutMs, error)
        || !readRuleText(o, QStringLiteral("deliveryHeader"), &deliveryHeader, error, QString()))
        return false;
    rule->deliveryHeader = deliveryHeader.toUtf8();
    if (!rule->deliveryHeader.isEmpty() && !isHeaderToken(rule->deliveryHeader)) {
        *error = QStringLiteral("'deliveryHeader' is not a header name");
        return false;
    }
    return true;
}
} // namespace

bool AnswerRule::fromJson(const QJsonObject &o, AnswerRule *out, QString *error)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!ruleMembers().contains(it.key())) {
            *error = QStringLiteral("unknown member '%1'").arg(it.key());
            return false;
        }
    }
    AnswerRule rule;
    if (!readRuleText(o, QStringLiteral("name"), &rule.name, error, QString()))
        return false;
    if (rule.name.trimmed().isEmpty()) {
        *error = QStringLiteral("'name' (shown in the Result column) is missing");
        return false;
    }
    const QJsonValue enabled = o.value(QStringLiteral("enabled"));
    if (!enabled.isUndefined() && !enabled.isBool()) {
        *error = QStringLiteral("'enabled' must be true or false");
        return false;
    }
    rule.enabled = enabled.toBool(true);
    const QJsonValue match = o.value(QStringLiteral("match"));
    if (!match.isUndefined() && !match.isObject()) {
        *error = QStringLiteral("'match' must be an object");
        return false;
    }
    if (!readRuleMatch(match.toObject(), &rule, error) || !readRuleAction(o, &rule, error))
        return false;
    *out = std::move(rule);
    return true;
}

QJsonObject AnswerRule::toJson() const
{
    QJsonObject o{{QStringLiteral("name"), name}};
    if (!enabled)
        o.insert(QStringLiteral("enabled"), false);
    QJsonObject m;
    if (!kind.isEmpty())
        m.insert(QStringLiteral("kind"), kind);
    if (!path.isEmpty())
        m.insert(QStringLiteral("path"), path);
    if (!method.isEmpty())
        m.insert(QStringLiteral("method"), QString::fromUtf8(method));
    if (!matchHeader.isEmpty()) {
        m.insert(QStringLiteral("header"), QString::fromUtf8(matchHeader));
        m.insert(QStringLiteral("value"), QString::fromUtf8(matchValue));
    } else if (!pointer.isEmpty()) {
        m.insert(QStringLiteral("pointer"), pointer);
        m.insert(QStringLiteral("value"), pointerValue);
    }
    if (!m.isEmpty())
        o.insert(QStringLiteral("match"), m);
    if (action != Action::Answer)
        o.insert(QStringLiteral("action"), actionName(action));
    if (statuses.size() == 1) {
        o.insert(QStringLiteral("status"), statuses.first());
    } else {
        QJsonArray list;
        for (const int status : statuses)
            list.append(status);
        o.insert(QStringLiteral("statuses"), list);
    }
    if (!headers.isEmpty()) {
        QJsonObject h;
        for (const auto &[name, value] : headers)
            h.insert(QString::fromUtf8(name), QString::fromUtf8(value));
        o.insert(QStringLiteral("headers"), h);
    }
    if (!body.isUndefined())
        o.insert(QStringLiteral("body"), body);
    if (delayMs > 0)
        o.insert(QStringLiteral("delayMs"), delayMs);
    if (jitterMs > 0)
        o.insert(QStringLiteral("jitterMs"), jitterMs);
    if (action == Action::Late || action == Action::Hold)
        o.insert(QStringLiteral("timeoutMs"), timeoutMs);
    if (!deliveryHeader.isEmpty())
        o.insert(QStringLiteral("deliveryHeader"), QString::fromUtf8(deliveryHeader));
    return o;
}

bool AnswerRule::matches(const QByteArray &requestMethod, const QByteArray &target, const HeaderList &requestHeaders,
                         const QString &kindOfRequest, const QJsonValue &parsedBody) const
{
    if (!enabled)
        return false;
    if (!method.isEmpty() && requestMethod.toUpper() != method)
        return false;
    if (!path.isEmpty()) {
        const qsizetype query = target.indexOf('?');
        const QString requestPath = QString::fromUtf8(query < 0 ? target : target.left(query));
        if (!globMatches(path, requestPath))
            return false;
    }
    if (!matchHeader.isEmpty()
        && (!hasHeader(requestHeaders, matchHeader) || headerValue(requestHeaders, matchHeader) != matchValue))
        return false;
    if (!kind.isEmpty() && kindOfRequest != kind)
        return false;
    if (!pointer.isEmpty()) {
        const std::optional<QJsonValue> found = JsonPointer::resolve(parsedBody, pointer);
        if (!found || *found != pointerValue)
            return false;
    }
    return true;
}

int AnswerRule::statusFor(int delivery) const
{
    if (statuses.isEmpty())
        return 200;
    return statuses.at(qBound(0, delivery, int(statuses.size()) - 1));
}

HttpResponse AnswerRule::response(int delivery, const QJsonValue &parsedBody) const
{
    HttpResponse r;
    r.status = statusFor(delivery);
    QByteArray contentType;
    if (body.isString()) {
        r.body = body.toString().toUtf8();
        contentType = "text/plain; charset=utf-8";
    } else if (!body.isUndefined() && !body.isNull()) {
        // A template, as a preset's: "${request:/pointer}" strings become the request's values.
        ResponsePreset preset;
        preset.body = body;
        r.body = AnswerBuilder::body(preset, parsedBody, QString());
        contentType = "application/json";
    }
    r.headers = headers;
    if (!contentType.isEmpty() && !hasHeader(headers, "Content-Type"))
        r.headers.prepend({"Content-Type", contentType});
    return r;
}

QString AnswerRule::actionName(Action action)
{
    switch (action) {
    case Action::Answer:
        return QStringLiteral("answer");
    case Action::Drop:
        return QStringLiteral("drop");
    case Action::Late:
        return QStringLiteral("late");
    case Action::Hold:
        return QStringLiteral("hold");
    }
    return {};
}

bool AnswerRule::globMatches(QStringView pattern, QStringView text)
{
    // The two-pointer wildcard match: on a mismatch, back to just after the last '*' and let
    // it swallow one more character. No recursion, no regex engine.
    qsizetype p = 0, t = 0, star = -1, resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == QLatin1Char('?') || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == QLatin1Char('*')) {
            star = p++;
            resume = t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == QLatin1Char('*'))
        ++p;
    return p == pattern.size();
}

} // namespace hookscope
