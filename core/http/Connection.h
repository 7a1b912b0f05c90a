#pragma once

#include "DecodeBudget.h"
#include "ReceiverConfig.h"
#include "RequestParser.h"
#include "event/Event.h"
#include "trust/EndpointGuard.h"

#include <QObject>
#include <QPointer>
#include <deque>
#include <optional>

class QTcpSocket;
class QTimer;

namespace hookscope {

class BodyDecoder;
class CaptureSink;
struct CaptureResult;
struct DecodedBody;

// One accepted TCP connection: moves bytes between the socket and a RequestParser,
// hands complete requests to the CaptureSink and writes their responses strictly in
// request order once each is stored.
class Connection final : public QObject
{
    Q_OBJECT
public:
    Connection(QTcpSocket *socket, const ReceiverConfig &config, CaptureSink *sink, BodyDecoder *decoder,
               QObject *parent);
    ~Connection() override;

    [[nodiscard]] int pendingResponses() const { return int(m_slots.size()); }
    // Nothing owed either way: no request under way, no answer owed or unsent. Such a
    // connection may be closed to make room for a new one at the connection cap.
    [[nodiscard]] bool isIdle() const;
    // Not one byte received yet.
    [[nodiscard]] bool isSilent() const { return !m_spoke; }
    // Monotonic ns of the last byte received (or of the accept).
    [[nodiscard]] qint64 lastActivityNs() const { return m_lastActivityNs; }
    // The most bytes that waited in this connection's output buffer at once.
    [[nodiscard]] qint64 peakUnsentBytes() const { return m_peakUnsent; }
    // Closes an idle connection at once (the connection cap needs its place); no closed().
    void evict();

Q_SIGNALS:
    void closed();
    // The last answer went out and nothing is under way: isIdle() turned true.
    void becameIdle();

private:
    struct Slot
    {
        bool ready = false;
        bool close = false;
        bool headRequest = false;
        HttpResponse response;
        qint64 eventId = 0;
        qint64 startMonoNs = 0;
        bool rejected = false; // refused (guard, decoded size): no sink may replace its answer
        std::optional<Event> unsubmitted = std::nullopt; // not handed to the sink yet (HTTP order)
        bool decoding = false; // its body is being decoded; it and the slots behind it wait
        DecodeLease lease = nullptr; // the decode budget its decoded body holds until stored
    };

    void onReadyRead();
    void onBytesWritten();
    void onDisconnected();
    void onIdleTimeout();
    void handleRequest(ParsedRequest request);
    void handleFailure(const ParseFailure &failure);
    void onDecoded(quint64 seq, DecodedBody decoded);
    void submitReady();
    void submit(Event event, quint64 seq, DecodeLease lease);
    void complete(quint64 seq, const CaptureResult &result);
    void flush();
    void closeAfterWriting();
    void restartIdleTimer();
    void resumeReadingIfDrained();
    [[nodiscard]] bool outputBacklogged() const;
    [[nodiscard]] Event makeEvent(const ParsedRequest &request) const;

    QTcpSocket *m_socket; // owned through QObject parenting
    QTimer *m_idleTimer;
    const ReceiverConfig m_config; // a copy: settings changes apply to new connections
    CaptureSink *m_sink; // not owned
    BodyDecoder *m_decoder; // not owned (the receiver's); outlives its connections
    RequestParser m_parser;
    EndpointGuard m_guard;
    std::deque<Slot> m_slots; // unanswered requests, oldest first
    quint64 m_headSeq = 0; // sequence number of m_slots.front()
    quint64 m_nextSubmitSeq = 0; // the first slot not yet handed to the sink
    QByteArray m_unparsed; // read from the socket, not parsed yet: back-pressure stopped us mid-read
    qint64 m_lastActivityNs = 0;
    qint64 m_peakUnsent = 0;
    bool m_spoke = false;
    bool m_gone = false; // the socket closed: whatever is stored from now on went unanswered
    bool m_continueOwed = false;
    bool m_stopReading = false;
    bool m_closing = false;
    bool m_answeredOnce = false;
    // When the request head now arriving began (monotonic ns; -1: none): the head must be
    // complete within m_config.headTimeoutMs, however slowly its bytes trickle in. The idle
    // timer doubles as its deadline (m_headDeadlineArmed) — no second timer per connection.
    qint64 m_headStartNs = -1;
    bool m_headDeadlineArmed = false;
};

} // namespace hookscope
