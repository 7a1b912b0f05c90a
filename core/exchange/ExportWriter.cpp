#include "ExportWriter.h"

#include "ExchangeJson.h"
#include "ExportEventCodec.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>

namespace hookscope {

bool ExportWriter::begin(QIODevice *device)
{
    m_device = device;
    m_written = 0;
    nlohmann::ordered_json creator{{"name", "Hookscope"},
                           {"version", exchange::toStd(QCoreApplication::applicationVersion())}};
    const QByteArray head = QByteArrayLiteral("{\"format\":\"") + kFormat + QByteArrayLiteral("\",\"version\":")
        + QByteArray::number(kVersion) + QByteArrayLiteral(",\"exportedAt\":\"")
        + exchange::isoTime(QDateTime::currentMSecsSinceEpoch()).toUtf8() + QByteArrayLiteral("\",\"creator\":")
        + QByteArray::fromStdString(creator.dump()) + QByteArrayLiteral(",\"events\":[");
    return put(m_device, head);
}

bool ExportWriter::write(const Event &event, const std::optional<EventInfo> &info)
{
    QByteArray line = m_written == 0 ? QByteArrayLiteral("\n") : QByteArrayLiteral(",\n");
    line += QByteArray::fromStdString(ExportEventCodec::toJson(event, info).dump());
    ++m_written;
    return put(m_device, line);
}

bool ExportWriter::finish()
{
    return put(m_device, QByteArrayLiteral("\n]}\n"));
}

} // namespace hookscope
