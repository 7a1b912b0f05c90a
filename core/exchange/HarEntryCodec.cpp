#include "HarEntryCodec.h"

#include "ExchangeJson.h"
#include "ExportEventCodec.h"
#include "HarUrl.h"

#include <QUrlQuery>

namespace hookscope {

using json = nlohmann::ordered_json;
using namespace exchange;

namespace {

std::string text(const QByteArray &bytes)
{
    return isUtf8(bytes) ? toStd(bytes) : QString::fromLatin1(bytes).toStdString();
}

json harHeaders(const HeaderList &headers)
{
    json out = json::array();
    for (const auto &[name, value] : headers) {
        json header{{"name", text(name)}, {"value", text(value)}};
        // A HAR string cannot hold these bytes: the exact ones go beside the Latin-1 reading.
        if (!isUtf8(name))
            header["_nameBase64"] = toStd(name.toBase64());
        if (!isUtf8(value))
            header["_valueBase64"] = toStd(value.toBase64());
        out.push_back(std::move(header));
    }
    return out;
}

json queryString(const QByteArray &target)
{
    json out = json::array();
    const qsizetype question = target.indexOf('?');
    if (question < 0)
        return out;
    const QUrlQuery query(QString::fromUtf8(target.mid(question + 1)));
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
        out.push_back(json{{"name", toStd(name)}, {"value", toStd(value)}});
    return out;
}

QByteArray mimeTypeOf(const HeaderList &headers)
{
    return hasHeader(headers, "content-type") ? headerValue(headers, "content-type") : QByteArray("");
}

// content / postData: text when UTF-8, else base64 with an encoding marker.
void putBody(json &object, const QByteArray &body, const char *encodingMember)
{
    if (isUtf8(body)) {
        object["text"] = toStd(body);
    } else {
        object["text"] = toStd(body.toBase64());
        object[encodingMember] = "base64";
    }
}

bool fail(const QString &member, const QString &problem, QString *error)
{
    *error = QStringLiteral("%1: %2").arg(member, problem);
    return false;
}

const json *member(const json &object, const char *name)
{
    const auto it = object.find(name);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

bool readString(const json &object, const char *name, const QString &path, QByteArray *out, QString *error,
                bool required = true)
{
    const json *value = member(object, name);
    if (!value)
        return required ? fail(path + QLatin1String(name), QStringLiteral("is missing"), error) : true;
    if (!value->is_string())
        return fail(path + QLatin1String(name), QStringLiteral("is not a string"), error);
    *out = QByteArray::fromStdString(value->get_ref<const std::string &>());
    if (out->isNull())
        *out = QByteArray("");
    return true;
}

// The exact bytes written beside a text member (base64), when there are any.
bool readExactBytes(const json &object, const char *name, const QString &path, QByteArray *out, QString *error)
{
    QByteArray encoded;
    if (!readString(object, name, path, &encoded, error, false))
        return false;
    if (!member(object, name))
        return true;
    const auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return fail(path + QLatin1String(name), QStringLiteral("is not valid base64"), error);
    *out = *decoded;
    return true;
}

bool readHeaders(const json &object, const QString &path, HeaderList *out, QString *error)
{
    const json *headers = member(object, "headers");
    if (!headers)
        return fail(path + QStringLiteral("headers"), QStringLiteral("is missing"), error);
    if (!headers->is_array())
        return fail(path + QStringLiteral("headers"), QStringLiteral("is not an array"), error);
    for (size_t i = 0; i < headers->size(); ++i) {
        const json &header = headers->at(i);
        const QString at = QStringLiteral("%1headers[%2]").arg(path).arg(i);
        if (!header.is_object())
            return fail(at, QStringLiteral("is not an object"), error);
        QByteArray name;
        QByteArray value;
        if (!readString(header, "name", at + u'.', &name, error) || !readString(header, "value", at + u'.', &value, error)
            || !readExactBytes(header, "_nameBase64", at + u'.', &name, error)
            || !readExactBytes(header, "_valueBase64", at + u'.', &value, error))
            return false;
        out->append({name, value});
    }
    return true;
}

// text plus an optional base64 marker.
bool readBody(const json &object, const QString &path, const char *encodingMember, QByteArray *body, QString *error)
{
    QByteArray textBytes;
    if (!readString(object, "text", path, &textBytes, error, false))
        return false;
    QByteArray encoding;
    if (!readString(object, encodingMember, path, &encoding, error, false))
        return false;
    if (encoding.isEmpty()) {
        *body = textBytes;
        return true;
    }
    if (encoding != "base64")
        return fail(path + QLatin1String(encodingMember), QStringLiteral("is not \"base64\""), error);
    const auto decoded = QByteArray::fromBase64Encoding(textBytes, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return fail(path + QStringLiteral("text"), QStringLiteral("is not valid base64"), error);
    *body = *decoded;
    return true;
}

// What HAR has no place for, so that a HAR round trip gives the event back: the method and
// target when the URL cannot say them exactly, the forwarded headers' values, the decoded body,
// the exact handling time and the receiver's error.
void putExactRequest(json &own, const Event &event, const QByteArray &url)
{
    if (!isUtf8(event.method))
        own["method"] = bytesToJson(event.method);
    if (HarUrl::split(url).target != event.target)
        own["target"] = bytesToJson(event.target);
    if (!event.forwardedFor.isNull())
        own["forwardedFor"] = bytesToJson(event.forwardedFor);
    if (!event.forwardedProto.isNull())
        own["forwardedProto"] = bytesToJson(event.forwardedProto);
    if (!event.forwardedHost.isNull())
        own["forwardedHost"] = bytesToJson(event.forwardedHost);
    if (event.decodedBody)
        own["decodedBody"] = bodyToJson(*event.decodedBody);
    if (!event.decodeError.isEmpty())
        own["decodeError"] = toStd(event.decodeError);
    own["handlingUs"] = event.handlingUs >= 0 ? json(event.handlingUs) : json(nullptr); // "time" is rounded
    if (!event.error.isEmpty())
        own["error"] = toStd(event.error);
}

bool readOwnBytes(const json &own, const char *name, QByteArray *out, QString *error, bool nonEmpty = false)
{
    const json *value = member(own, name);
    if (!value)
        return true;
    QString problem;
    if (!bytesFromJson(*value, out, &problem))
        return fail(QStringLiteral("_hookscope.") + QLatin1String(name), problem, error);
    if (nonEmpty && out->isEmpty())
        return fail(QStringLiteral("_hookscope.") + QLatin1String(name), QStringLiteral("is empty"), error);
    return true;
}

bool readExactRequest(const json &own, Event *event, QString *error)
{
    if (!readOwnBytes(own, "method", &event->method, error, true) || !readOwnBytes(own, "target", &event->target, error, true)
        || !readOwnBytes(own, "forwardedFor", &event->forwardedFor, error)
        || !readOwnBytes(own, "forwardedProto", &event->forwardedProto, error)
        || !readOwnBytes(own, "forwardedHost", &event->forwardedHost, error))
        return false;
    if (const json *decoded = member(own, "decodedBody")) {
        QByteArray body;
        QString problem;
        if (!bodyFromJson(*decoded, &body, &problem))
            return fail(QStringLiteral("_hookscope.decodedBody"), problem, error);
        event->decodedBody = body;
    }
    if (const json *reason = member(own, "decodeError"); reason && reason->is_string())
        event->decodeError = QString::fromStdString(reason->get<std::string>());
    if (const json *reason = member(own, "error"); reason && reason->is_string())
        event->error = QString::fromStdString(reason->get<std::string>());
    if (const auto handling = own.find("handlingUs"); handling != own.end()) {
        if (handling->is_number_integer() && handling->get<qint64>() >= 0)
            event->handlingUs = handling->get<qint64>();
        else if (handling->is_null())
            event->handlingUs = -1;
    }
    return true;
}

// An entry from another tool: the forwarded values as the receiver takes them from headers.
void forwardedFromHeaders(Event *event)
{
    for (const auto &[name, value] : event->headers) {
        if (name.compare("x-forwarded-for", Qt::CaseInsensitive) == 0)
            event->forwardedFor += event->forwardedFor.isEmpty() ? value : ", " + value;
        else if (name.compare("x-forwarded-proto", Qt::CaseInsensitive) == 0 && event->forwardedProto.isEmpty())
            event->forwardedProto = value;
        else if (name.compare("x-forwarded-host", Qt::CaseInsensitive) == 0 && event->forwardedHost.isEmpty())
            event->forwardedHost = value;
    }
}

QByteArray versionOf(const QByteArray &harVersion)
{
    if (harVersion.startsWith("HTTP/") || harVersion.startsWith("http/"))
        return harVersion.mid(5);
    return harVersion.isEmpty() ? QByteArray("1.1") : harVersion;
}

} // namespace

QString HarEntryCodec::urlOf(const Event &event)
{
    return QString::fromUtf8(HarUrl::urlOf(event));
}

json HarEntryCodec::toJson(const Event &event, const std::optional<EventInfo> &info)
{
    json request = json::object();
    request["method"] = text(event.method);
    const QString url = urlOf(event);
    request["url"] = toStd(url);
    request["httpVersion"] = text("HTTP/" + event.httpVersion);
    request["cookies"] = json::array();
    request["headers"] = harHeaders(event.headers);
    request["queryString"] = queryString(event.target);
    if (!event.body.isEmpty()) {
        json postData = json::object();
        postData["mimeType"] = text(mimeTypeOf(event.headers));
        postData["params"] = json::array();
        putBody(postData, event.body, "_encoding");
        request["postData"] = std::move(postData);
    }
    const QByteArray head = event.method + ' ' + event.target + " HTTP/" + event.httpVersion + "\r\n"
        + serializeHeaders(event.headers) + "\r\n";
    request["headersSize"] = head.size();
    request["bodySize"] = event.body.size();

    json content = json::object();
    content["size"] = event.response.body.size();
    content["mimeType"] = text(mimeTypeOf(event.response.headers));
    putBody(content, event.response.body, "encoding");
    json response = json::object();
    response["status"] = event.response.status;
    response["statusText"] = text(reasonPhrase(event.response.status));
    response["httpVersion"] = "HTTP/1.1";
    response["cookies"] = json::array();
    response["headers"] = harHeaders(event.response.headers);
    response["content"] = std::move(content);
    response["redirectURL"] = text(headerValue(event.response.headers, "location"));
    response["headersSize"] = -1;
    response["bodySize"] = event.response.body.size();

    const double timeMs = event.handlingUs >= 0 ? double(event.handlingUs) / 1000.0 : 0.0;
    json entry = json::object();
    entry["startedDateTime"] = toStd(isoTime(event.receivedAtMs));
    entry["time"] = timeMs;
    entry["request"] = std::move(request);
    entry["response"] = std::move(response);
    entry["cache"] = json::object();
    entry["timings"] = json{{"send", 0}, {"wait", timeMs}, {"receive", 0}};
    json own = json::object();
    own["id"] = event.id;
    own["receivedAtMs"] = event.receivedAtMs;
    own["remoteAddress"] = toStd(event.remoteAddress);
    own["remotePort"] = event.remotePort;
    own["sender"] = toStd(event.sender());
    putExactRequest(own, event, url.toUtf8());
    if (info) {
        own["kind"] = toStd(info->kind);
        own["eventName"] = toStd(info->eventName);
        own["validity"] = ExportEventCodec::validityName(info->validity);
    }
    entry["_hookscope"] = std::move(own);
    return entry;
}

bool HarEntryCodec::fromJson(const json &value, Event *event, QString *error)
{
    if (!value.is_object())
        return fail(QString(), QStringLiteral("is not an object"), error);
    QByteArray started;
    if (!readString(value, "startedDateTime", QString(), &started, error))
        return false;
    if (!parseIsoTime(QString::fromUtf8(started), &event->receivedAtMs))
        return fail(QStringLiteral("startedDateTime"), QStringLiteral("is not an ISO 8601 time"), error);
    if (const json *time = member(value, "time")) {
        if (!time->is_number())
            return fail(QStringLiteral("time"), QStringLiteral("is not a number"), error);
        const double ms = time->get<double>();
        event->handlingUs = ms >= 0 && ms < 1e12 ? qint64(ms * 1000.0) : -1;
    }
    const json *request = member(value, "request");
    if (!request || !request->is_object())
        return fail(QStringLiteral("request"), request ? QStringLiteral("is not an object") : QStringLiteral("is missing"),
                    error);
    const QString req = QStringLiteral("request.");
    QByteArray url;
    QByteArray version;
    if (!readString(*request, "method", req, &event->method, error) || !readString(*request, "url", req, &url, error)
        || !readString(*request, "httpVersion", req, &version, error, false)
        || !readHeaders(*request, req, &event->headers, error))
        return false;
    if (event->method.isEmpty())
        return fail(req + QStringLiteral("method"), QStringLiteral("is empty"), error);
    const HarUrl::Parts parts = HarUrl::split(url);
    event->target = parts.target; // empty for data: and the like, unless _hookscope has the target
    event->httpVersion = versionOf(version);
    if (const json *postData = member(*request, "postData")) {
        if (!postData->is_object())
            return fail(req + QStringLiteral("postData"), QStringLiteral("is not an object"), error);
        if (!readBody(*postData, req + QStringLiteral("postData."), "_encoding", &event->body, error))
            return false;
    }
    if (hasHeader(event->headers, "content-type"))
        event->contentType = headerValue(event->headers, "content-type");

    const json *response = member(value, "response");
    if (!response || !response->is_object())
        return fail(QStringLiteral("response"),
                    response ? QStringLiteral("is not an object") : QStringLiteral("is missing"), error);
    const QString resp = QStringLiteral("response.");
    const json *status = member(*response, "status");
    if (!status || !status->is_number_integer())
        return fail(resp + QStringLiteral("status"), QStringLiteral("is not a whole number"), error);
    // Browsers write status 0 for requests that got no response.
    const qint64 code = status->get<qint64>();
    if (code < 0 || code > 999)
        return fail(resp + QStringLiteral("status"), QStringLiteral("is not an HTTP status"), error);
    event->response.status = int(code);
    if (!readHeaders(*response, resp, &event->response.headers, error))
        return false;
    if (const json *content = member(*response, "content")) {
        if (!content->is_object())
            return fail(resp + QStringLiteral("content"), QStringLiteral("is not an object"), error);
        if (!readBody(*content, resp + QStringLiteral("content."), "encoding", &event->response.body, error))
            return false;
    }

    // Hookscope's own entries say exactly what the event was; another tool's say it in the URL.
    const json *own = member(value, "_hookscope");
    if (own && own->is_object()) {
        if (!readExactRequest(*own, event, error))
            return false;
        // Written before the forwarded values were kept: the headers still hold them.
        if (!own->contains("forwardedFor") && !own->contains("forwardedProto") && !own->contains("forwardedHost"))
            forwardedFromHeaders(event);
    } else {
        forwardedFromHeaders(event);
        HarUrl::keepOrigin(parts, event);
    }
    if (event->target.isEmpty())
        return fail(req + QStringLiteral("url"),
                    QStringLiteral("\"%1\" is not an http(s) URL: no request went over the network")
                        .arg(QString::fromUtf8(url.left(40))),
                    error);
    if (own && own->is_object()) {
        if (const json *address = member(*own, "remoteAddress"); address && address->is_string())
            event->remoteAddress = QString::fromStdString(address->get<std::string>());
        if (const json *port = member(*own, "remotePort"); port && port->is_number_unsigned() && port->get<quint64>() < 65536)
            event->remotePort = quint16(port->get<quint64>());
        if (const json *at = member(*own, "receivedAtMs"); at && at->is_number_integer())
            event->receivedAtMs = at->get<qint64>();
    } else if (const json *server = member(value, "serverIPAddress"); server && server->is_string()) {
        event->remoteAddress = QString::fromStdString(server->get<std::string>());
    }
    return true;
}

} // namespace hookscope
