#pragma once

#include "store/ForwardRecord.h"

#include <QWidget>
#include <optional>

class QLabel;
class QPlainTextEdit;

namespace hookscope {

// The Forward tab: what the local app answered when this event was forwarded to it
// (status, latency, headers, body), or why it could not be reached.
class ForwardView final : public QWidget
{
    Q_OBJECT
public:
    explicit ForwardView(QWidget *parent = nullptr);

    void setRecord(const std::optional<ForwardRecord> &record);
    void clear();
    [[nodiscard]] QString summaryText() const;
    [[nodiscard]] QPlainTextEdit *responseText() const { return m_response; }

private:
    QLabel *m_summary;
    QPlainTextEdit *m_response;
};

} // namespace hookscope
