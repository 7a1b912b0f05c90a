#include "BodyMarks.h"

#include "JsonScanner.h"
#include "ViolationMarks.h"

#include <algorithm>
#include <vector>

namespace hookscope {

QMap<int, QStringList> BodyMarks::lines(const QByteArray &pretty, const QList<ViolationEntry> &violations)
{
    QMap<int, QStringList> out;
    if (violations.isEmpty() || violations.size() > kMaxViolations || pretty.size() > kMaxText
        || !JsonScanner::validate(pretty).ok)
        return out;
    struct Hit
    {
        qsizetype offset;
        QString text;
    };
    std::vector<Hit> hits;
    hits.reserve(size_t(violations.size()));
    for (const ViolationEntry &v : violations) {
        const JsonSpan span = ViolationMarks::resolveSpan(pretty, v.pointer);
        const QString where = v.pointer.isEmpty() ? QStringLiteral("/") : v.pointer;
        hits.push_back({span.begin, where + QLatin1String(": ") + v.message});
    }
    std::stable_sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) { return a.offset < b.offset; });
    // One pass over the text: count line breaks up to each offset in turn.
    int line = 0;
    qsizetype at = 0;
    for (const Hit &hit : hits) {
        for (; at < hit.offset && at < pretty.size(); ++at)
            line += pretty.at(at) == '\n';
        out[line].append(hit.text);
    }
    return out;
}

} // namespace hookscope
