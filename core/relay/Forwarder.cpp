#include "Forwarder.h"

#include "RelayLog.h"
#include "RequestReplayer.h"
#include "store/EventRecorder.h"

#include <QDateTime>

namespace hookscope {

Forwarder::Forwarder(EventRecorder *recorder, QObject *parent)
    : QObject(parent)
    , m_recorder(recorder)
    , m_replayer(new RequestReplayer(this))
{
    qRegisterMetaType<hookscope::ForwardRecord>();
    connect(m_replayer, &RequestReplayer::finished, this, &Forwarder::onFinished);
}

Forwarder::~Forwarder() = default;

void Forwarder::setTarget(const QUrl &url)
{
    if (url == m_target)
        return;
    m_target = url;
    if (m_target.isEmpty()) {
        m_replayer->abort();
        m_queue.clear();
        m_queuedBytes = 0;
        m_current = 0;
    }
}

void Forwarder::setKindFilter(const QString &kind, KindOf kindOf)
{
    m_kind = kind;
    m_kindOf = std::move(kindOf);
}

void Forwarder::setTimeoutMs(int ms)
{
    m_replayer->setTimeoutMs(ms);
}

void Forwarder::enqueue(const QList<Event> &events)
{
    if (!isEnabled())
        return;
    for (const Event &event : events) {
        if (event.id <= 0 || !event.error.isEmpty())
            continue; // requests the receiver itself refused (400/413/431) are not the app's business
        if (!m_kind.isEmpty() && (!m_kindOf || m_kindOf(event) != m_kind))
            continue;
        const bool full = int(m_queue.size()) >= m_maxQueued;
        if (full || (!m_queue.empty() && m_queuedBytes + event.body.size() > m_maxQueuedBytes)) {
            ForwardRecord skipped;
            skipped.id = event.id;
            skipped.url = m_target.toString();
            skipped.forwardedAtMs = QDateTime::currentMSecsSinceEpoch();
            skipped.error = full ? tr("not forwarded: %1 events were already waiting for %2")
                                       .arg(m_maxQueued)
                                       .arg(m_target.toString())
                                 : tr("not forwarded: %1 MiB of events were already waiting for %2")
                                       .arg(m_queuedBytes / (1024 * 1024))
                                       .arg(m_target.toString());
            record(skipped);
            continue;
        }
        m_queuedBytes += event.body.size();
        m_queue.push_back(event);
        if (m_current == 0)
            next(); // the one being sent does not take a place in the queue
    }
}

void Forwarder::next()
{
    if (m_queue.empty() || !isEnabled())
        return;
    const Event event = std::move(m_queue.front());
    m_queue.pop_front();
    m_queuedBytes -= event.body.size();
    m_current = event.id;
    m_currentAtMs = QDateTime::currentMSecsSinceEpoch();
    OutgoingRequest request = OutgoingRequest::fromEvent(event);
    if (m_prepare)
        m_prepare(event, &request);
    m_replayer->send(m_target, request);
}

void Forwarder::onFinished(const ReplayResult &result)
{
    if (m_current == 0)
        return;
    ForwardRecord r;
    r.id = m_current;
    r.url = m_target.toString();
    r.forwardedAtMs = m_currentAtMs;
    r.status = result.status;
    r.latencyUs = result.latencyUs;
    r.error = result.error;
    r.responseHeaders = result.headers;
    r.responseBody = result.body;
    m_current = 0;
    record(r);
    next();
}

void Forwarder::record(const ForwardRecord &record)
{
    if (!record.ok())
        qCInfo(lcRelay).noquote() << "forward of event" << record.id << "failed:" << record.error;
    if (m_recorder)
        m_recorder->recordForward(record);
    Q_EMIT forwarded(record);
}

} // namespace hookscope
