#include "AnswerValidator.h"

#include "schema/KindCatalog.h"
#include "schema/Validator.h"

#include <QJsonDocument>

namespace hookscope {

AnswerValidator::AnswerValidator(std::shared_ptr<const KindCatalog> catalog)
    : m_catalog(std::move(catalog))
{
}

bool AnswerValidator::hasSchema(const QString &requestKind) const
{
    const auto kind = m_catalog ? m_catalog->kind(requestKind + QStringLiteral(".response")) : nullptr;
    return kind && kind->schema;
}

Violations AnswerValidator::validate(const QString &requestKind, const QByteArray &body) const
{
    const auto kind = m_catalog ? m_catalog->kind(requestKind + QStringLiteral(".response")) : nullptr;
    if (kind && kind->schema)
        return Validator(kind->schema).validate(body);
    QJsonParseError error;
    QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError || body.trimmed().isEmpty())
        return {};
    return {Violation{QString(), QStringLiteral("not JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset),
                      QStringLiteral("json")}};
}

} // namespace hookscope
