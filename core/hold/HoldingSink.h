#pragma once

#include "HoldPolicy.h"
#include "KindPrefilter.h"
#include "PresetCatalog.h"
#include "event/CaptureSink.h"

#include <functional>
#include <memory>
#include <optional>

namespace hookscope {

class HoldDesk;
class KindCatalog;

// Sits between the receiver and the store (a CaptureSink decorator). When some kind is held
// or answered by --respond, it classifies each request as it arrives (route, then body shape:
// no validation) and
//   - a held kind: stores the event, then hands it to the HoldDesk, which answers it later;
//   - a --respond kind: stores the event and answers with the preset's body;
//   - anything else: passes straight through, as when nothing is held.
// Lives on the receiver's thread.
class HoldingSink final : public CaptureSink
{
public:
    using CatalogSource = std::function<std::shared_ptr<const KindCatalog>()>;

    // `inner` and `desk` are not owned and must outlive the receiver using this sink.
    HoldingSink(CaptureSink *inner, HoldDesk *desk, CatalogSource catalog);
    ~HoldingSink() override;

    void setPolicy(HoldPolicy policy)
    {
        m_policy = std::move(policy);
        m_prefilter.reset();
    }
    [[nodiscard]] const HoldPolicy &policy() const { return m_policy; }
    void setPresets(PresetCatalog presets) { m_presets = std::move(presets); }
    [[nodiscard]] const PresetCatalog &presets() const { return m_presets; }

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

private:
    // The active kinds' name pre-check, rebuilt when the policy or the catalog changes.
    [[nodiscard]] const KindPrefilter &prefilter(const std::shared_ptr<const KindCatalog> &catalog) const;

    CaptureSink *m_inner; // not owned
    HoldDesk *m_desk; // not owned
    CatalogSource m_catalog;
    HoldPolicy m_policy;
    PresetCatalog m_presets;
    mutable std::optional<KindPrefilter> m_prefilter;
    mutable std::shared_ptr<const KindCatalog> m_prefilterCatalog;
};

} // namespace hookscope
