#pragma once

#include <QDialog>

class QMenuBar;
class QTableWidget;

namespace hookscope {

// Help ▸ Keyboard Shortcuts: every menu-bar entry that has a shortcut ("Edit › Find…  Ctrl+F"),
// read from the menus themselves so the list cannot drift from them, then the keys that live
// in a pane (F3, Ctrl+1…9 in the Respond panel, …). Plain text.
class ShortcutsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutsDialog(const QMenuBar *menus, QWidget *parent = nullptr);

    [[nodiscard]] QTableWidget *table() const { return m_table; }

private:
    void addRow(const QString &what, const QString &keys);

    QTableWidget *m_table;
};

} // namespace hookscope
