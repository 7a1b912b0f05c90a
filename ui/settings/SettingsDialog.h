#pragma once

#include <QDialog>
#include <QList>
#include <QStringList>
#include <QVariantHash>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QSettings;
class QStackedWidget;

namespace hookscope {

class SettingsPage;

// Preferences: a list of pages on the left, the current page on the right. Values are checked
// as they are typed; while any is invalid, OK is disabled and the reason is shown beside the
// field and at the bottom. OK saves into the QSettings given (not owned) only what the user
// changed: a setting left as it was shown is not written, so a value the command line gave for
// this session (shown nowhere in the dialog) or a default never lands in the settings file.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QSettings *settings, QWidget *parent = nullptr);

    // Takes ownership; loads the page from the settings.
    void addPage(SettingsPage *page);
    [[nodiscard]] const QList<SettingsPage *> &pages() const { return m_pages; }
    void showPage(int index);
    // Shows the first page of that class (&HoldSettingsPage::staticMetaObject); false if none.
    bool showPageOf(const QMetaObject *type);
    // The first reason a value is refused, "" when everything can be saved.
    [[nodiscard]] QString problem() const { return m_problem; }

    void accept() override;
    // The keys accept() wrote or removed because the user changed them ("receiver/port", ...).
    [[nodiscard]] QStringList changedKeys() const { return m_changedKeys; }

private:
    void revalidate();
    void restoreDefaults();
    // What the pages that store only settings would save now, key by key.
    [[nodiscard]] QVariantHash pageValues() const;

    QSettings *m_settings; // not owned
    QList<SettingsPage *> m_pages;
    QListWidget *m_list;
    QStackedWidget *m_stack;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QString m_problem;
    QVariantHash m_baseline; // pageValues() as loaded, before any edit
    QStringList m_changedKeys;
};

} // namespace hookscope
