#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace hookscope {

// What the endpoint demands of a request before a hook may answer it. Empty secret and
// empty allow-list: everything is accepted (the default).
struct GuardConfig
{
    enum class SecretMode {
        Bearer, // Authorization: Bearer SECRET
        Query, // ?NAME=SECRET
        Basic, // Authorization: Basic base64(user:SECRET) (any user), or SECRET = "user:password"
    };

    QByteArray secret;
    SecretMode secretMode = SecretMode::Bearer;
    QByteArray queryName = "token"; // for SecretMode::Query
    // Exact paths ("/hooks/ghl") or prefixes ending in "/*" ("/hooks/*" matches /hooks and
    // everything below it). Empty: every path.
    QList<QByteArray> allowedPaths;

    [[nodiscard]] bool isActive() const { return !secret.isEmpty() || !allowedPaths.isEmpty(); }
    // "bearer", "basic" or "query:NAME" (plain "query" uses "token").
    [[nodiscard]] static bool parseSecretMode(const QString &text, GuardConfig *out, QString *error);
    [[nodiscard]] QString secretModeText() const;
    // A path entry must start with '/'; the error names what is wrong.
    [[nodiscard]] static bool isValidPathEntry(const QString &entry, QString *error);
};

} // namespace hookscope
