#include "EventWriter.h"

#include <QIODevice>

namespace hookscope {

bool EventWriter::put(QIODevice *device, const QByteArray &bytes)
{
    if (device->write(bytes) == bytes.size())
        return true;
    m_error = QStringLiteral("cannot write: %1").arg(device->errorString());
    return false;
}

} // namespace hookscope
