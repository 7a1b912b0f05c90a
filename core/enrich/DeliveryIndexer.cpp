#include "DeliveryIndexer.h"

#include "schema/JsonPointer.h"
#include "schema/KindCatalog.h"
#include "store/EventStore.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QUrl>

namespace hookscope {

namespace {

// Bodies above this are not parsed for a pointer: their hash names them.
constexpr qsizetype kMaxParsedBody = 8 * 1024 * 1024;
// A sender's id longer than this is kept as its hash: a key stays small whatever is sent.
constexpr qsizetype kMaxIdText = 200;

const QByteArray kStandardWebhookId = QByteArrayLiteral("webhook-id");

QString idText(const QString &value)
{
    if (value.size() <= kMaxIdText)
        return value;
    return QStringLiteral("sha256:")
        + QString::fromLatin1(QCryptographicHash::hash(value.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString headerKey(const Event &event, const QStringList &names)
{
    for (const QString &name : names) {
        const QByteArray value = headerValue(event.headers, name.toLatin1());
        if (!value.trimmed().isEmpty())
            return name.toLower() + u'=' + idText(QString::fromUtf8(value.trimmed()));
    }
    return QString();
}

// A string or a number, as text; empty for anything else.
QString scalarText(const std::optional<QJsonValue> &value)
{
    if (!value)
        return QString();
    if (value->isString())
        return value->toString();
    if (value->isDouble())
        return QString::number(value->toDouble(), 'g', 17);
    return QString();
}

} // namespace

DeliveryRecord DeliveryIndexer::keyOf(const Event &event, const Kind *kind)
{
    DeliveryRecord record;
    record.id = event.id;
    const QString prefix = (kind ? kind->qualifiedId() : QStringLiteral("unknown")) + QStringLiteral(" · ");
    QJsonValue body;
    const QByteArray &bytes = event.displayBody();
    if (kind && (!kind->deliveryPointers.isEmpty() || !kind->versionPointers.isEmpty())
        && bytes.size() <= kMaxParsedBody) {
        const QJsonDocument doc = QJsonDocument::fromJson(bytes);
        body = doc.isObject() ? QJsonValue(doc.object()) : doc.isArray() ? QJsonValue(doc.array()) : QJsonValue();
    }
    if (kind)
        record.version = idText(kind->version(body));
    QString id = kind ? headerKey(event, kind->deliveryHeaders) : QString();
    if (id.isEmpty())
        id = headerKey(event, {QString::fromLatin1(kStandardWebhookId)});
    for (qsizetype i = 0; id.isEmpty() && kind && i < kind->deliveryPointers.size(); ++i) {
        const QString &pointer = kind->deliveryPointers[i];
        if (const QString value = scalarText(JsonPointer::resolve(body, pointer)); !value.isEmpty())
            id = pointer + u'=' + idText(value);
    }
    if (!id.isEmpty()) {
        record.key = prefix + id;
        return record;
    }
    const QString path = QUrl(QString::fromUtf8(event.target)).path(QUrl::FullyEncoded).left(kMaxIdText);
    record.key = prefix + QStringLiteral("body ") + QString::fromLatin1(event.method.left(16)) + u' ' + path + u' '
        + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    record.byBody = true;
    return record;
}

QList<DeliveryRecord> DeliveryIndexer::pending(const EventStore &store, const KindCatalog &catalog, qint64 afterId,
                                               int limit)
{
    QList<DeliveryRecord> out;
    const QList<qint64> ids = store.idsWithoutDelivery(afterId, limit);
    if (ids.isEmpty())
        return out;
    out.reserve(ids.size());
    store.visitEvents(ids, [&](const Event &event, const std::optional<EventInfo> &info) {
        const std::shared_ptr<const Kind> kind = info && !info->kind.isEmpty() ? catalog.kind(info->kind) : nullptr;
        out.append(keyOf(event, kind.get()));
        return true;
    });
    return out;
}

} // namespace hookscope
