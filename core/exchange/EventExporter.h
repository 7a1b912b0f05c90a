#pragma once

#include "store/EventFilter.h"
#include "store/SalvageReader.h"

#include <QList>
#include <QString>
#include <atomic>
#include <functional>
#include <optional>

namespace hookscope {

class EventStore;

enum class ExportFormat { HookscopeJson, Har, CurlScript };

struct ExportResult
{
    bool ok = false;
    bool cancelled = false;
    qint64 written = 0;
    QString error;
    bool refused = false; // the file is part of the store: nothing was written (error says why)
    // Events left out because the store cannot give them back as stored (ok stays true: the
    // rest was written), and events written without a damaged part (`partly`).
    QList<UnreadableEvents> unreadable;
};

// Writes events from a store to a file, reading them in id windows (never all at once).
// The file appears only when everything was written: a QSaveFile writes a temporary file
// and renames it at the end; a cancel or an error leaves nothing behind. A damaged store
// is read past its damage (SalvageReader): what cannot be read is listed in the result.
// A file that is part of the store (StoreFiles) is refused before anything is written.
class EventExporter final
{
public:
    using Progress = std::function<void(qint64 done, qint64 total)>;

    explicit EventExporter(const EventStore *store); // not owned

    void setProgress(Progress progress) { m_progress = std::move(progress); }
    // Only events whose target, headers or body (raw or decoded) contain `needle`, ignoring
    // ASCII case, matched here as each event is read: what EventStore::matchingIds() finds,
    // for a damaged store whose search SQLite cannot finish. Empty: every event.
    void setFilter(const EventFilter &filter) { m_filter = filter; }
    // Polled between events; set from any thread to stop.
    void setCancelFlag(const std::atomic<bool> *cancel) { m_cancel = cancel; }
    // Writes every Authorization / Proxy-Authorization header with its credentials replaced
    // ("Bearer [redacted]"); the store keeps them as sent. Off by default.
    void setRedactAuthorization(bool redact) { m_redactAuthorization = redact; }
    // CurlScript only: where the commands send to (empty: where each request was sent).
    void setCurlBaseUrl(const QString &url) { m_curlBaseUrl = url; }

    // ids: these events (in id order; missing ones are skipped); nullopt: every event.
    [[nodiscard]] ExportResult exportTo(const QString &path, ExportFormat format,
                                        const std::optional<QList<qint64>> &ids);

    // .har → HAR, .sh → curl script, anything else → hookscope JSON.
    [[nodiscard]] static ExportFormat formatForPath(const QString &path);

private:
    const EventStore *m_store;
    Progress m_progress;
    const std::atomic<bool> *m_cancel = nullptr;
    EventFilter m_filter;
    bool m_redactAuthorization = false;
    QString m_curlBaseUrl;
};

} // namespace hookscope
