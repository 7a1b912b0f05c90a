#pragma once

#include "ContentDecoding.h"
#include "DecodeBudget.h"

#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <functional>

namespace hookscope {

// Decodes Content-Encoding bodies off the receive thread, so that one compression bomb
// (tens of milliseconds of inflate) never stalls the other connections, and under one
// budget for all decoded bodies in flight. Lives on the receive thread; `done` is called
// there, and not at all when `requester` was destroyed meanwhile.
class BodyDecoder final : public QObject
{
    Q_OBJECT
public:
    BodyDecoder(qint64 budgetBytes, QObject *parent = nullptr);
    ~BodyDecoder() override; // waits for the decodes under way

    void decode(QObject *requester, const QByteArray &contentEncoding, const QByteArray &body, qint64 maxOutput,
                std::function<void(DecodedBody)> done);

    [[nodiscard]] const DecodeBudget &budget() const { return *m_budget; }

Q_SIGNALS:
    // A decode left memory behind that the allocator may keep (a large body, a bomb cut off).
    void largeDecodeFinished();

private:
    std::shared_ptr<DecodeBudget> m_budget; // shared with the leases of decoded bodies in flight
    QThreadPool m_pool;
};

} // namespace hookscope
