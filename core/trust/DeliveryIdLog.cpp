#include "DeliveryIdLog.h"

namespace hookscope {

qint64 DeliveryIdLog::remember(const QByteArray &id, qint64 eventId)
{
    const QByteArray key = id.left(512); // a hostile header is not kept whole
    const QMutexLocker lock(&m_mutex);
    const auto it = m_first.constFind(key);
    if (it != m_first.cend())
        return it.value();
    m_first.insert(key, eventId);
    m_order.push_back(key);
    if (qsizetype(m_order.size()) > kCapacity) {
        m_first.remove(m_order.front());
        m_order.pop_front();
    }
    return eventId;
}

} // namespace hookscope
