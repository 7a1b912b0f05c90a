#include "KindLoader.h"

#include "CompiledSchema.h"
#include "JsonPointer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace hookscope {

namespace {

constexpr qint64 kMaxFileBytes = 8 * 1024 * 1024;

bool readFile(const QString &path, QByteArray *bytes, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.size() > kMaxFileBytes) {
        *error = QStringLiteral("%1: larger than %2 bytes").arg(path).arg(kMaxFileBytes);
        return false;
    }
    *bytes = file.readAll();
    return true;
}

QString idFromFileName(const QString &path, const char *suffix)
{
    const QString name = QFileInfo(path).fileName();
    return name.left(name.size() - qsizetype(qstrlen(suffix)));
}

// A string or an array of strings, each a valid JSON pointer when pointers is set.
bool stringList(const QJsonValue &value, bool pointers, QStringList *out)
{
    const QJsonArray items = value.isString() ? QJsonArray{value} : value.toArray();
    if (!value.isString() && !value.isArray())
        return false;
    for (const QJsonValue &item : items) {
        if (!item.isString() || (pointers && !JsonPointer::isValid(item.toString())))
            return false;
        out->append(item.toString());
    }
    return true;
}

bool parseMatch(const QJsonValue &value, KindMatch *match, QString *problem)
{
    if (!value.isObject()) {
        *problem = QStringLiteral("'match' must be an object");
        return false;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        if (key == QLatin1String("required")) {
            match->required.clear();
            if (!stringList(it.value(), false, &match->required)) {
                *problem = QStringLiteral("'match.required' must list member names");
                return false;
            }
        } else if (key == QLatin1String("equals")) {
            const QJsonObject equals = it.value().toObject();
            if (!it.value().isObject()) {
                *problem = QStringLiteral("'match.equals' must be an object of JSON pointer: value");
                return false;
            }
            for (auto e = equals.begin(); e != equals.end(); ++e) {
                if (!JsonPointer::isValid(e.key())) {
                    *problem = QStringLiteral("'match.equals': \"%1\" is not a JSON pointer").arg(e.key());
                    return false;
                }
                match->equals.append({e.key(), e.value()});
            }
        } else if (key == QLatin1String("present")) {
            if (!stringList(it.value(), true, &match->present)) {
                *problem = QStringLiteral("'match.present' must list JSON pointers");
                return false;
            }
        } else if (key == QLatin1String("minScore")) {
            match->minScore = it.value().toDouble(-1);
            if (!it.value().isDouble() || match->minScore < 0 || match->minScore > 1) {
                *problem = QStringLiteral("'match.minScore' must be a number from 0 to 1");
                return false;
            }
        } else {
            *problem = QStringLiteral("unknown member 'match.%1'").arg(key);
            return false;
        }
    }
    return true;
}

// "delivery": {"headers": [names], "pointers": [JSON pointers]} (issue 26).
bool parseDelivery(const QJsonValue &value, Kind *kind, QString *problem)
{
    if (!value.isObject()) {
        *problem = QStringLiteral("'delivery' must be an object of 'headers' and 'pointers'");
        return false;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == QLatin1String("headers")) {
            if (!stringList(it.value(), false, &kind->deliveryHeaders)
                || std::any_of(kind->deliveryHeaders.cbegin(), kind->deliveryHeaders.cend(), [](const QString &name) {
                       return name.isEmpty() || name.size() > 200 || name.contains(u':') || name.contains(u' ');
                   })) {
                *problem = QStringLiteral("'delivery.headers' must list header names");
                return false;
            }
        } else if (it.key() == QLatin1String("pointers")) {
            if (!stringList(it.value(), true, &kind->deliveryPointers)) {
                *problem = QStringLiteral("'delivery.pointers' must list JSON pointers");
                return false;
            }
        } else {
            *problem = QStringLiteral("unknown member 'delivery.%1'").arg(it.key());
            return false;
        }
    }
    return true;
}

// Fills kind from a .kind.json object; the schema is loaded afterwards.
bool parseKind(const QJsonObject &object, const QString &kindFile, Kind *kind, bool *matchGiven, QString *problem)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        bool ok = true;
        if (key == QLatin1String("$comment")) {
            // free text
        } else if (key == QLatin1String("id")) {
            ok = value.isString() && value.toString() == kind->id;
            if (!ok)
                *problem = QStringLiteral("'id' must be \"%1\", the file name without %2")
                               .arg(kind->id, QLatin1String(KindLoader::kKindSuffix));
        } else if (key == QLatin1String("title") || key == QLatin1String("eventLabel")
                   || key == QLatin1String("source")) {
            ok = value.isString();
            (key == QLatin1String("title") ? kind->title
             : key == QLatin1String("source") ? kind->sourcePage
                                              : kind->eventLabel)
                = value.toString();
        } else if (key == QLatin1String("pack")) {
            // Only a kind outside a pack folder names its pack (the pack folder decides otherwise).
            ok = value.isString() && KindLoader::isValidPackId(value.toString())
                && (kind->pack.isEmpty() || kind->pack == value.toString());
            kind->pack = value.toString();
        } else if (key == QLatin1String("answer")) {
            ok = value.isString() && KindLoader::isValidId(value.toString());
            kind->answerKind = value.toString();
        } else if (key == QLatin1String("sample")) {
            ok = value.isString() && !value.toString().isEmpty();
            kind->sampleFile = QDir::cleanPath(QFileInfo(kindFile).dir().filePath(value.toString()));
        } else if (key == QLatin1String("schema")) {
            ok = value.isString() && !value.toString().isEmpty();
            kind->schemaFile = QDir::cleanPath(QFileInfo(kindFile).dir().filePath(value.toString()));
        } else if (key == QLatin1String("routes")) {
            ok = stringList(value, false, &kind->routes);
            for (const QString &route : std::as_const(kind->routes))
                ok = ok && KindLoader::isValidRoute(route);
        } else if (key == QLatin1String("match")) {
            *matchGiven = true;
            if (value.isBool() && !value.toBool())
                kind->match.byShape = false; // routes only: a body whose documented members are too few to tell
            else if (!parseMatch(value, &kind->match, problem))
                return false;
        } else if (key == QLatin1String("eventName")) {
            ok = value.isString() && JsonPointer::isValid(value.toString());
            kind->eventNamePointer = value.toString();
        } else if (key == QLatin1String("entityId")) {
            ok = stringList(value, true, &kind->entityIdPointers);
        } else if (key == QLatin1String("delivery")) {
            if (!parseDelivery(value, kind, problem))
                return false;
        } else if (key == QLatin1String("version")) {
            ok = stringList(value, true, &kind->versionPointers);
        } else if (key == QLatin1String("request")) {
            ok = value.isBool();
            kind->request = value.toBool();
        } else {
            *problem = QStringLiteral("unknown member '%1'").arg(key);
            return false;
        }
        if (!ok) {
            if (problem->isEmpty())
                *problem = QStringLiteral("bad value for '%1'").arg(key);
            return false;
        }
    }
    return true;
}

bool attachSchema(Kind *kind, bool matchGiven, QString *error)
{
    QByteArray text;
    if (!readFile(kind->schemaFile, &text, error))
        return false;
    QString problem;
    kind->schema = CompiledSchema::compile(text, &problem);
    if (!kind->schema) {
        *error = QStringLiteral("%1: %2").arg(kind->schemaFile, problem);
        return false;
    }
    if (kind->title.isEmpty())
        kind->title = kind->schema->title().isEmpty() ? kind->id : kind->schema->title();
    if (!matchGiven || kind->match.required.isEmpty())
        kind->match.required = kind->schema->topLevelRequired();
    return true;
}

} // namespace

bool KindLoader::isValidId(const QString &id)
{
    if (id.isEmpty() || id.startsWith(u'.'))
        return false;
    for (const QChar c : id) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'.'
            || c == u'_' || c == u'-';
        if (!ok)
            return false;
    }
    return true;
}

bool KindLoader::isValidPackId(const QString &pack)
{
    return isValidId(pack) && !pack.contains(u'.');
}

bool KindLoader::isValidRoute(const QString &route)
{
    // "/hooks/jicoo" (exact) or "*/service/actions/afterBookAppointment" (the path's end).
    const QString path = route.startsWith(QLatin1String("*/")) ? route.mid(1) : route;
    return path.startsWith(u'/') && path.size() > 1 && !path.contains(u'*') && !path.contains(u'?')
        && !path.contains(u'#') && !path.contains(u' ');
}

std::shared_ptr<const Kind> KindLoader::loadKindFile(const QString &kindFile, Kind::Origin origin, QString *error)
{
    return loadKindFile(kindFile, origin, QString(), error);
}

std::shared_ptr<const Kind> KindLoader::loadKindFile(const QString &kindFile, Kind::Origin origin, const QString &pack,
                                                     QString *error)
{
    auto kind = std::make_shared<Kind>();
    kind->id = idFromFileName(kindFile, kKindSuffix);
    kind->origin = origin;
    kind->pack = pack;
    kind->kindFile = kindFile;
    if (!isValidId(kind->id)) {
        *error = QStringLiteral("%1: \"%2\" is not a valid kind id").arg(kindFile, kind->id);
        return nullptr;
    }
    QByteArray text;
    if (!readFile(kindFile, &text, error))
        return nullptr;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (!doc.isObject()) {
        *error = parseError.error != QJsonParseError::NoError
            ? QStringLiteral("%1: not JSON: %2 at offset %3")
                  .arg(kindFile, parseError.errorString())
                  .arg(parseError.offset)
            : QStringLiteral("%1: must be a JSON object").arg(kindFile);
        return nullptr;
    }
    kind->schemaFile = QFileInfo(kindFile).dir().filePath(kind->id + QLatin1String(kSchemaSuffix));
    bool matchGiven = false;
    QString problem;
    if (!parseKind(doc.object(), kindFile, kind.get(), &matchGiven, &problem)) {
        *error = QStringLiteral("%1: %2").arg(kindFile, problem);
        return nullptr;
    }
    if (!attachSchema(kind.get(), matchGiven, error)) {
        *error = QStringLiteral("%1: schema %2").arg(kindFile, *error);
        return nullptr;
    }
    return kind;
}

std::shared_ptr<const Kind> KindLoader::loadSchemaOnly(const QString &schemaFile, Kind::Origin origin, QString *error)
{
    auto kind = std::make_shared<Kind>();
    kind->id = idFromFileName(schemaFile, kSchemaSuffix);
    kind->origin = origin;
    kind->schemaFile = schemaFile;
    if (!isValidId(kind->id)) {
        *error = QStringLiteral("%1: \"%2\" is not a valid kind id").arg(schemaFile, kind->id);
        return nullptr;
    }
    if (!attachSchema(kind.get(), false, error))
        return nullptr;
    return kind;
}

} // namespace hookscope
