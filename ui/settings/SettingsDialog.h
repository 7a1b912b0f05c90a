#pragma once

#include <QDialog>
#include <QList>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QSettings;
class QStackedWidget;

namespace hookscope {

class SettingsPage;

// Preferences: a list of pages on the left, the current page on the right. Values are checked
// as they are typed; while any is invalid, OK is disabled and the reason is shown beside the
// field and at the bottom. OK saves every page into the QSettings given (not owned).
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QSettings *settings, QWidget *parent = nullptr);

    // Takes ownership; loads the page from the settings.
    void addPage(SettingsPage *page);
    [[nodiscard]] const QList<SettingsPage *> &pages() const { return m_pages; }
    void showPage(int index);
    // The first reason a value is refused, "" when everything can be saved.
    [[nodiscard]] QString problem() const { return m_problem; }

    void accept() override;

private:
    void revalidate();
    void restoreDefaults();

    QSettings *m_settings; // not owned
    QList<SettingsPage *> m_pages;
    QListWidget *m_list;
    QStackedWidget *m_stack;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QString m_problem;
};

} // namespace hookscope
