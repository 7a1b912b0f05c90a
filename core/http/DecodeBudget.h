#pragma once

#include <QtGlobal>
#include <atomic>
#include <memory>

namespace hookscope {

// How many bytes of decoded (Content-Encoding) bodies may be in memory at once across all
// connections, from the first inflated byte until the event is stored. Thread-safe: the
// decoding threads reserve, the receive thread releases (through Lease).
class DecodeBudget final
{
public:
    explicit DecodeBudget(qint64 limitBytes) : m_limit(limitBytes) {}

    // Holds reserved bytes until it is destroyed; grow() reserves more.
    class Lease final
    {
    public:
        explicit Lease(std::shared_ptr<DecodeBudget> budget) : m_budget(std::move(budget)) {}
        ~Lease();
        Lease(const Lease &) = delete;
        Lease &operator=(const Lease &) = delete;
        // Reserves `bytes` more; false (and nothing reserved) when the budget has no room.
        [[nodiscard]] bool grow(qint64 bytes);
        [[nodiscard]] qint64 bytes() const { return m_bytes; }

    private:
        // Shared: a lease travels with its event into the store's queue and may outlive the receiver.
        std::shared_ptr<DecodeBudget> m_budget;
        qint64 m_bytes = 0;
    };

    [[nodiscard]] qint64 limit() const { return m_limit; }
    [[nodiscard]] qint64 inUse() const { return m_inUse.load(); }
    // The most that was ever in use at once (for tests and the log).
    [[nodiscard]] qint64 peak() const { return m_peak.load(); }

private:
    [[nodiscard]] bool tryReserve(qint64 bytes);
    void release(qint64 bytes);

    const qint64 m_limit;
    std::atomic<qint64> m_inUse{0};
    std::atomic<qint64> m_peak{0};
};

using DecodeLease = std::shared_ptr<DecodeBudget::Lease>;

} // namespace hookscope
