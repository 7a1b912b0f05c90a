#include "DeviceStreamBuf.h"

#include <QIODevice>

namespace hookscope {

namespace {
constexpr qint64 kChunk = 64 * 1024;
}

DeviceStreamBuf::DeviceStreamBuf(QIODevice *device)
    : m_device(device)
{
}

qint64 DeviceStreamBuf::position() const
{
    return m_chunkStart + (gptr() - eback());
}

DeviceStreamBuf::int_type DeviceStreamBuf::underflow()
{
    if (gptr() < egptr())
        return traits_type::to_int_type(*gptr());
    m_chunkStart += m_chunk.size();
    m_chunk.resize(kChunk);
    const qint64 n = m_device->read(m_chunk.data(), kChunk);
    if (n < 0)
        m_failed = true;
    m_chunk.resize(n > 0 ? n : 0);
    if (n <= 0) {
        setg(nullptr, nullptr, nullptr);
        return traits_type::eof();
    }
    char *begin = m_chunk.data();
    setg(begin, begin, begin + n);
    return traits_type::to_int_type(*gptr());
}

} // namespace hookscope
