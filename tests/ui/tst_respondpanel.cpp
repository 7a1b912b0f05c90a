#include "AnswerFieldsModel.h"
#include "EventDetailPane.h"
#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "HoldController.h"
#include "MainWindow.h"
#include "session/CaptureSession.h"
#include "ResponseView.h"
#include "RespondPanel.h"
#include "common/RawHttpClient.h"
#include "common/Samples.h"
#include "hold/HoldDesk.h"
#include "hold/HoldingSink.h"
#include "http/Receiver.h"
#include "schema/SchemaRegistry.h"
#include "TestWindow.h"

#include <QAbstractItemModelTester>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
const QString kKind = QStringLiteral("before-book-appointment");


HeldRequest heldSample(qint64 id = 7)
{
    HeldRequest r;
    r.id = id;
    r.kind = kKind;
    r.target = "/hooks/before-book-appointment";
    r.body = beforeBookSample();
    r.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    r.deadlineAtMs = r.receivedAtMs + 10'000;
    return r;
}
} // namespace

// The Respond panel on its own (presets, arguments, fields table, custom JSON and its
// validation) and inside the main window, answering a real held request over a socket.
class tst_RespondPanel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void fieldsModelPassesTheTesterWhileEdited();
    void everyPresetButtonSendsAValidAnswer_data();
    void everyPresetButtonSendsAValidAnswer();
    void cancelReasonIsEditableAndRemembered();
    void shortcutAnswersWithoutAClick();
    void editedFieldsAndTagsAreReturned();
    void invalidCustomJsonNeedsASecondClick_data();
    void invalidCustomJsonNeedsASecondClick();
    void editingAfterABlockedAnswerStartsOver();
    void customIsPrefilledAndCanBeSavedAsPreset();
    void windowAnswersAHeldRequestWithTheClickedPreset();
    void windowShowsWaitingRowAndDeadlineAnswer();
    void windowWithRespondOptionAnswersAtOnce();

private:
    void makePanel();
    std::unique_ptr<RespondPanel> m_panel;
    SchemaRegistry *m_registry = nullptr;
};

void tst_RespondPanel::initTestCase()
{
    TestWindow::useTestSettings(QStringLiteral("hookscope-tests-respondpanel")); // its hold settings are its own
    m_registry = new SchemaRegistry(this);
}

void tst_RespondPanel::init()
{
    QSettings().clear();
    QDir(PresetCatalog::userDirectory()).removeRecursively();
    makePanel();
}

void tst_RespondPanel::makePanel()
{
    m_panel = std::make_unique<RespondPanel>();
    m_panel->setPresets(PresetCatalog::builtIn());
    m_panel->setValidator(std::make_shared<const AnswerValidator>(m_registry->catalog()));
    m_panel->setRequest(heldSample());
    m_panel->resize(600, 900);
    m_panel->show();
}

void tst_RespondPanel::fieldsModelPassesTheTesterWhileEdited()
{
    AnswerFieldsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRequest(QJsonDocument::fromJson(beforeBookSample()).object());
    QCOMPARE(model.rowCount(), 5); // 3 fields, 2 tags
    const int field = model.addField();
    QVERIFY(model.setData(model.index(field, AnswerFieldsModel::IdColumn), QStringLiteral("new-field")));
    QVERIFY(model.setData(model.index(field, AnswerFieldsModel::ValueColumn), QStringLiteral("v")));
    const int tag = model.addTag();
    QVERIFY(model.setData(model.index(tag, AnswerFieldsModel::IdColumn), QStringLiteral("new-tag")));
    QVERIFY(!model.setData(model.index(tag, AnswerFieldsModel::ValueColumn), QStringLiteral("x"))); // tags have no value
    QVERIFY(model.removeRows(0, 1));
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.fields().toObject().size(), 3);
    QCOMPARE(model.tagIds().toArray().size(), 3);
    model.setRequest(QJsonObject());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.fields().isNull());
    QVERIFY(model.tagIds().isNull());
}

void tst_RespondPanel::everyPresetButtonSendsAValidAnswer_data()
{
    QTest::addColumn<QString>("id");
    for (const ResponsePreset &p : PresetCatalog::builtIn().forKind(kKind))
        QTest::newRow(qPrintable(p.id)) << p.id;
}

void tst_RespondPanel::everyPresetButtonSendsAValidAnswer()
{
    QFETCH(QString, id);
    QSignalSpy answers(m_panel.get(), &RespondPanel::answerRequested);
    QPushButton *button = m_panel->presetButton(id);
    QVERIFY(button);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(answers.count(), 1);
    QCOMPARE(answers.at(0).at(0).toLongLong(), 7);
    const auto response = answers.at(0).at(1).value<HttpResponse>();
    QCOMPARE(response.status, 200);
    QCOMPARE(answers.at(0).at(2).toString(), id);
    const AnswerValidator validator(m_registry->catalog());
    QVERIFY(validator.validate(kKind, response.body).isEmpty());
    QVERIFY(m_panel->sendAnywayButton()->isHidden());
}

void tst_RespondPanel::cancelReasonIsEditableAndRemembered()
{
    QSignalSpy answers(m_panel.get(), &RespondPanel::answerRequested);
    QLineEdit *reason = m_panel->argumentEdit(QStringLiteral("cancel"));
    QVERIFY(reason);
    QCOMPARE(reason->text(), QStringLiteral("Slot no longer available"));
    reason->selectAll();
    QTest::keyClicks(reason, QStringLiteral("Office closed <today>"));
    QTest::mouseClick(m_panel->presetButton(QStringLiteral("cancel")), Qt::LeftButton);
    QCOMPARE(answers.count(), 1);
    const QJsonObject body = QJsonDocument::fromJson(answers.at(0).at(1).value<HttpResponse>().body).object();
    QCOMPARE(body.value(QStringLiteral("cancelled")), QJsonValue(true));
    QCOMPARE(body.value(QStringLiteral("cancellationReason")), QJsonValue(QStringLiteral("Office closed <today>")));

    makePanel(); // a new panel (next session) starts from the reason used last
    QCOMPARE(m_panel->argumentEdit(QStringLiteral("cancel"))->text(), QStringLiteral("Office closed <today>"));
    // Pre-filled from the request, not remembered:
    QCOMPARE(m_panel->argumentEdit(QStringLiteral("set-customer"))->text(),
             QStringLiteral("f2a7c9e1-8b4d-4c3f-a6e2-1d0b9c5e7a48"));
}

void tst_RespondPanel::shortcutAnswersWithoutAClick()
{
    QSignalSpy answers(m_panel.get(), &RespondPanel::answerRequested);
    m_panel->activateWindow();
    if (!QTest::qWaitForWindowActive(m_panel.get()))
        QSKIP("this platform plugin cannot activate a window");
    m_panel->customEditor()->setFocus();
    QTest::keyClick(m_panel->customEditor(), Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(answers.count(), 1);
    QCOMPARE(answers.at(0).at(2).toString(), QStringLiteral("remove-customer"));
    m_panel->setRequest(std::nullopt);
    QTest::keyClick(m_panel->customEditor(), Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(answers.count(), 1); // nothing waits: the shortcut does nothing
}

void tst_RespondPanel::editedFieldsAndTagsAreReturned()
{
    QSignalSpy answers(m_panel.get(), &RespondPanel::answerRequested);
    AnswerFieldsModel *model = m_panel->fieldsModel();
    QCOMPARE(model->rowCount(), 5);
    int textRow = -1;
    int boolRow = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        const QString id = model->index(r, AnswerFieldsModel::IdColumn).data().toString();
        if (id == QLatin1String("5d0e3b7a-2c4f-4e9a-b1d8-6a7c0f2e9b13"))
            textRow = r;
        if (id == QLatin1String("0c9e2a7b-6d1f-4b3e-8a5c-7f2e9d0b1c58"))
            boolRow = r;
    }
    QVERIFY(textRow >= 0 && boolRow >= 0);
    QVERIFY(model->setData(model->index(textRow, AnswerFieldsModel::ValueColumn), QStringLiteral("changed")));
    QVERIFY(model->setData(model->index(boolRow, AnswerFieldsModel::ValueColumn), QStringLiteral("false")));
    QVERIFY(model->removeRows(4, 1)); // drop the second tag
    QTest::mouseClick(m_panel->presetButton(QStringLiteral("fields-and-tags")), Qt::LeftButton);
    QCOMPARE(answers.count(), 1);
    const QJsonObject body = QJsonDocument::fromJson(answers.at(0).at(1).value<HttpResponse>().body).object();
    const QJsonObject fields = body.value(QStringLiteral("fields")).toObject();
    QCOMPARE(fields.size(), 3); // every field, since returned fields replace them all
    QCOMPARE(fields.value(QStringLiteral("5d0e3b7a-2c4f-4e9a-b1d8-6a7c0f2e9b13")), QJsonValue(QStringLiteral("changed")));
    QCOMPARE(fields.value(QStringLiteral("0c9e2a7b-6d1f-4b3e-8a5c-7f2e9d0b1c58")), QJsonValue(false)); // stays a boolean
    QCOMPARE(body.value(QStringLiteral("tagIds")).toArray(), QJsonArray{QStringLiteral("1e4b9c7a-3f2d-4a6e-b8c1-0d9e5f2a7b43")});
}

void tst_RespondPanel::invalidCustomJsonNeedsASecondClick_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("required member missing") << QByteArray(R"({"cancelled": true})") << QStringLiteral("removeCustomer");
    QTest::newRow("wrong type") << QByteArray(R"({"cancelled": "yes", "removeCustomer": false, "useCustomerContactInfo": false})")
                                << QStringLiteral("/cancelled");
    QTest::newRow("contact info with a phone number")
        << QByteArray(R"({"cancelled": false, "removeCustomer": false, "useCustomerContactInfo": true, "contactPhoneNumber": "+3212"})")
        << QStringLiteral("/contactPhoneNumber");
    QTest::newRow("not json") << QByteArray("{\"cancelled\": ") << QStringLiteral("JSON");
}

void tst_RespondPanel::invalidCustomJsonNeedsASecondClick()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, mentions);
    QSignalSpy answers(m_panel.get(), &RespondPanel::answerRequested);
    m_panel->customEditor()->setPlainText(QString::fromUtf8(text));
    QTest::mouseClick(m_panel->sendCustomButton(), Qt::LeftButton);
    QCOMPARE(answers.count(), 0); // blocked
    QVERIFY(m_panel->violationsLabel()->isVisible());
    QCOMPARE(m_panel->violationsLabel()->textFormat(), Qt::PlainText);
    QVERIFY2(m_panel->violationsLabel()->text().contains(mentions), qPrintable(m_panel->violationsLabel()->text()));
    QVERIFY(m_panel->sendAnywayButton()->isVisible());
    QTest::mouseClick(m_panel->sendAnywayButton(), Qt::LeftButton);
    QCOMPARE(answers.count(), 1);
    QCOMPARE(answers.at(0).at(1).value<HttpResponse>().body, text); // exactly what was typed
    QVERIFY(m_panel->sendAnywayButton()->isHidden());
}

void tst_RespondPanel::editingAfterABlockedAnswerStartsOver()
{
    QSignalSpy answers(m_panel.get(), &RespondPanel::answerRequested);
    m_panel->customEditor()->setPlainText(QStringLiteral(R"({"cancelled": 1})"));
    QTest::mouseClick(m_panel->sendCustomButton(), Qt::LeftButton);
    QVERIFY(m_panel->sendAnywayButton()->isVisible());
    m_panel->customEditor()->setPlainText(QStringLiteral(R"({"cancelled": 2})"));
    QVERIFY(m_panel->sendAnywayButton()->isHidden()); // the confirmation was for the other text
    QCOMPARE(answers.count(), 0);
}

void tst_RespondPanel::customIsPrefilledAndCanBeSavedAsPreset()
{
    const QJsonObject prefilled = QJsonDocument::fromJson(m_panel->customEditor()->toPlainText().toUtf8()).object();
    QCOMPARE(prefilled.value(QStringLiteral("cancelled")), QJsonValue(false)); // the accept answer
    QTest::mouseClick(m_panel->presetButton(QStringLiteral("remove-customer")), Qt::LeftButton);
    const QJsonObject built = QJsonDocument::fromJson(m_panel->customEditor()->toPlainText().toUtf8()).object();
    QCOMPARE(built.value(QStringLiteral("removeCustomer")), QJsonValue(true));

    m_panel->customEditor()->setPlainText(
        QStringLiteral(R"({"cancelled": true, "cancellationReason": "mine", "removeCustomer": false, "useCustomerContactInfo": false})"));
    QString error;
    QVERIFY2(m_panel->saveCustomAsPreset(QStringLiteral("My Cancel"), &error), qPrintable(error));
    QPushButton *button = m_panel->presetButton(QStringLiteral("user-my-cancel"));
    QVERIFY(button);
    QSignalSpy answers(m_panel.get(), &RespondPanel::answerRequested);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(answers.count(), 1);
    const QJsonObject body = QJsonDocument::fromJson(answers.at(0).at(1).value<HttpResponse>().body).object();
    QCOMPARE(body.value(QStringLiteral("cancellationReason")), QJsonValue(QStringLiteral("mine")));
    QVERIFY(PresetCatalog::load().find(kKind, QStringLiteral("user-my-cancel")));
}

void tst_RespondPanel::windowAnswersAHeldRequestWithTheClickedPreset()
{
    m_panel.reset();
    TestWindow test;
    test.setSize({1200, 800});
    QString error;
    QVERIFY2(test.show(&error), qPrintable(error));
    MainWindow &window = *test.window();

    RawHttpClient other(window.session()->port());
    RawHttpClient hook(window.session()->port());
    hook.send(post("/hooks/before-book-appointment", beforeBookSample()));
    RespondPanel *panel = window.holdController()->panel();
    QTRY_VERIFY(panel->requestId() > 0);
    QVERIFY(window.holdController()->dock()->isVisible());
    const qint64 id = panel->requestId();
    other.send(post("/elsewhere", "{}"));
    QTRY_COMPARE(other.responses().size(), 1); // others flow while the hook is held
    QVERIFY(hook.received().isEmpty());

    EventTableModel *model = window.listPane()->model();
    QTRY_VERIFY(model->rowOf(id) >= 0);
    const QModelIndex result = model->index(model->rowOf(id), EventTableModel::ResultColumn);
    QVERIFY2(result.data().toString().startsWith(QStringLiteral("waiting ")), qPrintable(result.data().toString()));
    QCOMPARE(result.data(EventTableModel::HoldStateRole).toInt(), int(EventTableModel::HoldState::Waiting));

    QLineEdit *customer = panel->argumentEdit(QStringLiteral("set-customer"));
    customer->selectAll();
    QTest::keyClicks(customer, QStringLiteral("cust-42"));
    const QByteArray expected = panel->buildBody(QStringLiteral("set-customer"));
    QTest::mouseClick(panel->presetButton(QStringLiteral("set-customer")), Qt::LeftButton);
    QTRY_COMPARE(hook.responses().size(), 1);
    QCOMPARE(hook.responses().at(0).body, expected);
    QCOMPARE(QJsonDocument::fromJson(expected).object().value(QStringLiteral("customerRecordId")),
             QJsonValue(QStringLiteral("cust-42")));
    QCOMPARE(panel->requestId(), 0);
    QTRY_COMPARE(result.data(EventTableModel::HoldStateRole).toInt(), int(EventTableModel::HoldState::Answered));
    QVERIFY2(result.data().toString().contains(QStringLiteral("you")), qPrintable(result.data().toString()));

    // The Response tab shows the answer sent and who sent it.
    QTableView *table = window.listPane()->table();
    table->selectionModel()->setCurrentIndex(window.listPane()->proxy()->mapFromSource(model->index(model->rowOf(id), 0)),
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTRY_COMPARE(window.detailPane()->eventId(), id);
    window.detailPane()->tabs()->setCurrentIndex(EventDetailPane::ResponseTab);
    ResponseView *response = window.detailPane()->responseView();
    QVERIFY2(response->note().contains(QStringLiteral("by click")), qPrintable(response->note()));
    QVERIFY(response->findChild<QPlainTextEdit *>()->toPlainText().contains(QStringLiteral("cust-42")));
}

void tst_RespondPanel::windowShowsWaitingRowAndDeadlineAnswer()
{
    m_panel.reset();
    QSettings().setValue(QStringLiteral("hold/before-book-appointment/hold"), true);
    QSettings().setValue(QStringLiteral("hold/before-book-appointment/deadlineMs"), 600);
    TestWindow test;
    QString error;
    QVERIFY2(test.show(&error), qPrintable(error));
    MainWindow &window = *test.window();
    QSignalSpy answered(window.holdDesk(), &HoldDesk::answered);
    RawHttpClient hook(window.session()->port());
    hook.send(post("/hooks/before-book-appointment", beforeBookSample()));
    QTRY_COMPARE(hook.responses().size(), 1);
    QCOMPARE(QJsonDocument::fromJson(hook.responses().at(0).body).object().value(QStringLiteral("cancelled")),
             QJsonValue(false));
    QCOMPARE(answered.count(), 1);
    QCOMPARE(answered.at(0).at(0).value<AnswerRecord>().source, AnswerSource::Deadline);
    const qint64 id = answered.at(0).at(0).value<AnswerRecord>().id;
    EventTableModel *model = window.listPane()->model();
    QTRY_VERIFY(model->rowOf(id) >= 0);
    QTRY_VERIFY(model->index(model->rowOf(id), EventTableModel::ResultColumn).data().toString().contains(QStringLiteral("deadline")));
}

void tst_RespondPanel::windowWithRespondOptionAnswersAtOnce()
{
    m_panel.reset();
    TestWindow test;
    AppOptions options = test.options();
    QString error;
    options.respond.append(*RespondRule::parse(QStringLiteral("before-book-appointment=cancel:No slots"), &error));
    QVERIFY2(test.show(options, &error), qPrintable(error));
    MainWindow &window = *test.window();
    QSignalSpy held(window.holdDesk(), &HoldDesk::held);
    RawHttpClient hook(window.session()->port());
    hook.send(post("/hooks/before-book-appointment", beforeBookSample()));
    QTRY_COMPARE(hook.responses().size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(hook.responses().at(0).body).object();
    QCOMPARE(body.value(QStringLiteral("cancellationReason")), QJsonValue(QStringLiteral("No slots")));
    QCOMPARE(held.count(), 0);
    QCOMPARE(window.holdController()->panel()->requestId(), 0);
}

QTEST_MAIN(tst_RespondPanel)
#include "tst_respondpanel.moc"
