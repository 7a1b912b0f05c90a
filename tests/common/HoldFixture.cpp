#include "HoldFixture.h"

#include <QTest>

namespace hookscope::test {

void HoldFixture::setUp(const QString &storeName)
{
    static int n = 0;
    m_path = m_dir.filePath(QStringLiteral("%1-%2.sqlite").arg(storeName).arg(++n));
    m_registry = new SchemaRegistry;
    m_recorder = new EventRecorder;
    QString error;
    QVERIFY2(m_recorder->open(m_path, &error), qPrintable(error));
    m_desk = new HoldDesk;
    m_desk->setRecorder([this](const AnswerRecord &r) { m_recorder->recordAnswer(r); });
    SchemaRegistry *registry = m_registry;
    m_sink = std::make_unique<HoldingSink>(m_recorder, m_desk, [registry] { return registry->catalog(); });
}

// The receiver first, so nothing new arrives; the recorder after the desk and the sink that
// hand it events and answers.
void HoldFixture::tearDown()
{
    delete m_receiver;
    m_receiver = nullptr;
    delete m_desk;
    m_desk = nullptr;
    m_sink.reset();
    delete m_recorder;
    m_recorder = nullptr;
    delete m_registry;
    m_registry = nullptr;
}

void HoldFixture::start(const HoldPolicy &policy)
{
    m_sink->setPolicy(policy);
    m_receiver = new Receiver(m_sink.get());
    ReceiverConfig config;
    config.port = 0;
    m_receiver->setConfig(config);
    QVERIFY2(m_receiver->start(), qPrintable(m_receiver->errorString()));
}

} // namespace hookscope::test
