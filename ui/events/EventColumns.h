#pragma once

#include <QHash>
#include <QObject>
#include <QSet>

class QHeaderView;
class QMenu;
class QTableView;
class QTimer;

namespace hookscope {

// The event table's columns: which are shown (a chooser in the header's context menu,
// remembered in QSettings under "eventTable/hiddenColumns") and how wide they are. Kind,
// Result and Languages follow their content (measured on the rows in view, coalesced), so
// their words are not cut, as far as the window leaves Target kTargetMinimum (then Languages
// gives way first, then Kind, then Result, each cut at its right end). Target takes what is
// left. A column the user resized by hand keeps the user's width until "Fit columns to content".
class EventColumns final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kTargetMinimum = 180;

    explicit EventColumns(QTableView *table); // child of the table

    // The header's context menu (also View ▸ Columns): a check per column and "Fit".
    [[nodiscard]] QMenu *menu() const { return m_menu; }
    void setColumnShown(int column, bool shown);
    // Shows a column hidden by default (App) the first time it has something to say; once
    // shown so, the user's choice rules (remembered under "eventTable/revealed").
    void revealOnce(int column);
    // Measures the content columns now instead of at the next coalesced pass.
    void fitNow();
    [[nodiscard]] int contentWidthInView(int column) const;

    // The settings key names: stable across column reordering in the model.
    [[nodiscard]] static QString keyOf(int column);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void scheduleFit();
    void fillMenu();
    void saveHidden() const;
    void onSectionResized(int section, int oldSize, int newSize);

    QTableView *m_table; // parent, not owned
    QHeaderView *m_header; // the table's
    QMenu *m_menu;
    QTimer *m_fitDelay;
    QSet<int> m_userSized; // sections the user dragged
    QHash<int, int> m_widest; // widest content seen per column since the rows were last reset
    bool m_fitting = false;
};

} // namespace hookscope
