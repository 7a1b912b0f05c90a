#pragma once

#include "event/AnswerRecord.h"
#include "event/CaptureSink.h"

#include <QObject>
#include <functional>
#include <map>

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

// Keeps the held requests of the receiver's thread (the GUI thread in the app): each waits
// for answer() or for its deadline, when its default answer goes out; a client that leaves
// first abandons it. Every outcome is recorded (setRecorder) and announced (answered).
class HoldDesk final : public QObject
{
    Q_OBJECT
public:
    using Recorder = std::function<void(const AnswerRecord &)>;

    explicit HoldDesk(QObject *parent = nullptr);
    // Answers what is still held with its default (AnswerSource::Shutdown).
    ~HoldDesk() override;

    // Where outcomes are stored (EventRecorder::recordAnswer); none by default.
    void setRecorder(Recorder recorder) { m_recorder = std::move(recorder); }

    // `done` writes the answer to the client (CaptureSink contract: called with the response).
    void hold(HeldRequest request, CaptureDone done);
    // Sends `response` for a held request; false when it is no longer held.
    bool answer(qint64 id, HttpResponse response, AnswerSource source, QString presetId = {});
    // The client closed its connection: nothing can be sent.
    void clientGone(qint64 id);
    // A request answered without holding (--respond): only recorded and announced.
    void recordImmediate(const AnswerRecord &record);
    // Answers everything still held with its default answer.
    void answerAll(AnswerSource source);

    [[nodiscard]] bool isHeld(qint64 id) const { return m_held.count(id) > 0; }
    [[nodiscard]] const HeldRequest *request(qint64 id) const;
    [[nodiscard]] QList<HeldRequest> heldRequests() const;
    [[nodiscard]] int count() const { return int(m_held.size()); }

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

    void finish(qint64 id, AnswerRecord record);

    std::map<qint64, Entry> m_held;
    Recorder m_recorder;
};

} // namespace hookscope

Q_DECLARE_METATYPE(hookscope::HeldRequest)
