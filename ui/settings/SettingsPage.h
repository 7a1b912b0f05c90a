#pragma once

#include <QWidget>

class QSettings;

namespace hookscope {

// One group of settings in the SettingsDialog. A feature adds its page by subclassing this and
// one line in addSettingsPages() (SettingsPages.cpp).
class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    [[nodiscard]] virtual QString title() const = 0;
    virtual void load(const QSettings &settings) = 0;
    virtual void save(QSettings &settings) const = 0;
    // False for a page whose save() also writes elsewhere (secrets): the dialog then cannot save
    // it into a scratch copy to see what the user changed, and saves it whole at OK.
    [[nodiscard]] virtual bool savesOnlySettings() const { return true; }
    virtual void restoreDefaults() = 0;
    // Checks every field and shows each reason beside its field; returns the first reason
    // (prefixed with the field's name) or "" when the page can be saved.
    [[nodiscard]] virtual QString validate() = 0;

Q_SIGNALS:
    // A field changed: the dialog validates again.
    void edited();
};

} // namespace hookscope
