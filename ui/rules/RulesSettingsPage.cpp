#include "RulesSettingsPage.h"

#include "RuleListEditor.h"
#include "SettingsField.h"
#include "Theme.h"
#include "hold/AnswerRuleSet.h"

#include <QCheckBox>
#include <QFile>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>

namespace hookscope {

namespace {
// What a first-time user starts from: one rule of each common kind, the switch off.
const char *const kExample = R"([
  {"name": "fail twice", "match": {"path": "/webhooks/*"}, "statuses": [500, 500, 200]},
  {"name": "slow app", "enabled": false, "delayMs": 2000, "jitterMs": 500, "status": 200},
  {"name": "crash", "enabled": false, "match": {"header": "X-Env", "value": "staging"}, "action": "drop"}
])";
} // namespace

RulesSettingsPage::RulesSettingsPage(QString file, QWidget *parent)
    : SettingsPage(parent)
    , m_file(std::move(file))
    , m_enabled(new QCheckBox(tr("&Simulate failures: answer matching requests by these rules"), this))
    , m_rules(new QPlainTextEdit(this))
    , m_editor(new RuleListEditor(this))
    , m_field(nullptr)
{
    setObjectName(QStringLiteral("rulesSettings"));
    m_enabled->setObjectName(QStringLiteral("simulateFailures"));
    m_rules->setObjectName(QStringLiteral("rules"));
    m_rules->setFont(Theme::monospace());
    m_rules->setTabChangesFocus(true);
    m_rules->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_rules->setMinimumHeight(m_rules->fontMetrics().lineSpacing() * 12 + 12);

    auto *form = new QFormLayout(this);
    auto *intro = new QLabel(tr("Make Hookscope answer like a failing or slow app, to see what the vendor does: "
                                "the first enabled rule that matches a request answers it. Each event records "
                                "the rule (Result column). Saved in %1.")
                                 .arg(m_file),
                             this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    form->addRow(intro);
    form->addRow(m_enabled);
    form->addRow(m_editor);
    m_field = SettingsField::addRow(
        form, tr("&Rules (JSON)"), m_rules,
        tr("A JSON list, in order. Each rule: \"name\"; \"match\" {\"kind\", \"path\" (a * glob), \"method\", "
           "\"header\" or \"pointer\" with \"value\"}; \"status\" or \"statuses\" [500, 500, 200] (per delivery of "
           "the same event); \"headers\"; \"body\" (text, or JSON with \"${request:/pointer}\"); \"delayMs\", "
           "\"jitterMs\"; \"action\": \"answer\", \"drop\", \"late\" (after \"timeoutMs\") or \"hold\"."),
        [this] {
            AnswerRuleSet set;
            QString error;
            return AnswerRuleSet::fromJson(fileText(), &set, &error) ? QString() : error;
        });
    connect(m_enabled, &QCheckBox::toggled, this, &SettingsPage::edited);
    connect(m_rules, &QPlainTextEdit::textChanged, this, &SettingsPage::edited);
    connect(m_rules, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_writingText)
            showTextInForm();
    });
    connect(m_editor, &RuleListEditor::edited, this, &RulesSettingsPage::writeFormToText);
    restoreDefaults();
}

void RulesSettingsPage::showTextInForm()
{
    const QByteArray text = m_rules->toPlainText().toUtf8().trimmed();
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(text.isEmpty() ? QByteArray("[]") : text, &parse);
    if (parse.error != QJsonParseError::NoError) {
        m_editor->setUnavailable(tr("%1 at character %2").arg(parse.errorString()).arg(parse.offset));
        return;
    }
    if (!doc.isArray()) {
        m_editor->setUnavailable(tr("the rules must be a JSON list [ … ]"));
        return;
    }
    const QJsonArray rules = doc.array();
    for (qsizetype i = 0; i < rules.size(); ++i) {
        if (!rules.at(i).isObject()) {
            m_editor->setUnavailable(tr("rule %1 is not an object { … }").arg(i + 1));
            return;
        }
    }
    m_editor->setRules(rules);
}

void RulesSettingsPage::writeFormToText()
{
    m_writingText = true;
    m_rules->setPlainText(QString::fromUtf8(QJsonDocument(m_editor->rules()).toJson(QJsonDocument::Indented)));
    m_writingText = false;
    m_field->validate();
}

QByteArray RulesSettingsPage::fileText() const
{
    // The list as typed goes into the file's frame as it is: the parser's errors then speak of
    // the rules the user sees ("rule 2 \"crash\": …"); text that is not a list is refused by it.
    const QByteArray list = m_rules->toPlainText().toUtf8().trimmed();
    return "{\"enabled\": " + QByteArray(m_enabled->isChecked() ? "true" : "false")
        + ", \"rules\": " + (list.isEmpty() ? QByteArray("[]") : list) + "\n}\n";
}

void RulesSettingsPage::load(const QSettings &)
{
    if (!QFile::exists(m_file))
        return; // the example stays, switched off
    AnswerRuleSet set;
    QString error;
    QFile file(m_file);
    if (AnswerRuleSet::load(m_file, &set, &error)) {
        m_enabled->setChecked(set.enabled);
        QJsonArray list;
        for (const AnswerRule &rule : std::as_const(set.rules))
            list.append(rule.toJson());
        m_rules->setPlainText(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented)));
    } else if (file.open(QIODevice::ReadOnly)) {
        // A broken file is shown as it is (the rules part when there is one), with its error:
        // the user mends it here instead of losing it.
        const QByteArray bytes = file.read(AnswerRuleSet::kMaxFileBytes);
        const QJsonObject o = QJsonDocument::fromJson(bytes).object();
        m_enabled->setChecked(o.value(QStringLiteral("enabled")).toBool(false));
        m_rules->setPlainText(o.contains(QStringLiteral("rules"))
                                  ? QString::fromUtf8(QJsonDocument(o.value(QStringLiteral("rules")).toArray())
                                                          .toJson(QJsonDocument::Indented))
                                  : QString::fromUtf8(bytes));
    }
    m_field->validate();
}

void RulesSettingsPage::save(QSettings &) const
{
    AnswerRuleSet set;
    m_saveError.clear();
    if (!AnswerRuleSet::fromJson(fileText(), &set, &m_saveError))
        return; // validate() refused it first; nothing half-written
    if (!set.save(m_file, &m_saveError))
        qWarning("answer rules not saved: %s", qPrintable(m_saveError));
}

void RulesSettingsPage::restoreDefaults()
{
    m_enabled->setChecked(false);
    m_rules->setPlainText(QString::fromUtf8(kExample));
}

QString RulesSettingsPage::validate()
{
    return m_field->validate();
}

} // namespace hookscope
