#include "JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace hookscope {

namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

ParsedJson JsonText::parse(const QByteArray &text)
{
    ParsedJson result;
    qsizetype first = 0;
    while (first < text.size() && isJsonSpace(text.at(first)))
        ++first;
    if (first == text.size()) {
        result.error = QStringLiteral("empty document");
        result.offset = 0;
        return result;
    }

    if (const qsizetype nul = nulOffset(text); nul >= 0) {
        result.error = QString::fromLatin1(kNulError);
        result.offset = nul;
        return result;
    }

    QJsonParseError error;
    if (text.at(first) == '{' || text.at(first) == '[') {
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        if (error.error == QJsonParseError::NoError) {
            result.ok = true;
            result.value = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
            return result;
        }
        result.error = error.errorString();
        result.offset = error.offset;
        return result;
    }

    // A scalar: parse it as the only item of an array, then take the offsets back by one.
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text + ']', &error);
    if (error.error != QJsonParseError::NoError) {
        result.error = error.errorString();
        result.offset = qBound(qsizetype(0), qsizetype(error.offset) - 1, text.size());
        return result;
    }
    if (doc.array().size() != 1) {
        result.error = QStringLiteral("garbage at the end of the document");
        return result;
    }
    result.ok = true;
    result.value = doc.array().at(0);
    return result;
}

bool JsonText::declaresJson(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray type = (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
    return type == "application/json" || type == "text/json" || (type.endsWith("+json") && type.contains('/'));
}

} // namespace hookscope
