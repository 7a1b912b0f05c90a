#pragma once

#include <QStringList>

namespace hookscope {

class SecretStore;
class SettingsDialog;

// What the pages need from the running app.
struct SettingsContext
{
    QStringList kindIds; // kinds a route may name
    QStringList requestKindIds; // kinds that arrive as requests (may be held)
    SecretStore *secrets = nullptr; // not owned; null: the app's default store
};

// Adds every settings page, in order. A feature with settings adds its page here (one line).
void addSettingsPages(SettingsDialog &dialog, const SettingsContext &context);

} // namespace hookscope
