#include "HeadlessRunner.h"

#include "HeadlessRelay.h"
#include "LinePrinter.h"
#include "relay/ForwardedAnswers.h"
#include "enrich/DefaultInspector.h"
#include "enrich/EnrichmentService.h"
#include "hold/HoldDesk.h"
#include "hold/HoldingSink.h"
#include "http/OwnAddresses.h"
#include "http/Receiver.h"
#include "store/EventRecorder.h"
#include "store/StoreHealthCheck.h"
#include "store/StoreRecovery.h"
#include "trust/TrustInspector.h"
#include "trust/VerifierSlot.h"
#include "tunnel/NgrokWatcher.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSettings>
#include <QTimeZone>
#include <cstdio>

namespace hookscope {

namespace {
void printLine(const QByteArray &line, FILE *stream)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fputc('\n', stream);
}

QByteArray eventLine(const Event &e)
{
    const QByteArray time = QDateTime::fromMSecsSinceEpoch(e.receivedAtMs, Qt::UTC)
                                .toString(Qt::ISODateWithMs)
                                .toLatin1();
    const QByteArray status = e.response.status == 0 ? QByteArray("held") : QByteArray::number(e.response.status);
    return time + ' ' + e.method + ' ' + e.target + ' ' + status + ' ' + QByteArray::number(e.body.size()) + " B";
}
} // namespace

HeadlessRunner::HeadlessRunner(AppOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_out(std::make_unique<LinePrinter>(stdout))
    , m_recorder(new EventRecorder(this))
    , m_holdDesk(new HoldDesk(this))
    , m_holdingSink(std::make_unique<HoldingSink>(m_recorder, m_holdDesk, appKindCatalog))
    , m_receiver(new Receiver(m_holdingSink.get(), this))
{
    HoldPolicy policy = HoldPolicy::builtIn(*appKindCatalog()); // problems: hookscope schemas names them
    policy.loadSettings(QSettings());
    for (const RespondRule &rule : m_options.respond)
        policy.addRespond(rule);
    m_holdingSink->setPolicy(policy);
    m_holdingSink->setPresets(PresetCatalog::load(*appKindCatalog()));
    m_holdDesk->setRecorder([this](const AnswerRecord &record) { m_recorder->recordAnswer(record); });
    connect(m_holdDesk, &HoldDesk::held, this, [this](const HeldRequest &held) {
        m_out->print("held #" + QByteArray::number(held.id) + ' ' + held.kind.toUtf8() + ": waiting for an answer, "
                  + QByteArray::number(double(held.deadlineAtMs - held.receivedAtMs) / 1000.0) + " s until the default");
    });
    connect(m_holdDesk, &HoldDesk::answered, this, [this](const AnswerRecord &record) {
        m_out->print("answered #" + QByteArray::number(record.id) + ": " + record.describe().toUtf8());
    });
    connect(m_recorder, &EventRecorder::eventsStored, this, &HeadlessRunner::printEvents);
    connect(m_recorder, &EventRecorder::storeFailed, this, [](const QString &error) {
        printLine("store error: " + error.toUtf8(), stderr);
    });
}

HeadlessRunner::~HeadlessRunner()
{
    // Connections use the holding sink: they go first; the desk must not record after this.
    delete m_receiver;
    m_holdDesk->setRecorder({});
}

int HeadlessRunner::start()
{
    const QString path = m_options.dbPath.isEmpty() ? EventStore::defaultPath() : m_options.dbPath;
    QString error;
    // Creates and migrates the file before the writer takes it; a damaged file is put aside.
    const StoreRecovery::Outcome opened = StoreRecovery::open(path, m_options.sync);
    if (!opened.notice.isEmpty())
        printLine("hookscope: " + opened.notice.toUtf8(), stderr);
    if (!opened.ok) {
        printLine("hookscope: cannot open the event store: " + opened.error.toUtf8(), stderr);
        return 1;
    }
    const qint64 count = opened.count;
    if (!m_recorder->open(path, &error, m_options.sync)) {
        printLine("hookscope: cannot open the event store: " + error.toUtf8(), stderr);
        return 1;
    }
    checkStore(path);
    auto signatures = std::make_shared<VerifierSlot>(
        std::make_shared<const SignatureVerifier>(m_options.signatures, m_options.signatureTolerance));
    signatures->setPublicBase(m_options.publicUrl.toUtf8());
    if (m_options.validate) {
        m_enrichment = new EnrichmentService(m_recorder, withTrust(defaultInspector(), std::shared_ptr<const VerifierSlot>(signatures)),
                                             this);
        connect(m_recorder, &EventRecorder::eventsStored, m_enrichment, &EnrichmentService::enqueue);
        connect(m_enrichment, &EnrichmentService::enriched, this, &HeadlessRunner::printNotInspected);
        m_enrichment->setTimeLimit(std::chrono::milliseconds(m_options.inspectTimeoutMs));
        if (!m_options.signatures.isEmpty())
            connect(m_enrichment, &EnrichmentService::enriched, this, &HeadlessRunner::printSignatures);
        m_enrichment->start(path);
    }
    m_receiver->setConfig(m_options.receiver);
    m_receiver->setOwnAddress(true);
    if (!m_receiver->start()) {
        printLine("hookscope: " + m_receiver->errorString().toUtf8(), stderr);
        return 1;
    }
    m_out->print("Listening on " + m_receiver->url().toString().toUtf8());
    if (!m_options.receiver.bindAddress.isLoopback()) {
        printLine("hookscope: warning: bound to " + m_options.receiver.bindAddress.toString().toUtf8()
                      + ", reachable from other machines"
                      + (m_options.receiver.guard.secret.isEmpty() ? " (no --secret set)" : ""),
                  stderr);
    }
    m_out->print("Store: " + QFileInfo(m_recorder->path()).absoluteFilePath().toUtf8() + " (" + QByteArray::number(count) + " events)");
    // Only now is the port known (--port 0): forwarding to ourselves would loop.
    if (const QString loop = OwnAddresses::loopProblem(m_options.forwardUrl);
        !m_options.forwardUrl.isEmpty() && !loop.isEmpty()) {
        printLine("hookscope: --forward: " + loop.toUtf8(), stderr);
        return 2;
    }
    m_relay = new HeadlessRelay(m_options, m_recorder, m_out.get(), this);
    if (m_options.publicUrl.isEmpty()) // {url} of signed content: the tunnel's public URL
        connect(m_relay->watcher(), &NgrokWatcher::publicUrlChanged, this,
                [signatures](const QString &url) { signatures->setPublicBase(url.toUtf8()); });
    m_relay->start(m_receiver->port());
    if (m_options.forwardAnswers && m_relay->forwarder())
        (new ForwardedAnswers(m_relay->forwarder(), m_holdDesk, this))->setEnabled(true);
    m_out->flush();
    return 0;
}

void HeadlessRunner::checkStore(const QString &path)
{
    // A file damaged inside opens like a sound one: the check says which events are lost.
    m_storeCheck = new StoreHealthCheck(this);
    connect(m_storeCheck, &StoreHealthCheck::finished, this, [path](const StoreHealthReport &report) {
        if (report.healthy())
            return;
        printLine("hookscope: the event store " + path.toUtf8() + " is damaged: " + report.summary().toUtf8()
                      + ". New events are still captured and the file is left as it is; 'hookscope check-store --db "
                      + path.toUtf8() + "' lists what cannot be read, 'hookscope export' saves the rest.",
                  stderr);
    });
    m_storeCheck->start(path);
}

void HeadlessRunner::printEvents(const QList<Event> &events)
{
    QList<QByteArray> lines;
    lines.reserve(events.size());
    for (const Event &e : events)
        lines.append(eventLine(e));
    m_out->print(std::move(lines));
}

void HeadlessRunner::printNotInspected(const QList<EventInfo> &infos)
{
    for (const EventInfo &info : infos) {
        if (info.validity == EventInfo::Validity::NotInspectable)
            printLine("hookscope: event " + QByteArray::number(info.id) + " not inspected: " + info.jsonError.toUtf8(),
                      stderr);
    }
}

void HeadlessRunner::printSignatures(const QList<EventInfo> &infos)
{
    QList<QByteArray> lines;
    for (const EventInfo &info : infos) {
        if (info.signature != SignatureStatus::NotChecked)
            lines.append("signature #" + QByteArray::number(info.id) + ' ' + signatureStatusName(info.signature) + ": "
                         + info.signatureReason.toUtf8());
    }
    m_out->print(std::move(lines));
}

void HeadlessRunner::shutdown()
{
    m_receiver->stop();
    if (m_relay)
        m_relay->stop();
    m_holdDesk->answerAll(AnswerSource::Shutdown); // recorded before the store closes
    if (m_enrichment)
        m_enrichment->stop();
    if (m_storeCheck)
        m_storeCheck->stop(); // before the writer's last checkpoint, which would wait for its reads
    m_recorder->close();
    m_out->flush();
}

} // namespace hookscope
