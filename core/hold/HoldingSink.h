#pragma once

#include "HoldPolicy.h"
#include "KindPrefilter.h"
#include "PresetCatalog.h"
#include "event/CaptureSink.h"

#include <QJsonValue>
#include <QMutex>
#include <functional>
#include <memory>
#include <optional>

namespace hookscope {

class HoldDesk;
class KindCatalog;
struct AnswerRecord;
struct HeldRequest;

// Sits between the receiver and the store (a CaptureSink decorator). When some kind is held
// or answered by --respond, it classifies each request as it arrives (route, then body shape:
// no validation) and
//   - a held kind: stores the event, then hands it to the HoldDesk, which answers it later;
//   - a --respond kind: stores the event and answers with the preset's body;
//   - anything else: passes straight through, as when nothing is held.
// Lives on the receiver's thread (CaptureSession's network thread); the policy and the presets
// may be replaced and read from any thread (each request takes the ones in force under a lock).
// The body is parsed at most once per request: the parse that found the kind by its shape is
// the one the preset's answer is built from.
class HoldingSink final : public CaptureSink
{
public:
    using CatalogSource = std::function<std::shared_ptr<const KindCatalog>()>;

    // `inner` and `desk` are not owned and must outlive the receiver using this sink.
    HoldingSink(CaptureSink *inner, HoldDesk *desk, CatalogSource catalog);
    ~HoldingSink() override;

    // Any thread: applies to requests arriving from now on.
    void setPolicy(HoldPolicy policy);
    [[nodiscard]] HoldPolicy policy() const; // a copy, any thread
    void setPresets(PresetCatalog presets);
    [[nodiscard]] PresetCatalog presets() const; // a copy, any thread

    void submit(Event event, CaptureDone done) override;
    void responded(qint64 id, qint64 handlingUs) override;
    void clientGone(qint64 id) override;
    void unanswered(qint64 id, qint64 afterMs) override;

    // The kind the classifier gives this request when it may be an active (held or --respond)
    // kind; empty when unknown or when it cannot be one of those.
    [[nodiscard]] QString kindOf(const Event &event) const;
    // What goes out at the deadline for `kind`: its default preset filled from the request,
    // else the receiver's default answer. *presetId names the preset used.
    [[nodiscard]] HttpResponse defaultAnswer(const QString &kind, const QJsonValue &request,
                                             const HttpResponse &fallback, QString *presetId) const;

    // HoldDesk's annotator (any thread): the name of the preset that built `record` and
    // whether it breaks the request kind's response schema (issue 24.9: "answer invalid").
    void annotate(const HeldRequest &request, AnswerRecord *record) const;

private:
    struct Rules
    {
        HoldPolicy policy;
        PresetCatalog presets;
    };
    [[nodiscard]] std::shared_ptr<const Rules> rules() const;
    // kindOf() under these rules; *parsed: the body as parsed to find the kind (Null when not parsed).
    [[nodiscard]] QString kindOf(const Event &event, const std::shared_ptr<const Rules> &rules, QJsonValue *parsed) const;
    [[nodiscard]] static HttpResponse defaultAnswer(const Rules &rules, const QString &kind, const QJsonValue &request,
                                                    const HttpResponse &fallback, QString *presetId);
    // The active kinds' name pre-check, rebuilt when the policy or the catalog changes. Only
    // the receiving thread uses it.
    [[nodiscard]] const KindPrefilter &prefilter(const std::shared_ptr<const Rules> &rules,
                                                 const std::shared_ptr<const KindCatalog> &catalog) const;

    CaptureSink *m_inner; // not owned
    HoldDesk *m_desk; // not owned
    CatalogSource m_catalog;
    mutable QMutex m_mutex; // guards m_rules (the pointer; the rules it points to never change)
    std::shared_ptr<const Rules> m_rules;
    mutable std::optional<KindPrefilter> m_prefilter;
    mutable std::shared_ptr<const Rules> m_prefilterRules; // held, so new rules never reuse its address
    mutable std::shared_ptr<const KindCatalog> m_prefilterCatalog;
};

} // namespace hookscope
