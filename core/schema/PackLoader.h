#pragma once

#include "Kind.h"
#include "Pack.h"

#include <QList>
#include <QStringList>

#include <memory>

namespace hookscope {

// What one packs folder holds: its packs and their kinds.
struct PackSet {
    QList<Pack> packs;
    QList<std::shared_ptr<const Kind>> kinds;
    QStringList errors; // "path: reason"
};

// Reads vendor packs: every sub-folder of a packs folder that holds a pack.json is a pack; its
// kinds/*.kind.json are loaded as kinds of that pack (schemas, samples beside them), and its
// samples/<id>.json is taken as a kind's sample when the kind file names none.
class PackLoader final {
public:
    PackLoader() = delete;

    static constexpr const char *kManifest = "pack.json";

    [[nodiscard]] static PackSet load(const QString &packsDir, Pack::Origin origin);
    // One pack folder; false with *error when its pack.json is unusable.
    [[nodiscard]] static bool loadManifest(const QString &packDir, Pack::Origin origin, Pack *pack, QString *error);

    // What to watch to notice a change in a packs folder: it, its packs, their folders and files.
    [[nodiscard]] static QStringList watchPaths(const QString &packsDir);

    // The kinds in effect, in priority order: the user's loose kinds (which replace a built-in
    // kind of the same id), then the user's packs, then the built-in packs and loose built-in
    // kinds. A user pack replaces the built-in pack of the same id as a whole (every kind that
    // names that pack, wherever it was loaded from); a disabled pack contributes no kind at all.
    [[nodiscard]] static QList<std::shared_ptr<const Kind>> compose(const QList<std::shared_ptr<const Kind>> &userKinds,
                                                                    const PackSet &userPacks,
                                                                    const QList<std::shared_ptr<const Kind>> &builtInKinds,
                                                                    const PackSet &builtInPacks);
    // Built-in packs overridden by the user's of the same id, disabled ones kept (marked).
    [[nodiscard]] static QList<Pack> effectivePacks(const PackSet &userPacks, const PackSet &builtInPacks);
};

} // namespace hookscope
