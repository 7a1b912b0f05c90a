#pragma once

#include <QRegularExpression>
#include <QString>

namespace hookscope {

// A regular expression from a user's schema (pattern, patternProperties) run under PCRE2 limits,
// so a catastrophically backtracking one (^(a+)+$ against "aaaa…b") gives up after about 10 ms
// instead of running for minutes: (*LIMIT_MATCH) and (*LIMIT_DEPTH) are set after the pattern's own
// leading (*…) options (PCRE2 keeps the last setting, so a pattern cannot raise them). Immutable
// once compiled; match() is safe from any thread.
class BoundedRegex final {
public:
    static constexpr int kMatchLimit = 1'000'000;
    static constexpr int kDepthLimit = 100'000;

    enum class Match { Yes, No, GaveUp };

    BoundedRegex() = default;
    // isValid() false with *error set ("missing closing parenthesis at offset 3") when the
    // pattern does not compile; offsets count in the user's pattern.
    BoundedRegex(const QString &pattern, QString *error);

    [[nodiscard]] bool isValid() const { return m_re.isValid(); }
    [[nodiscard]] const QString &pattern() const { return m_source; } // as the user wrote it
    // Checks the inspection budget first (InspectionBudget::check may throw).
    [[nodiscard]] Match match(const QString &subject) const;

private:
    QRegularExpression m_re;
    QString m_source;
};

} // namespace hookscope
