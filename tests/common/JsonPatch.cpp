#include "JsonPatch.h"

#include <QJsonArray>
#include <QJsonObject>

namespace hookscope::test {

QJsonValue applyOp(const QJsonValue &node, QStringList tokens, const QString &op, const QJsonValue &value)
{
    if (tokens.isEmpty())
        return value;
    const QString token = tokens.takeFirst();
    if (node.isObject()) {
        QJsonObject object = node.toObject();
        if (tokens.isEmpty() && op == QLatin1String("remove"))
            object.remove(token);
        else if (tokens.isEmpty())
            object.insert(token, value);
        else
            object.insert(token, applyOp(object.value(token), tokens, op, value));
        return object;
    }
    QJsonArray array = node.toArray();
    const qsizetype index = token == QLatin1String("-") ? array.size() : token.toLongLong();
    if (!tokens.isEmpty())
        array.replace(index, applyOp(array.at(index), tokens, op, value));
    else if (op == QLatin1String("remove"))
        array.removeAt(index);
    else if (op == QLatin1String("add"))
        array.insert(index, value);
    else
        array.replace(index, value);
    return array;
}

QStringList pointerTokens(const QString &pointer)
{
    QStringList tokens = pointer.split(u'/').mid(1);
    for (QString &token : tokens)
        token.replace(QLatin1String("~1"), QLatin1String("/")).replace(QLatin1String("~0"), QLatin1String("~"));
    return tokens;
}

} // namespace hookscope::test
