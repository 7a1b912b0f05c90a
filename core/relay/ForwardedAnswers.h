#pragma once

#include "event/HttpMessage.h"
#include "store/ForwardRecord.h"

#include <QObject>

namespace hookscope {

class Forwarder;
class HoldDesk;

// Lets the local app answer held hooks: when a forwarded event is still held (a Before Book
// hook waiting for its answer), the app's answer goes out as the hook's answer
// (AnswerSource::LocalApp). Off by default (--forward-answers, or the Forward dialog); an
// app that cannot be reached or answers nothing leaves the hook held for the user or its
// deadline.
class ForwardedAnswers final : public QObject
{
    Q_OBJECT
public:
    ForwardedAnswers(Forwarder *forwarder, HoldDesk *desk, QObject *parent = nullptr);

    void setEnabled(bool enabled) { m_enabled = enabled; }
    [[nodiscard]] bool isEnabled() const { return m_enabled; }

    // The app's answer as ours: its status, headers and body (framing is the receiver's).
    [[nodiscard]] static HttpResponse responseOf(const ForwardRecord &record);

private:
    void onForwarded(const ForwardRecord &record);

    HoldDesk *m_desk; // not owned
    bool m_enabled = false;
};

} // namespace hookscope
