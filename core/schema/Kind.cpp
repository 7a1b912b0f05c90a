#include "Kind.h"

#include "JsonPointer.h"
#include "ValueText.h"

#include <nlohmann/json.hpp>

namespace hookscope {

namespace {

QString scalarText(const std::optional<QJsonValue> &value)
{
    if (!value)
        return QString();
    if (value->isString())
        return value->toString();
    if (value->isDouble()) {
        const double d = value->toDouble();
        return d == qint64(d) ? QString::number(qint64(d)) : QString::number(d);
    }
    return QString();
}

QString scalarText(const nlohmann::json *value)
{
    if (!value)
        return QString();
    if (value->is_string())
        return QString::fromStdString(value->get<std::string>());
    if (value->is_number_integer())
        return QString::number(value->get<qint64>());
    if (value->is_number())
        return ValueText::number(value->get<double>());
    return QString();
}

// The text of the first pointer that finds a string or a number.
QString firstText(const QJsonValue &body, const QStringList &pointers)
{
    for (const QString &pointer : pointers) {
        const QString text = scalarText(JsonPointer::resolve(body, pointer));
        if (!text.isEmpty())
            return text;
    }
    return QString();
}

QStringList tokensOf(const QString &pointer)
{
    return JsonPointer::tokens(pointer).value_or(QStringList());
}

} // namespace

QString Kind::eventName(const nlohmann::json &body) const
{
    if (!eventNamePointer.isNull()) {
        const QString name = scalarText(JsonPointer::resolve(body, tokensOf(eventNamePointer)));
        if (!name.isEmpty())
            return name;
    }
    return eventLabel;
}

QString Kind::entityId(const nlohmann::json &body) const
{
    for (const QString &pointer : entityIdPointers) {
        const QString id = scalarText(JsonPointer::resolve(body, tokensOf(pointer)));
        if (!id.isEmpty())
            return id;
    }
    return QString();
}

QString Kind::eventName(const QJsonValue &body) const
{
    if (!eventNamePointer.isNull()) {
        const QString name = scalarText(JsonPointer::resolve(body, eventNamePointer));
        if (!name.isEmpty())
            return name;
    }
    return eventLabel;
}

QString Kind::entityId(const QJsonValue &body) const
{
    return firstText(body, entityIdPointers);
}

QString Kind::version(const QJsonValue &body) const
{
    return firstText(body, versionPointers);
}

} // namespace hookscope
