#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace hookscope {

// One schema violation as the enrichment saved it (EventInfo::violationsJson).
struct ViolationEntry
{
    QString pointer; // RFC 6901 pointer into the body; "" for the whole document
    QString message; // plain text, may contain anything the payload contained
    QString keyword; // the schema keyword that failed ("required", "type", …)

    // Reads [{"pointer","message","keyword"}, …]; skips entries that are not objects.
    [[nodiscard]] static QList<ViolationEntry> listFromJson(const QByteArray &json);
};

} // namespace hookscope
