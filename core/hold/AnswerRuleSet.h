#pragma once

#include "AnswerRule.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace hookscope {

// The answer rules in force (issue 26): an ordered list (the first enabled rule that matches a
// request answers it) and the "Simulate failures" switch. Read from a rule file
// (docs/ANSWER-RULES.md), which is hostile input like any other: every problem is a clear
// error naming the rule, never a crash. Plain data: copy it freely.
struct AnswerRuleSet
{
    bool enabled = false; // "Simulate failures": off, no rule answers anything
    QList<AnswerRule> rules;

    static constexpr qsizetype kMaxFileBytes = 1024 * 1024;
    static constexpr int kMaxRules = 200;

    // Parses a rule file's bytes: {"enabled": true, "rules": [ … ]}. On failure *error says
    // what is wrong and where ("rule 2 \"fail twice\": 'statuses'[1] must be …").
    [[nodiscard]] static bool fromJson(const QByteArray &json, AnswerRuleSet *out, QString *error);
    [[nodiscard]] QByteArray toJson() const;
    // Reads a file (at most kMaxFileBytes); *error names the file.
    [[nodiscard]] static bool load(const QString &path, AnswerRuleSet *out, QString *error);
    [[nodiscard]] bool save(const QString &path, QString *error) const;
    // The user's rule file, beside the presets folder: <config>/answer-rules.json.
    [[nodiscard]] static QString userFile();

    // Rules that may answer anything: enabled set, at least one enabled rule.
    [[nodiscard]] bool active() const;
    [[nodiscard]] bool needsKind() const;
    [[nodiscard]] bool needsBody() const;
};

} // namespace hookscope
