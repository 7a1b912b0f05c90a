#include "RuleSink.h"

#include "AnswerBuilder.h"
#include "HoldDesk.h"
#include "schema/Classifier.h"
#include "schema/KindCatalog.h"
#include "util/Log.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTimer>

namespace hookscope {

namespace {
// Finding a kind by shape or a pointer's value parses the body: not a huge one.
constexpr qsizetype kMaxRuleParsedBytes = 4 * 1024 * 1024;

qint64 drawRuleDelay(const AnswerRule &rule)
{
    if (rule.action == AnswerRule::Action::Late)
        return qint64(rule.timeoutMs) + 1000; // a second past the vendor's timeout: it gave up
    if (rule.jitterMs <= 0)
        return rule.delayMs;
    const qint64 jitter = qint64(QRandomGenerator::global()->bounded(2 * rule.jitterMs + 1)) - rule.jitterMs;
    return qMax<qint64>(0, rule.delayMs + jitter);
}
} // namespace

RuleSink::RuleSink(CaptureSink *next, CaptureSink *store, HoldDesk *desk, CatalogSource catalog, QObject *parent)
    : QObject(parent)
    , m_next(next)
    , m_store(store)
    , m_desk(desk)
    , m_catalog(std::move(catalog))
    , m_rules(std::make_shared<const AnswerRuleSet>())
{
}

RuleSink::~RuleSink() = default;

void RuleSink::setRules(AnswerRuleSet rules)
{
    const bool enabled = rules.enabled;
    {
        const QMutexLocker lock(&m_mutex);
        m_rules = std::make_shared<const AnswerRuleSet>(std::move(rules));
        ++m_generation;
    }
    setEnabled(enabled);
}

AnswerRuleSet RuleSink::rules() const
{
    AnswerRuleSet copy = *current();
    copy.enabled = isEnabled();
    return copy;
}

void RuleSink::setEnabled(bool enabled)
{
    if (m_enabled.exchange(enabled) != enabled)
        Q_EMIT enabledChanged(enabled);
}

std::shared_ptr<const AnswerRuleSet> RuleSink::current() const
{
    const QMutexLocker lock(&m_mutex);
    return m_rules;
}

QString RuleSink::kindOf(const Event &event, const QJsonValue &parsed) const
{
    std::shared_ptr<const KindCatalog> catalog = m_catalog ? m_catalog() : nullptr;
    if (!catalog)
        return {};
    const Classifier classifier(catalog);
    const Classification byRoute = classifier.byRoute(QString::fromUtf8(event.target));
    if (byRoute.isKnown())
        return byRoute.kindId;
    return parsed.isObject() ? classifier.byShape(parsed).kindId : QString();
}

void RuleSink::submit(Event event, CaptureDone done)
{
    const std::shared_ptr<const AnswerRuleSet> set = current();
    // A request the EndpointGuard refused keeps its 401/404, one the receiver refused (a bad
    // request, too large) its 4xx: rules answer what the user's app would have been given.
    if (!isEnabled() || !set->active() || !event.rejection.isEmpty() || !event.error.isEmpty()) {
        m_next->submit(std::move(event), std::move(done));
        return;
    }
    QJsonValue parsed(QJsonValue::Null);
    QString kind;
    try {
        if ((set->needsBody() || set->needsKind()) && event.displayBody().size() <= kMaxRuleParsedBytes)
            parsed = AnswerBuilder::parseRequest(event.displayBody());
        if (set->needsKind())
            kind = kindOf(event, parsed);
    } catch (const std::exception &e) { // std::bad_alloc of this body's parse, for one: no rule by body
        qCWarning(lcHttp).noquote() << "answer rules: body not parsed:" << e.what();
        parsed = QJsonValue(QJsonValue::Null);
    }
    const AnswerRule *rule = nullptr;
    for (const AnswerRule &candidate : set->rules) {
        if (candidate.matches(event.method, event.target, event.headers, kind, parsed)) {
            rule = &candidate;
            break;
        }
    }
    if (!rule) {
        m_next->submit(std::move(event), std::move(done));
        return;
    }
    {
        const QMutexLocker lock(&m_mutex);
        if (m_counterGeneration != m_generation) {
            m_counter.clear(); // new rules: every event starts its sequence again
            m_counterGeneration = m_generation;
        }
    }
    int delivery = 0;
    if (rule->statuses.size() > 1)
        delivery = m_counter.next(DeliveryCounter::sameEventKey(rule->name, kind, event.headers, rule->deliveryHeader,
                                                                event.displayBody()));
    const HttpResponse response = rule->response(delivery, parsed);
    if (rule->action == AnswerRule::Action::Hold) {
        hold(*rule, response, kind, std::move(event), std::move(done));
        return;
    }
    // The events row keeps what was decided at capture; a drop sends nothing (status 0).
    const bool drop = rule->action == AnswerRule::Action::Drop;
    event.response = drop ? HttpResponse{0, {}, {}} : response;
    const qint64 receivedAtMs = event.receivedAtMs;
    QElapsedTimer since;
    since.start();
    const qint64 waitMs = drawRuleDelay(*rule);
    // The rule is copied: the set it came from may be replaced before the answer goes out.
    m_store->submit(std::move(event), [this, rule = *rule, response, waitMs, since, receivedAtMs,
                                       done = std::move(done)](const CaptureResult &stored) mutable {
        if (!stored.stored) {
            done(stored); // the connection answers 503 at once: nothing on disk to answer for
            return;
        }
        // The delay counts from arrival (the commit took part of it), never below zero.
        answerLater(rule, response, qMax<qint64>(0, waitMs - since.elapsed()), receivedAtMs, stored, std::move(done));
    });
}

void RuleSink::answerLater(const AnswerRule &rule, const HttpResponse &response, qint64 waitMs, qint64 receivedAtMs,
                           const CaptureResult &stored, CaptureDone done)
{
    HoldDesk *desk = m_desk;
    auto send = [desk, name = rule.name, drop = rule.action == AnswerRule::Action::Drop, response, receivedAtMs,
                 stored, done = std::move(done)] {
        AnswerRecord record;
        record.id = stored.id;
        record.source = AnswerSource::Rule;
        record.rule = name;
        record.response = drop ? HttpResponse{0, {}, {}} : response;
        record.afterMs = QDateTime::currentMSecsSinceEpoch() - receivedAtMs;
        // Recorded before the connection acts: a client already gone then records "client
        // gone" over it, which is what happened.
        desk->recordImmediate(record);
        CaptureResult result = stored;
        if (drop)
            result.drop = true;
        else
            result.response = response;
        done(result);
    };
    if (waitMs <= 0) {
        send();
        return;
    }
    // A timer on the capture thread: other connections go on being read and answered meanwhile.
    const quint64 key = ++m_nextWaiting;
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);
    connect(timer, &QTimer::timeout, this, [this, key] { sendWaiting(key); });
    m_waiting.emplace(key, Waiting{timer, std::move(send)});
    timer->start(std::chrono::milliseconds(waitMs));
}

void RuleSink::sendWaiting(quint64 key)
{
    const auto it = m_waiting.find(key);
    if (it == m_waiting.end())
        return;
    const std::function<void()> send = std::move(it->second.send);
    it->second.timer->deleteLater(); // its timeout signal is running
    m_waiting.erase(it);
    send();
}

void RuleSink::answerAllNow()
{
    std::map<quint64, Waiting> waiting = std::exchange(m_waiting, {});
    for (auto &[key, entry] : waiting) {
        delete entry.timer;
        entry.send();
    }
}

void RuleSink::hold(const AnswerRule &rule, const HttpResponse &response, const QString &kind, Event event,
                    CaptureDone done)
{
    HeldRequest held;
    held.kind = kind; // the Respond panel offers its presets, when known
    held.target = event.target;
    held.body = event.displayBody();
    held.receivedAtMs = event.receivedAtMs;
    held.deadlineAtMs = event.receivedAtMs + rule.timeoutMs;
    held.defaultAnswer = response; // the rule's answer, at its timeoutMs, unless the user answers first
    event.response = HttpResponse{0, {}, {}}; // stored unanswered: the answer is recorded beside it
    HoldDesk *desk = m_desk;
    m_store->submit(std::move(event), [done = std::move(done), desk, held](const CaptureResult &stored) mutable {
        if (!stored.stored) {
            done(stored);
            return;
        }
        held.id = stored.id;
        desk->hold(held, done); // first the desk, then the connection (as HoldingSink does)
        CaptureResult result = stored;
        result.held = true;
        done(result);
    });
}

void RuleSink::responded(qint64 id, qint64 handlingUs)
{
    m_next->responded(id, handlingUs);
}

void RuleSink::clientGone(qint64 id)
{
    m_next->clientGone(id);
}

void RuleSink::unanswered(qint64 id, qint64 afterMs)
{
    m_next->unanswered(id, afterMs);
}

} // namespace hookscope
