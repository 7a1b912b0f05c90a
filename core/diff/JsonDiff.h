#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace hookscope {

// Compares two JSON documents field by field: what a newer event of the same entity
// added, removed or changed against the previous one. Objects are compared by key, arrays
// by index (an insertion at the front shows as every later item changed, plus one added:
// exact, and predictable for the reader). Only leaves and whole added/removed subtrees are
// reported; an unchanged subtree costs one deep comparison.
class JsonDiff final
{
public:
    struct Change
    {
        enum class Kind { Added, Removed, Changed };

        QString pointer; // RFC 6901, "" for the whole document
        Kind kind = Kind::Changed;
        QString oldValue; // compact JSON text; empty when added
        QString newValue; // compact JSON text; empty when removed

        friend bool operator==(const Change &, const Change &) = default;
    };

    // Changes from `before` to `after`, in document order (object keys sorted, as
    // QJsonObject keeps them).
    [[nodiscard]] static QList<Change> compare(const QJsonValue &before, const QJsonValue &after);
    // Parses both documents first; returns false (and says why in `error`) when one of
    // them is not JSON.
    [[nodiscard]] static bool compare(const QByteArray &before, const QByteArray &after, QList<Change> *changes,
                                      QString *error);
    // A value as compact JSON text: strings quoted, containers on one line.
    [[nodiscard]] static QString valueText(const QJsonValue &value);
    [[nodiscard]] static QString escapeToken(const QString &key);

private:
    static void walk(const QString &pointer, const QJsonValue &before, const QJsonValue &after, QList<Change> *out);
};

} // namespace hookscope
