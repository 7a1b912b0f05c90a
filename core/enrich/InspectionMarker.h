#pragma once

#include <QFile>
#include <QString>

namespace hookscope {

// Names the event being inspected, in a small file beside the store ("<store>-inspecting"), so an
// inspection that takes the process down (a crash, an abort, the OOM killer) is found at the next
// start and that event is not inspected again: a crash happens at most once per event, never in a
// loop. Written before and after every inspection, so it must cost microseconds: one pwrite of a
// fixed-size line, no fsync (a process that dies leaves its writes in the page cache; only a power
// loss can drop one, and then the event is simply inspected again). A table row would be a write
// transaction per event on a second connection, contending with the capture writer's lock.
class InspectionMarker final {
public:
    InspectionMarker() = default;
    ~InspectionMarker();
    InspectionMarker(const InspectionMarker &) = delete;
    InspectionMarker &operator=(const InspectionMarker &) = delete;

    [[nodiscard]] static QString pathFor(const QString &storePath);

    // Opens (creating) the marker of the store; returns the id left marked by an earlier run, 0
    // when none. Without a usable file the marker does nothing (inspection still runs).
    qint64 open(const QString &storePath);
    void close();
    void mark(qint64 id);
    void clear() { mark(0); }

private:
    QFile m_file;
};

} // namespace hookscope
