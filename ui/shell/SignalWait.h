#pragma once

#include <QEventLoop>
#include <QObject>

#include <functional>

namespace hookscope {

// Waits in a local event loop until a condition holds, looking at it again each time one of
// the watched signals arrives, so the scripted `--screenshot` runs can step a real window
// along without polling. The condition is looked at first: a wait for what already happened
// returns at once. GUI thread only; the watched objects must outlive the wait.
class SignalWait final
{
public:
    explicit SignalWait(std::function<bool()> done);

    // Looks at the condition again whenever `sender` emits `signal` (its arguments are ignored).
    template <typename Sender, typename Signal>
    SignalWait &on(const Sender *sender, Signal signal)
    {
        QObject::connect(sender, signal, &m_loop, [this] { check(); });
        return *this;
    }
    // True once the condition holds; false when timeoutMs passed first (a step that can go on
    // without it, such as waiting for enrichment before a picture, may ignore it).
    bool wait(int timeoutMs);
    // Lets the event loop run for ms (layouts, the highlighter and timers settle).
    static void settle(int ms);

private:
    void check();

    std::function<bool()> m_done;
    QEventLoop m_loop; // the connections made by on() end with it
};

} // namespace hookscope
