#include "TranslationLoader.h"

#include "LatestOnlyWorker.h"

namespace hookscope {

namespace {

struct Parsed
{
    std::shared_ptr<const TranslationIndex> index;
    QString error;
};

Parsed parse(const QByteArray &body)
{
    Parsed out;
    try { // on a worker thread: an exception here would end the process
        std::optional<TranslationIndex> index = TranslationIndex::fromJson(body, {}, &out.error);
        if (index)
            out.index = std::make_shared<const TranslationIndex>(std::move(*index));
    } catch (const std::exception &e) {
        out.index.reset();
        out.error = QStringLiteral("could not be inspected: %1").arg(QString::fromUtf8(e.what()));
    }
    return out;
}

} // namespace

TranslationLoader::TranslationLoader(QObject *parent)
    : QObject(parent)
    , m_worker(new LatestOnlyWorker(this))
{
}

TranslationLoader::~TranslationLoader() = default;

bool TranslationLoader::load(quint64 ticket, const QByteArray &body)
{
    if (body.size() <= m_syncLimit) {
        m_worker->cancel();
        const Parsed parsed = parse(body);
        Q_EMIT loaded(ticket, parsed.index, parsed.error);
        return true;
    }
    // The worker touches only its copy of the body; an older ticket's result is dropped.
    m_worker->start([body] { return parse(body); },
                    [this, ticket](const Parsed &parsed) { Q_EMIT loaded(ticket, parsed.index, parsed.error); });
    return false;
}

void TranslationLoader::cancel()
{
    m_worker->cancel();
}

bool TranslationLoader::isBusy() const
{
    return m_worker->isBusy();
}

bool TranslationLoader::waitForDone(int msecs)
{
    return m_worker->waitForDone(msecs);
}

} // namespace hookscope
