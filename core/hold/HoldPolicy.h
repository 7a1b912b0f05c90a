#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

class QSettings;

namespace hookscope {

class KindCatalog;

// --respond KIND=PRESET[:ARG]: answer every request of KIND at once with PRESET.
struct RespondRule
{
    QString kind;
    QString presetId;
    std::optional<QString> argument; // after the first ':'; the preset's default when absent

    // "before-book-appointment=cancel:Slot no longer available"
    [[nodiscard]] static std::optional<RespondRule> parse(const QString &text, QString *error);
};

// What Hookscope does with a request of one kind.
struct HoldRule
{
    bool hold = false; // false: answer at once with the receiver's default answer
    int deadlineMs = 10'000; // the default answer goes out this long after arrival
    QString defaultPreset = QStringLiteral("accept"); // empty or unknown: the receiver's default answer
};

// Per kind: hold or answer at once, the deadline and the default answer; plus the --respond
// rules. Built-in defaults come from hold/policy.json in the data folder (ResourceLocator); the
// user's choices are kept in QSettings under "hold/". Plain data.
class HoldPolicy final
{
public:
    // The defaults of resources/hold/policy.json.
    [[nodiscard]] static HoldPolicy builtIn();
    // resources/hold/policy.json, then the hold.json of the catalog's packs in effect (the user's
    // packs included, see PackAnswers; unusable rules are named in *errors).
    [[nodiscard]] static HoldPolicy builtIn(const KindCatalog &catalog, QStringList *errors = nullptr);
    // Parses a policy file ({"kind": {"hold", "deadlineSeconds", "defaultPreset"}}).
    bool loadJson(const QByteArray &json, QString *error);

    // The kind of requests no kind claims ("unknown", as the events table says): holdable
    // like any kind (issue 24.18).
    [[nodiscard]] static QString unknownKind() { return QStringLiteral("unknown"); }
    // The built-in rule of an unconfigured kind: answer at once.
    [[nodiscard]] HoldRule rule(const QString &kind) const;
    void setRule(const QString &kind, const HoldRule &rule);
    [[nodiscard]] QStringList configuredKinds() const { return m_rules.keys(); }

    void addRespond(const RespondRule &rule) { m_respond.insert(rule.kind, rule); }
    [[nodiscard]] std::optional<RespondRule> respond(const QString &kind) const;
    [[nodiscard]] QList<RespondRule> respondRules() const { return m_respond.values(); }

    // True when some kind is held or answered by a preset: only then must the receiver
    // classify requests as they arrive.
    [[nodiscard]] bool needsClassification() const;
    // The kinds held or answered by a preset: only they are worth recognising at arrival.
    [[nodiscard]] QStringList activeKinds() const;

    // The user's rules override the built-in ones.
    void loadSettings(const QSettings &settings);
    void saveSettings(QSettings &settings) const;

private:
    QHash<QString, HoldRule> m_rules;
    QHash<QString, RespondRule> m_respond;
};

} // namespace hookscope
