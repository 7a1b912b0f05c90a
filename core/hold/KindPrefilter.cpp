#include "KindPrefilter.h"

#include "schema/Classifier.h"
#include "schema/JsonPointer.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace hookscope {

namespace {
// The member name a pointer ends with ("" for the whole document or an array index).
QByteArray lastName(const QString &pointer)
{
    const std::optional<QStringList> tokens = JsonPointer::tokens(pointer);
    if (!tokens || tokens->isEmpty() || JsonPointer::arrayIndex(tokens->last()))
        return {};
    return tokens->last().toUtf8();
}

// The quote that ends a JSON string whose text starts at `from`, or nullptr. memchr does the
// scanning (a byte loop here was a tenth of the receive path's CPU on a 5 KB body); a quote
// is escaped when an odd number of backslashes precedes it.
const char *closingQuote(const char *from, const char *end)
{
    for (const char *p = from; p < end;) {
        const char *quote = static_cast<const char *>(std::memchr(p, '"', size_t(end - p)));
        if (!quote)
            return nullptr;
        const char *b = quote;
        while (b > from && b[-1] == '\\')
            --b;
        if ((quote - b) % 2 == 0)
            return quote;
        p = quote + 1;
    }
    return nullptr;
}

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
} // namespace

KindPrefilter::KindPrefilter(const QList<KindMatch> &matches)
{
    for (const KindMatch &match : matches) {
        if (!match.byShape)
            continue; // recognised by route only: the route test comes before the prefilter
        Candidate candidate;
        for (const QString &member : match.required)
            candidate.required.append(nameIndex(member.toUtf8()));
        for (const auto &[pointer, value] : match.equals)
            candidate.discriminators.append(nameIndex(lastName(pointer)));
        for (const QString &pointer : match.present)
            candidate.discriminators.append(nameIndex(lastName(pointer)));
        candidate.total = candidate.required.size()
                          + Classifier::kDiscriminatorWeight * candidate.discriminators.size();
        candidate.minScore = match.minScore;
        if (candidate.total > 0)
            m_candidates.append(std::move(candidate));
    }
}

int KindPrefilter::nameIndex(const QByteArray &name)
{
    if (name.isEmpty())
        return -1; // the whole document or an array element: no name to look for
    if (const int index = find(name.constData(), name.size()); index >= 0)
        return index;
    const int index = int(m_names.size());
    m_names.append(name);
    m_byLength[size_t(std::min(name.size(), qsizetype(m_byLength.size() - 1)))].append(index);
    return index;
}

int KindPrefilter::find(const char *name, qsizetype size) const
{
    for (int index : m_byLength[size_t(std::min(size, qsizetype(m_byLength.size() - 1)))]) {
        const QByteArray &candidate = m_names.at(index);
        if (candidate.size() == size && candidate.front() == *name
            && std::memcmp(candidate.constData(), name, size_t(size)) == 0)
            return index;
    }
    return -1;
}

bool KindPrefilter::mayMatch(const QByteArray &body) const
{
    if (m_candidates.isEmpty())
        return false;
    // Escaped names are compared as written, which can only make a kind look less likely.
    std::vector<bool> found(size_t(m_names.size()), false);
    const char *p = body.constData();
    const char *const end = p + body.size();
    while (p < end) {
        const char *open = static_cast<const char *>(std::memchr(p, '"', size_t(end - p)));
        if (!open)
            break;
        const char *close = closingQuote(open + 1, end);
        if (!close)
            break;
        const qsizetype size = qsizetype(close - open - 1);
        const char *after = close + 1;
        while (after < end && isJsonSpace(*after))
            ++after;
        if (after < end && *after == ':') {
            if (const int index = find(open + 1, size); index >= 0)
                found[size_t(index)] = true;
        }
        p = close + 1;
    }
    const auto has = [&found](int index) { return index < 0 || found[size_t(index)]; };
    for (const Candidate &candidate : m_candidates) {
        qsizetype hits = 0;
        for (int index : candidate.required)
            hits += has(index) ? 1 : 0;
        for (int index : candidate.discriminators)
            hits += has(index) ? Classifier::kDiscriminatorWeight : 0;
        if (double(hits) / double(candidate.total) >= candidate.minScore)
            return true;
    }
    return false;
}

} // namespace hookscope
