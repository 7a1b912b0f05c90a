#pragma once

#include "schema/Kind.h"

#include <QByteArray>
#include <QList>
#include <array>

namespace hookscope {

// The cheap test HoldingSink runs on every request before it parses a body: could this body be
// one of the active kinds? A member can only be present when its name occurs in the text, so
// one scan for member names (a quoted string followed by ':') bounds each kind's shape score
// from above; when no kind can reach its minScore the body is not parsed at all (the common
// case: most hooks are not of a held kind). Built once per catalog and policy, not per request.
class KindPrefilter
{
public:
    explicit KindPrefilter(const QList<KindMatch> &matches);

    // False when no kind can reach its minScore; true means "parse and classify".
    [[nodiscard]] bool mayMatch(const QByteArray &body) const;

private:
    struct Candidate {
        QList<int> required; // name indexes of the required members
        QList<int> discriminators; // name indexes of the pointers' last names; -1: always counted
        qsizetype total = 0;
        double minScore = 0;
    };

    int nameIndex(const QByteArray &name);
    [[nodiscard]] int find(const char *name, qsizetype size) const;

    QList<QByteArray> m_names; // the member names some kind looks for; index = position
    // Their indexes by length (the last slot: any longer name). Most names in a body are ruled
    // out by their length or first bytes, and the rest compare with a few candidates instead of
    // being hashed: this runs on every request.
    std::array<QList<int>, 129> m_byLength;
    QList<Candidate> m_candidates;
};

} // namespace hookscope
