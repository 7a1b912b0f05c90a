#include "DeliveryGroupLoader.h"

#include "enrich/DefaultInspector.h"
#include "enrich/DeliveryIndexer.h"
#include "schema/SchemaRegistry.h"
#include "store/DeliveryGrouper.h"
#include "store/EventRecorder.h"

namespace hookscope {

namespace {
constexpr int kBatch = 500; // events keyed per writer call: the writer is never held long
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
    }
    const std::shared_ptr<const KindCatalog> catalog = appSchemaRegistry()->catalog();
    if (!m_recorder) {
        Q_EMIT failed(tr("the store is not open for writing"));
        return;
    }
    int keyed = 0;
    qint64 after = 0;
    for (;;) {
        const QList<DeliveryRecord> keys = DeliveryIndexer::pending(m_store, *catalog, after, kBatch);
        if (keys.isEmpty())
            break;
        after = keys.constLast().id;
        keyed += int(keys.size());
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
    Q_EMIT loaded(DeliveryGrouper::group(m_store.deliveryRows()), keyed);
}

} // namespace hookscope
