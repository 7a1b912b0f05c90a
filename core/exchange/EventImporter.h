#pragma once

#include "event/Event.h"

#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>

namespace hookscope {

class EventStore;

struct ImportResult
{
    bool ok = false;
    bool unreadable = false; // the file could not be opened or read (as opposed to refused)
    bool cancelled = false; // stopped through ImportControl::cancel: nothing was stored
    qint64 imported = 0;
    qint64 skipped = 0; // HAR entries that could not be events (ImportReader)
    QStringList skippedReasons; // the first few, with their entry index and position
    qint64 firstId = 0; // the ids the imported events got: every id in [firstId, lastId]
    qint64 lastId = 0;
    QString error; // the reason, with its position in the file

    // "2 entries skipped: entry 0 (ending at byte 812): request.method: is empty; …" (the
    // reasons one per line when lineBreaks), or empty when nothing was skipped.
    [[nodiscard]] QString skippedSummary(bool lineBreaks) const;
};

// What a caller running an import on a thread of its own can see and do.
struct ImportControl
{
    // Polled before every event and before the commit; when set, the transaction is rolled back.
    const std::atomic<bool> *cancel = nullptr;
    // Bytes of the file read so far and its size, called on the importing thread every few events.
    std::function<void(qint64 bytesRead, qint64 bytesTotal)> progress;
};

// Imports a hookscope export or a HAR file (recognised by content). Events keep their receive
// times, get new ids and are marked imported. All or nothing: a refused or cancelled file
// stores nothing (a HAR entry that was never a request is skipped, not a refusal: ImportReader). The file is streamed (ImportReader): memory stays at one 64 KiB chunk and
// one event, whatever its size. The command line and the window both import through here.
class EventImporter final
{
public:
    // Into an open store that nobody else writes to meanwhile, in one transaction: from the
    // command line directly, from the window on the store writer's connection
    // (EventRecorder::runOnWriter).
    [[nodiscard]] static ImportResult importInto(EventStore *store, const QString &path,
                                                 const ImportControl &control = {});
};

} // namespace hookscope
