#pragma once

#include "hold/HoldDesk.h"
#include "hold/HoldPolicy.h"
#include "hold/HoldingSink.h"
#include "http/Receiver.h"
#include "schema/SchemaRegistry.h"
#include "store/EventRecorder.h"

#include <QTemporaryDir>
#include <memory>

namespace hookscope::test {

// The capture path with holding, without a window: a fresh store, the built-in kinds, a
// recorder, a hold desk whose answers the recorder writes, the holding sink in front of the
// recorder and a receiver on port 0 in front of the sink. A test class derives from it and
// calls setUp()/tearDown() in init()/cleanup(), and start() once it has chosen a policy.
class HoldFixture
{
protected:
    void setUp(const QString &storeName); // the store is <storeName>-<n>.sqlite
    void tearDown();
    void start(const HoldPolicy &policy);

    QTemporaryDir m_dir;
    SchemaRegistry *m_registry = nullptr;
    EventRecorder *m_recorder = nullptr;
    HoldDesk *m_desk = nullptr;
    std::unique_ptr<HoldingSink> m_sink;
    Receiver *m_receiver = nullptr;
    QString m_path;
};

} // namespace hookscope::test
