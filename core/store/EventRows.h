#pragma once

#include "event/Event.h"
#include "StoreColumns.h"
#include "event/EventInfo.h"

#include <QString>

namespace hookscope {

// The columns an event is read from (events and its side tables, joined by kEventJoins),
// each named once; readers resolve them by name.
enum class EventColumn {
    Id, ReceivedAt, RemoteAddress, RemotePort, ForwardedFor, ForwardedProto, ForwardedHost, Method, Target,
    HttpVersion, Headers, ContentType, Body, BodyEncoding, DecodedBody, DecodedEncoding, DecodeError,
    ResponseStatus, ResponseHeaders, ResponseBody, HandlingUs, Error, ImportedAt, Rejection, BodySize, Count
};
// What enrichment and trust learnt about it (event_info, event_trust).
enum class InfoColumn {
    HasInfo, Kind, EventName, EntityId, Validity, ViolationCount, Violations, JsonError, Languages,
    MissingTranslations, Rejection, Signature, SignatureReason, Count
};

inline constexpr std::array<ColumnDef<EventColumn>, std::size_t(EventColumn::Count)> kEventColumns = {{
    {EventColumn::Id, "id", "e.id"},
    {EventColumn::ReceivedAt, "received_at", "e.received_at"},
    {EventColumn::RemoteAddress, "remote_address", "e.remote_address"},
    {EventColumn::RemotePort, "remote_port", "e.remote_port"},
    {EventColumn::ForwardedFor, "forwarded_for", "e.forwarded_for"},
    {EventColumn::ForwardedProto, "forwarded_proto", "e.forwarded_proto"},
    {EventColumn::ForwardedHost, "forwarded_host", "e.forwarded_host"},
    {EventColumn::Method, "method", "e.method"},
    {EventColumn::Target, "target", "e.target"},
    {EventColumn::HttpVersion, "http_version", "e.http_version"},
    {EventColumn::Headers, "headers", "e.headers"},
    {EventColumn::ContentType, "content_type", "e.content_type"},
    {EventColumn::Body, "body", "e.body"},
    {EventColumn::BodyEncoding, "body_encoding", "e.body_encoding"},
    {EventColumn::DecodedBody, "decoded_body", "e.decoded_body"},
    {EventColumn::DecodedEncoding, "decoded_encoding", "e.decoded_encoding"},
    {EventColumn::DecodeError, "decode_error", "e.decode_error"},
    // The answer a held hook got (event_answer) stands for the one recorded at capture.
    {EventColumn::ResponseStatus, "response_status", "coalesce(a.status, e.response_status)"},
    {EventColumn::ResponseHeaders, "response_headers", "CASE WHEN a.id IS NULL THEN e.response_headers ELSE a.headers END"},
    {EventColumn::ResponseBody, "response_body", "CASE WHEN a.id IS NULL THEN e.response_body ELSE a.body END"},
    {EventColumn::HandlingUs, "handling_us", "coalesce(i.handling_us, e.handling_us)"},
    {EventColumn::Error, "error", "e.error"},
    {EventColumn::ImportedAt, "imported_at", "m.imported_at"},
    {EventColumn::Rejection, "rejection", "t.rejection"},
    {EventColumn::BodySize, "body_size", "e.body_size"},
}};
static_assert(inEnumOrder(kEventColumns));

inline constexpr std::array<ColumnDef<InfoColumn>, std::size_t(InfoColumn::Count)> kInfoColumns = {{
    {InfoColumn::HasInfo, "has_info", "i.id IS NOT NULL"},
    {InfoColumn::Kind, "kind", "i.kind"},
    {InfoColumn::EventName, "event_name", "i.event_name"},
    {InfoColumn::EntityId, "entity_id", "i.entity_id"},
    {InfoColumn::Validity, "validity", "i.validity"},
    {InfoColumn::ViolationCount, "violation_count", "i.violation_count"},
    {InfoColumn::Violations, "violations", "i.violations"},
    {InfoColumn::JsonError, "json_error", "i.json_error"},
    {InfoColumn::Languages, "languages", "i.languages"},
    {InfoColumn::MissingTranslations, "missing_translations", "i.missing_translations"},
    {InfoColumn::Rejection, "info_rejection", "t.rejection"},
    {InfoColumn::Signature, "signature", "t.signature"},
    {InfoColumn::SignatureReason, "signature_reason", "t.signature_reason"},
}};
static_assert(inEnumOrder(kInfoColumns));

// The tables both families read, under the aliases their SQL uses.
inline constexpr auto kEventJoins = "FROM events e LEFT JOIN event_info i USING (id) LEFT JOIN event_answer a "
                                    "USING (id) LEFT JOIN event_import m USING (id) LEFT JOIN event_trust t USING (id)";

using EventColumnIndex = ColumnIndex<EventColumn, kEventColumns.size()>;
using InfoColumnIndex = ColumnIndex<InfoColumn, kInfoColumns.size()>;

// How a body is kept in its column (body_encoding, decoded_encoding).
enum BodyEncoding { Raw = 0, Zlib = 1 };
// Bodies from 16 KiB on are deflated at rest.
[[nodiscard]] std::pair<QByteArray, int> encodeBody(const QByteArray &body);
// A body as received. SQLite has no checksums: a flipped byte in a body shows only as a
// compressed body zlib refuses or an encoding that was never written; `damage` (when given)
// then says so, and the body is empty.
[[nodiscard]] QByteArray decodeBody(const QVariant &value, int encoding, QString *damage = nullptr,
                                    const char *what = "body");

// The event of the current row; columns the query did not select stay empty.
[[nodiscard]] Event eventFromRow(const QSqlQuery &q, const EventColumnIndex &columns, QString *damage = nullptr);
// The enrichment and trust of the current row for event `id` (validity NotChecked when
// enrichment has not run).
[[nodiscard]] EventInfo infoFromRow(const QSqlQuery &q, const InfoColumnIndex &columns, qint64 id);

// SQL reading what infoFromRow() reads, for filters: the validity (NotChecked without a
// row), the kind and the missing translations (empty and 0 until enrichment ran).
[[nodiscard]] QString infoValiditySql();
[[nodiscard]] QString infoKindSql();
[[nodiscard]] QString infoMissingTranslationsSql();

} // namespace hookscope
