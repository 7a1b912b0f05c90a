#include "ForwardedAnswers.h"

#include "Forwarder.h"
#include "hold/HoldDesk.h"

namespace hookscope {

ForwardedAnswers::ForwardedAnswers(Forwarder *forwarder, HoldDesk *desk, QObject *parent)
    : QObject(parent)
    , m_desk(desk)
{
    connect(forwarder, &Forwarder::forwarded, this, &ForwardedAnswers::onForwarded);
}

HttpResponse ForwardedAnswers::responseOf(const ForwardRecord &record)
{
    HttpResponse response;
    response.status = record.status;
    response.headers = record.responseHeaders; // serialize() drops the app's framing headers
    response.body = record.responseBody;
    return response;
}

void ForwardedAnswers::onForwarded(const ForwardRecord &record)
{
    if (!m_enabled || !record.ok() || !m_desk->isHeld(record.id))
        return;
    m_desk->answer(record.id, responseOf(record), AnswerSource::LocalApp);
}

} // namespace hookscope
