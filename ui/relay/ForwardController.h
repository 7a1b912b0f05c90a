#pragma once

#include "event/Event.h"
#include "store/ForwardRecord.h"

#include <QObject>
#include <QUrl>
#include <map>
#include <optional>

namespace hookscope {

class EventStore;
class Forwarder;

// The window's forwarding: the session's Forwarder (fed with every stored batch), its target and kind from the
// command line (--forward, --forward-kind) or else from QSettings (forward/url, forward/kind,
// forward/enabled), and the latest results kept until the writer has committed them.
class ForwardController final : public QObject
{
    Q_OBJECT
public:
    // `forwarder` (not owned: the CaptureSession's) must outlive this controller.
    ForwardController(Forwarder *forwarder, const QUrl &url, const QString &kind, QObject *parent = nullptr);

    // Switches forwarding on (non-empty URL) or off; remembered in QSettings.
    void configure(const QUrl &url, const QString &kind);
    void pause(); // no forwarding for the rest of this session; the saved setting is kept
    [[nodiscard]] QUrl url() const;
    [[nodiscard]] QString kind() const;
    [[nodiscard]] Forwarder *forwarder() const { return m_forwarder; }
    // The result for an event: a recent one first, else from the store.
    [[nodiscard]] std::optional<ForwardRecord> recordFor(qint64 id, const EventStore &reader) const;

Q_SIGNALS:
    void forwarded(const hookscope::ForwardRecord &record);

private:
    void apply(const QUrl &url, const QString &kind);
    void onForwarded(const ForwardRecord &record);

    Forwarder *m_forwarder; // not owned
    std::map<qint64, ForwardRecord> m_recent;
};

} // namespace hookscope
