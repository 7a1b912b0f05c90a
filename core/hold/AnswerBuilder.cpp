#include "AnswerBuilder.h"

#include "schema/JsonPointer.h"
#include "util/JsonNumberRange.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hookscope {

namespace {
const QString kArg = QStringLiteral("${arg}");
const QString kRequestPrefix = QStringLiteral("${request:");

std::optional<QJsonValue> placeholder(const QString &text, const QJsonValue &request, const QString &argument)
{
    if (text == kArg)
        return argument.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(argument);
    if (text.startsWith(kRequestPrefix) && text.endsWith(QLatin1Char('}'))) {
        const QString pointer = text.mid(kRequestPrefix.size(), text.size() - kRequestPrefix.size() - 1);
        return JsonPointer::resolve(request, pointer).value_or(QJsonValue(QJsonValue::Null));
    }
    return std::nullopt;
}
} // namespace

QJsonValue AnswerBuilder::fill(const QJsonValue &templ, const QJsonValue &request, const QString &argument)
{
    if (templ.isString())
        return placeholder(templ.toString(), request, argument).value_or(templ);
    if (templ.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : templ.toArray())
            out.append(fill(item, request, argument));
        return out;
    }
    if (templ.isObject()) {
        const QJsonObject in = templ.toObject();
        QJsonObject out;
        for (auto it = in.begin(); it != in.end(); ++it)
            out.insert(it.key(), fill(it.value(), request, argument));
        return out;
    }
    return templ;
}

QString AnswerBuilder::defaultArgument(const ResponsePreset &preset, const QJsonValue &request)
{
    const std::optional<QJsonValue> value = placeholder(preset.argumentDefault, request, QString());
    if (!value)
        return preset.argumentDefault;
    if (value->isString())
        return value->toString();
    if (value->isNull() || value->isUndefined())
        return {};
    if (value->isBool())
        return value->toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value->isDouble())
        return QString::number(value->toDouble());
    return QString::fromUtf8(value->isArray() ? QJsonDocument(value->toArray()).toJson(QJsonDocument::Compact)
                                              : QJsonDocument(value->toObject()).toJson(QJsonDocument::Compact));
}

QByteArray AnswerBuilder::body(const ResponsePreset &preset, const QJsonValue &request, const QString &argument)
{
    const QJsonValue filled = fill(preset.body, request, argument);
    if (filled.isObject())
        return QJsonDocument(filled.toObject()).toJson(QJsonDocument::Compact);
    if (filled.isArray())
        return QJsonDocument(filled.toArray()).toJson(QJsonDocument::Compact);
    // A scalar body: serialize it inside an array and strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray{filled}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

HttpResponse AnswerBuilder::response(const ResponsePreset &preset, const QJsonValue &request, const QString &argument)
{
    return jsonResponse(preset.status, body(preset, request, argument));
}

HttpResponse AnswerBuilder::jsonResponse(int status, const QByteArray &body)
{
    HttpResponse r;
    r.status = status;
    r.headers = {{"Content-Type", "application/json"}};
    r.body = body;
    return r;
}

QJsonValue AnswerBuilder::parseRequest(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(JsonNumberRange::tamed(body), &error);
    if (error.error != QJsonParseError::NoError)
        return QJsonValue(QJsonValue::Null);
    if (doc.isObject())
        return doc.object();
    if (doc.isArray())
        return doc.array();
    return QJsonValue(QJsonValue::Null);
}

} // namespace hookscope
