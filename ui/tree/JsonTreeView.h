#pragma once

#include "ViolationEntry.h"

#include <QModelIndex>
#include <QWidget>
#include <optional>

class QAction;
class QTreeView;

namespace hookscope {

class JsonTreeDelegate;
class Banner;
class JsonTreeModel;
class LatestOnlyWorker;
struct JsonTreeSeed;

// The Tree tab: a lazily populated tree of the body's JSON with copy actions (value, key,
// RFC 6901 pointer) and expand/collapse, in a context menu and as shortcuts. Nodes on a
// schema violation's path are marked (JsonTreeDelegate). A body above
// LatestOnlyWorker::kSyncLimit is validated and read ahead on a worker thread ("Building the
// tree…"); violations and a node to reveal that arrive meanwhile are applied when it is done.
class JsonTreeView final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kExpandAllLimit = 100'000; // nodes created by one "expand all below"

    explicit JsonTreeView(QWidget *parent = nullptr);

    void setJson(const QByteArray &json);
    void clear();
    // No tree for this body (not JSON): an empty tree and `text` saying why.
    void showNotApplicable(const QString &text);
    // True while a big body is read on the worker; loaded() follows.
    [[nodiscard]] bool isLoading() const;
    void setViolations(const QList<ViolationEntry> &violations);
    // Keys and values containing the event filter's term are tinted.
    void setSearchTerm(const QString &term);
    // Expands the path to the node at `pointer` (fetching as it goes), selects it and scrolls
    // to it; the deepest existing node when the pointer leads past the document's end. While
    // loading, remembered and done once loaded (an invalid index is returned).
    QModelIndex revealPointer(const QString &pointer);
    [[nodiscard]] JsonTreeModel *model() const { return m_model; }
    [[nodiscard]] QTreeView *tree() const { return m_tree; }

    void copyValue();
    void copyKey();
    void copyPointer();
    void expandAllBelow();
    void collapseAll();

Q_SIGNALS:
    void loaded();

private:
    void applySeed(const JsonTreeSeed &seed);
    [[nodiscard]] QAction *makeAction(const QString &text, const QKeySequence &keys, void (JsonTreeView::*slot)());
    void showContextMenu(const QPoint &pos);
    void copyRole(int role);

    Banner *m_banner;
    QTreeView *m_tree;
    JsonTreeDelegate *m_delegate; // child of m_tree
    JsonTreeModel *m_model;
    QList<QAction *> m_actions;
    LatestOnlyWorker *m_worker;
    std::optional<QList<ViolationEntry>> m_pendingViolations; // arrived while loading
    std::optional<QString> m_pendingReveal; // asked for while loading
};

} // namespace hookscope
