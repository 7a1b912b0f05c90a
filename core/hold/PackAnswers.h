#pragma once

#include <QStringList>

namespace hookscope {

class HoldPolicy;
class KindCatalog;
class PresetCatalog;

// The answers (presets/*.preset.json) and the holding (hold.json) of the vendor packs in effect:
// every enabled pack of the catalog, built-in or the user's (a user pack replaces the built-in
// one of its id as a whole, so the built-in pack's answers and holding go with it). A pack's
// files are as hostile as any other file of the kinds folder: each is capped in size, a preset
// or a hold rule may only name a kind of its own pack, and a hold rule's members must have their
// documented types. What cannot be used is skipped and named in *errors ("file: reason").
class PackAnswers final
{
public:
    PackAnswers() = delete;

    static constexpr qint64 kMaxFileBytes = 1024 * 1024;

    static void addPresets(const KindCatalog &catalog, PresetCatalog *presets, QStringList *errors);
    static void addHold(const KindCatalog &catalog, HoldPolicy *policy, QStringList *errors);
};

} // namespace hookscope
