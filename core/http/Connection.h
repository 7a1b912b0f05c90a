#pragma once

#include "ReceiverConfig.h"
#include "RequestParser.h"
#include "store/Event.h"
#include "trust/EndpointGuard.h"

#include <QObject>
#include <QPointer>
#include <deque>

class QTcpSocket;
class QTimer;

namespace hookscope {

class CaptureSink;
struct CaptureResult;

// One accepted TCP connection: moves bytes between the socket and a RequestParser,
// hands complete requests to the CaptureSink and writes their responses strictly in
// request order once each is stored.
class Connection final : public QObject
{
    Q_OBJECT
public:
    Connection(QTcpSocket *socket, const ReceiverConfig &config, CaptureSink *sink, QObject *parent);
    ~Connection() override;

    [[nodiscard]] int pendingResponses() const { return int(m_slots.size()); }

Q_SIGNALS:
    void closed();

private:
    struct Slot
    {
        bool ready = false;
        bool close = false;
        bool headRequest = false;
        HttpResponse response;
        qint64 eventId = 0;
        qint64 startMonoNs = 0;
        bool rejected = false; // refused by the guard: no sink may replace its answer
    };

    void onReadyRead();
    void onIdleTimeout();
    void handleRequest(ParsedRequest request);
    void handleFailure(const ParseFailure &failure);
    void submit(Event event);
    void complete(quint64 seq, const CaptureResult &result);
    void flush();
    void restartIdleTimer();
    [[nodiscard]] Event makeEvent(const ParsedRequest &request) const;

    QTcpSocket *m_socket; // owned through QObject parenting
    QTimer *m_idleTimer;
    const ReceiverConfig m_config; // a copy: settings changes apply to new connections
    CaptureSink *m_sink; // not owned
    RequestParser m_parser;
    EndpointGuard m_guard;
    std::deque<Slot> m_slots; // unanswered requests, oldest first
    quint64 m_headSeq = 0; // sequence number of m_slots.front()
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
