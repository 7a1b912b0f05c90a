#include "TranslationReport.h"

#include "TranslationIndex.h"

#include <QJsonArray>
#include <QStringList>

namespace hookscope {

namespace {

// Compact JSON of one value (QJsonDocument holds only objects and arrays).
QString jsonText(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

// Members are written by hand: QJsonObject would sort them, and the order is documented.
QString fieldJson(const TranslationIndex &index, const TranslatedField &field)
{
    QStringList values;
    for (const QString &language : index.languages()) {
        const TranslationEntry *entry = field.entry(language);
        if (!entry)
            continue;
        const QJsonValue value = entry->isNull ? QJsonValue(QJsonValue::Null) : QJsonValue(entry->text);
        values.append(jsonText(language) + u':' + jsonText(value));
    }
    return QStringLiteral("{\"pointer\":%1,\"owner\":%2,\"values\":{%3}}")
        .arg(jsonText(field.pointer()), jsonText(field.owner()), values.join(u','));
}

QString line(const QString &file, const QStringList &languages, const QStringList &fields,
             const QStringList &missing)
{
    QStringList quoted;
    for (const QString &language : languages)
        quoted.append(jsonText(language));
    return QStringLiteral("{\"file\":%1,\"languages\":[%2],\"fields\":[%3],\"missing\":[%4]")
        .arg(jsonText(file), quoted.join(u','), fields.join(u','), missing.join(u','));
}

} // namespace

QString TranslationReport::escapeTsv(const QString &text)
{
    QString escaped;
    escaped.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'\\': escaped += QLatin1String("\\\\"); break;
        case u'\t': escaped += QLatin1String("\\t"); break;
        case u'\n': escaped += QLatin1String("\\n"); break;
        case u'\r': escaped += QLatin1String("\\r"); break;
        default: escaped += c;
        }
    }
    return escaped;
}

QString TranslationReport::tsv(const TranslationIndex &index)
{
    QStringList header{QStringLiteral("pointer"), QStringLiteral("owner")};
    for (const QString &language : index.languages())
        header.append(escapeTsv(language));
    QString text = header.join(u'\t') + u'\n';
    for (const TranslatedField &field : index.fields()) {
        QStringList cells{escapeTsv(field.pointer()), escapeTsv(field.owner())};
        for (const QString &language : index.languages()) {
            const TranslationEntry *entry = field.entry(language);
            cells.append(!entry ? missingMarker : entry->isNull ? nullMarker : escapeTsv(entry->text));
        }
        text += cells.join(u'\t') + u'\n';
    }
    return text;
}

QString TranslationReport::jsonLine(const QString &file, const TranslationIndex &index)
{
    QStringList fields;
    for (const TranslatedField &field : index.fields())
        fields.append(fieldJson(index, field));
    QStringList missing;
    for (const MissingTranslation &gap : index.missing()) {
        missing.append(QStringLiteral("{\"pointer\":%1,\"language\":%2}")
                           .arg(jsonText(index.field(gap.field).pointer()), jsonText(gap.language)));
    }
    return line(file, index.languages(), fields, missing) + QStringLiteral("}\n");
}

QString TranslationReport::jsonErrorLine(const QString &file, const QString &error)
{
    return line(file, {}, {}, {}) + QStringLiteral(",\"error\":%1}\n").arg(jsonText(error));
}

} // namespace hookscope
