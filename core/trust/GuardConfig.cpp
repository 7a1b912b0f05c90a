#include "GuardConfig.h"

namespace hookscope {

bool GuardConfig::parseSecretMode(const QString &text, GuardConfig *out, QString *error)
{
    const QString mode = text.trimmed();
    if (mode.compare(QLatin1String("bearer"), Qt::CaseInsensitive) == 0) {
        out->secretMode = SecretMode::Bearer;
        return true;
    }
    if (mode.compare(QLatin1String("basic"), Qt::CaseInsensitive) == 0) {
        out->secretMode = SecretMode::Basic;
        return true;
    }
    if (mode.compare(QLatin1String("query"), Qt::CaseInsensitive) == 0) {
        out->secretMode = SecretMode::Query;
        out->queryName = "token";
        return true;
    }
    if (mode.startsWith(QLatin1String("query:"), Qt::CaseInsensitive)) {
        const QString name = mode.mid(6);
        if (name.isEmpty() || name.contains(QLatin1Char('&')) || name.contains(QLatin1Char('='))) {
            *error = QStringLiteral("'%1' needs a parameter name without '&' or '=' after 'query:'").arg(text);
            return false;
        }
        out->secretMode = SecretMode::Query;
        out->queryName = name.toUtf8();
        return true;
    }
    *error = QStringLiteral("'%1' is not bearer, basic or query:NAME").arg(text);
    return false;
}

QString GuardConfig::secretModeText() const
{
    switch (secretMode) {
    case SecretMode::Bearer:
        return QStringLiteral("bearer");
    case SecretMode::Basic:
        return QStringLiteral("basic");
    case SecretMode::Query:
        break;
    }
    return QStringLiteral("query:") + QString::fromUtf8(queryName);
}

bool GuardConfig::isValidPathEntry(const QString &entry, QString *error)
{
    if (!entry.startsWith(QLatin1Char('/'))) {
        *error = QStringLiteral("'%1' does not start with '/'").arg(entry);
        return false;
    }
    if (entry.contains(QLatin1Char('?')) || entry.contains(QLatin1Char(' '))) {
        *error = QStringLiteral("'%1' is a path: no query string, no spaces").arg(entry);
        return false;
    }
    const qsizetype star = entry.indexOf(QLatin1Char('*'));
    if (star >= 0 && (star != entry.size() - 1 || !entry.endsWith(QLatin1String("/*")))) {
        *error = QStringLiteral("'%1': '*' is allowed only as a final \"/*\"").arg(entry);
        return false;
    }
    return true;
}

} // namespace hookscope
