#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace hookscope {

struct ParsedJson {
    bool ok = false;
    QJsonValue value; // any JSON value, scalars included
    QString error; // "unterminated string"
    qsizetype offset = -1; // byte offset of the error, -1 when unknown
};

// QJsonDocument::fromJson for any JSON text: Qt 6.4 refuses a top-level scalar ("OK", 3), which
// is still JSON (RFC 8259) and must reach the validator as a type error, not "not JSON".
class JsonText final {
public:
    JsonText() = delete;

    [[nodiscard]] static ParsedJson parse(const QByteArray &text);
};

} // namespace hookscope
