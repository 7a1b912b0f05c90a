#pragma once

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
};

// Writes events from a store to a file, reading them in id windows (never all at once).
// The file appears only when everything was written: a QSaveFile writes a temporary file
// and renames it at the end; a cancel or an error leaves nothing behind.
class EventExporter final
{
public:
    using Progress = std::function<void(qint64 done, qint64 total)>;

    explicit EventExporter(const EventStore *store); // not owned

    void setProgress(Progress progress) { m_progress = std::move(progress); }
    // Polled between events; set from any thread to stop.
    void setCancelFlag(const std::atomic<bool> *cancel) { m_cancel = cancel; }
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
    QString m_curlBaseUrl;
};

} // namespace hookscope
