#include "EventListPane.h"
#include "EventTableModel.h"
#include "MainToolBar.h"
#include "RulesSettingsPage.h"
#include "SettingsField.h"
#include "TestWindow.h"
#include "common/RawHttpClient.h"
#include "hold/RuleSink.h"
#include "session/CaptureSession.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
const QByteArray kRules = R"({"enabled": true, "rules": [
    {"name": "fail twice", "match": {"path": "/retry"}, "statuses": [503, 503, 200]},
    {"name": "crash", "match": {"path": "/crash"}, "action": "drop"}
]})";
} // namespace

// Answer rules in the window (issue 26): the Result column names the rule that answered, the
// toolbar's "Simulate failures" is the rules' switch, and the Settings page edits the rule file.
class TestAnswerRulesWindow final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void resultColumnNamesTheRule();
    void toolbarToggleSwitchesTheRules();
    void settingsPageRefusesABadRuleAndSavesAGoodOne();

private:
    [[nodiscard]] QString resultOf(qint64 id) const;
    std::unique_ptr<TestWindow> m_test;
    MainWindow *m_window = nullptr;
};

void TestAnswerRulesWindow::initTestCase()
{
    TestWindow::useTestSettings(QStringLiteral("hookscope-tests-rules"));
}

void TestAnswerRulesWindow::init()
{
    m_test = std::make_unique<TestWindow>();
    QVERIFY(m_test->hasFolder());
    AppOptions options = m_test->options();
    options.ruleFile = m_test->filePath(QStringLiteral("rules.json"));
    QString error;
    QVERIFY2(AnswerRuleSet::fromJson(kRules, &options.answerRules, &error), qPrintable(error));
    QVERIFY2(m_test->show(options, &error), qPrintable(error));
    m_window = m_test->window();
}

void TestAnswerRulesWindow::cleanup()
{
    m_test.reset();
    m_window = nullptr;
}

QString TestAnswerRulesWindow::resultOf(qint64 id) const
{
    EventTableModel *model = m_window->listPane()->model();
    const int row = model->rowOf(id);
    return row < 0 ? QString() : model->index(row, EventTableModel::ResultColumn).data().toString();
}

void TestAnswerRulesWindow::resultColumnNamesTheRule()
{
    EventTableModel *model = m_window->listPane()->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<qint64> ids;
    connect(m_window->session(), &CaptureSession::eventsStored, this, [&](const QList<Event> &batch) {
        for (const Event &event : batch)
            ids.append(event.id);
    });
    const quint16 port = m_window->session()->port();
    QList<int> statuses;
    for (int attempt = 0; attempt < 3; ++attempt) {
        RawHttpClient client(port);
        client.send(post("/retry", "{}", "webhook-id: msg_1\r\n"));
        QTRY_COMPARE(client.responses().size(), 1);
        statuses.append(client.responses().at(0).status);
    }
    QCOMPARE(statuses, QList<int>({503, 503, 200}));
    RawHttpClient dropped(port);
    dropped.send(post("/crash", "{}"));
    QTRY_VERIFY(dropped.wasClosed());
    RawHttpClient plain(port);
    plain.send(post("/plain", "{}"));
    QTRY_COMPARE(plain.responses().size(), 1);
    QTRY_COMPARE(ids.size(), 5);
    QTRY_COMPARE(resultOf(ids.at(0)), QStringLiteral("503 · rule \"fail twice\""));
    QTRY_COMPARE(resultOf(ids.at(2)), QStringLiteral("200 · rule \"fail twice\""));
    QTRY_COMPARE(resultOf(ids.at(3)), QStringLiteral("dropped · rule \"crash\""));
    QTRY_VERIFY(!resultOf(ids.at(4)).isEmpty());
    QVERIFY2(!resultOf(ids.at(4)).contains(QLatin1String("rule")), qPrintable(resultOf(ids.at(4))));
}

void TestAnswerRulesWindow::toolbarToggleSwitchesTheRules()
{
    QAction *simulate = m_window->toolBar()->simulateAction();
    QVERIFY(simulate->isCheckable());
    QVERIFY(simulate->isChecked()); // --rule switches them on
    QVERIFY(m_window->session()->ruleSink()->isEnabled());
    simulate->trigger();
    QVERIFY(!simulate->isChecked());
    QVERIFY(!m_window->session()->ruleSink()->isEnabled());
    RawHttpClient off(m_window->session()->port());
    off.send(post("/crash", "{}"));
    QTRY_COMPARE(off.responses().size(), 1);
    QCOMPARE(off.responses().at(0).status, 200); // no rule: the default answer
    // Turned on elsewhere (another thread, Settings): the button follows.
    m_window->session()->ruleSink()->setEnabled(true);
    QTRY_VERIFY(simulate->isChecked());
    RawHttpClient on(m_window->session()->port());
    on.send(post("/retry", "{}", "webhook-id: msg_9\r\n"));
    QTRY_COMPARE(on.responses().size(), 1);
    QCOMPARE(on.responses().at(0).status, 503);
}

void TestAnswerRulesWindow::settingsPageRefusesABadRuleAndSavesAGoodOne()
{
    const QString file = m_test->filePath(QStringLiteral("config/answer-rules.json"));
    RulesSettingsPage page(file);
    QSettings settings;
    page.load(settings); // no file yet: the example, switched off
    QVERIFY(!page.enabledBox()->isChecked());
    QCOMPARE(page.validate(), QString());
    page.rulesEdit()->setPlainText(QStringLiteral(R"([{"name": "slow", "delayMs": -5}])"));
    const QString refused = page.validate();
    QVERIFY2(refused.contains(QLatin1String("rule 1 \"slow\": 'delayMs' must be a whole number")), qPrintable(refused));
    QVERIFY(page.rulesField()->errorLabel()->isVisibleTo(&page));
    page.rulesEdit()->setPlainText(QStringLiteral(R"([{"name": "slow", "delayMs": 500, "status": 202}])"));
    page.enabledBox()->setChecked(true);
    QCOMPARE(page.validate(), QString());
    page.save(settings);
    QCOMPARE(page.saveError(), QString());
    AnswerRuleSet saved;
    QString error;
    QVERIFY2(AnswerRuleSet::load(file, &saved, &error), qPrintable(error));
    QVERIFY(saved.enabled);
    QCOMPARE(saved.rules.size(), 1);
    QCOMPARE(saved.rules.at(0).delayMs, 500);
    RulesSettingsPage again(file); // reads back what was saved
    again.load(settings);
    QVERIFY(again.enabledBox()->isChecked());
    QVERIFY(again.rulesEdit()->toPlainText().contains(QLatin1String("\"slow\"")));
    // Not JSON at all: refused with the parser's words, never saved over the good file.
    again.rulesEdit()->setPlainText(QStringLiteral("[{"));
    QVERIFY(again.validate().contains(QLatin1String("not JSON")));
    again.save(settings);
    QVERIFY(AnswerRuleSet::load(file, &saved, &error));
    QCOMPARE(saved.rules.at(0).delayMs, 500);
}

QTEST_MAIN(TestAnswerRulesWindow)
#include "tst_answerruleswindow.moc"
