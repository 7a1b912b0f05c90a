// Settings › Answer rules as a form (issue 26): real widgets, offscreen. What the form writes is
// the JSON the rule engine reads; a rule made in the form answers real requests through a
// CaptureSession; the JSON and the form follow each other; a bad value says why and is kept.
#include "RuleForm.h"
#include "RuleListEditor.h"
#include "RulesSettingsPage.h"
#include "SettingsField.h"
#include "TestWindow.h"
#include "common/RawHttpClient.h"
#include "hold/AnswerRuleSet.h"
#include "session/CaptureSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
QJsonArray jsonOf(const RulesSettingsPage &page)
{
    return QJsonDocument::fromJson(page.rulesEdit()->toPlainText().toUtf8()).array();
}

// Picks a combo box entry as a user does: focus and arrow keys (activated() follows).
void choose(QComboBox *box, int index)
{
    box->setFocus();
    while (box->currentIndex() < index)
        QTest::keyClick(box, Qt::Key_Down);
    while (box->currentIndex() > index)
        QTest::keyClick(box, Qt::Key_Up);
}

void typeInto(QWidget *edit, const QString &text)
{
    edit->setFocus();
    QTest::keyClicks(edit, text);
}
} // namespace

class TestRuleForm final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void aRuleMadeInTheFormAnswersRealRequests();
    void eachActionWritesWhatTheEngineReads_data();
    void eachActionWritesWhatTheEngineReads();
    void jsonTypedShowsInTheForm();
    void brokenJsonSwitchesTheFormOffAndLosesNothing();
    void aBadValueSaysWhyAndIsKept();
    void listAddsMovesSwitchesAndRemoves();
    void membersTheFormDoesNotShowAreKept();
    void everyFieldIsReachedByTab();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RulesSettingsPage> m_page;
};

void TestRuleForm::initTestCase()
{
    TestWindow::useTestSettings(QStringLiteral("hookscope-tests-ruleform"));
}

void TestRuleForm::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_page = std::make_unique<RulesSettingsPage>(m_dir->filePath(QStringLiteral("answer-rules.json")));
    m_page->resize(900, 900);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->rulesEdit()->setPlainText(QStringLiteral("[]"));
    QCOMPARE(m_page->ruleEditor()->list()->count(), 0);
}

void TestRuleForm::aRuleMadeInTheFormAnswersRealRequests()
{
    RuleListEditor *editor = m_page->ruleEditor();
    RuleForm *form = editor->form();
    QTest::mouseClick(editor->addButton(), Qt::LeftButton);
    QCOMPARE(editor->list()->count(), 1);
    form->nameEdit()->selectAll();
    typeInto(form->nameEdit(), QStringLiteral("fail twice"));
    typeInto(form->pathEdit(), QStringLiteral("/retry"));
    form->statusEdit()->clear();
    typeInto(form->statusEdit(), QStringLiteral("500, 500, 200"));
    typeInto(form->headersEdit(), QStringLiteral("Retry-After: 0"));
    typeInto(form->bodyEdit(), QStringLiteral(R"({"seen": "${request:/n}"})"));
    QCOMPARE(form->problemLabel()->text(), QString());
    QCOMPARE(editor->list()->item(0)->text(), QStringLiteral("fail twice"));
    QCOMPARE(m_page->validate(), QString());
    m_page->enabledBox()->setChecked(true);
    // The README's picture of Settings › Answer rules (docs/screenshot-rules.png), a test grab.
    if (const QByteArray dir = qgetenv("HOOKSCOPE_SCREENSHOT_DIR"); !dir.isEmpty()) {
        m_page->resize(900, 860);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QVERIFY(m_page->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/screenshot-rules.png")));
    }
    QSettings settings;
    m_page->save(settings);
    QCOMPARE(m_page->saveError(), QString());

    AnswerRuleSet rules;
    QString error;
    QVERIFY2(AnswerRuleSet::load(m_dir->filePath(QStringLiteral("answer-rules.json")), &rules, &error), qPrintable(error));
    QCOMPARE(rules.rules.size(), 1);
    QCOMPARE(rules.rules.at(0).statuses, QList<int>({500, 500, 200}));

    // The saved file answers a retrying vendor: fail twice, then accept.
    CaptureSession session;
    SessionConfig config;
    config.storePath = m_dir->filePath(QStringLiteral("events.sqlite"));
    config.receiver.port = 0;
    config.enrich = false;
    config.answerRules = rules;
    QVERIFY(session.open(config));
    QVERIFY2(session.start(), qPrintable(session.errorString()));
    QList<int> statuses;
    for (int attempt = 1; attempt <= 3; ++attempt) {
        RawHttpClient client(session.port());
        client.send(post("/retry", R"({"n":)" + QByteArray::number(attempt) + "}", "webhook-id: msg_1\r\n"));
        QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, 10000);
        const RawResponse response = client.responses().at(0);
        statuses.append(response.status);
        if (attempt == 1) {
            QCOMPARE(response.header("Retry-After"), QByteArray("0"));
            QCOMPARE(response.body, QByteArray(R"({"seen":1})"));
        }
    }
    QCOMPARE(statuses, QList<int>({500, 500, 200}));
}

void TestRuleForm::eachActionWritesWhatTheEngineReads_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<int>("on");
    QTest::addColumn<QString>("onName");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected"); // the rule's JSON, compact
    QTest::newRow("drop when a JSON pointer equals a string")
        << 1 << int(RuleForm::On::Pointer) << "/type" << "\"order.refunded\""
        << R"({"action":"drop","match":{"pointer":"/type","value":"order.refunded"},"name":"r"})";
    QTest::newRow("late when a JSON pointer equals a number (JSON equality)")
        << 2 << int(RuleForm::On::Pointer) << "/n" << "10"
        << R"({"action":"late","match":{"pointer":"/n","value":10},"name":"r","timeoutMs":3000})";
    QTest::newRow("hold when a header equals a text")
        << 3 << int(RuleForm::On::Header) << "X-Env" << "staging"
        << R"({"action":"hold","match":{"header":"X-Env","value":"staging"},"name":"r","timeoutMs":3000})";
    QTest::newRow("answer with a delay and jitter, no condition")
        << 0 << int(RuleForm::On::Anything) << "" << "" << R"({"delayMs":2000,"jitterMs":500,"name":"r"})";
}

void TestRuleForm::eachActionWritesWhatTheEngineReads()
{
    QFETCH(int, action);
    QFETCH(int, on);
    QFETCH(QString, onName);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    m_page->rulesEdit()->setPlainText(QStringLiteral(R"([{"name": "r"}])"));
    RuleForm *form = m_page->ruleEditor()->form();
    QCOMPARE(form->nameEdit()->text(), QStringLiteral("r"));
    choose(form->actionBox(), action);
    choose(form->onBox(), on);
    if (!onName.isEmpty()) {
        typeInto(form->onNameEdit(), onName);
        typeInto(form->valueEdit(), value);
    }
    QCOMPARE(form->timeoutBox()->isEnabled(), action == 2 || action == 3);
    QCOMPARE(form->statusEdit()->isEnabled(), action != 1);
    if (form->timeoutBox()->isEnabled())
        form->timeoutBox()->setValue(3000);
    if (action == 0) {
        form->delayBox()->setValue(2000);
        form->jitterBox()->setValue(500);
    }
    const QJsonArray rules = jsonOf(*m_page);
    QCOMPARE(QString::fromUtf8(QJsonDocument(rules.at(0).toObject()).toJson(QJsonDocument::Compact)), expected);
    QCOMPARE(m_page->validate(), QString());
    AnswerRule parsed;
    QString error;
    QVERIFY2(AnswerRule::fromJson(rules.at(0).toObject(), &parsed, &error), qPrintable(error));
    QCOMPARE(int(parsed.action), action);
}

void TestRuleForm::jsonTypedShowsInTheForm()
{
    m_page->rulesEdit()->setPlainText(QStringLiteral(R"([
        {"name": "fail twice", "match": {"kind": "stripe/invoice.paid", "method": "POST"}, "statuses": [500, 500, 200]},
        {"name": "maintenance", "enabled": false, "match": {"header": "X-Env", "value": "staging"}, "status": 503,
         "headers": {"Retry-After": "120"}, "body": {"error": "down"}, "delayMs": 250}
    ])"));
    RuleListEditor *editor = m_page->ruleEditor();
    QCOMPARE(editor->list()->count(), 2);
    QCOMPARE(editor->list()->item(0)->checkState(), Qt::Checked);
    QCOMPARE(editor->list()->item(1)->checkState(), Qt::Unchecked);
    editor->list()->setCurrentRow(0);
    RuleForm *form = editor->form();
    QCOMPARE(form->kindEdit()->text(), QStringLiteral("stripe/invoice.paid"));
    QCOMPARE(form->methodBox()->currentText(), QStringLiteral("POST"));
    QCOMPARE(form->statusEdit()->text(), QStringLiteral("500, 500, 200"));
    editor->list()->setCurrentRow(1);
    QCOMPARE(form->nameEdit()->text(), QStringLiteral("maintenance"));
    QCOMPARE(RuleForm::On(form->onBox()->currentData().toInt()), RuleForm::On::Header);
    QCOMPARE(form->onNameEdit()->text(), QStringLiteral("X-Env"));
    QCOMPARE(form->valueEdit()->text(), QStringLiteral("staging"));
    QCOMPARE(form->statusEdit()->text(), QStringLiteral("503"));
    QCOMPARE(form->headersEdit()->toPlainText(), QStringLiteral("Retry-After: 120"));
    QVERIFY(form->bodyEdit()->toPlainText().contains(QLatin1String("\"error\": \"down\"")));
    QCOMPARE(form->delayBox()->value(), 250);
    // Typing in the JSON again keeps the chosen rule chosen.
    m_page->rulesEdit()->setPlainText(m_page->rulesEdit()->toPlainText().replace(QStringLiteral("250"), QStringLiteral("300")));
    QCOMPARE(editor->list()->currentRow(), 1);
    QCOMPARE(form->delayBox()->value(), 300);
}

void TestRuleForm::brokenJsonSwitchesTheFormOffAndLosesNothing()
{
    m_page->rulesEdit()->setPlainText(QStringLiteral(R"([{"name": "a"}])"));
    RuleListEditor *editor = m_page->ruleEditor();
    QVERIFY(editor->form()->isEnabled());
    const QString broken = QStringLiteral(R"([{"name": "a"}, {"name": )");
    m_page->rulesEdit()->setPlainText(broken);
    QVERIFY(!editor->form()->isEnabled());
    QVERIFY(!editor->addButton()->isEnabled());
    QVERIFY(editor->stateLabel()->isVisibleTo(m_page.get()));
    QVERIFY2(editor->stateLabel()->text().contains(QLatin1String("character")), qPrintable(editor->stateLabel()->text()));
    QCOMPARE(m_page->rulesEdit()->toPlainText(), broken); // the text as typed, not rewritten
    QVERIFY(!m_page->validate().isEmpty());
    m_page->rulesEdit()->setPlainText(QStringLiteral(R"({"name": "a"})"));
    QVERIFY(editor->stateLabel()->text().contains(QLatin1String("list")));
    m_page->rulesEdit()->setPlainText(QStringLiteral(R"([{"name": "a"}, {"name": "b"}])"));
    QVERIFY(editor->form()->isEnabled());
    QVERIFY(!editor->stateLabel()->isVisibleTo(m_page.get()));
    QCOMPARE(editor->list()->count(), 2);
}

void TestRuleForm::aBadValueSaysWhyAndIsKept()
{
    m_page->rulesEdit()->setPlainText(QStringLiteral(R"([{"name": "r", "status": 503}])"));
    RuleForm *form = m_page->ruleEditor()->form();
    form->statusEdit()->selectAll();
    typeInto(form->statusEdit(), QStringLiteral("500, oops"));
    QVERIFY2(form->problemLabel()->text().contains(QLatin1String("'statuses'[1] must be an HTTP status")),
             qPrintable(form->problemLabel()->text()));
    QCOMPARE(jsonOf(*m_page).at(0).toObject().value(QStringLiteral("statuses")).toArray(), QJsonArray({500, QStringLiteral("oops")}));
    QVERIFY2(m_page->validate().contains(QLatin1String("'statuses'[1]")), qPrintable(m_page->validate()));
    QCOMPARE(form->statusEdit()->text(), QStringLiteral("500, oops")); // as typed
    typeInto(form->headersEdit(), QStringLiteral("no colon here"));
    QVERIFY2(!form->problemLabel()->text().isEmpty(), "a header line without a name is refused");
    // Mended: the problem goes.
    form->statusEdit()->selectAll();
    typeInto(form->statusEdit(), QStringLiteral("500"));
    form->headersEdit()->clear();
    QCOMPARE(form->problemLabel()->text(), QString());
    QCOMPARE(m_page->validate(), QString());
}

void TestRuleForm::listAddsMovesSwitchesAndRemoves()
{
    RuleListEditor *editor = m_page->ruleEditor();
    QTest::mouseClick(editor->addButton(), Qt::LeftButton);
    QTest::mouseClick(editor->addButton(), Qt::LeftButton);
    const auto names = [this] {
        QStringList out;
        for (const QJsonValue v : jsonOf(*m_page))
            out.append(v.toObject().value(QStringLiteral("name")).toString());
        return out;
    };
    QCOMPARE(names(), QStringList({QStringLiteral("rule 1"), QStringLiteral("rule 2")}));
    QCOMPARE(m_page->validate(), QString()); // names are unique, rules load
    QCOMPARE(editor->list()->currentRow(), 1);
    QVERIFY(!editor->downButton()->isEnabled());
    QTest::mouseClick(editor->upButton(), Qt::LeftButton);
    QCOMPARE(names(), QStringList({QStringLiteral("rule 2"), QStringLiteral("rule 1")}));
    QCOMPARE(editor->list()->currentRow(), 0);
    QTest::mouseClick(editor->downButton(), Qt::LeftButton);
    QCOMPARE(names(), QStringList({QStringLiteral("rule 1"), QStringLiteral("rule 2")}));
    // The box switches a rule off (Space on the list, as from the keyboard).
    editor->list()->setFocus();
    editor->list()->setCurrentRow(0);
    QTest::keyClick(editor->list(), Qt::Key_Space);
    QCOMPARE(editor->list()->item(0)->checkState(), Qt::Unchecked);
    QCOMPARE(jsonOf(*m_page).at(0).toObject().value(QStringLiteral("enabled")), QJsonValue(false));
    AnswerRuleSet set;
    QString error;
    QVERIFY(AnswerRuleSet::fromJson(R"({"rules": )" + m_page->rulesEdit()->toPlainText().toUtf8() + "}", &set, &error));
    QVERIFY(!set.rules.at(0).enabled);
    QVERIFY(set.rules.at(1).enabled);
    QTest::mouseClick(editor->removeButton(), Qt::LeftButton);
    QCOMPARE(names(), QStringList({QStringLiteral("rule 2")}));
}

void TestRuleForm::membersTheFormDoesNotShowAreKept()
{
    m_page->rulesEdit()->setPlainText(QStringLiteral(
        R"([{"$comment": "why", "name": "r", "deliveryHeader": "X-Id", "delayMs": "soon", "match": {"path": "/a"}}])"));
    RuleForm *form = m_page->ruleEditor()->form();
    QVERIFY(form->problemLabel()->text().contains(QLatin1String("'delayMs'")));
    typeInto(form->kindEdit(), QStringLiteral("jicoo"));
    const QJsonObject rule = jsonOf(*m_page).at(0).toObject();
    QCOMPARE(rule.value(QStringLiteral("$comment")).toString(), QStringLiteral("why"));
    QCOMPARE(rule.value(QStringLiteral("deliveryHeader")).toString(), QStringLiteral("X-Id"));
    QCOMPARE(rule.value(QStringLiteral("delayMs")).toString(), QStringLiteral("soon")); // not turned into 0
    QCOMPARE(rule.value(QStringLiteral("match")).toObject(),
             QJsonObject({{QStringLiteral("path"), QStringLiteral("/a")}, {QStringLiteral("kind"), QStringLiteral("jicoo")}}));
}

void TestRuleForm::everyFieldIsReachedByTab()
{
    m_page->rulesEdit()->setPlainText(QStringLiteral(R"([{"name": "r", "action": "late"}])"));
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    RuleListEditor *editor = m_page->ruleEditor();
    RuleForm *form = editor->form();
    QList<QWidget *> wanted = {editor->list(),       editor->addButton(),  editor->removeButton(), form->nameEdit(),
                               form->kindEdit(),     form->pathEdit(),     form->methodBox(),      form->onBox(),
                               form->actionBox(),    form->statusEdit(),   form->headersEdit(),    form->bodyEdit(),
                               form->delayBox(),     form->jitterBox(),    form->timeoutBox()};
    editor->list()->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(editor->list()));
    for (int i = 0; i < 60 && !wanted.isEmpty(); ++i) {
        QWidget *focus = QApplication::focusWidget();
        for (QWidget *w : QList<QWidget *>(wanted)) {
            if (focus == w || (focus && w->isAncestorOf(focus)))
                wanted.removeAll(w);
        }
        QTest::keyClick(focus, Qt::Key_Tab);
    }
    QStringList missed;
    for (QWidget *w : std::as_const(wanted))
        missed.append(w->objectName());
    QVERIFY2(wanted.isEmpty(), qPrintable(missed.join(u' ')));
    // A mnemonic jumps to its field.
    QTest::keyClick(m_page.get(), Qt::Key_J, Qt::AltModifier);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(form->jitterBox()));
}

QTEST_MAIN(TestRuleForm)
#include "tst_ruleform.moc"
