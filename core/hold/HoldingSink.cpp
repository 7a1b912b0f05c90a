#include "HoldingSink.h"

#include "AnswerBuilder.h"
#include "HoldDesk.h"
#include "Log.h"
#include "schema/Classifier.h"
#include "schema/JsonPointer.h"
#include "schema/KindCatalog.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSet>
#include <algorithm>
#include <bitset>
#include <cstring>

namespace hookscope {

namespace {
// Classifying by shape parses the body: only bodies that can be a JSON object, and not huge.
constexpr qsizetype kMaxClassifiedBytes = 4 * 1024 * 1024;

// The quote that ends a JSON string whose text starts at `from`, or nullptr. memchr does the
// scanning (a byte loop here was a tenth of the receive path's CPU on a 5 KB body); a quote
// is escaped when an odd number of backslashes precedes it.
const char *closingQuote(const char *from, const char *end)
{
    for (const char *p = from; p < end;) {
        const char *quote = static_cast<const char *>(std::memchr(p, '"', size_t(end - p)));
        if (!quote)
            return nullptr;
        const char *b = quote;
        while (b > from && b[-1] == '\\')
            --b;
        if ((quote - b) % 2 == 0)
            return quote;
        p = quote + 1;
    }
    return nullptr;
}

// The member names (at any depth) of a JSON text among `wanted`, found in one pass without
// parsing: a quoted string followed by ':' is a member name. Escaped names are compared as
// written, which can only make a kind look less likely (it is then not held).
QSet<QByteArray> namesAmong(const QByteArray &body, const QSet<QByteArray> &wanted)
{
    QSet<QByteArray> found;
    // Most names in a body are not wanted: their length alone rules them out before hashing.
    std::bitset<128> lengths;
    bool anyLonger = false;
    for (const QByteArray &name : wanted) {
        if (name.size() < qsizetype(lengths.size()))
            lengths.set(size_t(name.size()));
        else
            anyLonger = true;
    }
    const auto mayBeWanted = [&](qsizetype size) {
        return size < qsizetype(lengths.size()) ? lengths.test(size_t(size)) : anyLonger;
    };
    const char *p = body.constData();
    const char *const end = p + body.size();
    while (p < end) {
        const char *open = static_cast<const char *>(std::memchr(p, '"', size_t(end - p)));
        if (!open)
            break;
        const char *close = closingQuote(open + 1, end);
        if (!close)
            break;
        const char *after = close + 1;
        while (after < end && (*after == ' ' || *after == '\t' || *after == '\n' || *after == '\r'))
            ++after;
        if (after < end && *after == ':' && mayBeWanted(qsizetype(close - open - 1))) {
            const QByteArray name = QByteArray::fromRawData(open + 1, qsizetype(close - open - 1));
            if (wanted.contains(name))
                found.insert(QByteArray(name.constData(), name.size()));
        }
        p = close + 1;
    }
    return found;
}

// The member name a pointer ends with ("" for the whole document or an array index).
QByteArray lastName(const QString &pointer)
{
    const std::optional<QStringList> tokens = JsonPointer::tokens(pointer);
    if (!tokens || tokens->isEmpty() || JsonPointer::arrayIndex(tokens->last()))
        return {};
    return tokens->last().toUtf8();
}

// An upper bound of a kind's shape score from the member names the body has anywhere: a member
// can only be present when its name occurs. When no active kind can reach its minScore, the body
// is not parsed at all (the common case: most hooks are not of the held kind).
bool mayScore(const Kind &kind, const QSet<QByteArray> &names)
{
    const KindMatch &match = kind.match;
    const qsizetype total = match.required.size() + Classifier::kDiscriminatorWeight * match.discriminatorCount();
    if (total == 0)
        return false;
    const auto pointerMayHit = [&names](const QString &pointer) {
        const QByteArray name = lastName(pointer);
        return name.isEmpty() || names.contains(name);
    };
    qsizetype hits = 0;
    for (const QString &member : match.required)
        hits += names.contains(member.toUtf8()) ? 1 : 0;
    for (const auto &[pointer, value] : match.equals)
        hits += pointerMayHit(pointer) ? Classifier::kDiscriminatorWeight : 0;
    for (const QString &pointer : match.present)
        hits += pointerMayHit(pointer) ? Classifier::kDiscriminatorWeight : 0;
    return double(hits) / double(total) >= match.minScore;
}

void addNames(const Kind &kind, QSet<QByteArray> *wanted)
{
    for (const QString &member : kind.match.required)
        wanted->insert(member.toUtf8());
    for (const auto &[pointer, value] : kind.match.equals)
        wanted->insert(lastName(pointer));
    for (const QString &pointer : kind.match.present)
        wanted->insert(lastName(pointer));
}

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
    if (byRoute.isKnown())
        return byRoute.kindId;
    const QByteArray &body = event.displayBody();
    if (body.size() > kMaxClassifiedBytes || !mayBeJsonObject(body))
        return {};
    QList<std::shared_ptr<const Kind>> active;
    QSet<QByteArray> wanted;
    for (const QString &id : m_policy.activeKinds()) {
        if (std::shared_ptr<const Kind> kind = catalog->kind(id)) {
            addNames(*kind, &wanted);
            active.append(std::move(kind));
        }
    }
    const QSet<QByteArray> names = namesAmong(body, wanted);
    const bool worthParsing = std::any_of(active.cbegin(), active.cend(),
                                          [&names](const auto &kind) { return mayScore(*kind, names); });
    if (!worthParsing)
        return {}; // whatever kind it is, it is neither held nor answered by a preset
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return {};
    return classifier.byShape(doc.object()).kindId;
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
    const QString kind = kindOf(event);
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

void HoldingSink::clientGone(qint64 id)
{
    m_desk->clientGone(id);
    m_inner->clientGone(id);
}

} // namespace hookscope
