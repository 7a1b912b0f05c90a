#pragma once

#include "event/HttpMessage.h"
#include "RequestParser.h"
#include "trust/GuardConfig.h"

#include <QHostAddress>

namespace hookscope {

struct ReceiverConfig
{
    QHostAddress bindAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8080; // 0 picks a free port
    ParserLimits limits;
    int idleTimeoutMs = 30'000; // nothing received for this long → 408 and close
    int headTimeoutMs = 60'000; // a request head not complete this long after its first byte → 408 and close
    int firstByteTimeoutMs = 10'000; // a connection that sends nothing this long after accept → closed
    qint64 maxUnsentBytes = 1024 * 1024; // stop reading a client whose unsent answers reach this
    qint64 decodeBudgetBytes = 256 * 1024 * 1024; // decoded bodies in memory at once, all connections
    int maxConnections = 1024; // accepting pauses at this many open connections
    int maxPipelined = 64; // stop reading a connection with this many unanswered requests
    qint64 maxDecodedBytes = 64 * 1024 * 1024; // cap for Content-Encoding decoding
    HttpResponse defaultResponse = defaultAnswer();
    GuardConfig guard; // shared secret and path allow-list (core/trust)

    [[nodiscard]] static HttpResponse defaultAnswer()
    {
        HttpResponse r;
        r.status = 200;
        r.headers = {{"Content-Type", "application/json"}};
        r.body = R"({"ok":true})";
        return r;
    }
};

} // namespace hookscope
