#pragma once

#include "SalvageReader.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <atomic>

namespace hookscope {

// What a look at a store file found: SQLite's own verdict on its pages, and which events
// can be read back as stored (SalvageReader's verdict, the one `hookscope export` acts on).
struct StoreHealthReport
{
    QString path;
    bool opened = false; // false: no store could be opened; `error` says why
    bool damagedFile = false; // not a database at all / malformed header (StoreRecovery sets such a file aside)
    bool cancelled = false;
    QString error;
    QStringList integrity; // SQLite's messages; {"ok"} when every page is sound, empty when not checked
    qint64 readable = 0; // events read whole
    qint64 partly = 0; // events read without a damaged part
    QList<UnreadableEvents> unreadable; // in id order, partly damaged ones included

    [[nodiscard]] bool integrityOk() const
    {
        return integrity.isEmpty() || integrity == QStringList{QStringLiteral("ok")};
    }
    [[nodiscard]] bool healthy() const { return opened && !cancelled && integrityOk() && unreadable.isEmpty(); }
    // One line for stderr and the status bar: "3 events cannot be read (#12, #40, #90 to #95)".
    [[nodiscard]] QString summary() const;
};

// Checks a store file without changing it (a read-only connection; nothing is migrated):
// PRAGMA quick_check (Quick) or integrity_check (Full), then every event read as export reads it;
// Events reads the events only, in short read transactions (the start-up check beside a capturing
// writer: one long quick_check would keep the WAL from being checkpointed while it runs).
// `cancel`, when set from another thread, ends the check early (report.cancelled). `paced`:
// the check yields the CPU every 250 us (CpuPacer), for a check beside a capturing receiver.
class StoreHealth final
{
public:
    enum class Depth { Events, Quick, Full };
    [[nodiscard]] static StoreHealthReport check(const QString &path, Depth depth = Depth::Quick,
                                                 const std::atomic<bool> *cancel = nullptr, bool paced = false);
};

} // namespace hookscope
