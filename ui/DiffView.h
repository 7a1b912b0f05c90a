#pragma once

#include "diff/JsonDiff.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace hookscope {

// The Diff tab: what changed in the body against the previous event of the same entity,
// as a tree of the changed fields (path › key), each with a +/−/~ marker, its colour
// (Theme) and "old → new". Everything is plain text.
class DiffView final : public QWidget
{
    Q_OBJECT
public:
    enum Column { FieldColumn, MarkerColumn, ValueColumn, ColumnCount };

    explicit DiffView(QWidget *parent = nullptr);

    // A sentence instead of a tree (no previous version, still validating, …).
    void showMessage(const QString &text);
    // `summary` says what was compared with what.
    void setChanges(const QString &summary, const QList<JsonDiff::Change> &changes);
    void clear();

    [[nodiscard]] QTreeWidget *tree() const { return m_tree; }
    [[nodiscard]] QLabel *summary() const { return m_summary; }

private:
    QLabel *m_summary;
    QTreeWidget *m_tree;
};

} // namespace hookscope
