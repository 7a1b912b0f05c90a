#include "OwnerLabels.h"

#include <QHash>

namespace hookscope {

namespace {

// Longer labels stop being readable, and the cap bounds the widening rounds (the pointer, not
// the label, is the field's identity).
constexpr qsizetype kMaxSteps = 8;

struct Span
{
    qsizetype start = 0; // first step shown
    bool skipsTranslations = false; // the step just above the field is "translations" and is hidden
};

// An index never starts a label, nor follows its first step: "answers › 2 › question".
void takeArrayContext(const JsonPath &path, Span *span)
{
    while (span->start > 0 && path.size() - span->start < kMaxSteps
           && (path.at(span->start).isIndex || path.at(span->start - 1).isIndex))
        --span->start;
}

Span minimalSpan(const JsonPath &path)
{
    Span span;
    const qsizetype n = path.size();
    if (n == 0)
        return span;
    qsizetype owner = n - 2;
    if (owner >= 0 && !path.last().isIndex && !path.at(owner).isIndex && path.at(owner).token == kTranslationsMember) {
        span.skipsTranslations = true;
        --owner;
    }
    span.start = owner >= 0 ? owner : n - 1;
    takeArrayContext(path, &span);
    return span;
}

QString text(const JsonPath &path, const Span &span)
{
    if (path.isEmpty())
        return OwnerLabels::rootLabel;
    QStringList parts;
    for (qsizetype i = span.start; i < path.size(); ++i) {
        if (span.skipsTranslations && i == path.size() - 2)
            continue;
        parts.append(path.at(i).token);
    }
    return parts.join(OwnerLabels::separator);
}

// One more step of the path, or false when the label cannot grow any more.
bool widen(const JsonPath &path, Span *span)
{
    if (span->start > 0 && path.size() - span->start < kMaxSteps) {
        --span->start;
        takeArrayContext(path, span);
        return true;
    }
    if (span->skipsTranslations) {
        span->skipsTranslations = false;
        return true;
    }
    return false;
}

} // namespace

QString OwnerLabels::label(const JsonPath &path)
{
    return text(path, minimalSpan(path));
}

QStringList OwnerLabels::build(const std::vector<JsonPath> &paths)
{
    std::vector<Span> spans;
    spans.reserve(paths.size());
    QStringList labels;
    labels.reserve(qsizetype(paths.size()));
    for (const JsonPath &path : paths) {
        spans.push_back(minimalSpan(path));
        labels.append(text(path, spans.back()));
    }
    // Each round widens every colliding label by one step; spans only grow, so this ends.
    for (bool changed = true; changed;) {
        changed = false;
        QHash<QString, QList<qsizetype>> byLabel;
        for (qsizetype i = 0; i < labels.size(); ++i)
            byLabel[labels.at(i)].append(i);
        for (auto it = byLabel.cbegin(); it != byLabel.cend(); ++it) {
            if (it.value().size() < 2)
                continue;
            for (const qsizetype i : it.value()) {
                if (widen(paths[std::size_t(i)], &spans[std::size_t(i)])) {
                    labels[i] = text(paths[std::size_t(i)], spans[std::size_t(i)]);
                    changed = true;
                }
            }
        }
    }
    return labels;
}

} // namespace hookscope
