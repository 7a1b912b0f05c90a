#pragma once

#include "GuardConfig.h"
#include "event/HttpMessage.h"

namespace hookscope {

struct GuardDecision
{
    int status = 0; // 0: accepted; else 401 or 404
    QByteArray reason; // one line, for the response body, the event and the log

    [[nodiscard]] bool accepted() const { return status == 0; }
};

// Decides, from the request alone and before any hook answers, whether the endpoint
// accepts it: the shared secret (401) first, so that a client without it learns nothing
// about which paths exist, then the path allow-list (404). A refused request is still
// recorded; only its answer changes.
class EndpointGuard final
{
public:
    explicit EndpointGuard(GuardConfig config = {});

    [[nodiscard]] GuardDecision check(const QByteArray &target, const HeaderList &headers) const;
    // The answer for a refused request: the status, the reason as plain text and, for 401,
    // the WWW-Authenticate challenge of the configured mode.
    [[nodiscard]] HttpResponse responseFor(const GuardDecision &decision) const;
    [[nodiscard]] const GuardConfig &config() const { return m_config; }

    // The path of a request target with "." and ".." segments removed (what the
    // allow-list is matched against).
    [[nodiscard]] static QByteArray normalizedPath(const QByteArray &target);

private:
    [[nodiscard]] GuardDecision checkSecret(const QByteArray &target, const HeaderList &headers) const;
    [[nodiscard]] bool pathAllowed(const QByteArray &path) const;

    GuardConfig m_config;
};

} // namespace hookscope
