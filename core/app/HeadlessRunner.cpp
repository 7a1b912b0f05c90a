#include "HeadlessRunner.h"

#include "HeadlessRelay.h"
#include "LinePrinter.h"
#include "SessionOptions.h"
#include "hold/HoldDesk.h"
#include "http/OwnAddresses.h"
#include "relay/ForwardedAnswers.h"
#include "session/CaptureSession.h"
#include "store/StoreHealthCheck.h"

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

HeadlessRunner::HeadlessRunner(CaptureSession *session, AppOptions options, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_options(std::move(options))
    , m_out(std::make_unique<LinePrinter>(stdout))
{
    connect(m_session, &CaptureSession::held, this, [this](const HeldRequest &held) {
        m_out->print("held #" + QByteArray::number(held.id) + ' ' + held.kind.toUtf8() + ": waiting for an answer, "
                  + QByteArray::number(double(held.deadlineAtMs - held.receivedAtMs) / 1000.0) + " s until the default");
    });
    connect(m_session, &CaptureSession::answered, this, [this](const AnswerRecord &record) {
        m_out->print("answered #" + QByteArray::number(record.id) + ": " + record.describe().toUtf8());
    });
    connect(m_session, &CaptureSession::eventsStored, this, &HeadlessRunner::printEvents);
    connect(m_session, &CaptureSession::storeFailed, this, [](const QString &error) {
        printLine("store error: " + error.toUtf8(), stderr);
    });
    connect(m_session, &CaptureSession::enriched, this, &HeadlessRunner::printNotInspected);
    if (!m_options.signatures.isEmpty())
        connect(m_session, &CaptureSession::enriched, this, &HeadlessRunner::printSignatures);
}

HeadlessRunner::~HeadlessRunner() = default;

int HeadlessRunner::start()
{
    const SessionConfig config = sessionConfig(m_options);
    const bool opened = m_session->open(config);
    if (!m_session->recovery().notice.isEmpty())
        printLine("hookscope: " + m_session->recovery().notice.toUtf8(), stderr);
    if (!opened) {
        printLine("hookscope: cannot open the event store: " + m_session->storeError().toUtf8(), stderr);
        return 1;
    }
    const qint64 count = m_session->recovery().count;
    checkStore(m_session->storePath());
    if (!m_session->start()) {
        printLine("hookscope: " + m_session->errorString().toUtf8(), stderr);
        return 1;
    }
    m_out->print("Listening on " + m_session->url().toString().toUtf8());
    if (!m_options.receiver.bindAddress.isLoopback()) {
        printLine("hookscope: warning: bound to " + m_options.receiver.bindAddress.toString().toUtf8()
                      + ", reachable from other machines"
                      + (m_options.receiver.guard.secret.isEmpty() ? " (no --secret set)" : ""),
                  stderr);
    }
    m_out->print("Store: " + QFileInfo(m_session->storePath()).absoluteFilePath().toUtf8() + " ("
                 + QByteArray::number(count) + " events)");
    // Only now is the port known (--port 0): forwarding to ourselves would loop.
    if (const QString loop = OwnAddresses::loopProblem(m_options.forwardUrl);
        !m_options.forwardUrl.isEmpty() && !loop.isEmpty()) {
        printLine("hookscope: --forward: " + loop.toUtf8(), stderr);
        return 2;
    }
    m_relay = new HeadlessRelay(m_options, m_session, m_out.get(), this);
    m_relay->start();
    if (m_options.forwardAnswers && !m_options.forwardUrl.isEmpty())
        m_session->forwardedAnswers()->setEnabled(true);
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
    if (m_relay)
        m_relay->stop();
    if (m_storeCheck)
        m_storeCheck->stop(); // before the writer's last checkpoint, which would wait for its reads
    m_session->shutdown();
    m_out->flush();
}

} // namespace hookscope
