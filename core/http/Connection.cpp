#include "Connection.h"

#include "BodyDecoder.h"
#include "event/CaptureSink.h"
#include "ContentDecoding.h"
#include "util/Log.h"
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

Connection::Connection(QTcpSocket *socket, const ReceiverConfig &config, CaptureSink *sink, BodyDecoder *decoder,
                       QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_idleTimer(new QTimer(this))
    , m_config(config)
    , m_sink(sink)
    , m_decoder(decoder)
    , m_parser(config.limits)
    , m_guard(config.guard)
    , m_lastActivityNs(monotonicNs())
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
    connect(m_socket, &QTcpSocket::bytesWritten, this, &Connection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &Connection::onDisconnected);
    restartIdleTimer();
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &Connection::onReadyRead, Qt::QueuedConnection);
}

Connection::~Connection() = default;

bool Connection::isIdle() const
{
    return !m_closing && m_slots.empty() && !m_parser.inMessage() && m_socket->bytesToWrite() == 0
        && m_socket->bytesAvailable() == 0 && m_unparsed.isEmpty();
}

void Connection::evict()
{
    m_closing = true;
    disconnect(m_socket, &QTcpSocket::disconnected, this, &Connection::onDisconnected);
    m_socket->abort();
    deleteLater();
}

void Connection::onDisconnected()
{
    m_closing = true;
    m_gone = true;
    if (!m_slots.empty())
        qCDebug(lcHttp) << "client left with" << m_slots.size() << "unanswered request(s)";
    // Requests read in full but not yet handed to the sink (a body still decoding) are
    // stored all the same, undecoded: the capture is the user's, whether the client waited or not.
    for (quint64 seq = qMax(m_nextSubmitSeq, m_headSeq); seq - m_headSeq < m_slots.size(); ++seq) {
        Slot &slot = m_slots[size_t(seq - m_headSeq)];
        if (!slot.unsubmitted)
            continue;
        if (slot.decoding)
            slot.unsubmitted->decodeError = QStringLiteral("not decoded: the client left before decoding finished");
        submit(std::move(*slot.unsubmitted), seq, nullptr);
        slot.unsubmitted.reset();
    }
    for (const Slot &slot : m_slots) {
        if (slot.eventId <= 0)
            continue; // its store result comes later: submit()'s callback records the departure
        if (!slot.ready)
            m_sink->clientGone(slot.eventId); // a held hook nobody will receive
        else
            m_sink->unanswered(slot.eventId, (monotonicNs() - slot.startMonoNs) / 1'000'000);
    }
    Q_EMIT closed();
    deleteLater();
}

bool Connection::outputBacklogged() const
{
    // What waits unsent, and what the requests read so far will add once stored.
    qint64 owed = m_socket->bytesToWrite();
    for (const Slot &slot : m_slots)
        owed += slot.response.body.size() + 256;
    return owed >= m_config.maxUnsentBytes;
}

void Connection::onBytesWritten()
{
    m_lastActivityNs = monotonicNs();
    if (m_idleTimer->isActive() && !m_headDeadlineArmed && !m_closing)
        restartIdleTimer(); // the client reads: it is not idle
    resumeReadingIfDrained();
    if (m_socket->bytesToWrite() == 0 && isIdle())
        Q_EMIT becameIdle();
}

void Connection::resumeReadingIfDrained()
{
    if (m_stopReading && !m_closing && int(m_slots.size()) < m_config.maxPipelined && !outputBacklogged()) {
        m_stopReading = false;
        QMetaObject::invokeMethod(this, &Connection::onReadyRead, Qt::QueuedConnection);
    }
}

void Connection::restartIdleTimer()
{
    if (m_closing)
        return;
    // Whichever comes first: the idle timeout, or the end of the time the head may take.
    int interval = m_config.idleTimeoutMs;
    if (!m_spoke && m_config.firstByteTimeoutMs > 0 && (interval <= 0 || m_config.firstByteTimeoutMs < interval))
        interval = m_config.firstByteTimeoutMs; // a connection that never speaks holds a place for nothing
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
    // Bytes read earlier and left unparsed when back-pressure stopped us come first.
    bool fromStash = !m_unparsed.isEmpty();
    const char *data = m_unparsed.constData();
    qsizetype size = m_unparsed.size();
    qsizetype pos = 0;
    while (!m_parser.hasFailed() && !m_parser.upgraded() && int(m_slots.size()) < m_config.maxPipelined
           && !outputBacklogged() && !m_closing) {
        if (pos >= size) {
            if (fromStash) {
                m_unparsed.clear();
                fromStash = false;
            }
            const qint64 n = m_socket->read(buffer, sizeof(buffer));
            data = buffer;
            size = qMax<qsizetype>(qsizetype(n), 0);
            pos = 0;
            if (n <= 0)
                break;
            m_spoke = true;
        }
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        const qint64 nowNs = monotonicNs();
        m_lastActivityNs = nowNs;
        if (m_headStartNs < 0 && (!m_parser.inMessage() || m_parser.inHead()))
            m_headStartNs = nowNs; // the first bytes of a head (or the blank lines allowed before one)
        // One request at a time: the limits above are checked between requests, not reads
        // (a 64 KiB read may hold thousands of tiny requests, each owed an answer).
        const qsizetype taken = m_parser.feedUntilRequest(data + pos, size - pos, nowMs, nowNs);
        if (taken == 0 && !m_parser.hasRequest()) {
            m_parser.feed(data + pos, size - pos, nowMs, nowNs); // never spin on bytes not taken
            pos = size;
        } else {
            pos += taken;
        }
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
    if (pos < size && !m_parser.hasFailed() && !m_parser.upgraded())
        m_unparsed = fromStash ? m_unparsed.mid(pos) : QByteArray(data + pos, size - pos);
    else if (fromStash)
        m_unparsed.clear();
    if (m_parser.hasFailed())
        handleFailure(m_parser.failure());
    // Back-pressure: with too many unanswered requests, or answers piling up unsent (a client
    // that sends and never reads), leave the rest in the kernel buffer until they drain
    // (flush() and bytesWritten resume reading). Unsent bytes, not requests, bound the memory:
    // 64 pipelined requests may each ask for a large answer.
    m_stopReading = int(m_slots.size()) >= m_config.maxPipelined || outputBacklogged();
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
    event.trailers = request.trailers;
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
    const quint64 seq = m_headSeq + m_slots.size();
    const QByteArray coding = headerValue(request.headers, "content-encoding");
    const bool decode = !request.body.isEmpty() && !coding.trimmed().isEmpty()
        && coding.trimmed().compare("identity", Qt::CaseInsensitive) != 0;
    m_slots.push_back(Slot{.close = close,
                           .headRequest = head,
                           .response = event.response,
                           .startMonoNs = start,
                           .rejected = rejected,
                           .unsubmitted = std::move(event),
                           .decoding = decode});
    if (decode) {
        // Decoded off this thread, within the global budget; no larger than a body may be.
        const qint64 limit = qMin(m_config.limits.maxBodyBytes, m_config.maxDecodedBytes);
        m_decoder->decode(this, coding, request.body, limit,
                          [this, seq](DecodedBody decoded) { onDecoded(seq, std::move(decoded)); });
    }
    submitReady();
}

void Connection::onDecoded(quint64 seq, DecodedBody decoded)
{
    if (seq < m_headSeq || seq - m_headSeq >= m_slots.size())
        return;
    Slot &slot = m_slots[size_t(seq - m_headSeq)];
    if (!slot.decoding || !slot.unsubmitted)
        return;
    slot.decoding = false;
    Event &event = *slot.unsubmitted;
    event.decodedBody = std::move(decoded.body);
    event.decodeError = decoded.error;
    slot.lease = std::move(decoded.lease);
    if (decoded.tooLarge && !slot.rejected) {
        // Refused before it was materialised: decoding stopped at the limit.
        const QByteArray limit = QByteArray::number(qMin(m_config.limits.maxBodyBytes, m_config.maxDecodedBytes));
        const QByteArray reason = "Payload Too Large: the body decodes (Content-Encoding "
            + headerValue(event.headers, "content-encoding").trimmed().left(32) + ") to more than " + limit
            + " bytes, the limit for a body (--max-body)";
        qCInfo(lcHttp).noquote() << m_socket->peerAddress().toString() << 413 << reason;
        slot.response = HttpResponse::plainText(413, reason);
        slot.rejected = true;
        event.response = slot.response;
        event.error = QString::fromUtf8(reason);
        event.decodeError = QStringLiteral("decoded body exceeds %1 bytes; not decoded").arg(QString::fromLatin1(limit));
    }
    submitReady();
}

void Connection::submitReady()
{
    m_nextSubmitSeq = qMax(m_nextSubmitSeq, m_headSeq);
    while (m_nextSubmitSeq - m_headSeq < m_slots.size()) {
        Slot &slot = m_slots[size_t(m_nextSubmitSeq - m_headSeq)];
        if (slot.decoding)
            return; // the sink sees requests in the order they arrived
        const quint64 seq = m_nextSubmitSeq++;
        if (slot.unsubmitted) {
            Event event = std::move(*slot.unsubmitted);
            slot.unsubmitted.reset();
            submit(std::move(event), seq, std::move(slot.lease));
        }
    }
}

void Connection::handleFailure(const ParseFailure &failure)
{
    if (m_closing)
        return;
    m_closing = true; // read nothing more: the stream can no longer be trusted
    m_idleTimer->stop();
    qCInfo(lcHttp).noquote() << m_socket->peerAddress().toString() << failure.status << failure.reason;
    Slot slot{.close = true, .response = HttpResponse::plainText(failure.status, failure.reason)};
    slot.startMonoNs = failure.partial.firstByteMonoNs ? failure.partial.firstByteMonoNs : monotonicNs();
    if (!failure.hasRequestLine) {
        slot.ready = true;
        m_slots.push_back(std::move(slot));
        flush();
        return;
    }
    Event event = makeEvent(failure.partial);
    event.response = slot.response;
    event.error = QString::fromUtf8(failure.reason);
    slot.unsubmitted = std::move(event);
    m_slots.push_back(std::move(slot));
    submitReady();
}

void Connection::submit(Event event, quint64 seq, DecodeLease lease)
{
    // Every event leaves the connection here: from now on nothing holds the endpoint's secret.
    SecretRedaction::redactEndpointSecret(m_config.guard, &event.target, &event.headers);
    QPointer<Connection> self(this);
    CaptureSink *sink = m_sink;
    const qint64 startNs = m_slots.empty() ? monotonicNs() : m_slots[size_t(seq - m_headSeq)].startMonoNs;
    // `lease` rides along until the sink drops this callback: the decoded body is stored by then.
    m_sink->submit(std::move(event), [self, seq, sink, startNs, lease](const CaptureResult &result) {
        if (self)
            self->complete(seq, result);
        else if (result.held)
            sink->clientGone(result.id); // the client left before its held event was stored
        else if (result.stored)
            sink->unanswered(result.id, (monotonicNs() - startNs) / 1'000'000); // nothing was sent
    });
}

void Connection::complete(quint64 seq, const CaptureResult &result)
{
    if (m_gone) {
        // Stored after the client left (or half-closed: Qt closes the socket on the first
        // EOF, so nothing can be sent). The event must not claim an answer it never got.
        if (result.held)
            m_sink->clientGone(result.id);
        else if (result.stored && seq >= m_headSeq && seq - m_headSeq < m_slots.size())
            m_sink->unanswered(result.id, (monotonicNs() - m_slots[size_t(seq - m_headSeq)].startMonoNs) / 1'000'000);
        return;
    }
    if (seq < m_headSeq || seq - m_headSeq >= m_slots.size())
        return;
    Slot &slot = m_slots[size_t(seq - m_headSeq)];
    slot.eventId = result.id;
    if (result.held && result.stored && !slot.rejected)
        return; // the slot waits for its answer; pipelined requests behind it wait too (HTTP order)
    if (result.drop && result.stored && !slot.rejected) {
        // An answer rule dropped it: close without a byte of answer, as an app that crashed.
        // The rule recorded the outcome; the slot must not record "client gone" over it.
        slot.eventId = 0;
        m_idleTimer->stop();
        m_socket->abort(); // onDisconnected() stores what was read behind it and deletes this
        return;
    }
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
        m_peakUnsent = qMax(m_peakUnsent, m_socket->bytesToWrite());
        m_answeredOnce = true;
        if (slot.eventId > 0)
            m_sink->responded(slot.eventId, (monotonicNs() - slot.startMonoNs) / 1000);
        if (slot.close) {
            m_slots.clear();
            closeAfterWriting();
            return;
        }
    }
    if (m_slots.empty() && m_continueOwed && m_parser.inMessage()) {
        m_continueOwed = false;
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    if (m_slots.empty() && m_parser.upgraded() && !m_closing) {
        closeAfterWriting();
        return;
    }
    resumeReadingIfDrained();
    if (m_slots.empty())
        restartIdleTimer();
}

void Connection::closeAfterWriting()
{
    m_closing = true;
    m_idleTimer->stop();
    m_socket->disconnectFromHost();
    // A client that never reads would keep a closing connection (and its unsent answer) forever.
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        QTimer::singleShot(qMax(1, m_config.idleTimeoutMs), this, [this] { m_socket->abort(); });
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
    if (!m_spoke) {
        handleFailure(m_parser.timeoutFailure(qMin(m_config.idleTimeoutMs, m_config.firstByteTimeoutMs > 0
                                                                               ? m_config.firstByteTimeoutMs
                                                                               : m_config.idleTimeoutMs)));
        return;
    }
    const bool waitingOnClient = m_parser.inMessage() || (m_slots.empty() && !m_answeredOnce);
    if (m_socket->bytesToWrite() > 0 && m_slots.empty() && !m_parser.inMessage()) {
        // Answers unsent for the idle timeout: the client stopped reading. Nothing is owed.
        m_closing = true;
        m_socket->abort();
    } else if (waitingOnClient) {
        handleFailure(m_parser.timeoutFailure(m_config.idleTimeoutMs));
    } else if (m_slots.empty()) {
        // An idle keep-alive connection between requests: close quietly, as nginx does.
        closeAfterWriting();
    } else {
        restartIdleTimer(); // we owe responses (a held hook); the client is not the slow one
    }
}

} // namespace hookscope
