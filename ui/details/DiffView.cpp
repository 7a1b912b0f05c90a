#include "DiffView.h"

#include "PlainToolTip.h"
#include "TailElideDelegate.h"
#include "Theme.h"
#include "ViolationMarks.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
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
    , m_ignoreVolatile(new QCheckBox(tr("Ignore ids and timestamps"), this))
    , m_tree(new QTreeWidget(this))
{
    m_ignoreVolatile->setObjectName(QStringLiteral("diffIgnoreVolatile"));
    m_ignoreVolatile->setToolTip(tr("Leave out fields that differ between any two deliveries: ids (id, correlationId, …) "
                                    "and time stamps (createdAt, updated_at, timestamp, …)"));
    m_ignoreVolatile->setChecked(QSettings().value(QStringLiteral("diff/ignoreVolatile"), false).toBool());
    connect(m_ignoreVolatile, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("diff/ignoreVolatile"), on);
        render();
    });
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
    m_tree->setItemDelegate(new TailElideDelegate({FieldColumn}, m_tree));
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_tree->header()->resizeSection(FieldColumn, 240);
    m_tree->header()->resizeSection(MarkerColumn, 28);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 6, 0);
    top->addWidget(m_summary, 1);
    top->addWidget(m_ignoreVolatile, 0, Qt::AlignTop);
    layout->addLayout(top);
    layout->addWidget(m_tree, 1);
    clear();
}

void DiffView::clear()
{
    showMessage(QString());
}

void DiffView::showMessage(const QString &text)
{
    m_changes.clear();
    m_against.clear();
    m_tree->clear();
    m_tree->hide();
    m_ignoreVolatile->hide();
    m_summary->setText(text);
}

void DiffView::setChanges(const QString &summary, const QList<JsonDiff::Change> &changes)
{
    m_against.clear();
    m_fixedSummary = summary;
    m_changes = changes;
    render();
}

void DiffView::setComparison(const QString &against, const QList<JsonDiff::Change> &changes)
{
    m_against = against;
    m_changes = changes;
    render();
}

void DiffView::setIgnoreVolatile(bool ignore)
{
    m_ignoreVolatile->setChecked(ignore);
}

bool DiffView::ignoresVolatile() const
{
    return m_ignoreVolatile->isChecked();
}

bool DiffView::isVolatile(const QString &pointer)
{
    const QStringList tokens = ViolationMarks::tokens(pointer);
    if (tokens.isEmpty())
        return false;
    const QString &key = tokens.last();
    const QString lower = key.toLower();
    static const QStringList exact = {QStringLiteral("id"),        QStringLiteral("uuid"),      QStringLiteral("timestamp"),
                                      QStringLiteral("time"),      QStringLiteral("date"),      QStringLiteral("ts"),
                                      QStringLiteral("requestid"), QStringLiteral("messageid"), QStringLiteral("nonce")};
    if (exact.contains(lower))
        return true;
    // camelCase "correlationId", "createdAt"; snake_case "event_id", "updated_at".
    return key.endsWith(QLatin1String("Id")) || key.endsWith(QLatin1String("At")) || lower.endsWith(QLatin1String("_id"))
        || lower.endsWith(QLatin1String("_at")) || key.endsWith(QLatin1String("Timestamp"))
        || lower.endsWith(QLatin1String("_timestamp"));
}

void DiffView::render()
{
    QList<JsonDiff::Change> changes;
    qsizetype hidden = 0;
    for (const JsonDiff::Change &change : std::as_const(m_changes)) {
        if (ignoresVolatile() && isVolatile(change.pointer))
            ++hidden;
        else
            changes.append(change);
    }
    QString summary = m_fixedSummary;
    if (!m_against.isEmpty()) {
        int added = 0;
        int removed = 0;
        for (const JsonDiff::Change &c : std::as_const(changes)) {
            added += c.kind == JsonDiff::Change::Kind::Added;
            removed += c.kind == JsonDiff::Change::Kind::Removed;
        }
        const int changed = int(changes.size()) - added - removed;
        summary = changes.isEmpty() ? m_against + tr(": the same content.")
                                    : m_against + tr(": %L1 changed, %L2 added, %L3 removed.").arg(changed).arg(added).arg(removed);
    }
    if (hidden > 0)
        summary += QLatin1Char(' ') + (hidden == 1 ? tr("(1 id or time stamp not shown)")
                                                   : tr("(%L1 ids and time stamps not shown)").arg(hidden));
    m_ignoreVolatile->show();
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
