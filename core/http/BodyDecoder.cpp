#include "BodyDecoder.h"

#include <QCoreApplication>
#include <QThread>

namespace hookscope {

BodyDecoder::BodyDecoder(qint64 budgetBytes, QObject *parent)
    : QObject(parent)
    , m_budget(std::make_shared<DecodeBudget>(budgetBytes))
{
    // Two threads: the machine may have few cores, and the budget, not the thread count,
    // bounds the memory; more threads would only let bombs compete with the store writer.
    m_pool.setMaxThreadCount(2);
    // Below the receive thread: a flood of bombs must not take the CPU from answering others.
    m_pool.setThreadPriority(QThread::LowPriority);
    m_pool.setObjectName(QStringLiteral("body-decoder"));
}

BodyDecoder::~BodyDecoder()
{
    m_pool.clear();
    m_pool.waitForDone();
    // Drop the results posted to us and not delivered, while this object is still whole.
    QCoreApplication::removePostedEvents(this);
}

void BodyDecoder::decode(QObject *requester, const QByteArray &contentEncoding, const QByteArray &body,
                         qint64 maxOutput, std::function<void(DecodedBody)> done)
{
    QPointer<QObject> target(requester); // only read on this object's thread
    m_pool.start([this, target, contentEncoding, body, maxOutput, done = std::move(done)]() mutable {
        DecodedBody decoded = decodeContent(contentEncoding, body, maxOutput, m_budget);
        const bool large = decoded.tooLarge || (decoded.body && decoded.body->size() >= 4 * 1024 * 1024);
        // This object outlives the pool's work (the destructor waits), so posting to it is safe
        // where posting to the requester (maybe deleted by now, on another thread) would not be.
        QMetaObject::invokeMethod(
            this,
            [this, target, large, decoded = std::move(decoded), done = std::move(done)]() mutable {
                if (target)
                    done(std::move(decoded));
                if (large)
                    Q_EMIT largeDecodeFinished();
            },
            Qt::QueuedConnection);
    });
}

} // namespace hookscope
