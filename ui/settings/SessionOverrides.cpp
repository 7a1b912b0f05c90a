#include "SessionOverrides.h"

#include "app/AppOptions.h"
#include "app/AppSettings.h"

#include <array>
#include <utility>

namespace hookscope {

namespace {
// Each settings key and the command-line options that override it (as in AppSettings::apply).
const std::array<std::pair<const char *, QStringList>, 11> kOptionsOfKey{{
    {AppSettings::Port, {QStringLiteral("port")}},
    {AppSettings::Bind, {QStringLiteral("bind")}},
    {AppSettings::MaxBody, {QStringLiteral("max-body")}},
    {AppSettings::MaxHead, {QStringLiteral("max-head")}},
    {AppSettings::IdleTimeout, {QStringLiteral("idle-timeout")}},
    {AppSettings::MaxConnections, {QStringLiteral("max-connections")}},
    {AppSettings::InspectTimeout, {QStringLiteral("inspect-timeout")}},
    {AppSettings::NgrokApi, {QStringLiteral("ngrok-api")}},
    {AppSettings::AnswerStatus, {QStringLiteral("response-status")}},
    {AppSettings::AnswerHeaders, {QStringLiteral("response-header")}},
    {AppSettings::AnswerBody, {QStringLiteral("response-body"), QStringLiteral("response-body-file")}},
}};
} // namespace

SessionOverrides::SessionOverrides(const AppOptions &options)
    : m_given(options.givenOptions)
    , m_portGiven(options.portGiven || options.givenOptions.contains(QStringLiteral("port")))
    , m_askedPort(options.receiver.port)
{
}

void SessionOverrides::release(const QStringList &changedKeys)
{
    for (const auto &[key, options] : kOptionsOfKey) {
        if (!changedKeys.contains(QLatin1String(key)))
            continue;
        for (const QString &option : options)
            m_given.removeAll(option);
        if (qstrcmp(key, AppSettings::Port) == 0)
            m_portGiven = false;
    }
}

std::optional<quint16> SessionOverrides::portToSave() const
{
    if (m_portGiven)
        return std::nullopt;
    return m_askedPort;
}

} // namespace hookscope
