// EventTableModel: the held-hook part (issue 6), kept apart from the table's core.
#include "EventTableModel.h"

#include "EventRowText.h"

#include <QDateTime>
#include <QTimer>

namespace hookscope {

void EventTableModel::setWaiting(qint64 id, qint64 deadlineAtMs)
{
    m_waiting.insert(id, deadlineAtMs);
    if (!m_countdown) {
        m_countdown = new QTimer(this);
        m_countdown->setInterval(500);
        connect(m_countdown, &QTimer::timeout, this, &EventTableModel::tickCountdown);
    }
    m_countdown->start();
    if (const int row = rowOf(id); row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void EventTableModel::setAnswered(const AnswerRecord &record, const QString &answerTitle, bool answerInvalid)
{
    m_waiting.remove(record.id);
    m_answers.insert(record.id, record);
    m_answerMarks.insert(record.id, {answerTitle, answerInvalid});
    if (m_countdown && m_waiting.isEmpty())
        m_countdown->stop();
    const int status = record.sent() ? record.response.status : 0;
    const int row = rowOf(record.id);
    if (row >= 0) {
        if (auto cached = m_cache.find(record.id); cached != m_cache.end())
            cached->responseStatus = status; // a row read later takes it from m_answers
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    for (EventSummary &pending : m_pending) {
        if (pending.id == record.id)
            pending.responseStatus = status;
    }
}

void EventTableModel::tickCountdown()
{
    for (auto it = m_waiting.cbegin(); it != m_waiting.cend(); ++it) {
        if (const int row = rowOf(it.key()); row >= 0)
            Q_EMIT dataChanged(index(row, ResultColumn), index(row, ResultColumn), {Qt::DisplayRole});
    }
}

std::optional<QVariant> EventTableModel::holdData(const EventSummary &row, int column, int role) const
{
    if (m_waiting.isEmpty() && m_answers.isEmpty())
        return std::nullopt;
    if (role == HoldStateRole) {
        if (m_waiting.contains(row.id))
            return int(HoldState::Waiting);
        return int(m_answers.contains(row.id) ? HoldState::Answered : HoldState::None);
    }
    if (column != ResultColumn || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return std::nullopt;
    if (const auto waiting = m_waiting.constFind(row.id); waiting != m_waiting.cend()) {
        const qint64 left = qMax<qint64>(0, *waiting - QDateTime::currentMSecsSinceEpoch());
        if (role == Qt::ToolTipRole)
            return tr("Held open: answer it in the Respond panel; the default answer goes out at the deadline");
        return tr("waiting %1 s").arg((left + 999) / 1000);
    }
    if (const auto answer = m_answers.constFind(row.id); answer != m_answers.cend()) {
        // Which answer went out and who decided it ("200 · Cancel · you"); the request's own
        // validity is in the tooltip and the row's mark, not mixed into the answer's words.
        const auto [title, invalid] = m_answerMarks.value(row.id);
        if (role == Qt::ToolTipRole) {
            QString tip = answer->describe() + QStringLiteral("\n") + tr("Request: %1").arg(EventRowText::result(row));
            if (invalid)
                tip += QStringLiteral("\n") + tr("The answer breaks the kind's response schema");
            return tip;
        }
        if (answer->source == AnswerSource::Rule) // 503 · rule "fail twice" (issue 26)
            return tr("%1 · rule \"%2\"")
                .arg(answer->sent() ? QString::number(answer->response.status) : tr("dropped"), answer->rule);
        if (!answer->sent())
            return tr("no answer · client gone");
        QStringList parts{QString::number(answer->response.status)};
        if (!title.isEmpty())
            parts.append(title);
        parts.append(answer->source == AnswerSource::Click ? tr("you") : AnswerRecord::sourceName(answer->source));
        if (invalid)
            parts.append(tr("answer invalid"));
        return parts.join(QStringLiteral(" · "));
    }
    return std::nullopt;
}

} // namespace hookscope
