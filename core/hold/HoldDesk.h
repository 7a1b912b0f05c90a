#pragma once

#include "event/AnswerRecord.h"
#include "event/CaptureSink.h"

#include <QMutex>
#include <QObject>
#include <functional>
#include <map>
#include <optional>

class QTimer;

namespace hookscope {

// A stored request whose answer waits for the user (or its deadline).
struct HeldRequest
{
    qint64 id = 0; // event id
    QString kind;
    QByteArray target;
    QByteArray body; // as a person reads it (content-decoded)
    qint64 receivedAtMs = 0; // UTC ms of the first byte
    qint64 deadlineAtMs = 0; // UTC ms at which the default answer goes out
    HttpResponse defaultAnswer;
    QString defaultPresetId; // the preset that built defaultAnswer, if one did
};

// Keeps the held requests of the receiver's thread (CaptureSession's network thread): each
// waits for answer() or for its deadline, when its default answer goes out; a client that
// leaves first abandons it. Every outcome is recorded (setRecorder) and announced (answered).
// Threads: hold(), clientGone(), recordImmediate() and answerAll() run on the desk's thread
// (the connections'); answer() and the queries may be called from any thread: answer() is
// carried out on the desk's thread (a blocking queued call when called from elsewhere), and
// the queries read the held list under a lock.
class HoldDesk final : public QObject
{
    Q_OBJECT
public:
    using Recorder = std::function<void(const AnswerRecord &)>;
    // Fills in what the desk cannot know of an answer before it is recorded: the preset's
    // name and whether the answer breaks the kind's response schema (CaptureSession's).
    using Annotator = std::function<void(const HeldRequest &, AnswerRecord *)>;

    explicit HoldDesk(QObject *parent = nullptr);
    // Answers what is still held with its default (AnswerSource::Shutdown).
    ~HoldDesk() override;

    // Where outcomes are stored (EventRecorder::recordAnswer); none by default.
    void setRecorder(Recorder recorder) { m_recorder = std::move(recorder); }
    // Called on the desk's thread for every answer sent to a held request; none by default.
    void setAnnotator(Annotator annotator) { m_annotator = std::move(annotator); }

    // `done` writes the answer to the client (CaptureSink contract: called with the response).
    void hold(HeldRequest request, CaptureDone done);
    // Sends `response` for a held request; false when it is no longer held. Any thread: the
    // answer reaches the connection on the desk's thread before this returns.
    // `via`: how the user gave it (AnswerSource::Click).
    bool answer(qint64 id, HttpResponse response, AnswerSource source, QString presetId = {},
                AnswerVia via = AnswerVia::Unknown);
    // The client closed its connection: nothing can be sent.
    void clientGone(qint64 id);
    // A request answered without holding (--respond): only recorded and announced.
    void recordImmediate(const AnswerRecord &record);
    // Answers everything still held with its default answer.
    void answerAll(AnswerSource source);

    [[nodiscard]] bool isHeld(qint64 id) const;
    // A copy: the request may be answered on the desk's thread at any moment.
    [[nodiscard]] std::optional<HeldRequest> request(qint64 id) const;
    [[nodiscard]] QList<HeldRequest> heldRequests() const;
    [[nodiscard]] int count() const;

Q_SIGNALS:
    void held(const hookscope::HeldRequest &request);
    // Every outcome: answered by click, deadline, preset or shutdown, or abandoned (ClientGone).
    void answered(const hookscope::AnswerRecord &record);

private:
    struct Entry
    {
        HeldRequest request;
        CaptureDone done;
        QTimer *timer = nullptr; // child
    };

    bool answerHere(qint64 id, const HttpResponse &response, AnswerSource source, const QString &presetId,
                    AnswerVia via);
    void finish(qint64 id, AnswerRecord record);

    // Written only on the desk's thread, always under the lock; read under it from others.
    mutable QMutex m_mutex;
    std::map<qint64, Entry> m_held;
    Recorder m_recorder;
    Annotator m_annotator;
};

} // namespace hookscope

Q_DECLARE_METATYPE(hookscope::HeldRequest)
