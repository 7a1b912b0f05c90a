#include "event/HttpMessage.h"

#include <http_parser.h>

namespace hookscope {

QByteArray headerValue(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool hasHeader(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &field : headers) {
        if (field.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray serializeHeaders(const HeaderList &headers)
{
    QByteArray out;
    qsizetype size = 0;
    for (const auto &[key, value] : headers)
        size += key.size() + value.size() + 4;
    out.reserve(size);
    for (const auto &[key, value] : headers) {
        out += key;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    return out;
}

HeaderList parseHeaderBlock(const QByteArray &block)
{
    HeaderList headers;
    qsizetype pos = 0;
    while (pos < block.size()) {
        qsizetype end = block.indexOf("\r\n", pos);
        if (end < 0)
            end = block.size();
        const QByteArray line = block.mid(pos, end - pos);
        const qsizetype colon = line.indexOf(": ");
        if (colon >= 0)
            headers.append({line.left(colon), line.mid(colon + 2)});
        else if (!line.isEmpty())
            headers.append({line, QByteArray()});
        pos = end + 2;
    }
    return headers;
}

QByteArray reasonPhrase(int status)
{
    const char *text = http_status_str(static_cast<http_status>(status));
    if (!text || qstrcmp(text, "<unknown>") == 0)
        return QByteArrayLiteral("Status");
    return QByteArray(text);
}

QByteArray HttpResponse::serialize(bool keepAlive, bool headRequest) const
{
    QByteArray out;
    out.reserve(128 + body.size());
    out += "HTTP/1.1 ";
    out += QByteArray::number(status);
    out += ' ';
    out += reasonPhrase(status);
    out += "\r\n";
    for (const auto &[key, value] : headers) {
        if (key.compare("content-length", Qt::CaseInsensitive) == 0
            || key.compare("connection", Qt::CaseInsensitive) == 0
            || key.compare("transfer-encoding", Qt::CaseInsensitive) == 0)
            continue; // framing is ours to decide
        out += key;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    out += "Content-Length: ";
    out += QByteArray::number(body.size());
    out += "\r\n";
    if (!keepAlive)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!headRequest)
        out += body;
    return out;
}

HttpResponse HttpResponse::plainText(int status, const QByteArray &reason)
{
    HttpResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "text/plain; charset=utf-8"}};
    response.body = reason + '\n';
    return response;
}

} // namespace hookscope
