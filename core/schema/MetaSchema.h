#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace hookscope {

// The meta-schemas a user's schema may refer to without Hookscope fetching anything, as ajv has
// them built in: draft-07's ("http://json-schema.org/draft-07/schema#").
class MetaSchema final {
public:
    MetaSchema() = delete;

    // The document for an absolute URI without fragment, nullopt for any other URI.
    [[nodiscard]] static std::optional<QByteArray> document(const QString &uri);
};

} // namespace hookscope
