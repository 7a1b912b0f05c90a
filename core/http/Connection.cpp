#include "Connection.h"

#include "CaptureSink.h"
#include "ContentDecoding.h"
#include "Log.h"
#include "trust/SecretRedaction.h"
#include "trust/TrustLog.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTimer>

namespace hookscope {

namespace {
qint64 monotonicNs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.nsecsElapsed();
}
} // namespace

Connection::Connection(QTcpSocket *socket, const ReceiverConfig &config, CaptureSink *sink, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_idleTimer(new QTimer(this))
    , m_config(config)
    , m_sink(sink)
    , m_parser(config.limits)
    , m_guard(config.guard)
{
    m_socket->setParent(this);
    // Responses are written in one piece, but pipelined ones may go out back to back:
    // never let Nagle hold them for a delayed ACK.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setReadBufferSize(1024 * 1024);
    m_idleTimer->setSingleShot(true);
    m_idleTimer->setInterval(m_config.idleTimeoutMs);
    connect(m_idleTimer, &QTimer::timeout, this, &Connection::onIdleTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        if (!m_slots.empty())
            qCDebug(lcHttp) << "client left with" << m_slots.size() << "unanswered request(s)";
        for (const Slot &slot : m_slots) {
            if (slot.eventId > 0 && !slot.ready)
                m_sink->clientGone(slot.eventId); // a held hook nobody will receive
        }
        Q_EMIT closed();
        deleteLater();
    });
    restartIdleTimer();
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &Connection::onReadyRead, Qt::QueuedConnection);
}

Connection::~Connection() = default;

void Connection::restartIdleTimer()
{
    if (m_closing)
        return;
    // Whichever comes first: the idle timeout, or the end of the time the head may take.
    int interval = m_config.idleTimeoutMs;
    m_headDeadlineArmed = false;
    if (m_headStartNs >= 0 && m_config.headTimeoutMs > 0) {
        const qint64 leftMs = (m_headStartNs + qint64(m_config.headTimeoutMs) * 1'000'000 - monotonicNs()) / 1'000'000;
        if (interval <= 0 || leftMs < interval) {
            interval = int(qMax<qint64>(0, leftMs));
            m_headDeadlineArmed = true;
        }
    }
    if (interval > 0 || m_headDeadlineArmed)
        m_idleTimer->start(interval);
    else
        m_idleTimer->stop();
}

void Connection::onReadyRead()
{
    if (m_closing || m_stopReading)
        return;
    char buffer[64 * 1024];
    while (!m_parser.hasFailed() && !m_parser.upgraded() && int(m_slots.size()) < m_config.maxPipelined) {
        const qint64 n = m_socket->read(buffer, sizeof(buffer));
        if (n <= 0)
            break;
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        const qint64 nowNs = monotonicNs();
        if (m_headStartNs < 0 && (!m_parser.inMessage() || m_parser.inHead()))
            m_headStartNs = nowNs; // the first bytes of a head (or the blank lines allowed before one)
        m_parser.feed(buffer, qsizetype(n), nowMs, nowNs);
        bool completed = false;
        while (m_parser.hasRequest()) {
            completed = true;
            handleRequest(m_parser.takeRequest());
        }
        if (m_parser.inHead()) {
            if (completed)
                m_headStartNs = nowNs; // the next head began in this same read
        } else if (m_parser.inMessage() || completed) {
            m_headStartNs = -1; // head complete: the body is the idle timeout's business
        }
        if (m_parser.takeContinueRequest()) {
            if (m_slots.empty())
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            else
                m_continueOwed = true;
        }
    }
    if (m_parser.hasFailed())
        handleFailure(m_parser.failure());
    // Back-pressure: with too many unanswered requests, leave the rest in the kernel
    // buffer until responses drain (flush() resumes reading).
    m_stopReading = int(m_slots.size()) >= m_config.maxPipelined;
    restartIdleTimer();
}

Event Connection::makeEvent(const ParsedRequest &request) const
{
    Event event;
    event.receivedAtMs = request.firstByteAtMs ? request.firstByteAtMs : QDateTime::currentMSecsSinceEpoch();
    event.remoteAddress = m_socket->peerAddress().toString();
    event.remotePort = m_socket->peerPort();
    event.method = request.method;
    event.target = request.target;
    event.httpVersion = request.httpVersion();
    event.headers = request.headers;
    event.body = request.body;
    for (const auto &[name, value] : request.headers) {
        if (name.compare("x-forwarded-for", Qt::CaseInsensitive) == 0) {
            event.forwardedFor += event.forwardedFor.isEmpty() ? value : ", " + value;
        } else if (name.compare("x-forwarded-proto", Qt::CaseInsensitive) == 0 && event.forwardedProto.isEmpty()) {
            event.forwardedProto = value;
        } else if (name.compare("x-forwarded-host", Qt::CaseInsensitive) == 0 && event.forwardedHost.isEmpty()) {
            event.forwardedHost = value;
        } else if (name.compare("content-type", Qt::CaseInsensitive) == 0 && event.contentType.isEmpty()) {
            event.contentType = value;
        } else if (name.compare("content-encoding", Qt::CaseInsensitive) == 0 && !request.body.isEmpty()) {
            DecodedBody decoded = decodeContent(value, request.body, m_config.maxDecodedBytes);
            event.decodedBody = std::move(decoded.body);
            event.decodeError = decoded.error;
        }
    }
    return event;
}

void Connection::handleRequest(ParsedRequest request)
{
    Event event = makeEvent(request);
    event.response = m_config.defaultResponse;
    const bool close = !request.keepAlive;
    const bool head = request.method == "HEAD";
    const qint64 start = request.firstByteMonoNs;
    bool rejected = false;
    if (m_config.guard.isActive()) {
        // Decided before any hook sees the event; the event is still stored, flagged.
        const GuardDecision decision = m_guard.check(request.target, request.headers);
        if (!decision.accepted()) {
            rejected = true;
            event.response = m_guard.responseFor(decision);
            event.rejection = QString::fromUtf8(decision.reason);
            event.error = event.rejection;
            qCInfo(lcTrust).noquote() << m_socket->peerAddress().toString() << decision.status << decision.reason;
        }
    }
    m_slots.push_back(Slot{false, close, head, event.response, 0, start, rejected});
    submit(std::move(event));
}

void Connection::handleFailure(const ParseFailure &failure)
{
    if (m_closing)
        return;
    m_closing = true; // read nothing more: the stream can no longer be trusted
    m_idleTimer->stop();
    qCInfo(lcHttp).noquote() << m_socket->peerAddress().toString() << failure.status << failure.reason;
    Slot slot{false, true, false, HttpResponse::plainText(failure.status, failure.reason), 0, 0};
    slot.startMonoNs = failure.partial.firstByteMonoNs ? failure.partial.firstByteMonoNs : monotonicNs();
    if (!failure.hasRequestLine) {
        slot.ready = true;
        m_slots.push_back(slot);
        flush();
        return;
    }
    Event event = makeEvent(failure.partial);
    event.response = slot.response;
    event.error = QString::fromUtf8(failure.reason);
    m_slots.push_back(slot);
    submit(std::move(event));
}

void Connection::submit(Event event)
{
    // Every event leaves the connection here: from now on nothing holds the endpoint's secret.
    SecretRedaction::redactEndpointSecret(m_config.guard, &event.target, &event.headers);
    const quint64 seq = m_headSeq + m_slots.size() - 1;
    QPointer<Connection> self(this);
    CaptureSink *sink = m_sink;
    m_sink->submit(std::move(event), [self, seq, sink](const CaptureResult &result) {
        if (self)
            self->complete(seq, result);
        else if (result.held)
            sink->clientGone(result.id); // the client left before its held event was stored
    });
}

void Connection::complete(quint64 seq, const CaptureResult &result)
{
    if (seq < m_headSeq || seq - m_headSeq >= m_slots.size())
        return;
    Slot &slot = m_slots[size_t(seq - m_headSeq)];
    slot.eventId = result.id;
    if (result.held && result.stored && !slot.rejected)
        return; // the slot waits for its answer; pipelined requests behind it wait too (HTTP order)
    slot.ready = true;
    if (result.response && !slot.rejected && result.stored)
        slot.response = *result.response;
    if (!result.stored) {
        // Never acknowledge what is not on disk.
        slot.response = HttpResponse::plainText(503, "Service Unavailable: the event could not be stored ("
                                                         + result.error.toUtf8() + ")");
        slot.close = true;
    }
    flush();
}

void Connection::flush()
{
    while (!m_slots.empty() && m_slots.front().ready) {
        Slot slot = std::move(m_slots.front());
        m_slots.pop_front();
        ++m_headSeq;
        m_socket->write(slot.response.serialize(!slot.close, slot.headRequest));
        m_answeredOnce = true;
        if (slot.eventId > 0)
            m_sink->responded(slot.eventId, (monotonicNs() - slot.startMonoNs) / 1000);
        if (slot.close) {
            m_closing = true;
            m_slots.clear();
            m_socket->disconnectFromHost();
            return;
        }
    }
    if (m_slots.empty() && m_continueOwed && m_parser.inMessage()) {
        m_continueOwed = false;
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    if (m_slots.empty() && m_parser.upgraded() && !m_closing) {
        m_closing = true;
        m_socket->disconnectFromHost();
        return;
    }
    if (m_stopReading && int(m_slots.size()) < m_config.maxPipelined) {
        m_stopReading = false;
        QMetaObject::invokeMethod(this, &Connection::onReadyRead, Qt::QueuedConnection);
    }
    if (m_slots.empty())
        restartIdleTimer();
}

void Connection::onIdleTimeout()
{
    if (m_closing)
        return;
    if (m_headDeadlineArmed) {
        if (m_stopReading) {
            // Not the client's fault: we stopped reading (back-pressure). Its head's time
            // starts again when reading resumes.
            m_headStartNs = -1;
            restartIdleTimer();
            return;
        }
        handleFailure(m_parser.headTimeoutFailure(m_config.headTimeoutMs));
        return;
    }
    const bool waitingOnClient = m_parser.inMessage() || (m_slots.empty() && !m_answeredOnce);
    if (waitingOnClient) {
        handleFailure(m_parser.timeoutFailure(m_config.idleTimeoutMs));
    } else if (m_slots.empty()) {
        // An idle keep-alive connection between requests: close quietly, as nginx does.
        m_closing = true;
        m_socket->disconnectFromHost();
    } else {
        restartIdleTimer(); // we owe responses (a held hook); the client is not the slow one
    }
}

} // namespace hookscope
