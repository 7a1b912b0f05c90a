#include "EventExporter.h"

#include "CurlScriptWriter.h"
#include "ExportWriter.h"
#include "HarWriter.h"
#include "store/EventStore.h"
#include "store/StoreFiles.h"
#include "trust/SecretRedaction.h"

#include <QSaveFile>
#include <algorithm>
#include <memory>

namespace hookscope {

namespace {
constexpr qint64 kProgressEvery = 64;
} // namespace

EventExporter::EventExporter(const EventStore *store)
    : m_store(store)
{
}

ExportFormat EventExporter::formatForPath(const QString &path)
{
    if (path.endsWith(QLatin1String(".har"), Qt::CaseInsensitive))
        return ExportFormat::Har;
    if (path.endsWith(QLatin1String(".sh"), Qt::CaseInsensitive))
        return ExportFormat::CurlScript;
    return ExportFormat::HookscopeJson;
}

ExportResult EventExporter::exportTo(const QString &path, ExportFormat format, const std::optional<QList<qint64>> &ids)
{
    ExportResult result;
    if (const QString reason = StoreFiles::overwriteReason(path, m_store->path()); !reason.isEmpty()) {
        result.refused = true;
        result.error = reason;
        return result;
    }
    std::unique_ptr<EventWriter> writer;
    if (format == ExportFormat::Har)
        writer = std::make_unique<HarWriter>();
    else if (format == ExportFormat::CurlScript)
        writer = std::make_unique<CurlScriptWriter>(m_curlBaseUrl);
    else
        writer = std::make_unique<ExportWriter>();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        result.error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return result;
    }
    const qint64 total = ids ? ids->size() : m_store->count();
    const auto cancelled = [this] { return m_cancel && m_cancel->load(std::memory_order_relaxed); };
    const auto fail = [&](const QString &error) {
        file.cancelWriting();
        result.error = error;
        return result;
    };
    if (!writer->begin(&file))
        return fail(writer->error());
    if (m_progress)
        m_progress(0, total);

    // One query per window of ids, its rows written as they are read: at most one event in memory.
    bool stopped = false;
    QString writeError;
    const QSet<qint64> answered = m_store->answeredIds();
    const EventStore::EventVisitor write = [&](const Event &event, const std::optional<EventInfo> &info) {
        if (cancelled()) {
            stopped = true;
            return false;
        }
        if (!m_filter.matchesText(event))
            return true;
        if (m_filter.predicate) { // a --query, tested as the store's search would have
            Event asStored = event;
            if (answered.contains(event.id))
                asStored.answerPreset = m_store->loadAnswer(event.id).value_or(AnswerRecord{}).presetId;
            const std::optional<ForwardRecord> forward = m_store->loadForward(event.id);
            const int appStatus = !forward ? 0 : forward->status > 0 ? forward->status : -1;
            if (!m_filter.predicate->matches(asStored, info.value_or(EventInfo{}), appStatus))
                return true;
        }
        bool written = false;
        // A held hook's answer: who decided it, kept by the export (issue 24).
        const std::optional<AnswerRecord> answer
            = answered.contains(event.id) ? m_store->loadAnswer(event.id) : std::nullopt;
        if (m_redactAuthorization || answer) {
            Event copy = event;
            if (m_redactAuthorization)
                SecretRedaction::redactAuthorization(&copy.headers);
            if (answer) {
                copy.answerSource = int(answer->source);
                copy.answerAfterMs = answer->afterMs;
                copy.answerPreset = answer->presetId;
            }
            written = writer->write(copy, info);
        } else {
            written = writer->write(event, info);
        }
        if (!written) {
            writeError = writer->error();
            return false;
        }
        ++result.written;
        if (m_progress && result.written % kProgressEvery == 0)
            m_progress(result.written, qMax(total, result.written));
        return true;
    };
    SalvageReader reader(m_store, [&result](const UnreadableEvents &damage) { result.unreadable.append(damage); });
    if (ids) {
        QList<qint64> sortedIds = *ids;
        std::sort(sortedIds.begin(), sortedIds.end());
        sortedIds.erase(std::unique(sortedIds.begin(), sortedIds.end()), sortedIds.end());
        reader.visitIds(sortedIds, write); // ids deleted meanwhile are skipped
    } else {
        reader.visitAll(0, write);
    }
    if (!writeError.isEmpty())
        return fail(writeError);
    if (stopped) {
        file.cancelWriting();
        result.cancelled = true;
        result.error = QStringLiteral("cancelled");
        return result;
    }
    if (!writer->finish())
        return fail(writer->error());
    if (cancelled()) {
        file.cancelWriting();
        result.cancelled = true;
        result.error = QStringLiteral("cancelled");
        return result;
    }
    if (!file.commit()) {
        result.error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return result;
    }
    if (m_progress)
        m_progress(result.written, result.written);
    result.ok = true;
    return result;
}

} // namespace hookscope
