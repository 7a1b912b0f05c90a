#include "HoldingSink.h"

#include "AnswerBuilder.h"
#include "AnswerValidator.h"
#include "HoldDesk.h"
#include "util/Log.h"
#include "schema/Classifier.h"
#include "schema/FormKind.h"
#include "schema/KindCatalog.h"
#include "util/JsonNumberRange.h"

#include <QDateTime>
#include <QJsonDocument>
#include <algorithm>

namespace hookscope {

namespace {
// Classifying by shape parses the body: only bodies that can be a JSON object, and not huge.
constexpr qsizetype kMaxClassifiedBytes = 4 * 1024 * 1024;

bool mayBeJsonObject(const QByteArray &body)
{
    for (const char c : body) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{';
    }
    return false;
}
} // namespace

HoldingSink::HoldingSink(CaptureSink *inner, HoldDesk *desk, CatalogSource catalog)
    : m_inner(inner)
    , m_desk(desk)
    , m_catalog(std::move(catalog))
    , m_rules(std::make_shared<const Rules>(Rules{HoldPolicy::builtIn(), PresetCatalog::builtIn()}))
{
}

HoldingSink::~HoldingSink() = default;

std::shared_ptr<const HoldingSink::Rules> HoldingSink::rules() const
{
    const QMutexLocker lock(&m_mutex);
    return m_rules;
}

void HoldingSink::setPolicy(HoldPolicy policy)
{
    const QMutexLocker lock(&m_mutex);
    m_rules = std::make_shared<const Rules>(Rules{std::move(policy), m_rules->presets});
}

HoldPolicy HoldingSink::policy() const
{
    return rules()->policy;
}

void HoldingSink::setPresets(PresetCatalog presets)
{
    const QMutexLocker lock(&m_mutex);
    m_rules = std::make_shared<const Rules>(Rules{m_rules->policy, std::move(presets)});
}

PresetCatalog HoldingSink::presets() const
{
    return rules()->presets;
}

QString HoldingSink::kindOf(const Event &event) const
{
    QJsonValue parsed;
    return kindOf(event, rules(), &parsed);
}

QString HoldingSink::kindOf(const Event &event, const std::shared_ptr<const Rules> &rules, QJsonValue *parsed) const
{
    const HoldPolicy &policy = rules->policy;
    *parsed = QJsonValue(QJsonValue::Null);
    std::shared_ptr<const KindCatalog> catalog = m_catalog ? m_catalog() : nullptr;
    if (!catalog)
        return {};
    const Classifier classifier(catalog);
    const QString target = QString::fromUtf8(event.target);
    const Classification byRoute = classifier.byRoute(target);
    if (byRoute.isKnown()) {
        // The vendor sends an asynchronous hook to its own path and expects no answer body:
        // a route naming such a pack kind is never held (nor answered by a preset).
        const std::shared_ptr<const Kind> kind = catalog->kind(byRoute.kindId);
        if (kind && !kind->pack.isEmpty() && !kind->isSynchronous())
            return {};
        return byRoute.kindId;
    }
    // Held "unknown" (Settings › Holding, issue 24.18): a body no kind claims is held too, to
    // play a slow server; then every body must be classified (the name pre-check cannot tell).
    // A form body is of the form kind (FormKind), not unknown; a body too big to classify stays
    // unheld, as it would for any kind.
    const QString unknown = HoldPolicy::unknownKind();
    const bool unknownActive = policy.rule(unknown).hold || policy.respond(unknown);
    const QString noKind = unknownActive && !FormKind::declaredBy(event.contentType) ? unknown : QString();
    const QByteArray &body = event.displayBody();
    if (body.size() > kMaxClassifiedBytes)
        return {};
    if (!mayBeJsonObject(body))
        return noKind;
    if (!unknownActive && !prefilter(rules, catalog).mayMatch(body))
        return {}; // whatever kind it is, it is neither held nor answered by a preset
    const QJsonDocument doc = QJsonDocument::fromJson(JsonNumberRange::tamed(body));
    if (!doc.isObject())
        return noKind;
    *parsed = doc.object(); // what AnswerBuilder::parseRequest would make of it: not parsed again
    // Another kind's shape can pass the name pre-check (Cubu's hooks share most members): only
    // an active kind is worth reporting.
    const QString kind = classifier.byShape(doc.object()).kindId;
    if (kind.isEmpty())
        return noKind;
    return policy.rule(kind).hold || policy.respond(kind) ? kind : QString();
}

const KindPrefilter &HoldingSink::prefilter(const std::shared_ptr<const Rules> &rules,
                                            const std::shared_ptr<const KindCatalog> &catalog) const
{
    if (!m_prefilter || m_prefilterCatalog != catalog || m_prefilterRules != rules) {
        m_prefilterRules = rules;
        QList<KindMatch> matches;
        for (const QString &id : rules->policy.activeKinds()) {
            if (std::shared_ptr<const Kind> kind = catalog->kind(id))
                matches.append(kind->match);
        }
        m_prefilter.emplace(matches);
        m_prefilterCatalog = catalog; // held, so a new catalog never reuses its address
    }
    return *m_prefilter;
}

HttpResponse HoldingSink::defaultAnswer(const QString &kind, const QJsonValue &request, const HttpResponse &fallback,
                                        QString *presetId) const
{
    return defaultAnswer(*rules(), kind, request, fallback, presetId);
}

HttpResponse HoldingSink::defaultAnswer(const Rules &rules, const QString &kind, const QJsonValue &request,
                                        const HttpResponse &fallback, QString *presetId)
{
    const HoldRule rule = rules.policy.rule(kind);
    if (const ResponsePreset *preset = rules.presets.find(kind, rule.defaultPreset)) {
        *presetId = preset->id;
        return AnswerBuilder::response(*preset, request, AnswerBuilder::defaultArgument(*preset, request));
    }
    presetId->clear();
    return fallback;
}

void HoldingSink::submit(Event event, CaptureDone done)
{
    const std::shared_ptr<const Rules> rules = this->rules(); // the ones in force for this request
    const HoldPolicy &policy = rules->policy;
    // A request the EndpointGuard refused keeps its 401/404: never held, never a preset's answer.
    if (!policy.needsClassification() || event.method == "HEAD" || !event.rejection.isEmpty()) {
        m_inner->submit(std::move(event), std::move(done));
        return;
    }
    QString kind;
    QJsonValue parsed; // the body, when classifying it parsed it
    try {
        kind = kindOf(event, rules, &parsed);
    } catch (const std::exception &e) { // std::bad_alloc of this body's parse, for one: stored, not held
        qCWarning(lcHttp).noquote() << "not classified for holding:" << e.what();
    }
    if (kind.isEmpty()) {
        m_inner->submit(std::move(event), std::move(done));
        return;
    }
    // A kind known by its route was not parsed yet: parsed here, once.
    const auto parsedBody = [&event, &parsed] {
        return parsed.isNull() ? AnswerBuilder::parseRequest(event.displayBody()) : parsed;
    };
    if (const std::optional<RespondRule> respond = policy.respond(kind)) {
        if (const ResponsePreset *preset = rules->presets.find(kind, respond->presetId)) {
            const QJsonValue request = parsedBody();
            const QString argument = respond->argument.value_or(AnswerBuilder::defaultArgument(*preset, request));
            const HttpResponse answer = AnswerBuilder::response(*preset, request, argument);
            event.response = answer;
            const qint64 receivedAtMs = event.receivedAtMs;
            HoldDesk *desk = m_desk;
            const QString presetId = preset->id;
            const QString presetTitle = preset->title;
            m_inner->submit(std::move(event), [done = std::move(done), answer, desk, receivedAtMs, presetId,
                                               presetTitle](const CaptureResult &stored) {
                CaptureResult result = stored;
                if (result.stored)
                    result.response = answer;
                done(result);
                if (result.stored) {
                    AnswerRecord record;
                    record.id = result.id;
                    record.source = AnswerSource::Preset;
                    record.response = answer;
                    record.presetId = presetId;
                    record.presetTitle = presetTitle;
                    record.afterMs = QDateTime::currentMSecsSinceEpoch() - receivedAtMs;
                    desk->recordImmediate(record);
                }
            });
            return;
        }
        qCWarning(lcHttp).noquote() << "--respond: no preset" << respond->presetId << "for" << kind;
    }
    const HoldRule rule = policy.rule(kind);
    if (!rule.hold) {
        m_inner->submit(std::move(event), std::move(done));
        return;
    }
    HeldRequest held;
    held.kind = kind;
    held.target = event.target;
    held.body = event.displayBody();
    held.receivedAtMs = event.receivedAtMs;
    held.deadlineAtMs = event.receivedAtMs + rule.deadlineMs;
    held.defaultAnswer = defaultAnswer(*rules, kind, parsedBody(), event.response, &held.defaultPresetId);
    // Stored with no answer yet (status 0): the answer, once sent, is recorded beside it.
    event.response = HttpResponse{0, {}, {}};
    HoldDesk *desk = m_desk;
    m_inner->submit(std::move(event), [done = std::move(done), desk, held](const CaptureResult &stored) mutable {
        if (!stored.stored) {
            done(stored); // the connection answers 503: nothing to hold
            return;
        }
        held.id = stored.id;
        // First the desk, then the connection: a client already gone abandons it at once.
        desk->hold(held, done);
        CaptureResult result = stored;
        result.held = true;
        done(result);
    });
}

void HoldingSink::responded(qint64 id, qint64 handlingUs)
{
    m_inner->responded(id, handlingUs);
}

void HoldingSink::unanswered(qint64 id, qint64 afterMs)
{
    m_inner->unanswered(id, afterMs);
}

void HoldingSink::clientGone(qint64 id)
{
    m_desk->clientGone(id);
    m_inner->clientGone(id);
}

void HoldingSink::annotate(const HeldRequest &request, AnswerRecord *record) const
{
    if (!record->presetId.isEmpty()) {
        if (const ResponsePreset *preset = rules()->presets.find(request.kind, record->presetId))
            record->presetTitle = preset->title;
    }
    // Nothing sent (a dropped connection) is not an answer that could break the schema; a kind
    // without a response schema ("unknown" held to play a slow server) has none to break.
    const AnswerValidator validator(m_catalog());
    if (record->sent() && !request.kind.isEmpty() && validator.hasSchema(request.kind))
        record->invalid = !validator.validate(request.kind, record->response.body).isEmpty();
}

} // namespace hookscope
