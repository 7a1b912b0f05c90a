#pragma once

#include <QObject>

class QTableView;

namespace hookscope {

// Keeps the event table's highlighted rows and its current row (the one the details pane shows)
// in agreement (issue 24.14): when a filter took the selected row away, the row the focus moved
// to becomes the selection; when one row stays selected and the focus is elsewhere (Ctrl+click),
// the focus goes to it; Ctrl+Home/End select the first/last row and Ctrl+Up/Down act as Up/Down
// instead of moving only the focus. Reports how many rows are selected, for the details pane's
// "3 events selected".
class SelectionKeeper final : public QObject
{
    Q_OBJECT
public:
    explicit SelectionKeeper(QTableView *table); // child of the table

    [[nodiscard]] int selectedCount() const { return m_count; }

Q_SIGNALS:
    void selectedCountChanged(int count);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void reconcile();
    void countSelection();

    QTableView *m_table; // parent
    int m_count = 0;
};

} // namespace hookscope
