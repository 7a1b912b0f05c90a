#include "SavedViewSet.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace hookscope {

namespace {

constexpr int kMaxColumns = 64;
constexpr int kMaxKeyLength = 64;
const QString kViews = QStringLiteral("views");

// One view of the file; an empty return: usable.
QString readView(const QJsonValue &value, SavedView *out)
{
    if (!value.isObject())
        return QStringLiteral("a view is a JSON object");
    const QJsonObject o = value.toObject();
    SavedView view;
    const QJsonValue name = o.value(QStringLiteral("name"));
    if (!name.isString() || name.toString().trimmed().isEmpty())
        return QStringLiteral("'name' must be a non-empty text");
    view.name = name.toString().trimmed();
    if (view.name.size() > SavedViewSet::kMaxNameLength)
        return QStringLiteral("'name' is longer than %1 characters").arg(SavedViewSet::kMaxNameLength);
    const QJsonValue query = o.value(QStringLiteral("query"));
    if (!query.isUndefined() && !query.isString())
        return QStringLiteral("'query' must be a text");
    view.query = query.toString();
    if (view.query.size() > SavedViewSet::kMaxQueryLength)
        return QStringLiteral("'query' is longer than %1 characters").arg(SavedViewSet::kMaxQueryLength);
    const QJsonValue columns = o.value(QStringLiteral("columns"));
    if (!columns.isUndefined() && !columns.isArray())
        return QStringLiteral("'columns' must be a list of column names");
    const QJsonArray list = columns.toArray();
    if (list.size() > kMaxColumns)
        return QStringLiteral("'columns' lists more than %1 names").arg(kMaxColumns);
    for (const QJsonValue &column : list) {
        if (!column.isString() || column.toString().isEmpty() || column.toString().size() > kMaxKeyLength)
            return QStringLiteral("'columns' must be a list of column names");
        if (!view.columns.contains(column.toString()))
            view.columns.append(column.toString());
    }
    const QJsonValue sort = o.value(QStringLiteral("sort"));
    if (!sort.isUndefined()) {
        const QJsonObject s = sort.toObject();
        const QJsonValue column = s.value(QStringLiteral("column"));
        const QString order = s.value(QStringLiteral("order")).toString(QStringLiteral("descending"));
        if (!sort.isObject() || !column.isString() || column.toString().isEmpty() || column.toString().size() > kMaxKeyLength
            || (order != QLatin1String("ascending") && order != QLatin1String("descending")))
            return QStringLiteral("'sort' is {\"column\": \"time\", \"order\": \"ascending\" or \"descending\"}");
        view.sortColumn = column.toString();
        view.sortDescending = order == QLatin1String("descending");
    }
    const QJsonValue vendor = o.value(QStringLiteral("vendor"));
    if (!vendor.isUndefined() && (!vendor.isString() || vendor.toString().size() > kMaxKeyLength))
        return QStringLiteral("'vendor' must be a pack id");
    view.vendor = vendor.toString();
    *out = std::move(view);
    return {};
}

} // namespace

bool SavedViewSet::fromJson(const QByteArray &json, QList<SavedView> *out, QString *error, QStringList *problems)
{
    out->clear();
    if (json.size() > kMaxFileBytes) {
        *error = QStringLiteral("a views file is at most %1 KiB").arg(kMaxFileBytes / 1024);
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset);
        return false;
    }
    if (!doc.isObject() || !doc.object().value(kViews).isArray()) {
        *error = QStringLiteral("a views file is a JSON object {\"views\": [ … ]}");
        return false;
    }
    const QJsonArray list = doc.object().value(kViews).toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (out->size() == kMaxViews) {
            problems->append(QStringLiteral("views after the first %1 are left out").arg(kMaxViews));
            break;
        }
        SavedView view;
        if (const QString problem = readView(list.at(i), &view); !problem.isEmpty())
            problems->append(QStringLiteral("view %1: %2").arg(i + 1).arg(problem));
        else
            out->append(std::move(view));
    }
    return true;
}

QByteArray SavedViewSet::toJson(const QList<SavedView> &views)
{
    QJsonArray list;
    for (const SavedView &view : views) {
        QJsonObject o{{QStringLiteral("name"), view.name}, {QStringLiteral("query"), view.query}};
        if (!view.columns.isEmpty())
            o.insert(QStringLiteral("columns"), QJsonArray::fromStringList(view.columns));
        if (!view.sortColumn.isEmpty())
            o.insert(QStringLiteral("sort"),
                     QJsonObject{{QStringLiteral("column"), view.sortColumn},
                                 {QStringLiteral("order"), view.sortDescending ? QStringLiteral("descending")
                                                                               : QStringLiteral("ascending")}});
        if (!view.vendor.isEmpty())
            o.insert(QStringLiteral("vendor"), view.vendor);
        list.append(o);
    }
    return QJsonDocument(QJsonObject{{kViews, list}}).toJson(QJsonDocument::Indented);
}

SavedViewSet::Loaded SavedViewSet::load(const QString &path)
{
    Loaded loaded;
    QFile file(path);
    loaded.exists = file.exists();
    if (!loaded.exists)
        return loaded;
    if (!file.open(QIODevice::ReadOnly)) {
        loaded.error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return loaded;
    }
    // One byte more than allowed tells "too big" apart from "exactly the limit".
    const QByteArray bytes = file.read(kMaxFileBytes + 1);
    QString error;
    if (!fromJson(bytes, &loaded.views, &error, &loaded.problems))
        loaded.error = QStringLiteral("%1: %2").arg(path, error);
    for (QString &problem : loaded.problems)
        problem = QStringLiteral("%1: %2").arg(path, problem);
    return loaded;
}

bool SavedViewSet::save(const QString &path, const QList<SavedView> &views, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson(views)) < 0 || !file.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QString SavedViewSet::keepAside(const QString &path)
{
    QString aside = path + QStringLiteral(".broken");
    for (int n = 2; QFile::exists(aside) && n < 1000; ++n)
        aside = path + QStringLiteral(".broken%1").arg(n);
    return QFile::copy(path, aside) ? aside : QString();
}

QString SavedViewSet::userFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QStringLiteral("/views.json");
}

QList<SavedView> SavedViewSet::shipped(const QString &packsDir, const QStringList &packIds, QStringList *problems)
{
    QList<SavedView> views;
    for (const QString &id : packIds) {
        const QString path = QDir(packsDir).filePath(id + QStringLiteral("/views.json"));
        if (!QFile::exists(path))
            continue;
        Loaded loaded = load(path);
        if (problems) {
            if (!loaded.error.isEmpty())
                problems->append(loaded.error);
            problems->append(loaded.problems);
        }
        for (SavedView &view : loaded.views) {
            view.vendor = id;
            views.append(std::move(view));
        }
    }
    return views;
}

} // namespace hookscope
