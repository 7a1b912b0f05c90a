#include "FieldCheck.h"

namespace hookscope {

QString FieldCheck::fieldProblem(const QByteArray &bytes, const QString &field)
{
    for (const char c : bytes) {
        const char *what = c == '\r' ? "a carriage return (CR)" : c == '\n' ? "a line feed (LF)" : c == '\0' ? "a NUL byte" : nullptr;
        if (what)
            return QStringLiteral("%1 holds %2, which HTTP forbids there").arg(field, QLatin1String(what));
    }
    return {};
}

QString FieldCheck::problem(const QByteArray &method, const QByteArray &target, const HeaderList &headers)
{
    if (QString p = fieldProblem(method, QStringLiteral("method")); !p.isEmpty())
        return p;
    if (QString p = fieldProblem(target, QStringLiteral("target")); !p.isEmpty())
        return p;
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const auto &[name, value] = headers.at(i);
        if (QString p = fieldProblem(name, QStringLiteral("header %1 name").arg(i)); !p.isEmpty())
            return p;
        if (QString p = fieldProblem(value, QStringLiteral("header %1 (%2) value").arg(i).arg(QString::fromLatin1(name)));
            !p.isEmpty())
            return p;
    }
    return {};
}

} // namespace hookscope
