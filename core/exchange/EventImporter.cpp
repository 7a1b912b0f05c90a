#include "EventImporter.h"

#include "ImportReader.h"
#include "store/EventStore.h"

#include <QDateTime>
#include <QFile>

namespace hookscope {

namespace {
bool openFile(QFile *file, ImportResult *result)
{
    if (file->open(QIODevice::ReadOnly))
        return true;
    result->unreadable = true;
    result->error = QStringLiteral("cannot open %1: %2").arg(file->fileName(), file->errorString());
    return false;
}
} // namespace

ImportResult EventImporter::importInto(EventStore *store, const QString &path)
{
    ImportResult result;
    QFile file(path);
    if (!openFile(&file, &result))
        return result;
    if (!store->begin()) {
        result.unreadable = true;
        result.error = QStringLiteral("cannot start a transaction in the store");
        return result;
    }
    ImportReader reader(QDateTime::currentMSecsSinceEpoch());
    const bool read = reader.read(&file, [store](Event &event, QString *error) { return store->insert(event, error); });
    if (!read) {
        store->rollback();
        result.error = reader.error();
        result.unreadable = file.error() != QFileDevice::NoError;
        return result;
    }
    if (!store->commit(&result.error)) {
        store->rollback();
        result.unreadable = true;
        return result;
    }
    result.ok = true;
    result.imported = reader.eventCount();
    return result;
}

ImportResult EventImporter::readAll(const QString &path, QList<Event> *events, const std::atomic<bool> *cancel)
{
    ImportResult result;
    QFile file(path);
    if (!openFile(&file, &result))
        return result;
    ImportReader reader(QDateTime::currentMSecsSinceEpoch());
    QList<Event> read;
    if (!reader.read(&file, [&read, cancel](Event &event, QString *error) {
            if (cancel && cancel->load(std::memory_order_relaxed)) {
                *error = QStringLiteral("cancelled");
                return false;
            }
            read.append(std::move(event));
            return true;
        })) {
        result.error = reader.error();
        result.unreadable = file.error() != QFileDevice::NoError;
        return result;
    }
    *events = std::move(read);
    result.ok = true;
    result.imported = reader.eventCount();
    return result;
}

} // namespace hookscope
