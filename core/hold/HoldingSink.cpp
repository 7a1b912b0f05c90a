#include "HoldingSink.h"

#include "AnswerBuilder.h"
#include "HoldDesk.h"
#include "util/Log.h"
#include "schema/Classifier.h"
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
    , m_policy(HoldPolicy::builtIn())
    , m_presets(PresetCatalog::builtIn())
{
}

HoldingSink::~HoldingSink() = default;

QString HoldingSink::kindOf(const Event &event) const
{
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
    const QByteArray &body = event.displayBody();
    if (body.size() > kMaxClassifiedBytes || !mayBeJsonObject(body))
        return {};
    if (!prefilter(catalog).mayMatch(body))
        return {}; // whatever kind it is, it is neither held nor answered by a preset
    const QJsonDocument doc = QJsonDocument::fromJson(JsonNumberRange::tamed(body));
    if (!doc.isObject())
        return {};
    // Another kind's shape can pass the name pre-check (Cubu's hooks share most members): only
    // an active kind is worth reporting.
    const QString kind = classifier.byShape(doc.object()).kindId;
    return m_policy.rule(kind).hold || m_policy.respond(kind) ? kind : QString();
}

const KindPrefilter &HoldingSink::prefilter(const std::shared_ptr<const KindCatalog> &catalog) const
{
    if (!m_prefilter || m_prefilterCatalog != catalog) {
        QList<KindMatch> matches;
        for (const QString &id : m_policy.activeKinds()) {
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
    const HoldRule rule = m_policy.rule(kind);
    if (const ResponsePreset *preset = m_presets.find(kind, rule.defaultPreset)) {
        *presetId = preset->id;
        return AnswerBuilder::response(*preset, request, AnswerBuilder::defaultArgument(*preset, request));
    }
    presetId->clear();
    return fallback;
}

void HoldingSink::submit(Event event, CaptureDone done)
{
    // A request the EndpointGuard refused keeps its 401/404: never held, never a preset's answer.
    if (!m_policy.needsClassification() || event.method == "HEAD" || !event.rejection.isEmpty()) {
        m_inner->submit(std::move(event), std::move(done));
        return;
    }
    QString kind;
    try {
        kind = kindOf(event);
    } catch (const std::exception &e) { // std::bad_alloc of this body's parse, for one: stored, not held
        qCWarning(lcHttp).noquote() << "not classified for holding:" << e.what();
    }
    if (kind.isEmpty()) {
        m_inner->submit(std::move(event), std::move(done));
        return;
    }
    if (const std::optional<RespondRule> respond = m_policy.respond(kind)) {
        if (const ResponsePreset *preset = m_presets.find(kind, respond->presetId)) {
            const QJsonValue request = AnswerBuilder::parseRequest(event.displayBody());
            const QString argument = respond->argument.value_or(AnswerBuilder::defaultArgument(*preset, request));
            const HttpResponse answer = AnswerBuilder::response(*preset, request, argument);
            event.response = answer;
            const qint64 receivedAtMs = event.receivedAtMs;
            HoldDesk *desk = m_desk;
            const QString presetId = preset->id;
            m_inner->submit(std::move(event), [done = std::move(done), answer, desk, receivedAtMs,
                                               presetId](const CaptureResult &stored) {
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
                    record.afterMs = QDateTime::currentMSecsSinceEpoch() - receivedAtMs;
                    desk->recordImmediate(record);
                }
            });
            return;
        }
        qCWarning(lcHttp).noquote() << "--respond: no preset" << respond->presetId << "for" << kind;
    }
    const HoldRule rule = m_policy.rule(kind);
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
    held.defaultAnswer = defaultAnswer(kind, AnswerBuilder::parseRequest(held.body), event.response,
                                       &held.defaultPresetId);
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

} // namespace hookscope
