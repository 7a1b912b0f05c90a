#include "CurlScriptWriter.h"

#include "CurlCommand.h"
#include "ExchangeJson.h"

namespace hookscope {

CurlScriptWriter::CurlScriptWriter(QString baseUrl)
    : m_baseUrl(std::move(baseUrl))
{
}

bool CurlScriptWriter::begin(QIODevice *device)
{
    m_device = device;
    return put(m_device, QByteArrayLiteral("#!/bin/sh\n"
                                           "# Written by hookscope export --format curl: one curl command per "
                                           "event, sending it again byte for byte.\n"
                                           "# Run with: sh FILE (dash, bash and zsh read it alike).\n"));
}

bool CurlScriptWriter::write(const Event &event, const std::optional<EventInfo> &)
{
    QByteArray text = "\n# event " + QByteArray::number(event.id) + ", received "
                    + exchange::isoTime(event.receivedAtMs).toLatin1();
    const QString caveat = CurlCommand::orderCaveat(event);
    if (!caveat.isEmpty())
        text += " (not exact: " + caveat.toUtf8() + ')'; // Hookscope's own words, one line
    text += '\n' + CurlCommand::build(event, m_baseUrl).toUtf8() + '\n';
    return put(m_device, text);
}

bool CurlScriptWriter::finish()
{
    return true;
}

} // namespace hookscope
