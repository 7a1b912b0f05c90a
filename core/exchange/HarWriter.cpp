#include "HarWriter.h"

#include "ExchangeJson.h"
#include "HarEntryCodec.h"

#include <QCoreApplication>
#include <QIODevice>

namespace hookscope {

bool HarWriter::begin(QIODevice *device)
{
    m_device = device;
    m_written = 0;
    const nlohmann::ordered_json creator{{"name", "Hookscope"},
                                 {"version", exchange::toStd(QCoreApplication::applicationVersion())}};
    return put(m_device, QByteArrayLiteral("{\"log\":{\"version\":\"1.2\",\"creator\":")
                             + QByteArray::fromStdString(creator.dump()) + QByteArrayLiteral(",\"pages\":[],\"entries\":["));
}

bool HarWriter::write(const Event &event, const std::optional<EventInfo> &info)
{
    QByteArray line = m_written == 0 ? QByteArrayLiteral("\n") : QByteArrayLiteral(",\n");
    line += QByteArray::fromStdString(HarEntryCodec::toJson(event, info).dump());
    ++m_written;
    return put(m_device, line);
}

bool HarWriter::finish()
{
    return put(m_device, QByteArrayLiteral("\n]}}\n"));
}

} // namespace hookscope
