#include "Samples.h"

#include <QFile>

namespace hookscope::test {

QByteArray sampleFile(const QString &name)
{
    QFile file(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray beforeBookSample()
{
    return sampleFile(QStringLiteral("before-book-appointment.json"));
}

} // namespace hookscope::test
