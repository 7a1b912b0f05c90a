#include "JsonTreeView.h"

#include "Banner.h"
#include "BodyFormatter.h"
#include "JsonTreeDelegate.h"
#include "JsonTreeModel.h"
#include "JsonTreeSeed.h"
#include "LatestOnlyWorker.h"
#include "Theme.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLocale>
#include <QMenu>
#include <QTreeView>
#include <QVBoxLayout>

namespace hookscope {

JsonTreeView::JsonTreeView(QWidget *parent)
    : QWidget(parent)
    , m_banner(new Banner(this))
    , m_tree(new QTreeView(this))
    , m_delegate(new JsonTreeDelegate(m_tree))
    , m_model(new JsonTreeModel(this))
    , m_worker(new LatestOnlyWorker(this))
{
    m_banner->setObjectName(QStringLiteral("treeBanner"));
    m_tree->setObjectName(QStringLiteral("jsonTree"));
    m_tree->setModel(m_model);
    m_tree->setItemDelegate(m_delegate);
    m_tree->setUniformRowHeights(true); // lets the view skip measuring every row of big arrays
    m_tree->setAlternatingRowColors(true);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::KeyColumn, QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::TypeColumn, QHeaderView::Interactive);
    m_tree->header()->resizeSection(JsonTreeModel::KeyColumn, 260);
    m_tree->header()->resizeSection(JsonTreeModel::TypeColumn, 80);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &JsonTreeView::showContextMenu);

    m_actions = {
        makeAction(tr("Copy value"), QKeySequence::Copy, &JsonTreeView::copyValue),
        makeAction(tr("Copy key"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K), &JsonTreeView::copyKey),
        makeAction(tr("Copy JSON pointer"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), &JsonTreeView::copyPointer),
        makeAction(tr("Expand all below"), QKeySequence(Qt::CTRL | Qt::Key_E), &JsonTreeView::expandAllBelow),
        makeAction(tr("Collapse all"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), &JsonTreeView::collapseAll),
    };

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_tree, 1);
}

QAction *JsonTreeView::makeAction(const QString &text, const QKeySequence &keys, void (JsonTreeView::*slot)())
{
    auto *action = new QAction(text, this);
    action->setShortcut(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, slot);
    m_tree->addAction(action);
    return action;
}

void JsonTreeView::setJson(const QByteArray &json)
{
    clear();
    if (json.size() <= LatestOnlyWorker::kSyncLimit) {
        applySeed(JsonTreeSeed::build(json, JsonTreeModel::kFetchBatch));
        return;
    }
    // Validation and the first level are proportional to the body: a worker reads them.
    m_banner->showMessage(tr("Building the tree of %1…")
                              .arg(BodyFormatter::sizeText(json.size())),
                          Banner::Kind::Info);
    m_worker->start([json] { return JsonTreeSeed::build(json, JsonTreeModel::kFetchBatch); },
                    [this](const JsonTreeSeed &seed) { applySeed(seed); });
}

void JsonTreeView::applySeed(const JsonTreeSeed &seed)
{
    m_banner->clearMessage();
    const JsonCheck check = m_model->setSeed(seed);
    if (!check.ok) {
        m_banner->showMessage(tr("Not valid JSON: %1 at offset %2").arg(check.message).arg(check.offset));
    } else {
        // The document and its first level: built by the seed, whatever the document's size.
        const QModelIndex root = m_model->index(0, 0);
        m_tree->expand(root);
        m_tree->setCurrentIndex(root);
        if (m_pendingViolations)
            m_model->setViolations(*m_pendingViolations);
        if (m_pendingReveal)
            revealPointer(*m_pendingReveal);
    }
    m_pendingViolations.reset();
    m_pendingReveal.reset();
    Q_EMIT loaded();
}

bool JsonTreeView::isLoading() const
{
    return m_worker->isBusy();
}

void JsonTreeView::clear()
{
    m_worker->cancel();
    m_pendingViolations.reset();
    m_pendingReveal.reset();
    m_banner->clearMessage();
    m_model->clear();
}

void JsonTreeView::setViolations(const QList<ViolationEntry> &violations)
{
    if (isLoading()) {
        m_pendingViolations = violations;
        return;
    }
    m_model->setViolations(violations);
}

QModelIndex JsonTreeView::revealPointer(const QString &pointer)
{
    if (isLoading()) {
        m_pendingReveal = pointer;
        return {};
    }
    const QModelIndex target = m_model->indexOfPointer(pointer);
    if (!target.isValid())
        return {};
    for (QModelIndex ancestor = target.parent(); ancestor.isValid(); ancestor = ancestor.parent())
        m_tree->expand(ancestor);
    m_tree->setCurrentIndex(target);
    m_tree->scrollTo(target, QAbstractItemView::PositionAtCenter);
    return target;
}

void JsonTreeView::copyRole(int role)
{
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid())
        QApplication::clipboard()->setText(current.siblingAtColumn(0).data(role).toString());
}

void JsonTreeView::copyValue()
{
    copyRole(JsonTreeModel::CopyValueRole);
}

void JsonTreeView::copyKey()
{
    copyRole(JsonTreeModel::KeyRole);
}

void JsonTreeView::copyPointer()
{
    copyRole(JsonTreeModel::JsonPointerRole);
}

void JsonTreeView::expandAllBelow()
{
    const QModelIndex current = m_tree->currentIndex().siblingAtColumn(0);
    if (!current.isValid())
        return;
    // QTreeView::expandRecursively() does not fetch; fetch first, with a cap so a huge
    // document cannot freeze the window.
    if (!m_model->fetchAll(current, kExpandAllLimit))
        m_banner->showMessage(tr("Expanded partially: more than %L1 nodes below this one").arg(kExpandAllLimit),
                              Banner::Kind::Info);
    m_tree->expandRecursively(current);
    m_tree->resizeColumnToContents(0); // the keys just shown, deeper and longer (issue 24.29)
}

void JsonTreeView::collapseAll()
{
    m_tree->collapseAll();
    m_tree->expand(m_model->index(0, 0));
}

void JsonTreeView::showContextMenu(const QPoint &pos)
{
    if (!m_tree->indexAt(pos).isValid())
        return;
    QMenu menu(this);
    for (int i = 0; i < m_actions.size(); ++i) {
        if (i == 3)
            menu.addSeparator();
        menu.addAction(m_actions[i]);
    }
    menu.exec(m_tree->viewport()->mapToGlobal(pos));
}

void JsonTreeView::showNotApplicable(const QString &text)
{
    clear();
    m_banner->showMessage(text);
}

void JsonTreeView::setSearchTerm(const QString &term)
{
    m_delegate->setTerm(term.trimmed());
    m_tree->viewport()->update();
}

} // namespace hookscope
