#include "FormKind.h"

namespace hookscope {

bool FormKind::declaredBy(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower()
        == "application/x-www-form-urlencoded";
}

} // namespace hookscope
