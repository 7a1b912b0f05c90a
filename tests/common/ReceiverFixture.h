#pragma once

#include "event/CaptureSink.h"
#include "http/Receiver.h"
#include "event/Event.h"
#include "store/EventRecorder.h"

#include <QTemporaryDir>
#include <memory>
#include <optional>

namespace hookscope::test {

// A Receiver on port 0 in front of an EventRecorder on a fresh store, for the receiver's
// socket tests: a test class derives from it and calls setUp()/tearDown() in init()/cleanup().
class ReceiverFixture
{
protected:
    void setUp(); // openStore(), then a receiver: idle timeout 0.4 s, head limit 2 KiB, body limit 4 KiB
    void tearDown();
    // A fresh store in a temporary folder and the recorder writing to it; no receiver yet.
    void openStore(SyncMode sync = SyncMode::Full);
    // A new receiver with `config` in front of `sink` (the recorder, or a sink of the test's
    // own in front of it; not owned), started.
    void startOn(CaptureSink *sink, const ReceiverConfig &config);
    // The same receiver with another configuration.
    void restart(const ReceiverConfig &config);
    [[nodiscard]] std::optional<Event> lastEvent() const;
    [[nodiscard]] qint64 storedCount() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventRecorder> m_recorder;
    std::unique_ptr<Receiver> m_receiver;
    QString m_path;
};

} // namespace hookscope::test
