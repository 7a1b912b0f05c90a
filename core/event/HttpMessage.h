#pragma once

#include <QByteArray>
#include <QList>
#include <utility>

namespace hookscope {

// Header fields in the order they arrived, duplicates kept.
using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// First value of a header (case-insensitive name), or an empty array.
[[nodiscard]] QByteArray headerValue(const HeaderList &headers, const QByteArray &name);
[[nodiscard]] bool hasHeader(const HeaderList &headers, const QByteArray &name);

// "Name: value\r\n" per field; the stored form of a header list.
[[nodiscard]] QByteArray serializeHeaders(const HeaderList &headers);
[[nodiscard]] HeaderList parseHeaderBlock(const QByteArray &block);

struct HttpResponse
{
    int status = 200;
    HeaderList headers;
    QByteArray body;

    // The whole response in one buffer, so it is written with a single write():
    // a response split in two pieces stalls on delayed ACKs.
    [[nodiscard]] QByteArray serialize(bool keepAlive, bool headRequest = false) const;
    [[nodiscard]] static HttpResponse plainText(int status, const QByteArray &reason);
};

[[nodiscard]] QByteArray reasonPhrase(int status);

} // namespace hookscope
