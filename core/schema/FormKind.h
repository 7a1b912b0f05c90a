#pragma once

#include <QByteArray>
#include <QString>

namespace hookscope {

// The neutral kind of an application/x-www-form-urlencoded body that no kind (route or shape)
// claims (issue 24.17): Slack's slash commands, a payment page's notify URL, an HTML form. Such a
// body is not JSON on purpose, so it is not "not JSON" (a warning) but of this kind, with nothing
// to validate (EventInfo::Validity::Unknown); the Body tab shows its fields.
class FormKind final
{
public:
    [[nodiscard]] static QString id() { return QStringLiteral("form"); }
    [[nodiscard]] static QString title() { return QStringLiteral("URL-encoded form"); }
    // The media type is application/x-www-form-urlencoded (any case, parameters ignored).
    [[nodiscard]] static bool declaredBy(const QByteArray &contentType);
};

} // namespace hookscope
