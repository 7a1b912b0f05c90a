#pragma once

#include "StoreColumns.h"
#include "event/AnswerRecord.h"

#include <optional>

namespace hookscope {

// The answer a held hook got, as the events table reads it with each summary (event_answer
// under the alias `a` of kEventJoins): who decided it and how, without its headers and body.
enum class AnswerColumn { Id, Source, Via, Status, AfterMs, Preset, PresetTitle, Rule, Invalid, Count };

inline constexpr std::array<ColumnDef<AnswerColumn>, std::size_t(AnswerColumn::Count)> kAnswerColumns = {{
    {AnswerColumn::Id, "answer_id", "a.id"},
    {AnswerColumn::Source, "answer_source", "a.source"},
    {AnswerColumn::Via, "answer_via", "a.via"},
    {AnswerColumn::Status, "answer_status", "a.status"},
    {AnswerColumn::AfterMs, "answer_after_ms", "a.after_ms"},
    {AnswerColumn::Preset, "answer_preset", "a.preset"},
    {AnswerColumn::PresetTitle, "answer_preset_title", "a.preset_title"},
    {AnswerColumn::Rule, "answer_rule", "a.rule"},
    {AnswerColumn::Invalid, "answer_invalid", "a.invalid"},
}};
static_assert(inEnumOrder(kAnswerColumns));

using AnswerColumnIndex = ColumnIndex<AnswerColumn, kAnswerColumns.size()>;

// The answer of the current row; nullopt when the event has none (nothing was held).
[[nodiscard]] std::optional<AnswerMark> answerMarkFromRow(const QSqlQuery &q, const AnswerColumnIndex &columns);

} // namespace hookscope
