#include "ResponsePreset.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace hookscope {

namespace {
const QSet<QString> &knownMembers()
{
    static const QSet<QString> members = {QStringLiteral("$comment"), QStringLiteral("id"),       QStringLiteral("kind"),
                                          QStringLiteral("title"),    QStringLiteral("description"),
                                          QStringLiteral("shortcut"), QStringLiteral("order"),    QStringLiteral("status"),
                                          QStringLiteral("body"),     QStringLiteral("argument")};
    return members;
}
} // namespace

bool ResponsePreset::fromJson(const QByteArray &json, ResponsePreset *out, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("%1 at offset %2").arg(parseError.errorString()).arg(parseError.offset);
        return false;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("a preset is a JSON object");
        return false;
    }
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!knownMembers().contains(it.key())) {
            *error = QStringLiteral("unknown member '%1'").arg(it.key());
            return false;
        }
    }
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9._-]+$"));
    ResponsePreset p;
    p.id = o.value(QStringLiteral("id")).toString();
    if (!idPattern.match(p.id).hasMatch()) {
        *error = QStringLiteral("'id' must be letters, digits, '.', '_' or '-'");
        return false;
    }
    p.kind = o.value(QStringLiteral("kind")).toString();
    if (p.kind.isEmpty()) {
        *error = QStringLiteral("'kind' (the request kind it answers) is missing");
        return false;
    }
    p.title = o.value(QStringLiteral("title")).toString(p.id);
    p.description = o.value(QStringLiteral("description")).toString();
    p.shortcut = o.value(QStringLiteral("shortcut")).toString();
    p.order = o.value(QStringLiteral("order")).toInt(100);
    p.status = o.value(QStringLiteral("status")).toInt(200);
    if (p.status < 100 || p.status > 599) {
        *error = QStringLiteral("'status' must be an HTTP status from 100 to 599");
        return false;
    }
    if (!o.contains(QStringLiteral("body"))) {
        *error = QStringLiteral("'body' (the answer template) is missing");
        return false;
    }
    p.body = o.value(QStringLiteral("body"));
    const QJsonValue argument = o.value(QStringLiteral("argument"));
    if (argument.isObject()) {
        p.hasArgument = true;
        p.argumentLabel = argument.toObject().value(QStringLiteral("label")).toString(QStringLiteral("Value"));
        p.argumentDefault = argument.toObject().value(QStringLiteral("default")).toString();
    } else if (!argument.isUndefined() && !argument.isNull()) {
        *error = QStringLiteral("'argument' must be an object {\"label\", \"default\"}");
        return false;
    }
    *out = p;
    return true;
}

QJsonObject ResponsePreset::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id}, {QStringLiteral("kind"), kind}, {QStringLiteral("title"), title},
                  {QStringLiteral("order"), order}, {QStringLiteral("status"), status}, {QStringLiteral("body"), body}};
    if (!description.isEmpty())
        o.insert(QStringLiteral("description"), description);
    if (!shortcut.isEmpty())
        o.insert(QStringLiteral("shortcut"), shortcut);
    if (hasArgument)
        o.insert(QStringLiteral("argument"),
                 QJsonObject{{QStringLiteral("label"), argumentLabel}, {QStringLiteral("default"), argumentDefault}});
    return o;
}

} // namespace hookscope
