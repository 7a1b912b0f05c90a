#include "DeliveryCounter.h"

#include <QCryptographicHash>
#include <algorithm>
#include <vector>

namespace hookscope {

QByteArray DeliveryCounter::sameEventKey(const QString &rule, const QString &kind, const HeaderList &headers,
                                         const QByteArray &deliveryHeader, const QByteArray &body)
{
    static const QList<QByteArray> usual = {"webhook-id",           "svix-id",       "x-github-delivery",
                                            "x-shopify-webhook-id", "x-delivery-id", "idempotency-key"};
    QByteArray id;
    if (!deliveryHeader.isEmpty()) {
        id = headerValue(headers, deliveryHeader);
    } else {
        for (const QByteArray &name : usual) {
            if (hasHeader(headers, name)) {
                id = headerValue(headers, name);
                break;
            }
        }
    }
    // Hashed, so a long id or body costs a fixed 32 bytes per remembered event.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(rule.toUtf8());
    hash.addData(QByteArrayView("\n", 1));
    hash.addData(kind.toUtf8());
    hash.addData(id.isEmpty() ? QByteArrayView("\nbody\n") : QByteArrayView("\nid\n"));
    hash.addData(id.isEmpty() ? body : id);
    return hash.result();
}

int DeliveryCounter::next(const QByteArray &key)
{
    auto it = m_seen.find(key);
    if (it == m_seen.end()) {
        if (m_seen.size() >= kMaxEvents)
            forgetOldest();
        it = m_seen.insert(key, Seen{});
    }
    it->lastUse = ++m_clock;
    return it->count++;
}

void DeliveryCounter::forgetOldest()
{
    std::vector<quint64> uses;
    uses.reserve(size_t(m_seen.size()));
    for (const Seen &seen : std::as_const(m_seen))
        uses.push_back(seen.lastUse);
    auto middle = uses.begin() + std::ptrdiff_t(uses.size() / 2);
    std::nth_element(uses.begin(), middle, uses.end());
    const quint64 cut = *middle;
    m_seen.removeIf([cut](const QHash<QByteArray, Seen>::iterator &it) { return it->lastUse < cut; });
}

} // namespace hookscope
