#include "InspectionMarker.h"

#include "util/Log.h"

namespace hookscope {

namespace {
constexpr int kLineLength = 20; // a qint64 in decimal, zero-padded, then '\n'
}

InspectionMarker::~InspectionMarker()
{
    close();
}

QString InspectionMarker::pathFor(const QString &storePath)
{
    return storePath + QStringLiteral("-inspecting");
}

qint64 InspectionMarker::open(const QString &storePath)
{
    close();
    m_file.setFileName(pathFor(storePath));
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered)) {
        qCWarning(lcStore).noquote() << "enrichment: cannot keep the inspection marker" << m_file.fileName() << ":"
                                     << m_file.errorString();
        return 0;
    }
    const QByteArray line = m_file.read(kLineLength + 1).trimmed();
    bool ok = false;
    const qint64 id = line.toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

void InspectionMarker::close()
{
    if (m_file.isOpen()) {
        mark(0);
        m_file.close();
    }
}

void InspectionMarker::mark(qint64 id)
{
    if (!m_file.isOpen())
        return;
    const QByteArray line = QByteArray::number(id).rightJustified(kLineLength, '0') + '\n';
    if (!m_file.seek(0) || m_file.write(line) != line.size())
        qCWarning(lcStore).noquote() << "enrichment: cannot write the inspection marker:" << m_file.errorString();
}

} // namespace hookscope
