#pragma once

#include "Kind.h"

#include <memory>

namespace hookscope {

// Reads kinds from disk or Qt resources: a "<id>.kind.json" recognition rule and the schema it
// names, or (user folder only) a "<id>.schema.json" alone, recognised by its top-level "required".
// The file format is documented in resources/kinds/README.md.
class KindLoader final {
public:
    KindLoader() = delete;

    static constexpr const char *kKindSuffix = ".kind.json";
    static constexpr const char *kSchemaSuffix = ".schema.json";

    // nullptr with *error ("…/x.kind.json: unknown member 'rout'") when unusable.
    [[nodiscard]] static std::shared_ptr<const Kind> loadKindFile(const QString &kindFile, Kind::Origin origin,
                                                                  QString *error);
    // The same for a kind inside a pack folder: it belongs to `pack` whatever the file says.
    [[nodiscard]] static std::shared_ptr<const Kind> loadKindFile(const QString &kindFile, Kind::Origin origin,
                                                                  const QString &pack, QString *error);
    [[nodiscard]] static std::shared_ptr<const Kind> loadSchemaOnly(const QString &schemaFile, Kind::Origin origin,
                                                                    QString *error);

    // Letters, digits, '.', '_' and '-', not starting with '.'.
    [[nodiscard]] static bool isValidId(const QString &id);
    // A kind id without '.': the folder name of a pack.
    [[nodiscard]] static bool isValidPackId(const QString &pack);
    // "/exact/path" or "*/end/of/path".
    [[nodiscard]] static bool isValidRoute(const QString &route);
};

} // namespace hookscope
