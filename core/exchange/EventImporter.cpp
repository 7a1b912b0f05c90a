#include "EventImporter.h"

#include "ImportReader.h"
#include "store/EventStore.h"

#include <QDateTime>
#include <QFile>

namespace hookscope {

namespace {
constexpr qint64 kImportProgressEvery = 64; // events between progress calls
const QString kCancelled = QStringLiteral("cancelled");
} // namespace

QString ImportResult::skippedSummary(bool lineBreaks) const
{
    if (skipped == 0)
        return {};
    QString text = skipped == 1 ? QStringLiteral("1 entry skipped") : QStringLiteral("%1 entries skipped").arg(skipped);
    const QString separator = lineBreaks ? QStringLiteral("\n  ") : QStringLiteral("; ");
    text += lineBreaks ? QStringLiteral(":\n  ") : QStringLiteral(": ");
    text += skippedReasons.join(separator);
    if (skippedReasons.size() < skipped)
        text += separator + QStringLiteral("(%1 more)").arg(skipped - skippedReasons.size());
    return text;
}

ImportResult EventImporter::importInto(EventStore *store, const QString &path, const ImportControl &control)
{
    ImportResult result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.unreadable = true;
        result.error = QStringLiteral("cannot open %1: %2").arg(file.fileName(), file.errorString());
        return result;
    }
    const qint64 size = file.size();
    const auto cancelled = [&control] { return control.cancel && control.cancel->load(std::memory_order_relaxed); };
    if (!store->begin()) {
        result.unreadable = true;
        result.error = QStringLiteral("cannot start a transaction in the store");
        return result;
    }
    if (control.progress)
        control.progress(0, size);
    ImportReader reader(QDateTime::currentMSecsSinceEpoch());
    const bool read = reader.read(&file, [&](Event &event, QString *error) {
        if (cancelled()) {
            *error = kCancelled;
            return false;
        }
        if (!store->insert(event, error))
            return false;
        // Who decided a held hook's answer survives the round trip (issue 24).
        if (event.answerSource != 0) {
            AnswerRecord answer;
            answer.id = event.id;
            answer.source = AnswerSource(event.answerSource);
            answer.response = event.response;
            answer.afterMs = event.answerAfterMs;
            answer.presetId = event.answerPreset;
            answer.via = AnswerVia(event.answerVia);
            answer.presetTitle = event.answerPresetTitle;
            answer.rule = event.answerRule;
            answer.invalid = event.answerInvalid;
            if (!store->saveAnswer(answer)) {
                *error = QStringLiteral("cannot store the answer of event %1").arg(event.id);
                return false;
            }
        }
        if (result.firstId == 0)
            result.firstId = event.id;
        result.lastId = event.id;
        if (control.progress && (reader.eventCount() + 1) % kImportProgressEvery == 0)
            control.progress(file.pos(), size);
        return true;
    });
    if (!read || cancelled()) {
        store->rollback();
        result.cancelled = cancelled();
        result.error = result.cancelled ? kCancelled : reader.error();
        result.unreadable = !result.cancelled && file.error() != QFileDevice::NoError;
        result.firstId = result.lastId = 0;
        return result;
    }
    if (!store->commit(&result.error)) {
        store->rollback();
        result.unreadable = true;
        result.firstId = result.lastId = 0;
        return result;
    }
    if (control.progress)
        control.progress(size, size);
    result.ok = true;
    result.imported = reader.eventCount();
    result.skipped = reader.skippedCount();
    result.skippedReasons = reader.skippedReasons();
    return result;
}

} // namespace hookscope
