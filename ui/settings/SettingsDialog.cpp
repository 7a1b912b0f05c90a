#include "SettingsDialog.h"

#include "SettingsPage.h"
#include "Theme.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QVBoxLayout>

namespace hookscope {

SettingsDialog::SettingsDialog(QSettings *settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_list(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults,
                                     this))
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));
    m_list->setObjectName(QStringLiteral("settingsPages"));
    m_list->setMaximumWidth(190);
    m_list->setAccessibleName(tr("Settings pages"));
    m_status->setObjectName(QStringLiteral("settingsProblem"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, Theme::errorText(this->palette()));
    m_status->setPalette(palette);

    auto *top = new QHBoxLayout;
    top->addWidget(m_list);
    top->addWidget(m_stack, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    m_buttons->button(QDialogButtonBox::RestoreDefaults)->setToolTip(tr("Put the defaults back on this page"));
    connect(m_list, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &SettingsDialog::restoreDefaults);
    resize(760, 560);
}

void SettingsDialog::addPage(SettingsPage *page)
{
    m_pages.append(page);
    page->load(*m_settings);
    // Long pages scroll instead of growing the dialog past the screen.
    auto *scroll = new QScrollArea(m_stack);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    m_stack->addWidget(scroll);
    m_list->addItem(page->title());
    if (m_list->currentRow() < 0)
        m_list->setCurrentRow(0);
    connect(page, &SettingsPage::edited, this, &SettingsDialog::revalidate);
    m_baseline = pageValues();
    revalidate();
}

QVariantHash SettingsDialog::pageValues() const
{
    // Saved into a scratch file's in-memory copy: nothing reaches the disk, and the values keep
    // the types the pages wrote, so the baseline and the edited values compare alike.
    const QTemporaryDir dir;
    QSettings scratch(dir.filePath(QStringLiteral("scratch.ini")), QSettings::IniFormat);
    for (const SettingsPage *page : m_pages) {
        if (page->savesOnlySettings())
            page->save(scratch);
    }
    QVariantHash values;
    for (const QString &key : scratch.allKeys())
        values.insert(key, scratch.value(key));
    scratch.clear(); // nothing for the destructor to write into the folder it removes
    return values;
}

void SettingsDialog::showPage(int index)
{
    m_list->setCurrentRow(index);
}

bool SettingsDialog::showPageOf(const QMetaObject *type)
{
    for (int i = 0; i < m_pages.size(); ++i) {
        if (m_pages.at(i)->metaObject() == type) {
            showPage(i);
            return true;
        }
    }
    return false;
}

void SettingsDialog::revalidate()
{
    m_problem.clear();
    for (SettingsPage *page : std::as_const(m_pages)) {
        const QString reason = page->validate(); // every page, so each field shows its reason
        if (m_problem.isEmpty() && !reason.isEmpty())
            m_problem = page->title() + QStringLiteral(" › ") + reason;
    }
    m_status->setText(m_problem);
    m_status->setVisible(!m_problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
}

void SettingsDialog::restoreDefaults()
{
    if (SettingsPage *page = m_pages.value(m_stack->currentIndex()))
        page->restoreDefaults();
    revalidate();
}

void SettingsDialog::accept()
{
    revalidate();
    if (!m_problem.isEmpty()) {
        for (int i = 0; i < m_pages.size(); ++i) {
            if (!m_pages.at(i)->validate().isEmpty()) {
                showPage(i);
                break;
            }
        }
        return; // refused: the reason is on screen
    }
    const QVariantHash edited = pageValues();
    m_changedKeys.clear();
    for (auto it = edited.cbegin(); it != edited.cend(); ++it) {
        if (m_baseline.value(it.key()) != it.value()) {
            m_settings->setValue(it.key(), it.value());
            m_changedKeys.append(it.key());
        }
    }
    for (auto it = m_baseline.cbegin(); it != m_baseline.cend(); ++it) {
        if (!edited.contains(it.key())) { // a page dropped it (a route removed, defaults restored)
            m_settings->remove(it.key());
            m_changedKeys.append(it.key());
        }
    }
    m_changedKeys.sort();
    for (SettingsPage *page : std::as_const(m_pages)) {
        if (!page->savesOnlySettings())
            page->save(*m_settings);
    }
    m_baseline = edited;
    m_settings->sync();
    QDialog::accept();
}

} // namespace hookscope
