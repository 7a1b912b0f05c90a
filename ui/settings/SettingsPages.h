#pragma once

#include "schema/Pack.h"

#include <QList>
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
    QList<Pack> packs; // the vendor packs in effect: one signature rule may cover a whole pack
};

// Adds every settings page, in order. A feature with settings adds its page here (one line).
void addSettingsPages(SettingsDialog &dialog, const SettingsContext &context);

} // namespace hookscope
