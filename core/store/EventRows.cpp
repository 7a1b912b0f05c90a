#include "EventRows.h"

#include "StorageCompression.h"

namespace hookscope {

namespace {
constexpr qsizetype kCompressFrom = 16 * 1024; // smaller bodies are stored as they are

const char *infoSql(InfoColumn column)
{
    return kInfoColumns[std::size_t(column)].sql;
}
} // namespace

std::pair<QByteArray, int> encodeBody(const QByteArray &body)
{
    if (body.size() >= kCompressFrom)
        return {deflateForStorage(body), Zlib};
    return {body, Raw};
}

QByteArray decodeBody(const QVariant &value, int encoding, QString *damage, const char *what)
{
    const QByteArray data = value.toByteArray();
    if (encoding == Zlib) {
        std::optional<QByteArray> inflated = inflateFromStorage(data);
        if (!inflated && damage)
            *damage = QStringLiteral("its compressed %1 cannot be decompressed").arg(QLatin1String(what));
        return std::move(inflated).value_or(QByteArray());
    }
    if (encoding != Raw && damage && !value.isNull())
        *damage = QStringLiteral("its %1 has an unknown storage encoding (%2)").arg(QLatin1String(what)).arg(encoding);
    return data;
}

Event eventFromRow(const QSqlQuery &q, const EventColumnIndex &c, QString *damage)
{
    using C = EventColumn;
    const auto v = [&](EventColumn column) { return c.value(q, column); };
    Event e;
    e.id = v(C::Id).toLongLong();
    e.receivedAtMs = v(C::ReceivedAt).toLongLong();
    e.remoteAddress = v(C::RemoteAddress).toString();
    e.remotePort = quint16(v(C::RemotePort).toUInt());
    e.forwardedFor = v(C::ForwardedFor).toByteArray();
    e.forwardedProto = v(C::ForwardedProto).toByteArray();
    e.forwardedHost = v(C::ForwardedHost).toByteArray();
    e.method = v(C::Method).toByteArray();
    e.target = v(C::Target).toByteArray();
    e.httpVersion = v(C::HttpVersion).toByteArray();
    e.headers = parseHeaderBlock(v(C::Headers).toByteArray());
    e.contentType = v(C::ContentType).toByteArray();
    e.body = decodeBody(v(C::Body), v(C::BodyEncoding).toInt(), damage);
    if (const QVariant decoded = v(C::DecodedBody); !decoded.isNull())
        e.decodedBody = decodeBody(decoded, v(C::DecodedEncoding).toInt(), damage, "decoded body");
    e.decodeError = v(C::DecodeError).toString();
    e.response.status = v(C::ResponseStatus).toInt();
    e.response.headers = parseHeaderBlock(v(C::ResponseHeaders).toByteArray());
    e.response.body = v(C::ResponseBody).toByteArray();
    const QVariant handling = v(C::HandlingUs);
    e.handlingUs = handling.isNull() ? -1 : handling.toLongLong();
    e.error = v(C::Error).toString();
    e.importedAtMs = v(C::ImportedAt).toLongLong();
    e.rejection = v(C::Rejection).toString();
    return e;
}

EventInfo infoFromRow(const QSqlQuery &q, const InfoColumnIndex &c, qint64 id)
{
    using C = InfoColumn;
    const auto v = [&](InfoColumn column) { return c.value(q, column); };
    EventInfo info;
    info.id = id;
    // Trust is known from the capture on; the rest once enrichment saved a result.
    info.rejection = v(C::Rejection).toString();
    info.signature = SignatureStatus(v(C::Signature).toInt());
    info.signatureReason = v(C::SignatureReason).toString();
    const QVariant validity = v(C::Validity);
    if (validity.isNull())
        return info;
    info.kind = v(C::Kind).toString();
    info.eventName = v(C::EventName).toString();
    info.entityId = v(C::EntityId).toString();
    info.validity = EventInfo::Validity(validity.toInt());
    info.violationCount = v(C::ViolationCount).toInt();
    info.violationsJson = v(C::Violations).toString().toUtf8();
    info.jsonError = v(C::JsonError).toString();
    info.languages = v(C::Languages).toString();
    info.missingTranslations = v(C::MissingTranslations).toInt();
    return info;
}

QString infoValiditySql()
{
    return QStringLiteral("coalesce(%1, %2)")
        .arg(QLatin1StringView(infoSql(InfoColumn::Validity)))
        .arg(int(EventInfo::Validity::NotChecked));
}

QString infoKindSql()
{
    return QStringLiteral("CASE WHEN %1 IS NULL THEN '' ELSE coalesce(%2, '') END")
        .arg(QLatin1StringView(infoSql(InfoColumn::Validity)), QLatin1StringView(infoSql(InfoColumn::Kind)));
}

QString infoMissingTranslationsSql()
{
    return QStringLiteral("CASE WHEN %1 IS NULL THEN 0 ELSE coalesce(%2, 0) END")
        .arg(QLatin1StringView(infoSql(InfoColumn::Validity)),
             QLatin1StringView(infoSql(InfoColumn::MissingTranslations)));
}

} // namespace hookscope
