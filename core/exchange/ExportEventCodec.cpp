#include "ExportEventCodec.h"

#include <array>

#include "ExchangeJson.h"
#include "event/AnswerRecord.h"

namespace hookscope {

using json = nlohmann::ordered_json;
using namespace exchange;

namespace {

json headersToJson(const HeaderList &headers)
{
    json out = json::array();
    for (const auto &[name, value] : headers)
        out.push_back(json{{"name", bytesToJson(name)}, {"value", bytesToJson(value)}});
    return out;
}

// Reads members of one object and names the path of the first problem.
class Fields
{
public:
    Fields(const json &object, QString path)
        : m_object(object)
        , m_path(std::move(path))
    {
    }

    bool fail(const QString &member, const QString &problem, QString *error) const
    {
        *error = QStringLiteral("%1%2: %3").arg(m_path, member, problem);
        return false;
    }

    const json *find(const char *name) const
    {
        const auto it = m_object.find(name);
        return it == m_object.end() || it->is_null() ? nullptr : &*it;
    }

    bool bytes(const char *name, QByteArray *out, QString *error, bool required = true) const
    {
        const json *value = find(name);
        if (!value)
            return required ? fail(QLatin1String(name), QStringLiteral("is missing"), error) : true;
        QString problem;
        if (!bytesFromJson(*value, out, &problem))
            return fail(QLatin1String(name), problem, error);
        return true;
    }

    bool body(const char *name, QByteArray *out, QString *error) const
    {
        const json *value = find(name);
        if (!value)
            return fail(QLatin1String(name), QStringLiteral("is missing"), error);
        QString problem;
        if (!bodyFromJson(*value, out, &problem))
            return fail(QLatin1String(name), problem, error);
        return true;
    }

    bool integer(const char *name, qint64 *out, QString *error, bool required = true) const
    {
        const json *value = find(name);
        if (!value)
            return required ? fail(QLatin1String(name), QStringLiteral("is missing"), error) : true;
        if (!value->is_number_integer())
            return fail(QLatin1String(name), QStringLiteral("is not a whole number"), error);
        *out = value->get<qint64>();
        return true;
    }

    bool text(const char *name, QString *out, QString *error) const
    {
        const json *value = find(name);
        if (!value)
            return true;
        if (!value->is_string())
            return fail(QLatin1String(name), QStringLiteral("is not a string"), error);
        *out = QString::fromStdString(value->get_ref<const std::string &>());
        return true;
    }

    bool headers(const char *name, HeaderList *out, QString *error) const
    {
        const json *value = find(name);
        if (!value)
            return fail(QLatin1String(name), QStringLiteral("is missing"), error);
        if (!value->is_array())
            return fail(QLatin1String(name), QStringLiteral("is not an array"), error);
        for (size_t i = 0; i < value->size(); ++i) {
            const json &header = value->at(i);
            const QString at = QStringLiteral("%1[%2]").arg(QLatin1String(name)).arg(i);
            if (!header.is_object())
                return fail(at, QStringLiteral("is not an object"), error);
            const Fields fields(header, QStringLiteral("%1%2.").arg(m_path, at));
            QByteArray headerName;
            QByteArray headerValue;
            if (!fields.bytes("name", &headerName, error) || !fields.bytes("value", &headerValue, error))
                return false;
            out->append({headerName, headerValue});
        }
        return true;
    }

    const json *object(const char *name, QString *error) const
    {
        const json *value = find(name);
        if (!value)
            fail(QLatin1String(name), QStringLiteral("is missing"), error);
        else if (!value->is_object())
            fail(QLatin1String(name), QStringLiteral("is not an object"), error);
        else
            return value;
        return nullptr;
    }

    QString path() const { return m_path; }

private:
    const json &m_object;
    QString m_path;
};

// AnswerSource's values (core/hold) and their names in an export: "decidedBy".
constexpr std::array<std::pair<int, const char *>, 7> kDeciders{{
    {1, "click"}, {2, "deadline"}, {3, "--respond"}, {4, "client gone"}, {5, "shutdown"}, {6, "local app"}, {7, "rule"},
}};

} // namespace

const char *ExportEventCodec::validityName(EventInfo::Validity validity)
{
    switch (validity) {
    case EventInfo::Validity::NotChecked: return "not-checked";
    case EventInfo::Validity::NotJson: return "not-json";
    case EventInfo::Validity::NotInspectable: return "not-inspectable";
    case EventInfo::Validity::Unknown: return "unknown-kind";
    case EventInfo::Validity::Invalid: return "invalid";
    case EventInfo::Validity::Valid: return "valid";
    }
    return "not-checked";
}

json ExportEventCodec::toJson(const Event &event, const std::optional<EventInfo> &info)
{
    json request = json::object();
    request["method"] = bytesToJson(event.method);
    request["target"] = bytesToJson(event.target);
    request["httpVersion"] = bytesToJson(event.httpVersion);
    request["headers"] = headersToJson(event.headers);
    if (!event.trailers.isEmpty())
        request["trailers"] = headersToJson(event.trailers); // chunked trailer fields
    request["body"] = bodyToJson(event.body);
    if (event.decodedBody)
        request["decodedBody"] = bodyToJson(*event.decodedBody);
    if (!event.decodeError.isEmpty())
        request["decodeError"] = toStd(event.decodeError);

    json response = json::object();
    response["status"] = event.response.status;
    response["headers"] = headersToJson(event.response.headers);
    response["body"] = bodyToJson(event.response.body);

    json out = json::object();
    out["id"] = event.id;
    out["receivedAt"] = toStd(isoTime(event.receivedAtMs));
    out["receivedAtMs"] = event.receivedAtMs;
    out["handlingUs"] = event.handlingUs >= 0 ? json(event.handlingUs) : json(nullptr);
    if (event.importedAtMs > 0)
        out["importedAt"] = toStd(isoTime(event.importedAtMs));
    out["sender"] = toStd(event.sender());
    out["remoteAddress"] = toStd(event.remoteAddress);
    out["remotePort"] = event.remotePort;
    if (!event.forwardedFor.isNull())
        out["forwardedFor"] = bytesToJson(event.forwardedFor);
    if (!event.forwardedProto.isNull())
        out["forwardedProto"] = bytesToJson(event.forwardedProto);
    if (!event.forwardedHost.isNull())
        out["forwardedHost"] = bytesToJson(event.forwardedHost);
    out["request"] = std::move(request);
    out["response"] = std::move(response);
    if (!event.error.isEmpty())
        out["error"] = toStd(event.error);
    for (const auto &[source, name] : kDeciders) {
        if (source != event.answerSource)
            continue;
        json answer = json::object();
        answer["decidedBy"] = name;
        answer["afterMs"] = event.answerAfterMs;
        if (!event.answerPreset.isEmpty())
            answer["preset"] = toStd(event.answerPreset);
        // How, with which preset or rule, and whether it broke the response schema (issue 24.9);
        // each member is optional, so older files (without them) still import.
        if (const QString via = AnswerRecord::viaName(AnswerVia(event.answerVia)); !via.isEmpty())
            answer["via"] = toStd(via);
        if (!event.answerPresetTitle.isEmpty())
            answer["presetTitle"] = toStd(event.answerPresetTitle);
        if (!event.answerRule.isEmpty())
            answer["rule"] = toStd(event.answerRule);
        if (event.answerInvalid)
            answer["invalid"] = true;
        out["answer"] = std::move(answer);
    }

    const EventInfo known = info.value_or(EventInfo());
    out["kind"] = known.kind.isEmpty() ? json(nullptr) : json(toStd(known.kind));
    out["eventName"] = known.eventName.isEmpty() ? json(nullptr) : json(toStd(known.eventName));
    out["validity"] = validityName(known.validity);
    if (known.validity == EventInfo::Validity::NotInspectable)
        out["notInspected"] = toStd(known.jsonError); // "inspection did not finish in an earlier run"
    json violations = json::array();
    if (!known.violationsJson.isEmpty()) {
        json parsed = json::parse(known.violationsJson.cbegin(), known.violationsJson.cend(), nullptr, false);
        if (parsed.is_array())
            violations = std::move(parsed);
    }
    out["violations"] = std::move(violations);
    json signature = json::object();
    signature["status"] = signatureStatusName(known.signature);
    if (!known.signatureReason.isEmpty())
        signature["reason"] = toStd(known.signatureReason);
    out["signature"] = std::move(signature);
    return out;
}

bool ExportEventCodec::fromJson(const json &value, Event *event, QString *error)
{
    if (!value.is_object()) {
        *error = QStringLiteral("is not an object");
        return false;
    }
    const Fields top(value, QString());
    qint64 receivedAt = 0;
    if (top.find("receivedAtMs")) {
        if (!top.integer("receivedAtMs", &receivedAt, error))
            return false;
    } else {
        QString text;
        if (!top.text("receivedAt", &text, error))
            return false;
        if (text.isEmpty())
            return top.fail(QStringLiteral("receivedAt"), QStringLiteral("is missing"), error);
        if (!parseIsoTime(text, &receivedAt))
            return top.fail(QStringLiteral("receivedAt"), QStringLiteral("is not an ISO 8601 time"), error);
    }
    event->receivedAtMs = receivedAt;
    qint64 handling = -1;
    if (!top.integer("handlingUs", &handling, error, false))
        return false;
    event->handlingUs = handling;
    if (!top.text("remoteAddress", &event->remoteAddress, error))
        return false;
    qint64 port = 0;
    if (!top.integer("remotePort", &port, error, false))
        return false;
    if (port < 0 || port > 65535)
        return top.fail(QStringLiteral("remotePort"), QStringLiteral("is not a port number"), error);
    event->remotePort = quint16(port);
    if (!top.bytes("forwardedFor", &event->forwardedFor, error, false)
        || !top.bytes("forwardedProto", &event->forwardedProto, error, false)
        || !top.bytes("forwardedHost", &event->forwardedHost, error, false) || !top.text("error", &event->error, error))
        return false;

    const json *request = top.object("request", error);
    if (!request)
        return false;
    const Fields req(*request, QStringLiteral("request."));
    if (!req.bytes("method", &event->method, error) || !req.bytes("target", &event->target, error)
        || !req.bytes("httpVersion", &event->httpVersion, error) || !req.headers("headers", &event->headers, error)
        || !req.body("body", &event->body, error) || !req.text("decodeError", &event->decodeError, error))
        return false;
    if (event->method.isEmpty())
        return req.fail(QStringLiteral("method"), QStringLiteral("is empty"), error);
    if (req.find("trailers") && !req.headers("trailers", &event->trailers, error))
        return false;
    if (req.find("decodedBody")) {
        QByteArray decoded;
        if (!req.body("decodedBody", &decoded, error))
            return false;
        event->decodedBody = decoded;
    }
    event->contentType = headerValue(event->headers, "content-type");
    if (!hasHeader(event->headers, "content-type"))
        event->contentType = QByteArray();

    const json *response = top.object("response", error);
    if (!response)
        return false;
    const Fields resp(*response, QStringLiteral("response."));
    qint64 status = 0;
    if (!resp.integer("status", &status, error) || !resp.headers("headers", &event->response.headers, error)
        || !resp.body("body", &event->response.body, error))
        return false;
    if (status < 100 || status > 999)
        return resp.fail(QStringLiteral("status"), QStringLiteral("is not an HTTP status"), error);
    event->response.status = int(status);

    if (!top.find("answer"))
        return true;
    const json *answer = top.object("answer", error);
    if (!answer)
        return false;
    const Fields decided(*answer, QStringLiteral("answer."));
    QString by;
    qint64 afterMs = 0;
    QString via;
    if (!decided.text("decidedBy", &by, error) || !decided.integer("afterMs", &afterMs, error)
        || !decided.text("preset", &event->answerPreset, error) || !decided.text("via", &via, error)
        || !decided.text("presetTitle", &event->answerPresetTitle, error) || !decided.text("rule", &event->answerRule, error))
        return false;
    if (!via.isEmpty() && (event->answerVia = int(AnswerRecord::viaFromName(via))) == 0)
        return decided.fail(QStringLiteral("via"), QStringLiteral("is not one of button, shortcut, send anyway"), error);
    if (const json *invalid = decided.find("invalid")) {
        if (!invalid->is_boolean())
            return decided.fail(QStringLiteral("invalid"), QStringLiteral("is not true or false"), error);
        event->answerInvalid = invalid->get<bool>();
    }
    if (afterMs < 0)
        return decided.fail(QStringLiteral("afterMs"), QStringLiteral("is negative"), error);
    for (const auto &[source, name] : kDeciders) {
        if (by == QLatin1String(name))
            event->answerSource = source;
    }
    if (event->answerSource == 0)
        return decided.fail(QStringLiteral("decidedBy"), QStringLiteral("is not one of click, deadline, --respond, client gone, shutdown, local app, rule"), error);
    event->answerAfterMs = afterMs;
    return true;
}

} // namespace hookscope
