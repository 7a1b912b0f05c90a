#pragma once

#include "JsonScanner.h"
#include "ViolationEntry.h"

#include <QHash>
#include <QStringList>

namespace hookscope {

enum class ViolationState;

// Which JSON pointers of one document lie on a violation's path, with the messages to show
// there. Built once per document and violation list; looked up by node pointer.
class ViolationMarks final
{
public:
    // Pointers are resolved against `json` (validated JSON): one that leads past the end of
    // the document (a missing required property) marks the deepest value that exists.
    void build(const QByteArray &json, const QList<ViolationEntry> &violations);
    void clear() { m_marks.clear(); }
    [[nodiscard]] bool isEmpty() const { return m_marks.isEmpty(); }
    [[nodiscard]] ViolationState state(const QString &pointer) const;
    // Offending: this node's messages; on the path: "pointer: message" of those below.
    [[nodiscard]] QStringList messages(const QString &pointer) const;

    // "/a~1b/0" → {"a/b", "0"}; "" → {}.
    [[nodiscard]] static QStringList tokens(const QString &pointer);
    [[nodiscard]] static QString escapeToken(const QString &token);
    // The pointer of the deepest value along `pointer` that exists in `json`.
    [[nodiscard]] static QString resolve(const QByteArray &json, const QString &pointer);
    // The same walk, giving the deepest existing value's byte span (and its pointer when asked).
    [[nodiscard]] static JsonSpan resolveSpan(const QByteArray &json, const QString &pointer, QString *resolved = nullptr);

private:
    struct Mark
    {
        bool offending = false;
        QStringList messages;
    };
    QHash<QString, Mark> m_marks;
};

} // namespace hookscope
