#pragma once

#include "ViolationEntry.h"

#include <QModelIndex>
#include <QWidget>

class QAction;
class QTreeView;

namespace hookscope {

class Banner;
class JsonTreeModel;

// The Tree tab: a lazily populated tree of the body's JSON with copy actions (value, key,
// RFC 6901 pointer) and expand/collapse, in a context menu and as shortcuts. Nodes on a
// schema violation's path are marked (JsonTreeDelegate).
class JsonTreeView final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kExpandAllLimit = 100'000; // nodes created by one "expand all below"

    explicit JsonTreeView(QWidget *parent = nullptr);

    void setJson(const QByteArray &json);
    void clear();
    void setViolations(const QList<ViolationEntry> &violations);
    // Expands the path to the node at `pointer` (fetching as it goes), selects it and scrolls
    // to it; the deepest existing node when the pointer leads past the document's end.
    QModelIndex revealPointer(const QString &pointer);
    [[nodiscard]] JsonTreeModel *model() const { return m_model; }
    [[nodiscard]] QTreeView *tree() const { return m_tree; }

    void copyValue();
    void copyKey();
    void copyPointer();
    void expandAllBelow();
    void collapseAll();

private:
    [[nodiscard]] QAction *makeAction(const QString &text, const QKeySequence &keys, void (JsonTreeView::*slot)());
    void showContextMenu(const QPoint &pos);
    void copyRole(int role);

    Banner *m_banner;
    QTreeView *m_tree;
    JsonTreeModel *m_model;
    QList<QAction *> m_actions;
};

} // namespace hookscope
