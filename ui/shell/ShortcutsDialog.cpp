#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <functional>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hookscope {

namespace {
// The entry's text without its mnemonic's '&' ("&Find…" -> "Find…"; "&&" stays one '&').
QString plain(QString text)
{
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text;
}
} // namespace

ShortcutsDialog::ShortcutsDialog(const QMenuBar *menus, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(0, 2, this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);

    const std::function<void(const QMenu *, const QString &)> walk = [&](const QMenu *menu, const QString &path) {
        for (const QAction *action : menu->actions()) {
            if (action->isSeparator())
                continue;
            const QString name = path + QStringLiteral(" › ") + plain(action->text());
            if (action->menu())
                walk(action->menu(), name);
            else if (!action->shortcut().isEmpty())
                addRow(name, action->shortcut().toString(QKeySequence::NativeText));
        }
    };
    for (const QAction *top : menus->actions()) {
        if (top->menu())
            walk(top->menu(), plain(top->text()));
    }
    addRow(tr("Details › Find next / previous in the body"), tr("F3 / Shift+F3"));
    addRow(tr("Table › Previous / next event"), tr("Up / Down"));
    addRow(tr("Table › First / last event"), tr("Ctrl+Home / Ctrl+End"));
    addRow(tr("Filter box › Clear the filter"), tr("Esc"));
    addRow(tr("Respond panel › Send a preset answer"), tr("Ctrl+1 … Ctrl+9 (shown on each preset)"));
    addRow(tr("Respond panel › Send the custom answer"), tr("Ctrl+Return"));
    m_table->resizeColumnToContents(0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(560, 520);
}

void ShortcutsDialog::addRow(const QString &what, const QString &keys)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(what));
    m_table->setItem(row, 1, new QTableWidgetItem(keys));
}

} // namespace hookscope
