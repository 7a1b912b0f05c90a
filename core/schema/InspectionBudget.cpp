#include "InspectionBudget.h"

#include <string>

namespace hookscope {

namespace {
thread_local InspectionBudget::Scope *t_scope = nullptr;
constexpr unsigned kCallsPerClockRead = 64;

std::string seconds(std::chrono::milliseconds limit)
{
    const auto ms = limit.count();
    return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}
} // namespace

InspectionBudget::Scope::Scope(std::chrono::milliseconds limit, const std::atomic<bool> *cancel)
    : m_outer(t_scope)
    , m_deadline(limit.count() > 0 ? std::chrono::steady_clock::now() + limit : std::chrono::steady_clock::time_point::max())
    , m_limit(limit)
    , m_cancel(cancel)
{
    t_scope = this;
}

InspectionBudget::Scope::~Scope()
{
    t_scope = m_outer;
}

void InspectionBudget::check()
{
    Scope *scope = t_scope;
    if (scope && ++scope->m_calls % kCallsPerClockRead == 0)
        checkNow();
}

void InspectionBudget::checkNow()
{
    const Scope *scope = t_scope;
    if (!scope)
        return;
    if (scope->m_cancel && scope->m_cancel->load(std::memory_order_relaxed))
        throw Exceeded("inspection stopped: Hookscope is shutting down", true);
    if (std::chrono::steady_clock::now() >= scope->m_deadline)
        throw Exceeded("inspection took longer than " + seconds(scope->m_limit) + " and was stopped", false);
}

} // namespace hookscope
