#include "RuleForm.h"

#include "hold/AnswerRule.h"

#include <QComboBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QSpinBox>

namespace hookscope {

namespace {
const QString kMatch = QStringLiteral("match");

QSpinBox *millisecondsBox(QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(0, AnswerRule::kMaxDelayMs);
    box->setSingleStep(100);
    box->setSuffix(QStringLiteral(" ms"));
    box->setAccelerated(true);
    return box;
}

QPlainTextEdit *shortTextEdit(int lines, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setTabChangesFocus(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * lines + 12);
    return edit;
}
} // namespace

RuleForm::RuleForm(QWidget *parent)
    : QWidget(parent)
    , m_name(new QLineEdit(this))
    , m_kind(new QLineEdit(this))
    , m_path(new QLineEdit(this))
    , m_method(new QComboBox(this))
    , m_on(new QComboBox(this))
    , m_onName(new QLineEdit(this))
    , m_value(new QLineEdit(this))
    , m_action(new QComboBox(this))
    , m_status(new QLineEdit(this))
    , m_headers(shortTextEdit(2, this))
    , m_body(shortTextEdit(3, this))
    , m_delay(millisecondsBox(this))
    , m_jitter(millisecondsBox(this))
    , m_timeout(millisecondsBox(this))
    , m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("ruleForm"));
    m_name->setObjectName(QStringLiteral("ruleName"));
    m_kind->setObjectName(QStringLiteral("ruleKind"));
    m_kind->setPlaceholderText(tr("any kind (e.g. before-book-appointment)"));
    m_path->setObjectName(QStringLiteral("rulePath"));
    m_path->setPlaceholderText(tr("any path (a glob: /webhooks/*)"));
    m_method->setObjectName(QStringLiteral("ruleMethod"));
    m_method->setEditable(true);
    m_method->addItems({QString(), QStringLiteral("POST"), QStringLiteral("PUT"), QStringLiteral("PATCH"),
                        QStringLiteral("DELETE"), QStringLiteral("GET")});
    m_method->lineEdit()->setPlaceholderText(tr("any method"));
    m_on->setObjectName(QStringLiteral("ruleOn"));
    m_on->addItem(tr("no condition on headers or body"), int(On::Anything));
    m_on->addItem(tr("a header's first value equals"), int(On::Header));
    m_on->addItem(tr("the JSON body's value at a pointer equals"), int(On::Pointer));
    m_onName->setObjectName(QStringLiteral("ruleOnName"));
    m_value->setObjectName(QStringLiteral("ruleValue"));
    m_value->setPlaceholderText(tr("text; for a pointer JSON when it reads as JSON: 10, true, \"10\""));
    m_action->setObjectName(QStringLiteral("ruleAction"));
    m_action->addItem(tr("answer"), QStringLiteral("answer"));
    m_action->addItem(tr("drop the connection (a reset, no answer)"), QStringLiteral("drop"));
    m_action->addItem(tr("answer after the vendor's timeout"), QStringLiteral("late"));
    m_action->addItem(tr("hold for a hand-written answer"), QStringLiteral("hold"));
    m_status->setObjectName(QStringLiteral("ruleStatus"));
    m_status->setPlaceholderText(tr("200; or a sequence per delivery: 500, 500, 200"));
    m_headers->setObjectName(QStringLiteral("ruleHeaders"));
    m_headers->setPlaceholderText(tr("Name: value, one a line"));
    m_body->setObjectName(QStringLiteral("ruleBody"));
    m_body->setPlaceholderText(tr("text, or JSON with \"${request:/pointer}\""));
    m_delay->setObjectName(QStringLiteral("ruleDelay"));
    m_jitter->setObjectName(QStringLiteral("ruleJitter"));
    m_jitter->setPrefix(QStringLiteral("± "));
    m_timeout->setObjectName(QStringLiteral("ruleTimeout"));
    m_problem->setObjectName(QStringLiteral("ruleProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    const auto row = [form, this](const QString &label, QWidget *editor) {
        auto *l = new QLabel(label, this);
        l->setBuddy(editor);
        form->addRow(l, editor);
    };
    row(tr("&Name:"), m_name);
    row(tr("&Kind:"), m_kind);
    row(tr("&Path:"), m_path);
    row(tr("Met&hod:"), m_method);
    row(tr("&When:"), m_on);
    row(tr("Header or pointer:"), m_onName);
    row(tr("E&quals:"), m_value);
    row(tr("A&ction:"), m_action);
    row(tr("S&tatus:"), m_status);
    row(tr("Head&ers:"), m_headers);
    row(tr("&Body:"), m_body);
    row(tr("De&lay:"), m_delay);
    row(tr("&Jitter:"), m_jitter);
    row(tr("T&imeout:"), m_timeout);
    form->addRow(m_problem);
    m_timeout->setToolTip(tr("For \"after the vendor's timeout\": the vendor's timeout (the answer goes out a second "
                             "later). For \"hold\": when the rule's answer goes out."));

    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_rule.insert(QStringLiteral("name"), text);
        changed();
    });
    connect(m_kind, &QLineEdit::textEdited, this, [this](const QString &text) { setMatchMember(QStringLiteral("kind"), text); });
    connect(m_path, &QLineEdit::textEdited, this, [this](const QString &text) { setMatchMember(QStringLiteral("path"), text); });
    connect(m_method, &QComboBox::currentTextChanged, this, [this](const QString &text) {
        if (!signalsBlocked())
            setMatchMember(QStringLiteral("method"), text.trimmed());
    });
    connect(m_on, &QComboBox::activated, this, [this] {
        updateEnabledFields();
        writeCondition();
    });
    connect(m_onName, &QLineEdit::textEdited, this, &RuleForm::writeCondition);
    connect(m_value, &QLineEdit::textEdited, this, &RuleForm::writeCondition);
    connect(m_action, &QComboBox::activated, this, [this] {
        const QString action = m_action->currentData().toString();
        if (action == QLatin1String("answer"))
            m_rule.remove(QStringLiteral("action"));
        else
            m_rule.insert(QStringLiteral("action"), action);
        updateEnabledFields();
        changed();
    });
    connect(m_status, &QLineEdit::textEdited, this, &RuleForm::writeStatus);
    connect(m_headers, &QPlainTextEdit::textChanged, this, [this] {
        if (!signalsBlocked())
            writeHeaders();
    });
    connect(m_body, &QPlainTextEdit::textChanged, this, [this] {
        if (!signalsBlocked())
            writeBody();
    });
    connect(m_delay, &QSpinBox::valueChanged, this, [this](int v) { writeNumber(QStringLiteral("delayMs"), v, 0); });
    connect(m_jitter, &QSpinBox::valueChanged, this, [this](int v) { writeNumber(QStringLiteral("jitterMs"), v, 0); });
    connect(m_timeout, &QSpinBox::valueChanged, this, [this](int v) { writeNumber(QStringLiteral("timeoutMs"), v, -1); });
    setRule({});
}

void RuleForm::setRule(const QJsonObject &rule)
{
    m_rule = rule;
    const QSignalBlocker block(this); // the editors' signals reach the lambdas, which check this
    const QSignalBlocker b1(m_method), b2(m_headers), b3(m_body), b4(m_delay), b5(m_jitter), b6(m_timeout);
    const QJsonObject match = rule.value(kMatch).toObject();
    m_name->setText(rule.value(QStringLiteral("name")).toString());
    m_kind->setText(match.value(QStringLiteral("kind")).toString());
    m_path->setText(match.value(QStringLiteral("path")).toString());
    m_method->setCurrentText(match.value(QStringLiteral("method")).toString());
    const bool header = match.contains(QStringLiteral("header"));
    const bool pointer = match.contains(QStringLiteral("pointer"));
    m_on->setCurrentIndex(m_on->findData(int(header ? On::Header : pointer ? On::Pointer : On::Anything)));
    m_onName->setText(match.value(header ? QStringLiteral("header") : QStringLiteral("pointer")).toString());
    m_value->setText(header ? match.value(QStringLiteral("value")).toString() : textOfValue(match.value(QStringLiteral("value"))));
    const int action = m_action->findData(rule.value(QStringLiteral("action")).toString(QStringLiteral("answer")));
    m_action->setCurrentIndex(std::max(action, 0));
    QStringList statuses;
    if (rule.contains(QStringLiteral("statuses"))) {
        for (const QJsonValue v : rule.value(QStringLiteral("statuses")).toArray())
            statuses.append(textOfValue(v));
    } else if (rule.contains(QStringLiteral("status"))) {
        statuses.append(textOfValue(rule.value(QStringLiteral("status"))));
    }
    m_status->setText(statuses.join(QStringLiteral(", ")));
    QStringList headers;
    const QJsonObject h = rule.value(QStringLiteral("headers")).toObject();
    for (auto it = h.begin(); it != h.end(); ++it)
        headers.append(it.key() + QStringLiteral(": ") + it.value().toString());
    m_headers->setPlainText(headers.join(u'\n'));
    const QJsonValue body = rule.value(QStringLiteral("body"));
    m_body->setPlainText(body.isString() ? body.toString()
                         : body.isObject() || body.isArray()
                             ? QString::fromUtf8(QJsonDocument::fromVariant(body.toVariant()).toJson(QJsonDocument::Indented)).trimmed()
                             : QString());
    m_delay->setValue(rule.value(QStringLiteral("delayMs")).toInt(0));
    m_jitter->setValue(rule.value(QStringLiteral("jitterMs")).toInt(0));
    m_timeout->setValue(rule.value(QStringLiteral("timeoutMs")).toInt(10'000));
    updateEnabledFields();
    m_problem->setText(problem());
}

QString RuleForm::problem() const
{
    AnswerRule parsed;
    QString error;
    return AnswerRule::fromJson(m_rule, &parsed, &error) ? QString() : error;
}

QJsonValue RuleForm::statusesFromText(const QString &text)
{
    QJsonArray list;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int status = part.trimmed().toInt(&ok);
        list.append(ok ? QJsonValue(status) : QJsonValue(part.trimmed()));
    }
    if (list.isEmpty())
        return QJsonValue::Undefined;
    return list.size() == 1 ? list.at(0) : QJsonValue(list);
}

QJsonValue RuleForm::valueFromText(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text.toUtf8() + "]");
    return doc.isArray() && doc.array().size() == 1 ? doc.array().at(0) : QJsonValue(text);
}

QString RuleForm::textOfValue(const QJsonValue &value)
{
    if (value.isUndefined())
        return {};
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2)); // the one value inside [ ]
}

void RuleForm::setMatchMember(const QString &member, const QJsonValue &value)
{
    QJsonObject match = m_rule.value(kMatch).toObject();
    if (value.isUndefined() || (value.isString() && value.toString().isEmpty()))
        match.remove(member);
    else
        match.insert(member, value);
    if (match.isEmpty())
        m_rule.remove(kMatch);
    else
        m_rule.insert(kMatch, match);
    changed();
}

void RuleForm::writeCondition()
{
    QJsonObject match = m_rule.value(kMatch).toObject();
    match.remove(QStringLiteral("header"));
    match.remove(QStringLiteral("pointer"));
    match.remove(QStringLiteral("value"));
    const auto on = On(m_on->currentData().toInt());
    if (on != On::Anything) {
        match.insert(on == On::Header ? QStringLiteral("header") : QStringLiteral("pointer"), m_onName->text());
        match.insert(QStringLiteral("value"), on == On::Header ? QJsonValue(m_value->text()) : valueFromText(m_value->text()));
    }
    if (match.isEmpty())
        m_rule.remove(kMatch);
    else
        m_rule.insert(kMatch, match);
    changed();
}

void RuleForm::writeStatus()
{
    m_rule.remove(QStringLiteral("status"));
    m_rule.remove(QStringLiteral("statuses"));
    const QJsonValue statuses = statusesFromText(m_status->text());
    if (statuses.isArray())
        m_rule.insert(QStringLiteral("statuses"), statuses);
    else if (!statuses.isUndefined())
        m_rule.insert(QStringLiteral("status"), statuses);
    changed();
}

void RuleForm::writeHeaders()
{
    QJsonObject headers;
    for (const QString &line : m_headers->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype colon = line.indexOf(u':');
        // A line without a colon becomes a name the parser refuses, with its reason: kept, not dropped.
        headers.insert((colon < 0 ? line : line.left(colon)).trimmed(), colon < 0 ? QString() : line.mid(colon + 1).trimmed());
    }
    if (headers.isEmpty())
        m_rule.remove(QStringLiteral("headers"));
    else
        m_rule.insert(QStringLiteral("headers"), headers);
    changed();
}

void RuleForm::writeBody()
{
    const QString text = m_body->toPlainText();
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (text.trimmed().isEmpty())
        m_rule.remove(QStringLiteral("body"));
    else if (doc.isObject())
        m_rule.insert(QStringLiteral("body"), doc.object());
    else if (doc.isArray())
        m_rule.insert(QStringLiteral("body"), doc.array());
    else
        m_rule.insert(QStringLiteral("body"), text); // sent as text/plain
    changed();
}

void RuleForm::writeNumber(const QString &member, int value, int unset)
{
    if (value == unset)
        m_rule.remove(member);
    else
        m_rule.insert(member, value);
    changed();
}

void RuleForm::changed()
{
    if (signalsBlocked())
        return;
    m_problem->setText(problem());
    Q_EMIT edited();
}

void RuleForm::updateEnabledFields()
{
    const auto on = On(m_on->currentData().toInt());
    m_onName->setEnabled(on != On::Anything);
    m_value->setEnabled(on != On::Anything);
    m_onName->setPlaceholderText(on == On::Pointer ? tr("a JSON Pointer: /type") : tr("a header name: X-Env"));
    const QString action = m_action->currentData().toString();
    const bool answers = action != QLatin1String("drop");
    m_status->setEnabled(answers);
    m_headers->setEnabled(answers);
    m_body->setEnabled(answers);
    m_timeout->setEnabled(action == QLatin1String("late") || action == QLatin1String("hold"));
}

} // namespace hookscope
