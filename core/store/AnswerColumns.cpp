#include "AnswerColumns.h"

namespace hookscope {

std::optional<AnswerMark> answerMarkFromRow(const QSqlQuery &q, const AnswerColumnIndex &columns)
{
    using C = AnswerColumn;
    if (columns.value(q, C::Id).isNull())
        return std::nullopt;
    AnswerMark mark;
    mark.source = AnswerSource(columns.value(q, C::Source).toInt());
    mark.via = AnswerVia(columns.value(q, C::Via).toInt());
    mark.status = columns.value(q, C::Status).toInt();
    mark.afterMs = columns.value(q, C::AfterMs).toLongLong();
    mark.presetId = columns.value(q, C::Preset).toString();
    mark.presetTitle = columns.value(q, C::PresetTitle).toString();
    mark.rule = columns.value(q, C::Rule).toString();
    mark.invalid = columns.value(q, C::Invalid).toInt() != 0;
    return mark;
}

} // namespace hookscope
