#pragma once

#include "SessionConfig.h"
#include "event/EventInfo.h"
#include "event/AnswerRecord.h"
#include "event/Event.h"
#include "store/StoreRecovery.h"

#include <QObject>
#include <QUrl>
#include <functional>
#include <memory>

class QThread;

namespace hookscope {

class EnrichmentService;
class EventRecorder;
class ForwardedAnswers;
class Forwarder;
class HoldDesk;
class HoldingSink;
class NgrokWatcher;
class Receiver;
class RuleSink;
class VerifierSlot;
struct HeldRequest;

// The capture engine, once, for the window and for headless mode alike: receiver → holding
// sink → recorder (store writer), the hold desk, enrichment, the signature rules, the
// forwarder and the ngrok watcher. Windows and the headless printer only show it.
//
// Threads (docs/ARCHITECTURE.md): the session lives on the thread that made it (the GUI
// thread in the app); the receiver, its connections, the holding sink, the hold desk and the
// recorder live on the session's network thread ("capture"), so accepting, reading, parsing,
// decoding, the endpoint guard, hold classification and the hand-off to the writer never wait
// for painting. The session's own signals come on its thread, in batches: one eventsStored per
// committed group, one enriched per enrichment batch.
class CaptureSession final : public QObject
{
    Q_OBJECT
public:
    explicit CaptureSession(QObject *parent = nullptr);
    // shutdown(), if not done yet.
    ~CaptureSession() override;

    // Recovers the store (a damaged file is put aside: recovery().notice), opens the writer and
    // starts enrichment, which catches up with events not inspected yet. False: storeError().
    bool open(const SessionConfig &config);
    // Starts listening with the configuration in force; false: errorString() says why.
    bool start();
    void stop();
    // Settings changed: receiver (restarted when listening),
    // signature rules, hold policy and presets, ngrok agent. The store stays as it is.
    void apply(const SessionConfig &config);
    // Only the receiver's part (the window's port box, a re-read guard); applies at the next start().
    void setReceiverConfig(const ReceiverConfig &config) { m_config.receiver = config; }
    // The one place that knows the order: stop accepting, answer what is held, stop enrichment
    // and the relay, commit what is queued, close the store, end the network thread.
    void shutdown();

    // Deletes every event / these events through the writer. The batches stored before are
    // reported (eventsStored) before this returns, so a view clears after them, not before.
    bool clear(QString *error);
    bool remove(const QList<qint64> &ids, QString *error);
    // Without waiting, done by the store writer in chunks (EventRecorder::removeInBackground):
    // deleteProgress, clearStarted and deleteFinished come on this thread.
    void removeInBackground(const QList<qint64> &ids);
    void clearInBackground();

    [[nodiscard]] const SessionConfig &config() const { return m_config; }
    [[nodiscard]] bool isOpen() const { return m_open; }
    [[nodiscard]] QString storePath() const { return m_storePath; }
    [[nodiscard]] QString storeError() const { return m_storeError; }
    [[nodiscard]] const StoreRecovery::Outcome &recovery() const { return m_recovery; }
    [[nodiscard]] bool isListening() const { return m_listening; }
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QUrl url() const { return m_url; }
    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] QThread *networkThread() const { return m_net; }

    // The parts, for views that show them. The recorder, the desk and the sink are
    // thread-safe where their comments say so; the receiver is not given out.
    [[nodiscard]] EventRecorder *recorder() const { return m_recorder; }
    [[nodiscard]] HoldDesk *holdDesk() const { return m_desk; }
    [[nodiscard]] HoldingSink *holdingSink() const { return m_sink.get(); }
    // The answer rules and their switch (issue 26): setRules/setEnabled from any thread.
    [[nodiscard]] RuleSink *ruleSink() const { return m_rules; }
    [[nodiscard]] EnrichmentService *enrichment() const { return m_enrichment; }
    [[nodiscard]] const std::shared_ptr<VerifierSlot> &signatures() const { return m_signatures; }
    [[nodiscard]] Forwarder *forwarder() const { return m_forwarder; }
    [[nodiscard]] ForwardedAnswers *forwardedAnswers() const { return m_forwardedAnswers; }
    [[nodiscard]] NgrokWatcher *tunnelWatcher() const { return m_watcher; }

Q_SIGNALS:
    // Every committed batch, in commit order, on the session's thread.
    void eventsStored(const QList<hookscope::Event> &events);
    void enriched(const QList<hookscope::EventInfo> &infos);
    void held(const hookscope::HeldRequest &request);
    void answered(const hookscope::AnswerRecord &record);
    // A capture could not be stored (it was answered 503).
    void storeFailed(const QString &error);
    void deleteProgress(qint64 done, qint64 total);
    void deleteFinished(bool ok, const QString &error);
    void clearStarted(); // after every eventsStored of a batch committed before the clear
    void textIndexProgress(qint64 done, qint64 total); // the search index being built
    void listeningChanged(bool listening);

private:
    // Runs `work` on the network thread and returns when it is done.
    void onNetwork(const std::function<void()> &work);
    void applySignatures(const SessionConfig &config);

    SessionConfig m_config;
    QThread *m_net; // child: the network thread
    // Live on m_net until shutdown(), then on this object's thread; deleted by the destructor.
    EventRecorder *m_recorder;
    HoldDesk *m_desk;
    std::unique_ptr<HoldingSink> m_sink; // used on m_net only (its rules: any thread)
    RuleSink *m_rules; // in front of m_sink; lives on m_net like the desk (its timers)
    Receiver *m_receiver; // deleted by shutdown(), on m_net
    std::shared_ptr<VerifierSlot> m_signatures;
    EnrichmentService *m_enrichment = nullptr; // child; made by open()
    Forwarder *m_forwarder; // child: off until given a target
    ForwardedAnswers *m_forwardedAnswers; // child: off until enabled
    NgrokWatcher *m_watcher; // child
    StoreRecovery::Outcome m_recovery;
    QString m_storePath;
    QString m_storeError;
    QString m_error;
    QUrl m_url;
    quint16 m_port = 0;
    bool m_open = false;
    bool m_listening = false;
    bool m_shutDown = false;
};

} // namespace hookscope
