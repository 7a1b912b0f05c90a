#include "DiffView.h"

#include "PlainToolTip.h"
#include "Theme.h"
#include "ViolationMarks.h"

#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hookscope {

namespace {

QString valueText(const JsonDiff::Change &change)
{
    switch (change.kind) {
    case JsonDiff::Change::Kind::Added:
        return change.newValue;
    case JsonDiff::Change::Kind::Removed:
        return change.oldValue;
    case JsonDiff::Change::Kind::Changed:
        return change.oldValue + QStringLiteral("  →  ") + change.newValue;
    }
    return {};
}

QString kindWord(JsonDiff::Change::Kind kind)
{
    switch (kind) {
    case JsonDiff::Change::Kind::Added:
        return DiffView::tr("added");
    case JsonDiff::Change::Kind::Removed:
        return DiffView::tr("removed");
    case JsonDiff::Change::Kind::Changed:
        return DiffView::tr("changed");
    }
    return {};
}

} // namespace

DiffView::DiffView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_tree(new QTreeWidget(this))
{
    m_summary->setObjectName(QStringLiteral("diffSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setContentsMargins(6, 4, 6, 4);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tree->setObjectName(QStringLiteral("diffTree"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Field"), QString(), tr("Before → after")});
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->setWordWrap(false);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_tree->header()->resizeSection(FieldColumn, 240);
    m_tree->header()->resizeSection(MarkerColumn, 28);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);
    clear();
}

void DiffView::clear()
{
    showMessage(QString());
}

void DiffView::showMessage(const QString &text)
{
    m_tree->clear();
    m_tree->hide();
    m_summary->setText(text);
}

void DiffView::setChanges(const QString &summary, const QList<JsonDiff::Change> &changes)
{
    m_tree->clear();
    m_summary->setText(summary);
    m_tree->setVisible(!changes.isEmpty());
    // Items for the path of each change, shared between changes under the same container.
    QHash<QString, QTreeWidgetItem *> containers;
    QFont markerFont = m_tree->font();
    markerFont.setBold(true);
    for (const JsonDiff::Change &change : changes) {
        const QStringList tokens = ViolationMarks::tokens(change.pointer);
        QTreeWidgetItem *parent = nullptr;
        QString path;
        for (qsizetype i = 0; i + 1 < tokens.size(); ++i) {
            path += QLatin1Char('/') + ViolationMarks::escapeToken(tokens[i]);
            QTreeWidgetItem *&item = containers[path];
            if (!item) {
                item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
                item->setText(FieldColumn, tokens[i]);
                item->setToolTip(FieldColumn, PlainToolTip::html(path));
                item->setExpanded(true);
            }
            parent = item;
        }
        auto *leaf = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
        const QColor color = Theme::diffColor(change.kind, m_tree->palette());
        leaf->setText(FieldColumn, tokens.isEmpty() ? tr("(root)") : tokens.last());
        leaf->setText(MarkerColumn, Theme::diffMarker(change.kind));
        leaf->setTextAlignment(MarkerColumn, Qt::AlignCenter);
        leaf->setFont(MarkerColumn, markerFont);
        leaf->setText(ValueColumn, valueText(change));
        for (const int column : {int(FieldColumn), int(MarkerColumn), int(ValueColumn)})
            leaf->setForeground(column, color);
        const QString where = change.pointer.isEmpty() ? QStringLiteral("/") : change.pointer;
        QString tip = where + QLatin1String(": ") + kindWord(change.kind);
        if (change.kind != JsonDiff::Change::Kind::Added)
            tip += QLatin1Char('\n') + tr("Before: %1").arg(change.oldValue);
        if (change.kind != JsonDiff::Change::Kind::Removed)
            tip += QLatin1Char('\n') + tr("After: %1").arg(change.newValue);
        for (const int column : {int(FieldColumn), int(MarkerColumn), int(ValueColumn)})
            leaf->setToolTip(column, PlainToolTip::html(tip));
        leaf->setData(FieldColumn, Qt::UserRole, change.pointer);
    }
}

} // namespace hookscope
