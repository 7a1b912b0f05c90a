// Shared by tst_validator and tst_validatorkeywords: the built-in schemas compiled once, schema text
// compiled with or without inlined leaves, and small helpers to build and describe documents.
#pragma once

#include "common/JsonPatch.h"
#include "schema/CompiledSchema.h"
#include "schema/Rfc3339.h"
#include "schema/Validator.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <tuple>

namespace hookscope::test {

inline const QString kSchemas = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/schemas");
inline const QString kTestData = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/schemas");
inline const QString kSamples = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples");
inline const QStringList kKinds = {QStringLiteral("callback-request"), QStringLiteral("before-book-appointment"),
                                   QStringLiteral("before-book-appointment.response"),
                                   QStringLiteral("hoopai.appointment-update"), QStringLiteral("jicoo")};

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

// inlineLeaves off: every value through valijson's own traversal, for comparison.
std::shared_ptr<const CompiledSchema> builtinSchema(const QString &kind, bool inlineLeaves = true)
{
    static QHash<QString, std::shared_ptr<const CompiledSchema>> cache;
    const QString key = kind + (inlineLeaves ? QStringLiteral("+inline") : QString());
    auto it = cache.find(key);
    if (it == cache.end()) {
        QString error;
        CompiledSchema::Options options;
        options.inlineLeaves = inlineLeaves;
        auto schema = CompiledSchema::compile(readFile(kSchemas + u'/' + kind + QStringLiteral(".schema.json")), &error,
                                              options);
        if (!schema)
            qFatal("%s: %s", qPrintable(kind), qPrintable(error));
        it = cache.insert(key, schema);
    }
    return *it;
}

std::shared_ptr<const CompiledSchema> compileText(const char *schema, bool inlineLeaves = true)
{
    QString error;
    CompiledSchema::Options options;
    options.inlineLeaves = inlineLeaves;
    auto compiled = CompiledSchema::compile(QByteArray(schema), &error, options);
    if (!compiled)
        qWarning("schema refused: %s", qPrintable(error));
    return compiled;
}

inline QByteArray toJson(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

inline QString describe(const Violations &violations)
{
    QStringList lines;
    for (const Violation &v : violations)
        lines.append(QStringLiteral("%1 [%2] %3").arg(v.pointer.isEmpty() ? QStringLiteral("(root)") : v.pointer,
                                                     v.keyword, v.message));
    return lines.join(QStringLiteral("; "));
}

inline Violations validateAs(const QString &kind, const QJsonValue &document)
{
    return Validator(builtinSchema(kind)).validate(toJson(document));
}

inline Violations sorted(Violations violations)
{
    std::sort(violations.begin(), violations.end(), [](const Violation &a, const Violation &b) {
        return std::tie(a.pointer, a.keyword, a.message) < std::tie(b.pointer, b.keyword, b.message);
    });
    return violations;
}

inline QJsonValue baseDocument(const QString &kind, const QString &base)
{
    return QJsonDocument::fromJson(readFile(kTestData + u'/' + kind + u'/' + base)).object();
}


} // namespace hookscope::test
