#include "event/Event.h"

namespace hookscope {

QString Event::sender() const
{
    if (!forwardedFor.isEmpty()) {
        const qsizetype comma = forwardedFor.indexOf(',');
        return QString::fromLatin1(forwardedFor.left(comma < 0 ? forwardedFor.size() : comma).trimmed());
    }
    return remoteAddress;
}

QString Event::publicUrl() const
{
    if (forwardedHost.isEmpty())
        return {};
    const QByteArray proto = forwardedProto.isEmpty() ? QByteArray("https") : forwardedProto;
    return QString::fromLatin1(proto + "://" + forwardedHost) + QString::fromUtf8(target);
}

} // namespace hookscope
