#include "HeadlessRelay.h"

#include "LinePrinter.h"
#include "enrich/DefaultInspector.h"
#include "relay/Forwarder.h"
#include "session/CaptureSession.h"
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

HeadlessRelay::HeadlessRelay(const AppOptions &options, CaptureSession *session, LinePrinter *out, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_out(out)
{
    connect(session->tunnelWatcher(), &NgrokWatcher::publicUrlChanged, this, [this](const QString &url) {
        m_out->print(url.isEmpty() ? QByteArray("Public URL: none (the tunnel is gone)") : "Public URL: " + url.toUtf8());
    });
    if (options.forwardUrl.isEmpty())
        return;
    Forwarder *forwarder = session->forwarder();
    forwarder->setTarget(options.forwardUrl);
    if (!options.forwardKind.isEmpty()) {
        // Classified at forward time: enrichment may not have run yet.
        forwarder->setKindFilter(options.forwardKind,
                                   [inspect = defaultInspector()](const Event &event) { return inspect(event).kind; });
    }
    if (options.forwardResign) {
        // Signed again with the kind's rule, so the app's own check passes with a fresh timestamp.
        auto verifier = std::make_shared<const SignatureVerifier>(options.signatures);
        forwarder->setPrepare([verifier, inspect = defaultInspector(), to = options.forwardUrl](const Event &event,
                                                                                                 OutgoingRequest *request) {
            const SignatureRule *rule = verifier->ruleFor(inspect(event).kind);
            QString error;
            if (rule && !request->resign(*rule, to, QDateTime::currentSecsSinceEpoch(), &error))
                printLine("forward of #" + QByteArray::number(event.id) + ": not signed again: " + error.toUtf8(), stderr);
        });
    }
    connect(forwarder, &Forwarder::forwarded, this, [](const ForwardRecord &record) {
        if (!record.ok())
            printLine("forward of #" + QByteArray::number(record.id) + " to " + record.url.toUtf8()
                          + " failed: " + record.error.toUtf8(),
                      stderr);
    });
}

void HeadlessRelay::start()
{
    const Forwarder *forwarder = m_session->forwarder();
    if (forwarder->isEnabled()) {
        QByteArray line = "Forwarding to " + forwarder->target().toString().toUtf8();
        if (!forwarder->kindFilter().isEmpty())
            line += " (" + forwarder->kindFilter().toUtf8() + " events only)";
        m_out->print(line);
    }
}

void HeadlessRelay::stop()
{
    m_session->tunnelWatcher()->stop();
    m_session->forwarder()->setTarget({});
}

} // namespace hookscope
