#include "JsonDiff.h"

#include "util/JsonNumberRange.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>
#include <algorithm>

namespace hookscope {

namespace {

bool parse(const QByteArray &json, QJsonValue *value, QString *error, const QString &which)
{
    // QJsonDocument only holds an object or an array at the top level: wrap, then unwrap,
    // so that a scalar document ("42") compares too.
    QJsonParseError parseError;
    // Numbers beyond a double (valid JSON, an "illegal number" to Qt) compare as ±1e308.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + JsonNumberRange::tamed(json) + "\n]", &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1) {
        *error = QStringLiteral("%1 body is not JSON").arg(which);
        if (parseError.error != QJsonParseError::NoError)
            *error += QStringLiteral(": ") + parseError.errorString();
        return false;
    }
    *value = doc.array().at(0);
    return true;
}

} // namespace

QString JsonDiff::escapeToken(const QString &key)
{
    QString token = key;
    token.replace(QLatin1Char('~'), QLatin1String("~0"));
    token.replace(QLatin1Char('/'), QLatin1String("~1"));
    return token;
}

QString JsonDiff::valueText(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

void JsonDiff::walk(const QString &pointer, const QJsonValue &before, const QJsonValue &after, QList<Change> *out)
{
    if (before == after)
        return;
    if (before.isObject() && after.isObject()) {
        const QJsonObject a = before.toObject();
        const QJsonObject b = after.toObject();
        QStringList keys = a.keys() + b.keys();
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        for (const QString &key : std::as_const(keys)) {
            const QString child = pointer + QLatin1Char('/') + escapeToken(key);
            const auto ia = a.constFind(key);
            const auto ib = b.constFind(key);
            if (ia == a.constEnd())
                out->append({child, Change::Kind::Added, {}, valueText(*ib)});
            else if (ib == b.constEnd())
                out->append({child, Change::Kind::Removed, valueText(*ia), {}});
            else
                walk(child, *ia, *ib, out);
        }
        return;
    }
    if (before.isArray() && after.isArray()) {
        const QJsonArray a = before.toArray();
        const QJsonArray b = after.toArray();
        const qsizetype common = std::min(a.size(), b.size());
        for (qsizetype i = 0; i < common; ++i)
            walk(pointer + QLatin1Char('/') + QString::number(i), a.at(i), b.at(i), out);
        for (qsizetype i = common; i < b.size(); ++i)
            out->append({pointer + QLatin1Char('/') + QString::number(i), Change::Kind::Added, {}, valueText(b.at(i))});
        for (qsizetype i = common; i < a.size(); ++i)
            out->append({pointer + QLatin1Char('/') + QString::number(i), Change::Kind::Removed, valueText(a.at(i)), {}});
        return;
    }
    out->append({pointer, Change::Kind::Changed, valueText(before), valueText(after)});
}

QList<JsonDiff::Change> JsonDiff::compare(const QJsonValue &before, const QJsonValue &after)
{
    QList<Change> changes;
    walk(QString(), before, after, &changes);
    return changes;
}

bool JsonDiff::compare(const QByteArray &before, const QByteArray &after, QList<Change> *changes, QString *error)
{
    QJsonValue a;
    QJsonValue b;
    if (!parse(before, &a, error, QStringLiteral("the previous")) || !parse(after, &b, error, QStringLiteral("this")))
        return false;
    *changes = compare(a, b);
    return true;
}

} // namespace hookscope
