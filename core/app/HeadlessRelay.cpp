#include "HeadlessRelay.h"

#include "LinePrinter.h"
#include "enrich/DefaultInspector.h"
#include "relay/Forwarder.h"
#include "store/EventRecorder.h"
#include "trust/SignatureVerifier.h"
#include "tunnel/NgrokWatcher.h"

#include <QDateTime>

#include <cstdio>

namespace hookscope {

namespace {
void printLine(const QByteArray &line, FILE *stream)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}
} // namespace

HeadlessRelay::HeadlessRelay(const AppOptions &options, EventRecorder *recorder, LinePrinter *out, QObject *parent)
    : QObject(parent)
    , m_out(out)
    , m_watcher(new NgrokWatcher(this))
{
    m_watcher->setApi(options.ngrokApi);
    connect(m_watcher, &NgrokWatcher::publicUrlChanged, this, [this](const QString &url) {
        m_out->print(url.isEmpty() ? QByteArray("Public URL: none (the tunnel is gone)") : "Public URL: " + url.toUtf8());
    });
    if (options.forwardUrl.isEmpty())
        return;
    m_forwarder = new Forwarder(recorder, this);
    m_forwarder->setTarget(options.forwardUrl);
    if (!options.forwardKind.isEmpty()) {
        // Classified at forward time: enrichment may not have run yet.
        m_forwarder->setKindFilter(options.forwardKind,
                                   [inspect = defaultInspector()](const Event &event) { return inspect(event).kind; });
    }
    if (options.forwardResign) {
        // Signed again with the kind's rule, so the app's own check passes with a fresh timestamp.
        auto verifier = std::make_shared<const SignatureVerifier>(options.signatures);
        m_forwarder->setPrepare([verifier, inspect = defaultInspector(), to = options.forwardUrl](const Event &event,
                                                                                                 OutgoingRequest *request) {
            const SignatureRule *rule = verifier->ruleFor(inspect(event).kind);
            QString error;
            if (rule && !request->resign(*rule, to, QDateTime::currentSecsSinceEpoch(), &error))
                printLine("forward of #" + QByteArray::number(event.id) + ": not signed again: " + error.toUtf8(), stderr);
        });
    }
    connect(recorder, &EventRecorder::eventsStored, m_forwarder, &Forwarder::enqueue);
    connect(m_forwarder, &Forwarder::forwarded, this, [](const ForwardRecord &record) {
        if (!record.ok())
            printLine("forward of #" + QByteArray::number(record.id) + " to " + record.url.toUtf8()
                          + " failed: " + record.error.toUtf8(),
                      stderr);
    });
}

void HeadlessRelay::start(quint16 port)
{
    m_watcher->setPort(port);
    m_watcher->start();
    if (m_forwarder) {
        QByteArray line = "Forwarding to " + m_forwarder->target().toString().toUtf8();
        if (!m_forwarder->kindFilter().isEmpty())
            line += " (" + m_forwarder->kindFilter().toUtf8() + " events only)";
        m_out->print(line);
    }
}

void HeadlessRelay::stop()
{
    m_watcher->stop();
    if (m_forwarder)
        m_forwarder->setTarget({});
}

} // namespace hookscope
