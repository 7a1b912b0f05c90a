#pragma once

#include "store/Event.h"

#include <QList>
#include <QString>
#include <atomic>

namespace hookscope {

class EventStore;

struct ImportResult
{
    bool ok = false;
    bool unreadable = false; // the file could not be opened or read (as opposed to refused)
    qint64 imported = 0;
    QString error; // the reason, with its position in the file
};

// Imports a hookscope export or a HAR file (recognised by content). Events keep their receive
// times, get new ids and are marked imported. All or nothing: a refused file stores nothing.
class EventImporter final
{
public:
    // Straight into an open store, in one transaction (the command line, when no window runs).
    [[nodiscard]] static ImportResult importInto(EventStore *store, const QString &path);
    // Reads and checks the whole file into *events, for a caller that stores them through the
    // running writer (the window). A set *cancel stops the reading ("cancelled").
    [[nodiscard]] static ImportResult readAll(const QString &path, QList<Event> *events,
                                              const std::atomic<bool> *cancel = nullptr);
};

} // namespace hookscope
