#include "ViolationEntry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hookscope {

QList<ViolationEntry> ViolationEntry::listFromJson(const QByteArray &json)
{
    QList<ViolationEntry> out;
    if (json.isEmpty())
        return out;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    out.reserve(array.size());
    for (const QJsonValue &value : array) {
        if (!value.isObject())
            continue;
        const QJsonObject o = value.toObject();
        out.append({o.value(QLatin1String("pointer")).toString(), o.value(QLatin1String("message")).toString(),
                    o.value(QLatin1String("keyword")).toString()});
    }
    return out;
}

} // namespace hookscope
