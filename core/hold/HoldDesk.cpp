#include "HoldDesk.h"

#include "util/Log.h"

#include <QDateTime>
#include <QMutexLocker>
#include <QThread>
#include <QTimer>
#include <algorithm>

namespace hookscope {

HoldDesk::HoldDesk(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<hookscope::HeldRequest>();
    qRegisterMetaType<hookscope::AnswerRecord>();
}

HoldDesk::~HoldDesk()
{
    answerAll(AnswerSource::Shutdown);
}

void HoldDesk::hold(HeldRequest request, CaptureDone done)
{
    const qint64 id = request.id;
    if (isHeld(id))
        return;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);
    const qint64 left = request.deadlineAtMs - QDateTime::currentMSecsSinceEpoch();
    timer->setInterval(int(std::clamp<qint64>(left, 0, qint64(24) * 3600 * 1000)));
    connect(timer, &QTimer::timeout, this, [this, id] {
        const auto it = m_held.find(id);
        if (it != m_held.end())
            answer(id, it->second.request.defaultAnswer, AnswerSource::Deadline, it->second.request.defaultPresetId);
    });
    const HeldRequest copy = request;
    {
        const QMutexLocker lock(&m_mutex);
        m_held.emplace(id, Entry{std::move(request), std::move(done), timer});
    }
    timer->start();
    Q_EMIT held(copy);
}

bool HoldDesk::answer(qint64 id, HttpResponse response, AnswerSource source, QString presetId, AnswerVia via)
{
    if (thread() == QThread::currentThread())
        return answerHere(id, response, source, presetId, via);
    // The connection and its timers live on the desk's thread: the answer is written there.
    // That thread never waits for the caller's, so this cannot deadlock.
    bool answered = false;
    QMetaObject::invokeMethod(
        this, [&] { answered = answerHere(id, response, source, presetId, via); }, Qt::BlockingQueuedConnection);
    return answered;
}

bool HoldDesk::answerHere(qint64 id, const HttpResponse &response, AnswerSource source, const QString &presetId,
                          AnswerVia via)
{
    Entry entry;
    {
        const QMutexLocker lock(&m_mutex);
        const auto it = m_held.find(id);
        if (it == m_held.end())
            return false;
        entry = std::move(it->second);
        m_held.erase(it);
    }
    delete entry.timer;
    CaptureResult result;
    result.stored = true;
    result.id = id;
    result.response = response;
    if (entry.done)
        entry.done(result);
    AnswerRecord record;
    record.id = id;
    record.source = source;
    record.response = response;
    record.presetId = presetId;
    record.via = source == AnswerSource::Click ? via : AnswerVia::Unknown;
    record.afterMs = QDateTime::currentMSecsSinceEpoch() - entry.request.receivedAtMs;
    if (m_annotator)
        m_annotator(entry.request, &record);
    finish(id, std::move(record));
    return true;
}

void HoldDesk::clientGone(qint64 id)
{
    Entry entry;
    {
        const QMutexLocker lock(&m_mutex);
        const auto it = m_held.find(id);
        if (it == m_held.end())
            return;
        entry = std::move(it->second);
        m_held.erase(it);
    }
    AnswerRecord record;
    record.id = id;
    record.source = AnswerSource::ClientGone;
    record.response.status = 0;
    record.afterMs = QDateTime::currentMSecsSinceEpoch() - entry.request.receivedAtMs;
    delete entry.timer;
    qCInfo(lcHttp) << "held event" << id << "abandoned: the client disconnected";
    finish(id, std::move(record));
}

void HoldDesk::recordImmediate(const AnswerRecord &record)
{
    finish(record.id, record);
}

void HoldDesk::answerAll(AnswerSource source)
{
    for (const HeldRequest &request : heldRequests())
        answer(request.id, request.defaultAnswer, source, request.defaultPresetId);
}

bool HoldDesk::isHeld(qint64 id) const
{
    const QMutexLocker lock(&m_mutex);
    return m_held.count(id) > 0;
}

int HoldDesk::count() const
{
    const QMutexLocker lock(&m_mutex);
    return int(m_held.size());
}

std::optional<HeldRequest> HoldDesk::request(qint64 id) const
{
    const QMutexLocker lock(&m_mutex);
    const auto it = m_held.find(id);
    return it == m_held.end() ? std::nullopt : std::optional<HeldRequest>(it->second.request);
}

QList<HeldRequest> HoldDesk::heldRequests() const
{
    const QMutexLocker lock(&m_mutex);
    QList<HeldRequest> out;
    for (const auto &[id, entry] : m_held)
        out.append(entry.request);
    return out;
}

void HoldDesk::finish(qint64 id, AnswerRecord record)
{
    Q_UNUSED(id)
    if (m_recorder)
        m_recorder(record);
    Q_EMIT answered(record);
}

} // namespace hookscope
