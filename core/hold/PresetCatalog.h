#pragma once

#include "ResponsePreset.h"

#include <QList>
#include <QStringList>

namespace hookscope {

class KindCatalog;

// The presets Hookscope offers: the built-in ones (presets/*.preset.json in the data folder,
// see ResourceLocator) and the user's (*.preset.json in userDirectory(); a user preset with the
// id of a built-in one for the same kind replaces it). Plain data: copy it freely.
class PresetCatalog final
{
public:
    // Built-ins plus the user folder.
    [[nodiscard]] static PresetCatalog load();
    // The loose built-in presets, the presets of the catalog's packs in effect (the user's packs
    // included, see PackAnswers; unusable files are named in *errors), then the user folder.
    [[nodiscard]] static PresetCatalog load(const KindCatalog &catalog, QStringList *errors = nullptr);
    [[nodiscard]] static PresetCatalog builtIn();
    // QStandardPaths::AppConfigLocation + "/presets".
    [[nodiscard]] static QString userDirectory();

    // Adds the *.preset.json files of a folder; unreadable ones are listed in errors().
    void loadDirectory(const QString &dir, ResponsePreset::Origin origin);
    void add(ResponsePreset preset);

    // Sorted by order, then title.
    [[nodiscard]] QList<ResponsePreset> forKind(const QString &kind) const;
    [[nodiscard]] const ResponsePreset *find(const QString &kind, const QString &id) const;
    [[nodiscard]] const QList<ResponsePreset> &all() const { return m_presets; }
    [[nodiscard]] const QStringList &errors() const { return m_errors; }

    // Writes `preset` as <dir>/<id>.preset.json (replacing one of that id) and adds it.
    bool saveUserPreset(const QString &dir, ResponsePreset preset, QString *error);

private:
    QList<ResponsePreset> m_presets;
    QStringList m_errors;
};

} // namespace hookscope
