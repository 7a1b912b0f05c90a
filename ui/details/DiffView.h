#pragma once

#include "diff/JsonDiff.h"

#include <QWidget>

class QCheckBox;
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
    // `against` says what was compared with what; the counts ("3 changed, 1 added") follow it,
    // counting only what is shown (ids and timestamps may be hidden).
    void setComparison(const QString &against, const QList<JsonDiff::Change> &changes);
    void clear();

    // Whether ids and timestamps are left out (remembered in QSettings "diff/ignoreVolatile").
    void setIgnoreVolatile(bool ignore);
    [[nodiscard]] bool ignoresVolatile() const;
    // A field that differs between any two deliveries: an id ("id", "correlationId", "event_id")
    // or a time stamp ("createdAt", "updated_at", "timestamp"). Judged by the pointer's last key.
    [[nodiscard]] static bool isVolatile(const QString &pointer);

    [[nodiscard]] QTreeWidget *tree() const { return m_tree; }
    [[nodiscard]] QLabel *summary() const { return m_summary; }
    [[nodiscard]] QCheckBox *ignoreVolatileCheck() const { return m_ignoreVolatile; }

private:
    void render();

    QLabel *m_summary;
    QCheckBox *m_ignoreVolatile;
    QTreeWidget *m_tree;
    QString m_against; // what was compared; empty with a fixed summary
    QString m_fixedSummary;
    QList<JsonDiff::Change> m_changes; // all of them, volatile ones included
};

} // namespace hookscope
