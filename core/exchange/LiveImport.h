#pragma once

#include "EventImporter.h"

#include <atomic>

namespace hookscope {

class EventRecorder;

// An import into the store a running window captures into. The file is streamed into one
// transaction on the recorder's writer connection by EventImporter::importInto (the code
// the command line runs), so it never competes with captures for the write lock; then the
// new rows are read back in small windows on a read connection and reported with
// EventRecorder::eventsStored, each window only after the previous one was delivered.
// Memory stays at one chunk of the file plus one event while importing, and one window
// while reporting, whatever the file's size.
class LiveImport final
{
public:
    static constexpr int kReportWindow = 500;

    // Call it on a thread of its own, never on the recorder's or the writer's thread.
    // `stop` (may be null) ends the reporting early (the window is closing); cancelling
    // the import itself goes through control.cancel.
    [[nodiscard]] static ImportResult run(EventRecorder *recorder, const QString &path, const ImportControl &control,
                                          const std::atomic<bool> *stop = nullptr);
};

} // namespace hookscope
