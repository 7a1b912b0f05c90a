#pragma once

#include <atomic>
#include <chrono>
#include <stdexcept>

namespace hookscope {

// Bounds the work of inspecting one event on the current thread: a time limit, and a flag that
// stops it at once (shutdown). The enrichment worker opens a Scope per event; the code that can
// run long on hostile input (the validator's leaf checks, pattern matching) calls check(), which
// throws Exceeded once the scope's time is up or its flag is set. Without a Scope on the thread
// (hookscope validate, the GUI) check() does nothing.
class InspectionBudget final {
public:
    InspectionBudget() = delete;

    class Exceeded final : public std::runtime_error {
    public:
        Exceeded(const std::string &what, bool cancelled)
            : std::runtime_error(what)
            , m_cancelled(cancelled)
        {
        }
        // True when stopped by the flag (nothing to record), false when the time ran out.
        [[nodiscard]] bool cancelled() const { return m_cancelled; }

    private:
        bool m_cancelled;
    };

    class Scope final {
    public:
        // limit <= 0: no time limit. `cancel` (not owned, may be null) must outlive the scope.
        Scope(std::chrono::milliseconds limit, const std::atomic<bool> *cancel);
        ~Scope();
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        Scope *m_outer;
        std::chrono::steady_clock::time_point m_deadline;
        std::chrono::milliseconds m_limit;
        const std::atomic<bool> *m_cancel; // not owned
        unsigned m_calls = 0;

        friend class InspectionBudget;
    };

    // Throws Exceeded when the current thread's innermost Scope ran out of time or was cancelled.
    // Cheap: reads the clock every 64 calls.
    static void check();
    // The same, reading the clock every time: before a step that may take milliseconds.
    static void checkNow();
};

} // namespace hookscope
