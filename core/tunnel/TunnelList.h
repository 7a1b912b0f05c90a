#pragma once

#include <QByteArray>
#include <QString>

namespace hookscope {

// Reads the ngrok agent's GET /api/tunnels answer:
//   {"tunnels":[{"public_url":"https://x.ngrok.app","proto":"https","config":{"addr":"http://localhost:8080"}}]}
class TunnelList final
{
public:
    // The public URL of a tunnel whose local address is this port on this machine, https
    // preferred; empty when none points here. *error (optional) says why an answer was not
    // understood (not JSON, no "tunnels" array).
    [[nodiscard]] static QString publicUrlFor(const QByteArray &json, quint16 port, QString *error = nullptr);
    // Whether an agent's config.addr ("http://localhost:8080", "localhost:8080", "8080",
    // "127.0.0.1:8080", "http://[::1]:8080") reaches this port on this machine.
    [[nodiscard]] static bool addressMatches(const QString &addr, quint16 port);
};

} // namespace hookscope
