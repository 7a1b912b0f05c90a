#include "JsonPointer.h"

#include <QJsonArray>
#include <QJsonObject>

#include <nlohmann/json.hpp>

namespace hookscope {

QString JsonPointer::escape(const QString &token)
{
    if (!token.contains(u'~') && !token.contains(u'/'))
        return token;
    QString out;
    out.reserve(token.size() + 4);
    for (const QChar c : token) {
        if (c == u'~')
            out += QLatin1String("~0");
        else if (c == u'/')
            out += QLatin1String("~1");
        else
            out += c;
    }
    return out;
}

std::optional<QString> JsonPointer::unescape(const QString &token)
{
    if (!token.contains(u'~'))
        return token;
    QString out;
    out.reserve(token.size());
    for (qsizetype i = 0; i < token.size(); ++i) {
        const QChar c = token.at(i);
        if (c != u'~') {
            out += c;
            continue;
        }
        if (i + 1 >= token.size())
            return std::nullopt;
        const QChar next = token.at(++i);
        if (next == u'0')
            out += u'~';
        else if (next == u'1')
            out += u'/';
        else
            return std::nullopt;
    }
    return out;
}

QString JsonPointer::fromTokens(const QStringList &tokens)
{
    QString out;
    for (const QString &token : tokens) {
        out += u'/';
        out += escape(token);
    }
    return out;
}

std::optional<QStringList> JsonPointer::tokens(const QString &pointer)
{
    if (pointer.isEmpty())
        return QStringList();
    if (!pointer.startsWith(u'/'))
        return std::nullopt;
    QStringList out;
    const QStringList raw = pointer.mid(1).split(u'/');
    out.reserve(raw.size());
    for (const QString &token : raw) {
        std::optional<QString> plain = unescape(token);
        if (!plain)
            return std::nullopt;
        out.append(*plain);
    }
    return out;
}

std::optional<qsizetype> JsonPointer::arrayIndex(QStringView token)
{
    if (token.isEmpty() || token.size() > 18)
        return std::nullopt;
    if (token.size() > 1 && token.front() == u'0')
        return std::nullopt;
    qsizetype value = 0;
    for (const QChar c : token) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

std::optional<QJsonValue> JsonPointer::resolve(const QJsonValue &root, const QStringList &tokens)
{
    QJsonValue current = root;
    for (const QString &token : tokens) {
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            const auto it = object.constFind(token);
            if (it == object.constEnd())
                return std::nullopt;
            current = it.value();
        } else if (current.isArray()) {
            const std::optional<qsizetype> index = arrayIndex(token);
            const QJsonArray array = current.toArray();
            if (!index || *index >= array.size())
                return std::nullopt;
            current = array.at(*index);
        } else {
            return std::nullopt;
        }
    }
    return current;
}

const nlohmann::json *JsonPointer::resolve(const nlohmann::json &root, const QStringList &tokens)
{
    const nlohmann::json *current = &root;
    for (const QString &token : tokens) {
        if (current->is_object()) {
            const auto it = current->find(token.toStdString());
            if (it == current->end())
                return nullptr;
            current = &*it;
        } else if (current->is_array()) {
            const std::optional<qsizetype> index = arrayIndex(token);
            if (!index || std::size_t(*index) >= current->size())
                return nullptr;
            current = &(*current)[std::size_t(*index)];
        } else {
            return nullptr;
        }
    }
    return current;
}

std::optional<QJsonValue> JsonPointer::resolve(const QJsonValue &root, const QString &pointer)
{
    const std::optional<QStringList> parts = tokens(pointer);
    if (!parts)
        return std::nullopt;
    return resolve(root, *parts);
}

} // namespace hookscope
