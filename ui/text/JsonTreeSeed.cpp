#include "JsonTreeSeed.h"

namespace hookscope {

JsonTreeSeed JsonTreeSeed::build(const QByteArray &json, int batch)
{
    try { // whatever one body does (std::bad_alloc, for one), the Tree tab says so instead
        return buildSeed(json, batch);
    } catch (const std::exception &e) {
        JsonTreeSeed seed;
        seed.json = json;
        seed.check = {.ok = false, .offset = 0,
                      .message = QStringLiteral("could not be inspected: %1").arg(QString::fromUtf8(e.what()))};
        return seed;
    }
}

JsonTreeSeed JsonTreeSeed::buildSeed(const QByteArray &json, int batch)
{
    JsonTreeSeed seed;
    seed.json = json;
    seed.check = JsonScanner::validate(json);
    if (!seed.check.ok)
        return seed;
    seed.document = JsonScanner::root(json);
    const JsonType type = JsonScanner::typeOf(json, seed.document);
    seed.documentMembers = JsonScanner::memberCount(json, seed.document);
    seed.members = JsonScanner::nextMembers(json, seed.document, &seed.resume, batch);
    seed.keys.reserve(seed.members.size());
    seed.memberCounts.reserve(seed.members.size());
    for (qsizetype i = 0; i < seed.members.size(); ++i) {
        const JsonMember &member = seed.members[i];
        seed.keys << (type == JsonType::Object ? JsonScanner::unescape(json, member.key) : QString::number(i));
        seed.memberCounts << JsonScanner::memberCount(json, member.value);
    }
    return seed;
}

} // namespace hookscope
