#include "DeliveryGroupLoader.h"

#include "enrich/DefaultInspector.h"
#include "enrich/DeliveryIndexer.h"
#include "schema/SchemaRegistry.h"
#include "store/EventRecorder.h"

namespace hookscope {

namespace {
constexpr int kBatch = 500; // events keyed per writer call: the writer is never held long
// Unanswered attempts read again per load, newest first (held hooks, rule delays): a flood of
// dropped connections, which stay unanswered, must not make every refresh read them all.
constexpr qsizetype kUnansweredReread = 2000;
}

DeliveryGroupLoader::DeliveryGroupLoader(EventRecorder *recorder)
    : m_recorder(recorder)
{
}

void DeliveryGroupLoader::load(const QString &storePath)
{
    if (m_path != storePath || !m_store.isOpen()) {
        m_store.close();
        QString error;
        if (!m_store.open(storePath, &error)) {
            Q_EMIT failed(error);
            return;
        }
        m_path = storePath;
        m_index.clear();
    }
    const std::shared_ptr<const KindCatalog> catalog = appSchemaRegistry()->catalog();
    if (!m_recorder) {
        Q_EMIT failed(tr("the store is not open for writing"));
        return;
    }
    // Fewer keys than grouped: events were deleted (cleared, pruned). Only this loader adds keys,
    // so the counts differ in no other way.
    if (m_store.deliveryCount() != m_index.rowCount()) {
        m_index.clear();
        m_index.add(m_store.deliveryRows());
    }
    QList<qint64> changed = m_index.unanswered(kUnansweredReread);
    int keyed = 0;
    qint64 after = 0;
    for (;;) {
        const QList<DeliveryRecord> keys = DeliveryIndexer::pending(m_store, *catalog, after, kBatch);
        if (keys.isEmpty())
            break;
        after = keys.constLast().id;
        keyed += int(keys.size());
        for (const DeliveryRecord &key : keys)
            changed.append(key.id); // one whose save failed is not read back: keyed again next time
        QString error;
        {
            const bool ran = m_recorder->runOnWriter(
                [&keys](EventStore *store) {
                    if (!store->begin())
                        return;
                    for (const DeliveryRecord &key : keys)
                        (void)store->saveDelivery(key); // one that fails is keyed again at the next load
                    QString commitError;
                    if (!store->commit(&commitError))
                        store->rollback();
                },
                &error);
            if (!ran) {
                Q_EMIT failed(error);
                return;
            }
        }
        if (keys.size() < kBatch)
            break;
    }
    if (!changed.isEmpty())
        m_index.add(m_store.deliveryRows(changed));
    Q_EMIT loaded(m_index.groups(), keyed);
}

} // namespace hookscope
