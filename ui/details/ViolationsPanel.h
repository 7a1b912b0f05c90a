#pragma once

#include "event/EventInfo.h"

#include <QWidget>
#include <optional>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace hookscope {

// The Violations tab: what validation found for the selected event, one row per violation
// (where, problem, schema keyword), all plain text. Clicking a row or pressing Enter on it
// asks for the node in the Tree tab.
class ViolationsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit ViolationsPanel(QWidget *parent = nullptr);

    // nullopt: no event selected. A NotChecked info shows "validating…".
    void setInfo(const std::optional<EventInfo> &info);
    // Nothing was validated (the body is not JSON): `text` says why.
    void showNotApplicable(const QString &text);
    [[nodiscard]] int count() const;

    [[nodiscard]] QTreeWidget *list() const { return m_list; }
    [[nodiscard]] QLabel *summary() const { return m_summary; }

Q_SIGNALS:
    void violationActivated(const QString &pointer);

private:
    void activate(QTreeWidgetItem *item);

    QLabel *m_summary;
    QTreeWidget *m_list;
};

} // namespace hookscope
