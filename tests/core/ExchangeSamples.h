#pragma once

// Sample events and comparisons shared by the core/exchange tests.

#include "common/Gzip.h"
#include "event/Event.h"
#include "store/EventStore.h"

#include <QFile>
#include <QList>
#include <QString>

namespace hookscope::test {

struct Sample
{
    const char *name;
    Event event;
};

inline Event baseEvent(const QByteArray &method, const QByteArray &target, const HeaderList &headers,
                       const QByteArray &body)
{
    Event e;
    e.receivedAtMs = 1795395723456; // 2026-11-23T01:02:03.456Z
    e.remoteAddress = QStringLiteral("127.0.0.1");
    e.remotePort = 50123;
    e.method = method;
    e.target = target;
    e.headers = headers;
    e.body = body;
    for (const auto &[name, value] : headers) {
        if (name.compare("content-type", Qt::CaseInsensitive) == 0 && e.contentType.isEmpty())
            e.contentType = value;
    }
    e.response.status = 200;
    e.response.headers = {{"Content-Type", "text/plain"}, {"Content-Length", "2"}};
    e.response.body = "OK";
    e.handlingUs = 1234;
    return e;
}

inline QByteArray binaryBytes()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes.append(char(i));
    bytes.append("\x00\xff\xfe'\"\\%$`!", 10);
    return bytes;
}

inline QList<Sample> samples()
{
    QList<Sample> out;
    const QByteArray json = R"({"type":"appointment.created","data":{"id":42,"name":"Zoë","ok":true,"n":1.5}})";
    out.append({"compact JSON body",
                baseEvent("POST", "/hooks/jicoo?x=1&y=%20z",
                          {{"Host", "example.test"}, {"Content-Type", "application/json"},
                           {"Content-Length", QByteArray::number(json.size())}},
                          json)});
    const QByteArray pretty = "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": null\n}";
    out.append({"indented JSON body",
                baseEvent("POST", "/pretty",
                          {{"Host", "example.test"}, {"Content-Type", "application/json"},
                           {"Content-Length", QByteArray::number(pretty.size())}},
                          pretty)});
    const QByteArray odd = R"({"b":1,  "a":"x\/y"})";
    out.append({"JSON body that does not re-serialise the same",
                baseEvent("PUT", "/odd",
                          {{"Host", "example.test"}, {"Content-Type", "application/json"},
                           {"Content-Length", QByteArray::number(odd.size())}},
                          odd)});
    const QByteArray text = "name=J%C3%B6rg&it's=100% \"quoted\" \\ $HOME `cmd`\nline two\ttab";
    out.append({"text body with shell metacharacters",
                baseEvent("POST", "/form",
                          {{"Host", "example.test"}, {"Content-Type", "application/x-www-form-urlencoded"},
                           {"Content-Length", QByteArray::number(text.size())}},
                          text)});
    const QByteArray binary = binaryBytes();
    Event bin = baseEvent("POST", "/binary",
                          {{"Host", "example.test"}, {"Content-Type", "application/octet-stream"},
                           {"Content-Length", QByteArray::number(binary.size())}},
                          binary);
    bin.response.body = QByteArray("\x89PNG\r\n\x1a\n\x00\x01", 10);
    bin.response.headers = {{"Content-Type", "image/png"}, {"Content-Length", "10"}};
    out.append({"binary body", bin});
    out.append({"duplicate headers",
                baseEvent("POST", "/dup",
                          {{"Host", "example.test"}, {"X-Dup", "one"}, {"Accept", "*/*"}, {"X-Dup", "two"},
                           {"x-dup", "three"}, {"Content-Length", "2"}, {"Content-Type", "text/plain"}},
                          "hi")});
    Event chunked = baseEvent("POST", "/chunked",
                              {{"Host", "example.test"}, {"Transfer-Encoding", "chunked"},
                               {"Content-Type", "application/json"}},
                              R"({"chunked":true})");
    out.append({"chunked-origin body", chunked});
    const QByteArray plain = R"({"zipped":"yes, this was gzip-compressed on the wire"})";
    const QByteArray zipped = gzip(plain);
    Event gzip = baseEvent("POST", "/gzip",
                           {{"Host", "example.test"}, {"Content-Type", "application/json"},
                            {"Content-Encoding", "gzip"}, {"Content-Length", QByteArray::number(zipped.size())}},
                           zipped);
    gzip.decodedBody = plain;
    out.append({"gzip body", gzip});
    Event empty = baseEvent("GET", "/empty?q=1", {{"Host", "example.test"}, {"User-Agent", "probe/1.0"}}, QByteArray());
    empty.handlingUs = -1;
    out.append({"empty body", empty});
    out.append({"weird header bytes",
                baseEvent("POST", "/weird",
                          {{"Host", "example.test"}, {"X-Latin1", "caf\xe9"}, {"X-Quote", "it's \"x\" $y `z`"},
                           {"X-Empty", ""}, {"X-Utf8", "Zo\xc3\xab"}, {"Content-Length", "1"}},
                          "x")});
    Event forwarded = baseEvent("DELETE", "/fwd",
                                {{"Host", "abc.ngrok.app"}, {"X-Forwarded-For", "203.0.113.9"},
                                 {"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "abc.ngrok.app"}},
                                QByteArray());
    forwarded.forwardedFor = "203.0.113.9";
    forwarded.forwardedProto = "https";
    forwarded.forwardedHost = "abc.ngrok.app";
    forwarded.response.status = 500;
    forwarded.error = QStringLiteral("the receiver's reason");
    out.append({"forwarded, 500 with error", forwarded});
    // Host in the middle, the same header three times in different cases, a response with two Set-Cookie.
    Event hostLater = baseEvent("POST", "/host-later",
                                {{"User-Agent", "Vendor-Hookshot/3"}, {"X-Dup", "a"}, {"Host", "example.test"},
                                 {"X-Dup", "b"}, {"Content-Type", "application/json"}, {"x-DUP", "c"},
                                 {"Content-Length", "2"}},
                                "{}");
    hostLater.response.headers = {{"Set-Cookie", "a=1"}, {"Content-Length", "2"}, {"Set-Cookie", "b=2"}};
    hostLater.response.body = "OK";
    out.append({"host not first, duplicate headers", hostLater});
    return out;
}

// Empty when every stored field is equal, byte for byte; else the first difference.
inline QString difference(const Event &a, const Event &b, bool compareImport = false)
{
    const auto bytes = [](const char *field, const QByteArray &x, const QByteArray &y) {
        if (x == y)
            return QString();
        return QStringLiteral("%1: %2 != %3")
            .arg(QLatin1String(field), QString::fromLatin1(x.toHex(' ').left(300)),
                 QString::fromLatin1(y.toHex(' ').left(300)));
    };
    QString d;
    const auto check = [&d](const QString &diff) {
        if (d.isEmpty())
            d = diff;
    };
    if (a.receivedAtMs != b.receivedAtMs)
        check(QStringLiteral("receivedAtMs: %1 != %2").arg(a.receivedAtMs).arg(b.receivedAtMs));
    if (a.remoteAddress != b.remoteAddress || a.remotePort != b.remotePort)
        check(QStringLiteral("remote: %1:%2 != %3:%4").arg(a.remoteAddress).arg(a.remotePort).arg(b.remoteAddress).arg(b.remotePort));
    check(bytes("method", a.method, b.method));
    check(bytes("target", a.target, b.target));
    check(bytes("httpVersion", a.httpVersion, b.httpVersion));
    check(bytes("headers", serializeHeaders(a.headers), serializeHeaders(b.headers)));
    if (a.headers.size() != b.headers.size())
        check(QStringLiteral("header count %1 != %2").arg(a.headers.size()).arg(b.headers.size()));
    check(bytes("body", a.body, b.body));
    if (a.decodedBody.has_value() != b.decodedBody.has_value())
        check(QStringLiteral("decodedBody presence differs"));
    else if (a.decodedBody)
        check(bytes("decodedBody", *a.decodedBody, *b.decodedBody));
    check(bytes("contentType", a.contentType, b.contentType));
    check(bytes("forwardedFor", a.forwardedFor, b.forwardedFor));
    check(bytes("forwardedProto", a.forwardedProto, b.forwardedProto));
    check(bytes("forwardedHost", a.forwardedHost, b.forwardedHost));
    if (a.decodeError != b.decodeError)
        check(QStringLiteral("decodeError"));
    if (a.response.status != b.response.status)
        check(QStringLiteral("status %1 != %2").arg(a.response.status).arg(b.response.status));
    check(bytes("response headers", serializeHeaders(a.response.headers), serializeHeaders(b.response.headers)));
    check(bytes("response body", a.response.body, b.response.body));
    if (a.handlingUs != b.handlingUs)
        check(QStringLiteral("handlingUs %1 != %2").arg(a.handlingUs).arg(b.handlingUs));
    if (a.error != b.error)
        check(QStringLiteral("error %1 != %2").arg(a.error, b.error));
    if (compareImport && a.importedAtMs != b.importedAtMs)
        check(QStringLiteral("importedAtMs %1 != %2").arg(a.importedAtMs).arg(b.importedAtMs));
    return d;
}

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace hookscope::test
