#include "AnswerValidator.h"

#include "schema/KindCatalog.h"
#include "schema/Validator.h"

#include <QJsonDocument>

namespace hookscope {

namespace {
// The response kind a request kind names ("answer"), else "<kind>.response".
std::shared_ptr<const Kind> responseKind(const KindCatalog *catalog, const QString &requestKind)
{
    if (!catalog)
        return nullptr;
    const auto request = catalog->kind(requestKind);
    return catalog->kind(request && !request->answerKind.isEmpty() ? request->answerKind
                                                                    : requestKind + QStringLiteral(".response"));
}
} // namespace

AnswerValidator::AnswerValidator(std::shared_ptr<const KindCatalog> catalog)
    : m_catalog(std::move(catalog))
{
}

bool AnswerValidator::hasSchema(const QString &requestKind) const
{
    const auto kind = responseKind(m_catalog.get(), requestKind);
    return kind && kind->schema;
}

Violations AnswerValidator::validate(const QString &requestKind, const QByteArray &body) const
{
    const auto kind = responseKind(m_catalog.get(), requestKind);
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
