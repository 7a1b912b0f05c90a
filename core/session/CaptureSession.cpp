#include "CaptureSession.h"

#include "util/Log.h"
#include "enrich/DefaultInspector.h"
#include "enrich/EnrichmentService.h"
#include "hold/HoldDesk.h"
#include "hold/HoldingSink.h"
#include "platform/ThreadPriority.h"
#include "hold/RuleSink.h"
#include "http/Receiver.h"
#include "relay/ForwardedAnswers.h"
#include "relay/Forwarder.h"
#include "store/EventRecorder.h"
#include "trust/TrustInspector.h"
#include "trust/VerifierSlot.h"
#include "tunnel/NgrokWatcher.h"

#include <QCoreApplication>
#include <QThread>

namespace hookscope {

CaptureSession::CaptureSession(QObject *parent)
    : QObject(parent)
    , m_net(new QThread(this))
    , m_recorder(new EventRecorder)
    , m_desk(new HoldDesk)
    , m_sink(std::make_unique<HoldingSink>(m_recorder, m_desk, appKindCatalog))
    , m_rules(new RuleSink(m_sink.get(), m_recorder, m_desk, appKindCatalog))
    , m_receiver(new Receiver(m_rules))
    , m_signatures(std::make_shared<VerifierSlot>(std::make_shared<const SignatureVerifier>()))
    , m_forwarder(new Forwarder(m_recorder, this))
    , m_forwardedAnswers(new ForwardedAnswers(m_forwarder, m_desk, this))
    , m_watcher(new NgrokWatcher(this))
{
    qRegisterMetaType<QList<hookscope::Event>>();
    qRegisterMetaType<QList<hookscope::EventInfo>>();
    m_desk->setRecorder([recorder = m_recorder](const AnswerRecord &record) { recorder->recordAnswer(record); });
    m_desk->setAnnotator([sink = m_sink.get()](const HeldRequest &request, AnswerRecord *record) {
        sink->annotate(request, record);
    });
    m_net->setObjectName(QStringLiteral("capture"));
    for (QObject *object : {static_cast<QObject *>(m_recorder), static_cast<QObject *>(m_desk),
                            static_cast<QObject *>(m_rules), static_cast<QObject *>(m_receiver)})
        object->moveToThread(m_net);
    // Above the GUI (which only shows), below the store writer (which a 2xx waits for).
    connect(m_net, &QThread::started, m_net, [] { requestShortTimeSlice(); }, Qt::DirectConnection);
    m_net->start(QThread::HighPriority);

    // Emitted on the network thread; these connections carry them over, batch by batch.
    connect(m_recorder, &EventRecorder::eventsStored, this, &CaptureSession::eventsStored, Qt::QueuedConnection);
    connect(m_recorder, &EventRecorder::storeFailed, this, &CaptureSession::storeFailed, Qt::QueuedConnection);
    connect(m_recorder, &EventRecorder::deleteProgress, this, &CaptureSession::deleteProgress, Qt::QueuedConnection);
    connect(m_recorder, &EventRecorder::deleteFinished, this, &CaptureSession::deleteFinished, Qt::QueuedConnection);
    connect(m_recorder, &EventRecorder::clearStarted, this, &CaptureSession::clearStarted, Qt::QueuedConnection);
    connect(m_recorder, &EventRecorder::textIndexProgress, this, &CaptureSession::textIndexProgress,
            Qt::QueuedConnection);
    connect(m_desk, &HoldDesk::held, this, &CaptureSession::held, Qt::QueuedConnection);
    connect(m_desk, &HoldDesk::answered, this, &CaptureSession::answered, Qt::QueuedConnection);
    connect(this, &CaptureSession::eventsStored, m_forwarder, &Forwarder::enqueue);
    connect(m_watcher, &NgrokWatcher::publicUrlChanged, this, [this](const QString &url) {
        if (m_config.followTunnelUrl && m_config.publicBase.isEmpty())
            m_signatures->setPublicBase(url.toUtf8()); // {url} of signed content: the tunnel's
    });
}

CaptureSession::~CaptureSession()
{
    shutdown();
    // The children that record through the recorder or answer through the desk go first.
    delete m_forwardedAnswers;
    delete m_forwarder;
    delete m_enrichment;
    delete m_rules;
    delete m_recorder;
    delete m_desk;
}

void CaptureSession::onNetwork(const std::function<void()> &work)
{
    if (m_shutDown || QThread::currentThread() == m_net) {
        work();
        return;
    }
    // The network thread never waits for this one, so a blocking call cannot deadlock.
    QMetaObject::invokeMethod(m_recorder, work, Qt::BlockingQueuedConnection);
}

void CaptureSession::applySignatures(const SessionConfig &config)
{
    m_signatures->set(config.signatures ? config.signatures : std::make_shared<const SignatureVerifier>());
    if (!config.publicBase.isEmpty() || !config.followTunnelUrl || m_watcher->publicUrl().isEmpty())
        m_signatures->setPublicBase(config.publicBase);
}

bool CaptureSession::open(const SessionConfig &config)
{
    m_config = config;
    applySignatures(config);
    m_sink->setPolicy(config.holdPolicy);
    m_sink->setPresets(config.presets);
    m_rules->setRules(config.answerRules);
    m_watcher->setApi(config.ngrokApi);
    m_storePath = config.storePath.isEmpty() ? EventStore::defaultPath() : config.storePath;
    // Creates and migrates the file before the writer takes it; a damaged file is put aside.
    m_recovery = StoreRecovery::open(m_storePath, config.sync);
    m_storeError = m_recovery.ok ? QString() : m_recovery.error;
    if (m_recovery.ok) {
        QString error;
        bool opened = false;
        onNetwork([&] { opened = m_recorder->open(m_storePath, &error, config.sync); });
        if (!opened)
            m_storeError = error;
    }
    m_open = m_storeError.isEmpty();
    if (!m_open)
        return false;
    if (config.enrich) {
        EnrichmentService::Inspector inspector = config.inspector ? config.inspector : defaultInspector();
        m_enrichment = new EnrichmentService(
            m_recorder, withTrust(std::move(inspector), std::shared_ptr<const VerifierSlot>(m_signatures)), this);
        connect(this, &CaptureSession::eventsStored, m_enrichment, &EnrichmentService::enqueue);
        connect(m_enrichment, &EnrichmentService::enriched, this, &CaptureSession::enriched);
        m_enrichment->setTimeLimit(config.inspectTimeout);
        // Catches up with events stored earlier (another session, a crash) and then follows.
        m_enrichment->start(m_storePath);
    }
    return true;
}

bool CaptureSession::start()
{
    if (m_shutDown)
        return false;
    bool ok = false;
    onNetwork([&] {
        m_receiver->setConfig(m_config.receiver);
        m_receiver->setOwnAddress(m_config.ownAddress);
        ok = m_receiver->start();
        m_error = ok ? QString() : m_receiver->errorString();
        m_url = ok ? m_receiver->url() : QUrl();
        m_port = ok ? m_receiver->port() : 0;
    });
    m_listening = ok;
    if (ok && !m_config.ngrokApi.isEmpty()) {
        m_watcher->setPort(m_port);
        m_watcher->start();
    }
    Q_EMIT listeningChanged(ok);
    return ok;
}

void CaptureSession::stop()
{
    if (m_shutDown)
        return;
    onNetwork([this] { m_receiver->stop(); });
    m_watcher->stop();
    m_url.clear();
    m_port = 0;
    if (m_listening) {
        m_listening = false;
        Q_EMIT listeningChanged(false);
    }
}

void CaptureSession::apply(const SessionConfig &config)
{
    const bool restart = m_listening; // a new port, address, limit or guard takes a new listen()
    const QByteArray followed = m_watcher->publicUrl().toUtf8();
    m_config.receiver = config.receiver;
    m_config.signatures = config.signatures;
    m_config.publicBase = config.publicBase;
    m_config.holdPolicy = config.holdPolicy;
    m_config.presets = config.presets;
    m_config.answerRules = config.answerRules;
    m_config.ngrokApi = config.ngrokApi;
    applySignatures(config);
    if (config.publicBase.isEmpty() && m_config.followTunnelUrl && !followed.isEmpty())
        m_signatures->setPublicBase(followed);
    m_sink->setPolicy(config.holdPolicy); // for requests arriving from now on
    m_sink->setPresets(config.presets);
    m_rules->setRules(config.answerRules);
    m_watcher->setApi(config.ngrokApi);
    if (restart) {
        stop();
        start();
    }
}

bool CaptureSession::clear(QString *error)
{
    if (!m_open)
        return false;
    const bool ok = m_recorder->clear(error);
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall); // the batches before the clear
    return ok;
}

bool CaptureSession::remove(const QList<qint64> &ids, QString *error)
{
    if (!m_open)
        return false;
    const bool ok = m_recorder->remove(ids, error);
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    return ok;
}

void CaptureSession::removeInBackground(const QList<qint64> &ids)
{
    if (m_open)
        m_recorder->removeInBackground(ids);
}

void CaptureSession::clearInBackground()
{
    if (m_open)
        m_recorder->clearInBackground();
}

void CaptureSession::shutdown()
{
    if (m_shutDown)
        return;
    QThread *home = thread();
    // 1. No new request; what is held gets its default answer, recorded while the store is open.
    onNetwork([this] {
        m_receiver->stop();
        m_rules->answerAllNow(); // a rule's delayed answer goes out now, recorded while the store is open
        m_desk->answerAll(AnswerSource::Shutdown);
    });
    m_listening = false;
    m_watcher->stop();
    m_forwarder->setTarget({});
    // 2. Enrichment writes through the recorder: it stops first.
    if (m_enrichment)
        m_enrichment->stop();
    // 3. Commits what is queued (each waiting connection gets its answer), closes the store;
    //    then the connections go (they use the holding sink), and the desk and the recorder
    //    come back to this thread, which the network thread is about to end.
    onNetwork([this, home] {
        m_recorder->close();
        m_desk->setRecorder({});
        delete m_receiver;
        m_receiver = nullptr;
        m_recorder->moveToThread(home);
        m_desk->moveToThread(home);
        m_rules->moveToThread(home);
    });
    m_net->quit();
    m_net->wait();
    m_shutDown = true;
    m_open = false;
    // The last reports queued to this object (the final batches) reach the views now.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

} // namespace hookscope
