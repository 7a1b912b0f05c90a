#pragma once

#include <QStringList>

#include <optional>

namespace hookscope {

struct AppOptions;

// The settings the command line overrides for this session (--port, --bind, --max-body, …):
// they win over the settings file while the window runs and are never written into it (the
// README: the option "wins for that session"). A setting the user then changes in the Settings
// dialog ends its option's override: the user's new choice wins from then on.
class SessionOverrides final
{
public:
    explicit SessionOverrides(const AppOptions &options);

    // The command-line options still in force (AppOptions::givenOptions for AppSettings::apply).
    [[nodiscard]] QStringList givenOptions() const { return m_given; }
    [[nodiscard]] bool portGiven() const { return m_portGiven; }
    // The settings keys the dialog changed ("receiver/port", …) end their options' overrides.
    void release(const QStringList &changedKeys);

    // The port the user last asked the receiver to listen on (the toolbar's, before 0 became
    // the port picked for it).
    void setAskedPort(quint16 port) { m_askedPort = port; }
    // The port to remember in the settings file: none while it is the command line's.
    [[nodiscard]] std::optional<quint16> portToSave() const;

private:
    QStringList m_given;
    bool m_portGiven;
    quint16 m_askedPort;
};

} // namespace hookscope
