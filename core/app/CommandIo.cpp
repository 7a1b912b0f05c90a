#include "CommandIo.h"

#include <QFile>

#include <cstdio>

namespace hookscope {

namespace {
void write(const QString &text, FILE *stream)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stream);
}
} // namespace

void printOut(const QString &text)
{
    write(text, stdout);
}

void printErr(const QString &text)
{
    write(text, stderr);
}

bool readInput(const QString &name, QByteArray *bytes, QString *error)
{
    QFile file;
    const bool ok = name == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                               : (file.setFileName(name), file.open(QIODevice::ReadOnly));
    if (!ok) {
        *error = file.errorString();
        return false;
    }
    *bytes = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace hookscope
