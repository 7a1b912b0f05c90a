#include "ReceiverFixture.h"

#include "store/EventStore.h"

#include <QTest>
#include <zlib.h>

namespace hookscope::test {

void ReceiverFixture::setUp()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("events.sqlite"));
    m_recorder = std::make_unique<EventRecorder>();
    QString error;
    QVERIFY2(m_recorder->open(m_path, &error), qPrintable(error));
    m_receiver = std::make_unique<Receiver>(m_recorder.get());
    ReceiverConfig config;
    config.port = 0;
    config.idleTimeoutMs = 400;
    config.limits = {2048, 4096};
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

QByteArray ReceiverFixture::gzip(const QByteArray &data)
{
    z_stream s{};
    deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&s, uLong(data.size()))) + 32, Qt::Uninitialized);
    s.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    s.avail_in = uInt(data.size());
    s.next_out = reinterpret_cast<Bytef *>(out.data());
    s.avail_out = uInt(out.size());
    deflate(&s, Z_FINISH);
    out.resize(qsizetype(s.total_out));
    deflateEnd(&s);
    return out;
}

} // namespace hookscope::test
