#pragma once

#include <QByteArray>

#include <streambuf>

class QIODevice;

namespace hookscope {

// A read-only std::streambuf over a QIODevice, in 64 KiB chunks, so that nlohmann's parser
// reads a file of any size without it ever being in memory whole. Knows how many bytes
// it has handed out (for error positions).
class DeviceStreamBuf final : public std::streambuf
{
public:
    explicit DeviceStreamBuf(QIODevice *device);
    // Bytes consumed by the reader so far.
    [[nodiscard]] qint64 position() const;
    [[nodiscard]] bool readFailed() const { return m_failed; }

protected:
    int_type underflow() override;

private:
    QIODevice *m_device; // not owned
    QByteArray m_chunk;
    qint64 m_chunkStart = 0;
    bool m_failed = false;
};

} // namespace hookscope
