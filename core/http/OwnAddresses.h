#pragma once

#include <QString>

class QHostAddress;
class QUrl;

namespace hookscope {

// Where this process can be reached: the ports its receivers listen on and the public URL of
// the tunnel in front of them. Forward and replay ask it before sending, so that no spelling
// of "ourselves" (localhost, 127.0.0.1, ::1, 0.0.0.0, [::], this machine's addresses, the ngrok
// URL) turns one request into an endless loop. Process-wide because "ourselves" is: the
// receiver registers when it listens, the tunnel watcher when the URL changes. Thread-safe.
class OwnAddresses final
{
public:
    static void addListener(const QHostAddress &bind, quint16 port);
    static void removeListener(const QHostAddress &bind, quint16 port);
    static void setPublicUrl(const QString &url); // empty: no tunnel
    // Empty when `url` is somewhere else; else why sending there would come back here.
    [[nodiscard]] static QString loopProblem(const QUrl &url);
    // A name for this process in hop markers (Via: 1.1 hookscope-<instanceId>): random, fixed
    // for the process's life, different for each Hookscope running.
    [[nodiscard]] static QByteArray instanceId();
};

} // namespace hookscope
