#include "TranslationLoader.h"

namespace hookscope {

namespace {

std::shared_ptr<const TranslationIndex> parse(const QByteArray &body, QString *error)
{
    std::optional<TranslationIndex> index = TranslationIndex::fromJson(body, {}, error);
    return index ? std::make_shared<const TranslationIndex>(std::move(*index)) : nullptr;
}

} // namespace

TranslationLoader::TranslationLoader(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

TranslationLoader::~TranslationLoader()
{
    ++m_generation;
    m_pool.clear();
    m_pool.waitForDone();
}

bool TranslationLoader::load(quint64 ticket, const QByteArray &body)
{
    const quint64 generation = ++m_generation;
    if (body.size() <= m_syncLimit) {
        QString error;
        auto index = parse(body, &error);
        finish(generation, ticket, std::move(index), error);
        return true;
    }
    m_busy = true;
    m_pool.clear(); // a queued parse for an older event is not worth starting
    // The worker touches only its copies; the result comes back as a queued call, which Qt drops
    // if this object is gone (the destructor waits for the worker anyway).
    m_pool.start([this, generation, ticket, body] {
        QString error;
        auto index = parse(body, &error);
        QMetaObject::invokeMethod(
            this, [this, generation, ticket, index = std::move(index), error] { finish(generation, ticket, index, error); },
            Qt::QueuedConnection);
    });
    return false;
}

void TranslationLoader::cancel()
{
    ++m_generation;
    m_busy = false;
}

void TranslationLoader::finish(quint64 generation, quint64 ticket, std::shared_ptr<const TranslationIndex> index,
                               const QString &error)
{
    if (generation != m_generation)
        return;
    m_busy = false;
    Q_EMIT loaded(ticket, std::move(index), error);
}

} // namespace hookscope
