#include "ReceiverFixture.h"

#include "store/EventStore.h"

#include <QTest>

namespace hookscope::test {

void ReceiverFixture::setUp()
{
    openStore();
    ReceiverConfig config;
    config.port = 0;
    config.idleTimeoutMs = 400;
    config.limits = {2048, 4096};
    startOn(m_recorder.get(), config);
}

void ReceiverFixture::openStore(SyncMode sync)
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("events.sqlite"));
    m_recorder = std::make_unique<EventRecorder>();
    QString error;
    QVERIFY2(m_recorder->open(m_path, &error, sync), qPrintable(error));
}

void ReceiverFixture::startOn(CaptureSink *sink, const ReceiverConfig &config)
{
    m_receiver = std::make_unique<Receiver>(sink);
    restart(config);
}

void ReceiverFixture::restart(const ReceiverConfig &config)
{
    m_receiver->stop();
    m_receiver->setConfig(config);
    QVERIFY2(m_receiver->start(), qPrintable(m_receiver->errorString()));
    QVERIFY(m_receiver->port() != 0);
}

void ReceiverFixture::tearDown()
{
    m_receiver.reset();
    m_recorder.reset();
    m_dir.reset();
}

std::optional<Event> ReceiverFixture::lastEvent() const
{
    EventStore store;
    QString error;
    if (!store.open(m_path, &error))
        return std::nullopt;
    const QList<qint64> ids = store.ids();
    return ids.isEmpty() ? std::nullopt : store.load(ids.last());
}

qint64 ReceiverFixture::storedCount() const
{
    EventStore store;
    QString error;
    return store.open(m_path, &error) ? store.count() : -1;
}

} // namespace hookscope::test
