// EventTableModel: the held-hook part (issue 6), kept apart from the table's core.
#include "EventTableModel.h"

#include "AnswerText.h"
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

void EventTableModel::setAnswered(qint64 id, const AnswerMark &answer)
{
    m_waiting.remove(id);
    m_answers.insert(id, answer);
    if (m_countdown && m_waiting.isEmpty())
        m_countdown->stop();
    const int status = answer.sent() ? answer.status : 0;
    const int row = rowOf(id);
    if (row >= 0) {
        if (auto cached = m_cache.find(id); cached != m_cache.end()) {
            cached->responseStatus = status; // a row read later takes it from m_answers
            cached->answer = answer;
        }
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    for (EventSummary &pending : m_pending) {
        if (pending.id == id) {
            pending.responseStatus = status;
            pending.answer = answer;
        }
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
    if (m_waiting.isEmpty() && m_answers.isEmpty() && !row.answer)
        return std::nullopt;
    // This session's answer, else the one the store gave the row (a restart, an import).
    const auto session = m_answers.constFind(row.id);
    const AnswerMark *answer = session != m_answers.cend() ? &*session : row.answer ? &*row.answer : nullptr;
    if (role == HoldStateRole) {
        if (m_waiting.contains(row.id))
            return int(HoldState::Waiting);
        return int(answer ? HoldState::Answered : HoldState::None);
    }
    if (column != ResultColumn || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return std::nullopt;
    if (const auto waiting = m_waiting.constFind(row.id); waiting != m_waiting.cend()) {
        const qint64 left = qMax<qint64>(0, *waiting - QDateTime::currentMSecsSinceEpoch());
        if (role == Qt::ToolTipRole)
            return tr("Held open: answer it in the Respond panel; the default answer goes out at the deadline");
        return tr("waiting %1 s").arg((left + 999) / 1000);
    }
    if (answer) {
        // Which answer went out, who decided it and how long it took ("200 · Cancel, by you,
        // 8.5 s"); the request's own validity is in the tooltip and the row's mark.
        if (role == Qt::ToolTipRole)
            return AnswerText::toolTip(*answer, EventRowText::result(row));
        return AnswerText::result(*answer);
    }
    return std::nullopt;
}

} // namespace hookscope
