#pragma once

#include <QStringList>

namespace hookscope {

class SettingsDialog;

// What the pages need from the running app.
struct SettingsContext
{
    QStringList kindIds; // kinds a route may name
};

// Adds every settings page, in order. A feature with settings adds its page here (one line).
void addSettingsPages(SettingsDialog &dialog, const SettingsContext &context);

} // namespace hookscope
