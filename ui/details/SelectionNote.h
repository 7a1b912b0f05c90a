#pragma once

#include <QFrame>

class QAction;
class QLabel;
class QToolButton;

namespace hookscope {

// Above the details when several rows are selected (issue 24.14): "3 events selected · the
// details show #12, the current row", with what applies to the selection: Compare (two rows:
// the Diff tab compares them), Export… and Delete (the actions given). Hidden for one row.
class SelectionNote final : public QFrame
{
    Q_OBJECT
public:
    explicit SelectionNote(QWidget *parent = nullptr);

    // The export-selected and delete-selected actions (not owned) the buttons trigger.
    void setActions(QAction *exportSelected, QAction *deleteSelected);
    // count rows selected; shownId: the event the details show (the current row).
    void setSelection(int count, qint64 shownId);

    [[nodiscard]] QLabel *label() const { return m_label; }
    [[nodiscard]] QToolButton *compareButton() const { return m_compare; }
    [[nodiscard]] QToolButton *exportButton() const { return m_export; }
    [[nodiscard]] QToolButton *deleteButton() const { return m_delete; }

Q_SIGNALS:
    void compareRequested();

private:
    QLabel *m_label; // child
    QToolButton *m_compare; // child
    QToolButton *m_export; // child
    QToolButton *m_delete; // child
};

} // namespace hookscope
