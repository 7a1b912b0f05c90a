#pragma once

#include "AnswerRuleSet.h"
#include "DeliveryCounter.h"
#include "event/CaptureSink.h"

#include <QMutex>
#include <QObject>
#include <atomic>
#include <functional>
#include <map>
#include <memory>

class QTimer;

namespace hookscope {

class HoldDesk;
class KindCatalog;

// Answer rules (issue 26): a CaptureSink in front of the HoldingSink. While "Simulate failures"
// is on, the first enabled rule that matches a request decides its answer — a status (or the
// next of a sequence, per delivery of the same event: DeliveryCounter), a delay with jitter, a
// dropped connection, an answer after the vendor's timeout, or a hold for a hand-written answer.
// Anything no rule takes goes on to `next` untouched.
//
// Every matched request is stored first (through `store`, the recorder): the delay starts only
// once it is committed, so no 2xx ever goes out before its event is on disk. Delays are timers
// on this object's thread (the capture thread), never sleeps: a connection waiting for its
// answer blocks nobody else. The answer is recorded beside the event (AnswerSource::Rule, the
// rule's name) just before it is sent, so a client that leaves first ends up "client gone".
// Rules and the switch may be replaced from any thread (each request takes the ones in force).
class RuleSink final : public QObject, public CaptureSink
{
    Q_OBJECT
public:
    using CatalogSource = std::function<std::shared_ptr<const KindCatalog>()>;

    // None is owned; all must outlive the receiver using this sink.
    RuleSink(CaptureSink *next, CaptureSink *store, HoldDesk *desk, CatalogSource catalog, QObject *parent = nullptr);
    ~RuleSink() override;

    // Any thread: for requests arriving from now on. A new set forgets the deliveries counted.
    void setRules(AnswerRuleSet rules);
    [[nodiscard]] AnswerRuleSet rules() const; // a copy
    void setEnabled(bool enabled);
    [[nodiscard]] bool isEnabled() const { return m_enabled.load(); }

    void submit(Event event, CaptureDone done) override;
    void responded(qint64 id, qint64 handlingUs) override;
    void clientGone(qint64 id) override;
    void unanswered(qint64 id, qint64 afterMs) override;

    // Capture thread: what waits on a delay goes out now (shutdown, before the store closes, as
    // held hooks get their default answer then).
    void answerAllNow();
    // Capture thread: answers waiting on a delay.
    [[nodiscard]] int waitingCount() const { return int(m_waiting.size()); }

Q_SIGNALS:
    // Any thread: the switch was turned (the toolbar toggle follows it).
    void enabledChanged(bool enabled);

private:
    [[nodiscard]] std::shared_ptr<const AnswerRuleSet> current() const;
    [[nodiscard]] QString kindOf(const Event &event, const QJsonValue &parsed) const;
    void answerLater(const AnswerRule &rule, const HttpResponse &response, qint64 waitMs, qint64 receivedAtMs,
                     const CaptureResult &stored, CaptureDone done);
    void sendWaiting(quint64 key);
    void hold(const AnswerRule &rule, const HttpResponse &response, const QString &kind, Event event, CaptureDone done);

    CaptureSink *m_next; // not owned
    CaptureSink *m_store; // not owned
    HoldDesk *m_desk; // not owned
    CatalogSource m_catalog;
    mutable QMutex m_mutex; // guards m_rules (the pointer) and m_counterGeneration
    std::shared_ptr<const AnswerRuleSet> m_rules;
    std::atomic<bool> m_enabled{false};
    // Capture thread only; reset when the rules change (their generation moves on).
    DeliveryCounter m_counter;
    quint64 m_generation = 0;
    quint64 m_counterGeneration = 0;
    // Capture thread only: answers waiting on their delay, each with its timer (a child, so it
    // moves and dies with this object: nothing fires on a thread that ended).
    struct Waiting
    {
        QTimer *timer = nullptr;
        std::function<void()> send;
    };
    std::map<quint64, Waiting> m_waiting;
    quint64 m_nextWaiting = 0;
};

} // namespace hookscope
