#include "RuleListEditor.h"

#include "RuleForm.h"

#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace hookscope {

RuleListEditor::RuleListEditor(QWidget *parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("&Add rule"), this))
    , m_remove(new QPushButton(tr("Remo&ve"), this))
    , m_up(new QPushButton(tr("Move &up"), this))
    , m_down(new QPushButton(tr("Move d&own"), this))
    , m_state(new QLabel(this))
    , m_form(new RuleForm(this))
{
    setObjectName(QStringLiteral("ruleListEditor"));
    m_list->setObjectName(QStringLiteral("ruleList"));
    m_list->setToolTip(tr("Tried in this order; the first enabled rule that matches answers. Space switches a rule on or off."));
    m_add->setObjectName(QStringLiteral("addRule"));
    m_remove->setObjectName(QStringLiteral("removeRule"));
    m_up->setObjectName(QStringLiteral("moveRuleUp"));
    m_down->setObjectName(QStringLiteral("moveRuleDown"));
    m_state->setObjectName(QStringLiteral("ruleFormState"));
    m_state->setTextFormat(Qt::PlainText);
    m_state->setWordWrap(true);
    m_state->hide();

    auto *buttons = new QVBoxLayout;
    for (QPushButton *button : {m_add, m_remove, m_up, m_down})
        buttons->addWidget(button);
    buttons->addStretch(1);
    auto *left = new QHBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(buttons);
    auto *listSide = new QVBoxLayout;
    listSide->addLayout(left, 1);
    auto *layout = new QHBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(listSide, 2);
    layout->addWidget(m_form, 3);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_state);
    outer->addLayout(layout, 1);
    setTabOrder(m_list, m_add);
    setTabOrder(m_add, m_remove);
    setTabOrder(m_remove, m_up);
    setTabOrder(m_up, m_down);
    setTabOrder(m_down, m_form->nameEdit());

    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        showSelected();
        updateButtons();
    });
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) { onItemChanged(m_list->row(item)); });
    connect(m_form, &RuleForm::edited, this, &RuleListEditor::onFormEdited);
    connect(m_add, &QPushButton::clicked, this, &RuleListEditor::addRule);
    connect(m_remove, &QPushButton::clicked, this, &RuleListEditor::removeRule);
    connect(m_up, &QPushButton::clicked, this, [this] { moveRule(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveRule(+1); });
    updateButtons();
}

QString RuleListEditor::titleOf(const QJsonObject &rule)
{
    const QString name = rule.value(QStringLiteral("name")).toString();
    return name.isEmpty() ? tr("(no name)") : name;
}

void RuleListEditor::setRules(const QJsonArray &rules)
{
    m_available = true;
    m_state->hide();
    m_list->setEnabled(true);
    m_form->setEnabled(true);
    m_rules = rules;
    fillList(m_list->currentRow());
}

void RuleListEditor::setUnavailable(const QString &reason)
{
    m_available = false;
    m_state->setText(tr("The form follows the JSON again once it reads as a list of rules: %1").arg(reason));
    m_state->show();
    m_list->setEnabled(false);
    m_form->setEnabled(false);
    updateButtons();
}

void RuleListEditor::fillList(int select)
{
    {
        const QSignalBlocker block(m_list);
        m_list->clear();
        for (const QJsonValue value : std::as_const(m_rules)) {
            const QJsonObject rule = value.toObject();
            auto *item = new QListWidgetItem(titleOf(rule), m_list);
            item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(rule.value(QStringLiteral("enabled")).toBool(true) ? Qt::Checked : Qt::Unchecked);
        }
        m_list->setCurrentRow(m_rules.isEmpty() ? -1 : std::clamp(select, 0, int(m_rules.size()) - 1));
    }
    showSelected();
    updateButtons();
}

void RuleListEditor::showSelected()
{
    const int row = m_list->currentRow();
    m_form->setRule(row >= 0 && row < m_rules.size() ? m_rules.at(row).toObject() : QJsonObject());
    m_form->setEnabled(m_available && row >= 0);
}

void RuleListEditor::onItemChanged(int row)
{
    if (row < 0 || row >= m_rules.size())
        return;
    QJsonObject rule = m_rules.at(row).toObject();
    if (m_list->item(row)->checkState() == Qt::Checked)
        rule.remove(QStringLiteral("enabled")); // on is the default
    else
        rule.insert(QStringLiteral("enabled"), false);
    m_rules.replace(row, rule);
    if (row == m_list->currentRow())
        m_form->setRule(rule);
    Q_EMIT edited();
}

void RuleListEditor::onFormEdited()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_rules.size())
        return;
    const QJsonObject rule = m_form->rule();
    m_rules.replace(row, rule);
    const QSignalBlocker block(m_list);
    m_list->item(row)->setText(titleOf(rule));
    Q_EMIT edited();
}

void RuleListEditor::addRule()
{
    // A name not taken yet: names must be unique.
    QString name;
    for (int n = int(m_rules.size()) + 1;; ++n) {
        name = tr("rule %1").arg(n);
        const bool taken = std::any_of(m_rules.cbegin(), m_rules.cend(), [&name](const QJsonValue &v) {
            return v.toObject().value(QStringLiteral("name")).toString() == name;
        });
        if (!taken)
            break;
    }
    m_rules.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("status"), 503}});
    fillList(int(m_rules.size()) - 1);
    m_form->nameEdit()->setFocus();
    m_form->nameEdit()->selectAll();
    Q_EMIT edited();
}

void RuleListEditor::removeRule()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_rules.size())
        return;
    m_rules.removeAt(row);
    fillList(row);
    m_list->setFocus();
    Q_EMIT edited();
}

void RuleListEditor::moveRule(int by)
{
    const int row = m_list->currentRow();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= m_rules.size())
        return;
    const QJsonValue moved = m_rules.at(row);
    m_rules.removeAt(row);
    m_rules.insert(to, moved);
    fillList(to);
    Q_EMIT edited();
}

void RuleListEditor::updateButtons()
{
    const int row = m_list->currentRow();
    const bool selected = m_available && row >= 0 && row < m_rules.size();
    m_add->setEnabled(m_available);
    m_remove->setEnabled(selected);
    m_up->setEnabled(selected && row > 0);
    m_down->setEnabled(selected && row + 1 < m_rules.size());
}

} // namespace hookscope
