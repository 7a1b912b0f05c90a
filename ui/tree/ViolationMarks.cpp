#include "ViolationMarks.h"

#include "JsonScanner.h"
#include "JsonTreeModel.h"

namespace hookscope {

QStringList ViolationMarks::tokens(const QString &pointer)
{
    if (pointer.isEmpty())
        return {};
    QStringList out = pointer.mid(pointer.startsWith(QLatin1Char('/')) ? 1 : 0).split(QLatin1Char('/'));
    for (QString &token : out) {
        token.replace(QLatin1String("~1"), QLatin1String("/"));
        token.replace(QLatin1String("~0"), QLatin1String("~"));
    }
    return out;
}

QString ViolationMarks::escapeToken(const QString &token)
{
    return JsonTreeModel::escapePointerToken(token);
}

QString ViolationMarks::resolve(const QByteArray &json, const QString &pointer)
{
    QString resolved;
    (void)resolveSpan(json, pointer, &resolved);
    return resolved;
}

JsonSpan ViolationMarks::resolveSpan(const QByteArray &json, const QString &pointer, QString *resolvedOut)
{
    JsonSpan span = JsonScanner::root(json);
    QString resolved;
    const QStringList path = tokens(pointer);
    for (const QString &token : path) {
        const JsonType type = JsonScanner::typeOf(json, span);
        if (type != JsonType::Object && type != JsonType::Array)
            break;
        const QList<JsonMember> members = JsonScanner::members(json, span);
        bool found = false;
        if (type == JsonType::Array) {
            bool ok = false;
            const int index = token.toInt(&ok);
            if (ok && index >= 0 && index < members.size() && token == QString::number(index)) {
                span = members[index].value;
                found = true;
            }
        } else {
            // The last of duplicate keys wins, as in most parsers.
            for (qsizetype i = members.size() - 1; i >= 0 && !found; --i) {
                if (JsonScanner::unescape(json, members[i].key) == token) {
                    span = members[i].value;
                    found = true;
                }
            }
        }
        if (!found)
            break;
        if (resolvedOut)
            resolved += QLatin1Char('/') + escapeToken(token);
    }
    if (resolvedOut)
        *resolvedOut = resolved;
    return span;
}

void ViolationMarks::build(const QByteArray &json, const QList<ViolationEntry> &violations)
{
    m_marks.clear();
    for (const ViolationEntry &v : violations) {
        const QString at = resolve(json, v.pointer);
        Mark &mark = m_marks[at];
        mark.offending = true;
        mark.messages.append(at == v.pointer ? v.message : QStringLiteral("%1: %2").arg(v.pointer, v.message));
        // Every ancestor, up to the document itself ("").
        QString ancestor = at;
        while (!ancestor.isEmpty()) {
            ancestor.truncate(ancestor.lastIndexOf(QLatin1Char('/')));
            m_marks[ancestor].messages.append(QStringLiteral("%1: %2").arg(v.pointer.isEmpty() ? QStringLiteral("/") : v.pointer,
                                                                            v.message));
        }
    }
}

ViolationState ViolationMarks::state(const QString &pointer) const
{
    const auto it = m_marks.constFind(pointer);
    if (it == m_marks.constEnd())
        return ViolationState::None;
    return it->offending ? ViolationState::Offending : ViolationState::OnPath;
}

QStringList ViolationMarks::messages(const QString &pointer) const
{
    return m_marks.value(pointer).messages;
}

} // namespace hookscope
