#pragma once

#include "schema/Violation.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace hookscope {

class KindCatalog;

// Checks an answer before it is sent: against the kind "<request kind>.response" when the
// catalog has one (before-book-appointment.response), else only that it is JSON when it
// claims to be. Cheap; call it on every edit.
class AnswerValidator final
{
public:
    explicit AnswerValidator(std::shared_ptr<const KindCatalog> catalog);

    [[nodiscard]] bool hasSchema(const QString &requestKind) const;
    [[nodiscard]] Violations validate(const QString &requestKind, const QByteArray &body) const;

private:
    std::shared_ptr<const KindCatalog> m_catalog;
};

} // namespace hookscope
