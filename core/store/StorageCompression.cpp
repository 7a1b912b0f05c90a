#include "StorageCompression.h"

namespace hookscope {

QByteArray deflateForStorage(const QByteArray &data)
{
    return qCompress(data, 1);
}

std::optional<QByteArray> inflateFromStorage(const QByteArray &data)
{
    QByteArray out = qUncompress(data);
    if (out.isEmpty() && !data.isEmpty() && data.size() > 4 && (data[0] || data[1] || data[2] || data[3]))
        return std::nullopt;
    return out;
}

} // namespace hookscope
