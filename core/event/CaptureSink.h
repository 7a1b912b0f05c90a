#pragma once

#include "event/Event.h"

#include <functional>
#include <optional>

namespace hookscope {

struct CaptureResult
{
    bool stored = false;
    qint64 id = 0;
    QString error; // why it could not be stored
    // Stored, but the answer is held (a hook waiting for the user): `done` is called a second
    // time, with the answer, or never when the client leaves first.
    bool held = false;
    // The answer the sink decided (a held hook answered, a --respond preset); replaces the
    // connection's default response. Never sent to a request the EndpointGuard refused: that
    // one keeps its 401/404.
    std::optional<HttpResponse> response = std::nullopt;
    // Stored, and the connection is to close without a byte of answer (an answer rule's "drop").
    bool drop = false;
};

using CaptureDone = std::function<void(const CaptureResult &)>;

// Where a connection hands a finished exchange. `done` runs on the caller's thread once
// the event is durably stored (or could not be); only then may a 2xx be written.
class CaptureSink
{
public:
    virtual ~CaptureSink() = default;
    virtual void submit(Event event, CaptureDone done) = 0;
    // The response for a stored event went out: record how long handling took.
    virtual void responded(qint64 id, qint64 handlingUs) = 0;
    // The client closed its connection while the stored event `id` was held, unanswered.
    virtual void clientGone(qint64 id) { Q_UNUSED(id) }
    // The client closed its connection (or half-closed it, which Qt cannot tell apart) before
    // the answer to the stored, not held, event `id` went out: nothing was sent.
    virtual void unanswered(qint64 id, qint64 afterMs) { Q_UNUSED(id) Q_UNUSED(afterMs) }
};

} // namespace hookscope
