#include "DecodeBudget.h"

namespace hookscope {

DecodeBudget::Lease::~Lease()
{
    if (m_bytes > 0)
        m_budget->release(m_bytes);
}

bool DecodeBudget::Lease::grow(qint64 bytes)
{
    if (!m_budget->tryReserve(bytes))
        return false;
    m_bytes += bytes;
    return true;
}

bool DecodeBudget::tryReserve(qint64 bytes)
{
    qint64 used = m_inUse.load();
    do {
        if (used + bytes > m_limit)
            return false;
    } while (!m_inUse.compare_exchange_weak(used, used + bytes));
    qint64 peak = m_peak.load();
    while (used + bytes > peak && !m_peak.compare_exchange_weak(peak, used + bytes)) {
    }
    return true;
}

void DecodeBudget::release(qint64 bytes)
{
    m_inUse.fetch_sub(bytes);
}

} // namespace hookscope
