#include "EventDetailPane.h"
#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "FilterEdit.h"
#include "HoldController.h"
#include "HoldQueueView.h"
#include "MainToolBar.h"
#include "RespondPanel.h"
#include "ResponseView.h"
#include "TestWindow.h"
#include "session/CaptureSession.h"
#include "common/RawHttpClient.h"
#include "hold/HoldDesk.h"
#include "http/Receiver.h"

#include <QLocale>
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace hookscope;
using namespace hookscope::test;

namespace {

QByteArray sample(const char *name)
{
    QFile file(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/") + QLatin1String(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const QByteArray kHookTarget = "/hooks/before-book-appointment";

// `inner` lies wholly inside `outer`, both in global coordinates.
bool whollyInside(const QWidget *inner, const QWidget *outer)
{
    const QRect a(inner->mapToGlobal(QPoint(0, 0)), inner->size());
    const QRect b(outer->mapToGlobal(QPoint(0, 0)), outer->size());
    return b.contains(a);
}

QString describe(const QWidget *w)
{
    return QStringLiteral("%1 at %2,%3 %4x%5")
        .arg(w->objectName())
        .arg(w->mapToGlobal(QPoint(0, 0)).x())
        .arg(w->mapToGlobal(QPoint(0, 0)).y())
        .arg(w->width())
        .arg(w->height());
}

} // namespace

// Issue 24, points 1–4 and 9: the Respond dock fits the window, the panel, the table and the
// details show the same hook, the status bar and the Result column say which answer went out
// and who decided it, and the filter bar and tab titles stay put. Real window, real sockets.
class tst_RespondFlow final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void dockFitsTheWindow_data();
    void dockFitsTheWindow();
    void panelFitsIn360Pixels();
    void tableGetsItsSpaceBackWhenNothingWaits();
    void heldHookIsSelectedWhenNothingElseIsRead();
    void heldHookLeavesWhatTheUserReadsAndOffersALink();
    void queueCountsWaitingHooksWithTheirCountdowns();
    void answerIsToldInStatusBarAndResult_data();
    void answerIsToldInStatusBarAndResult();
    void clientGoneIsToldInStatusBarAndResult();
    void responseTabPrettyPrintsTheAnswer();
    void filterBarStaysPutAsCountsChange();
    void tabTitlesKeepTheirWidth();

private:
    [[nodiscard]] qint64 holdOne(RawHttpClient &client, int expectedWaiting = 1);

    std::unique_ptr<TestWindow> m_t;
    MainWindow *m_window = nullptr;
    std::vector<std::unique_ptr<RawHttpClient>> m_clients;
};

void tst_RespondFlow::initTestCase()
{
    TestWindow::useTestSettings(QStringLiteral("hookscope-tests-respondflow")); // its hold settings are its own
    QVERIFY2(!sample("before-book-appointment.json").isEmpty(), "the Before Book sample is missing");
}

void tst_RespondFlow::init()
{
    QSettings().clear();
    QSettings().setValue(QStringLiteral("hold/before-book-appointment/hold"), true);
    QSettings().setValue(QStringLiteral("hold/before-book-appointment/deadlineMs"), 60'000);
    QString error;
    m_t = TestWindow::open(&error);
    QVERIFY2(m_t, qPrintable(error));
    m_window = m_t->window();
}

void tst_RespondFlow::cleanup()
{
    m_clients.clear();
    m_t.reset();
}

qint64 tst_RespondFlow::holdOne(RawHttpClient &client, int expectedWaiting)
{
    client.send(post(kHookTarget, sample("before-book-appointment.json")));
    QDeadlineTimer deadline(10'000);
    while (m_window->holdDesk()->count() < expectedWaiting && !deadline.hasExpired())
        QTest::qWait(10);
    const QList<HeldRequest> waiting = m_window->holdDesk()->heldRequests();
    if (waiting.size() != expectedWaiting)
        return 0;
    // The desk holds it on the capture thread; the window hears of it a moment later.
    const qint64 id = waiting.last().id;
    while (!m_window->listPane()->model()->isWaiting(id) && !deadline.hasExpired())
        QTest::qWait(10);
    return m_window->listPane()->model()->isWaiting(id) ? id : 0;
}

void tst_RespondFlow::dockFitsTheWindow_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1024x700: presets and Send inside the dock, filter box usable") << QSize(1024, 700);
    QTest::newRow("1280x820 (the default size)") << QSize(1280, 820);
}

void tst_RespondFlow::dockFitsTheWindow()
{
    QFETCH(QSize, size);
    m_window->resize(size);
    for (int i = 0; i < 2; ++i) {
        m_clients.push_back(std::make_unique<RawHttpClient>(m_window->session()->port()));
        QVERIFY(holdOne(*m_clients.back(), i + 1) > 0);
    }
    HoldController *hold = m_window->holdController();
    QDockWidget *dock = hold->dock();
    QTRY_VERIFY(dock->isVisible());
    QTest::qWait(50); // the dock's share of the width is applied in a later layout pass
    QApplication::processEvents();

    // The window keeps the size asked for: nothing in it demands more width.
    QCOMPARE(m_window->size(), size);
    RespondPanel *panel = hold->panel();
    QScrollArea *scroll = panel->scrollArea();
    QVERIFY(!scroll->horizontalScrollBar()->isVisible());
    QVERIFY2(scroll->widget()->width() <= scroll->viewport()->width(),
             qPrintable(QStringLiteral("%1 > %2").arg(scroll->widget()->width()).arg(scroll->viewport()->width())));
    const QStringList presets{QStringLiteral("accept"), QStringLiteral("cancel"), QStringLiteral("remove-customer"),
                              QStringLiteral("set-customer"), QStringLiteral("prevent-self-check-in")};
    for (const QString &id : presets) {
        QPushButton *button = panel->presetButton(id);
        QVERIFY2(button, qPrintable(id));
        QVERIFY2(whollyInside(button, scroll->viewport()), qPrintable(describe(button) + QStringLiteral(" outside ")
                                                                       + describe(scroll->viewport())));
        QVERIFY2(button->width() >= button->sizeHint().width(), qPrintable(id + QStringLiteral(": text clipped")));
    }
    // Every preset, scrolled to if need be, fits the dock's width.
    const QList<QPushButton *> all = scroll->widget()->findChildren<QPushButton *>();
    for (QPushButton *button : all) {
        if (!button->objectName().startsWith(QLatin1String("preset-")))
            continue;
        scroll->ensureWidgetVisible(button);
        QVERIFY2(whollyInside(button, scroll->viewport()), qPrintable(describe(button)));
    }
    QVERIFY2(whollyInside(panel->sendCustomButton(), dock), qPrintable(describe(panel->sendCustomButton())));
    QVERIFY(panel->sendCustomButton()->isVisible());
    QLineEdit *argument = panel->argumentEdit(QStringLiteral("set-customer"));
    QVERIFY2(whollyInside(argument, dock), qPrintable(describe(argument)));
    QVERIFY(argument->width() >= 120);
    QVERIFY2(whollyInside(panel->titleLabel(), dock), qPrintable(describe(panel->titleLabel())));

    // The filter box is usable and the Respond toggle is on the bar, not behind "»".
    QLineEdit *filter = m_window->listPane()->filterEdit();
    QVERIFY2(filter->width() >= 180, qPrintable(QString::number(filter->width())));
    auto *toolBar = m_window->findChild<QToolBar *>(QStringLiteral("mainToolBar"));
    QVERIFY(toolBar);
    QWidget *toggle = toolBar->widgetForAction(dock->toggleViewAction());
    QVERIFY(toggle);
    QVERIFY(toggle->isVisible());
    QVERIFY2(whollyInside(toggle, toolBar), qPrintable(describe(toggle)));
}

void tst_RespondFlow::panelFitsIn360Pixels()
{
    m_window->resize(1280, 820);
    RawHttpClient hook(m_window->session()->port());
    QVERIFY(holdOne(hook) > 0);
    HoldController *hold = m_window->holdController();
    QDockWidget *dock = hold->dock();
    QTRY_VERIFY(dock->isVisible());
    RespondPanel *panel = hold->panel();
    QVERIFY2(panel->minimumSizeHint().width() <= 360, qPrintable(QString::number(panel->minimumSizeHint().width())));
    m_window->resizeDocks({dock}, {360}, Qt::Horizontal);
    QTRY_VERIFY2(dock->width() <= 362, qPrintable(QString::number(dock->width())));
    QApplication::processEvents();
    QScrollArea *scroll = panel->scrollArea();
    QVERIFY(!scroll->horizontalScrollBar()->isVisible());
    QVERIFY(scroll->widget()->width() <= scroll->viewport()->width());
    for (QPushButton *button : scroll->widget()->findChildren<QPushButton *>()) {
        if (!button->objectName().startsWith(QLatin1String("preset-")))
            continue;
        scroll->ensureWidgetVisible(button);
        QVERIFY2(whollyInside(button, scroll->viewport()), qPrintable(describe(button)));
        QVERIFY2(button->width() >= button->sizeHint().width(), qPrintable(button->text()));
    }
    for (QPushButton *button : {panel->sendCustomButton(), panel->showRequestButton()}) {
        if (button->isVisible())
            QVERIFY2(whollyInside(button, dock), qPrintable(describe(button)));
    }
    QVERIFY(panel->sendCustomButton()->isVisible());
}

void tst_RespondFlow::tableGetsItsSpaceBackWhenNothingWaits()
{
    m_window->resize(1280, 820);
    QTableView *table = m_window->listPane()->table();
    const int before = table->width();
    RawHttpClient hook(m_window->session()->port());
    const qint64 id = holdOne(hook);
    QVERIFY(id > 0);
    QDockWidget *dock = m_window->holdController()->dock();
    QTRY_VERIFY(dock->isVisible());
    QTRY_VERIFY(table->width() < before);
    QTest::mouseClick(m_window->holdController()->panel()->presetButton(QStringLiteral("accept")), Qt::LeftButton);
    QTRY_COMPARE(hook.responses().size(), 1);
    QTRY_VERIFY(!dock->isVisible());
    QTRY_COMPARE(table->width(), before);
}

void tst_RespondFlow::heldHookIsSelectedWhenNothingElseIsRead()
{
    RawHttpClient hook(m_window->session()->port());
    const qint64 id = holdOne(hook);
    QVERIFY(id > 0);
    QTRY_COMPARE(m_window->listPane()->currentId(), id);
    QTRY_COMPARE(m_window->detailPane()->eventId(), id);
    QTableView *table = m_window->listPane()->table();
    const QRect row = table->visualRect(table->currentIndex());
    QVERIFY(table->viewport()->rect().intersects(row));
    QVERIFY(table->selectionModel()->isRowSelected(table->currentIndex().row(), {}));
    RespondPanel *panel = m_window->holdController()->panel();
    QCOMPARE(panel->requestId(), id);
    QVERIFY(panel->showRequestButton()->isHidden()); // the details already show it
}

void tst_RespondFlow::heldHookLeavesWhatTheUserReadsAndOffersALink()
{
    RawHttpClient other(m_window->session()->port());
    other.send(post("/elsewhere", R"({"reading":"this"})"));
    QTRY_COMPARE(other.responses().size(), 1);
    EventListPane *list = m_window->listPane();
    QTRY_COMPARE(list->model()->rowCount(), 1);
    list->table()->selectionModel()->setCurrentIndex(list->proxy()->index(0, 0),
                                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const qint64 reading = list->currentId();
    QTRY_COMPARE(m_window->detailPane()->eventId(), reading);

    RawHttpClient hook(m_window->session()->port());
    const qint64 id = holdOne(hook);
    QVERIFY(id > 0);
    QTRY_COMPARE(list->model()->rowCount(), 2);
    QApplication::processEvents();
    QCOMPARE(m_window->detailPane()->eventId(), reading); // not pulled away
    RespondPanel *panel = m_window->holdController()->panel();
    QCOMPARE(panel->requestId(), id);
    QPushButton *link = panel->showRequestButton();
    QVERIFY(link->isVisible());
    QCOMPARE(link->text(), QStringLiteral("Show request #%1").arg(id));
    QTest::mouseClick(link, Qt::LeftButton);
    QTRY_COMPARE(m_window->detailPane()->eventId(), id);
    QCOMPARE(list->currentId(), id);
    QTRY_VERIFY(link->isHidden());
}

void tst_RespondFlow::queueCountsWaitingHooksWithTheirCountdowns()
{
    RawHttpClient first(m_window->session()->port());
    RawHttpClient second(m_window->session()->port());
    const qint64 a = holdOne(first, 1);
    const qint64 b = holdOne(second, 2);
    QVERIFY(a > 0 && b > a);
    RespondPanel *panel = m_window->holdController()->panel();
    HoldQueueView *queue = panel->queueView();
    QTRY_VERIFY2(queue->summary().startsWith(QStringLiteral("2 waiting")), qPrintable(queue->summary()));
    QListWidget *entries = queue->list();
    QVERIFY(entries->isVisible());
    QCOMPARE(entries->count(), 2);
    QVERIFY2(entries->item(0)->text().contains(QStringLiteral("#%1").arg(a)), qPrintable(entries->item(0)->text()));
    QVERIFY2(entries->item(1)->text().contains(QStringLiteral("#%1").arg(b)), qPrintable(entries->item(1)->text()));
    QVERIFY(entries->item(1)->text().contains(QStringLiteral("s left")));
    QCOMPARE(panel->requestId(), a); // the first one is selected and answered first

    // Choosing the second in the queue makes it the one answered, and the one shown.
    QTest::mouseClick(entries->viewport(), Qt::LeftButton, {}, entries->visualItemRect(entries->item(1)).center());
    QTRY_COMPARE(panel->requestId(), b);
    QTRY_COMPARE(m_window->detailPane()->eventId(), b);
    QTest::mouseClick(panel->presetButton(QStringLiteral("accept")), Qt::LeftButton);
    QTRY_COMPARE(second.responses().size(), 1);
    QVERIFY(first.responses().isEmpty());
    // One left: the panel and the details move to it; the list goes, the count stays.
    QTRY_COMPARE(panel->requestId(), a);
    QTRY_COMPARE(m_window->detailPane()->eventId(), a);
    QCOMPARE(queue->summary(), QStringLiteral("1 waiting"));
    QVERIFY(entries->isHidden());
}

void tst_RespondFlow::answerIsToldInStatusBarAndResult_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("result");
    // `result` is a pattern: the seconds vary ("200 · Cancel, by you, 0.4 s").
    QTest::newRow("click on Cancel") << "click" << "answered: Cancel, by you, after "
                                     << R"(^200 · Cancel, by you, \d+\.\d s$)";
    QTest::newRow("shortcut Ctrl+1") << "shortcut" << "answered: Accept unchanged, by you, after "
                                     << R"(^200 · Accept unchanged, by you \(shortcut\), \d+\.\d s$)";
    QTest::newRow("Send anyway marks the answer invalid")
        << "anyway" << "answered: custom, by you, after "
        << R"(^200 · custom, by you \(Send anyway\), \d+\.\d s · answer invalid$)";
    QTest::newRow("the local app's answer")
        << "localapp" << "answered: app's answer, by the local app, after "
        << R"(^200 · app's answer, by the local app, \d+\.\d s$)";
    QTest::newRow("deadline") << "deadline" << "answered: Accept unchanged, by the deadline, after "
                              << R"(^200 · Accept unchanged, at the deadline, \d+\.\d s$)";
}

void tst_RespondFlow::answerIsToldInStatusBarAndResult()
{
    QFETCH(QString, how);
    QFETCH(QString, status);
    QFETCH(QString, result);
    if (how == QLatin1String("deadline")) {
        m_t.reset();
        QSettings().setValue(QStringLiteral("hold/before-book-appointment/deadlineMs"), 700);
        QString error;
        m_t = TestWindow::open(&error);
        QVERIFY2(m_t, qPrintable(error));
        m_window = m_t->window();
    }
    RawHttpClient hook(m_window->session()->port());
    const qint64 id = holdOne(hook);
    QVERIFY(id > 0);
    QStatusBar *bar = m_window->statusBar();
    QVERIFY2(bar->currentMessage().contains(QStringLiteral("waiting for your answer")), qPrintable(bar->currentMessage()));
    RespondPanel *panel = m_window->holdController()->panel();
    if (how == QLatin1String("click")) {
        QTest::mouseClick(panel->presetButton(QStringLiteral("cancel")), Qt::LeftButton);
    } else if (how == QLatin1String("shortcut")) {
        m_window->activateWindow();
        QTest::keyClick(m_window->listPane()->table(), Qt::Key_1, Qt::ControlModifier);
    } else if (how == QLatin1String("anyway")) {
        panel->customEditor()->setPlainText(QStringLiteral(R"({"cancelled": "not a boolean"})"));
        QTest::mouseClick(panel->sendCustomButton(), Qt::LeftButton);
        QVERIFY(panel->sendAnywayButton()->isVisible());
        QVERIFY(hook.received().isEmpty());
        QTest::mouseClick(panel->sendAnywayButton(), Qt::LeftButton);
    } else if (how == QLatin1String("localapp")) {
        // What ForwardedAnswers does with the app's answer (tst_relaywindow drives the real one).
        HttpResponse app;
        app.status = 200;
        app.headers = {{"Content-Type", "application/json"}};
        app.body = sample("before-book-appointment.response.json");
        QVERIFY(m_window->holdDesk()->answer(id, app, AnswerSource::LocalApp));
    }
    QTRY_COMPARE(hook.responses().size(), 1);
    QTRY_VERIFY2(bar->currentMessage().startsWith(QStringLiteral("Hook #%1 %2").arg(id).arg(status)),
                 qPrintable(bar->currentMessage()));
    QVERIFY(!bar->currentMessage().contains(QStringLiteral("waiting")));
    EventTableModel *model = m_window->listPane()->model();
    QTRY_VERIFY(model->rowOf(id) >= 0);
    const QRegularExpression pattern(result);
    QVERIFY(pattern.isValid());
    QTRY_VERIFY2(pattern.match(model->index(model->rowOf(id), EventTableModel::ResultColumn).data().toString()).hasMatch(),
                 qPrintable(model->index(model->rowOf(id), EventTableModel::ResultColumn).data().toString()));
    const QModelIndex cell = model->index(model->rowOf(id), EventTableModel::ResultColumn);
    const QString beforeRestart = cell.data().toString();
    QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Request: ")));

    // A restart reads the same words from the store (issue 24.9): nothing was kept in memory only.
    QTRY_VERIFY(m_window->holdDesk()->count() == 0);
    m_t->close();
    QString error;
    QVERIFY2(m_t->show(&error), qPrintable(error));
    m_window = m_t->window();
    EventTableModel *reopened = m_window->listPane()->model();
    QTRY_VERIFY(reopened->rowOf(id) >= 0);
    QCOMPARE(reopened->index(reopened->rowOf(id), EventTableModel::ResultColumn).data().toString(), beforeRestart);
    QCOMPARE(reopened->index(reopened->rowOf(id), EventTableModel::ResultColumn).data(EventTableModel::HoldStateRole).toInt(),
             int(EventTableModel::HoldState::Answered));
}

void tst_RespondFlow::clientGoneIsToldInStatusBarAndResult()
{
    auto hook = std::make_unique<RawHttpClient>(m_window->session()->port());
    const qint64 id = holdOne(*hook);
    QVERIFY(id > 0);
    hook.reset(); // the sender hangs up while the hook waits
    QStatusBar *bar = m_window->statusBar();
    QTRY_VERIFY2(bar->currentMessage().startsWith(QStringLiteral("Hook #%1: the client disconnected after").arg(id)),
                 qPrintable(bar->currentMessage()));
    EventTableModel *model = m_window->listPane()->model();
    QTRY_COMPARE(model->index(model->rowOf(id), EventTableModel::ResultColumn).data().toString(),
                 QStringLiteral("no answer · client gone"));
    m_t->close(); // and after a restart (issue 24.9)
    QString error;
    QVERIFY2(m_t->show(&error), qPrintable(error));
    m_window = m_t->window();
    model = m_window->listPane()->model();
    QTRY_VERIFY(model->rowOf(id) >= 0);
    QCOMPARE(model->index(model->rowOf(id), EventTableModel::ResultColumn).data().toString(),
             QStringLiteral("no answer · client gone"));
}

void tst_RespondFlow::responseTabPrettyPrintsTheAnswer()
{
    RawHttpClient hook(m_window->session()->port());
    const qint64 id = holdOne(hook);
    QVERIFY(id > 0);
    QTRY_COMPARE(m_window->detailPane()->eventId(), id);
    QTest::mouseClick(m_window->holdController()->panel()->presetButton(QStringLiteral("cancel")), Qt::LeftButton);
    QTRY_COMPARE(hook.responses().size(), 1);
    QVERIFY(!hook.responses().at(0).body.contains('\n')); // sent compact…
    m_window->detailPane()->tabs()->setCurrentIndex(EventDetailPane::ResponseTab);
    auto *body = m_window->detailPane()->responseView()->findChild<QPlainTextEdit *>(QStringLiteral("responseBody"));
    QVERIFY(body);
    // …shown indented, one member a line, in the order sent.
    QTRY_VERIFY2(body->toPlainText().contains(QStringLiteral("\n  \"cancelled\": true")), qPrintable(body->toPlainText()));
    const QJsonObject shown = QJsonDocument::fromJson(body->toPlainText().toUtf8()).object();
    QCOMPARE(shown, QJsonDocument::fromJson(hook.responses().at(0).body).object());
    QVERIFY(m_window->detailPane()->responseView()->note().contains(QStringLiteral("by click")));
}

void tst_RespondFlow::filterBarStaysPutAsCountsChange()
{
    EventListPane *list = m_window->listPane();
    QComboBox *validity = list->validityCombo();
    QWidget *check = list->missingTranslationsCheck();
    const QPoint validityAt = validity->mapTo(list, QPoint(0, 0));
    const QPoint checkAt = check->mapTo(list, QPoint(0, 0));
    const int kindWidth = list->kindCombo()->width();
    const int kindsBefore = list->kindCombo()->count();

    // New kinds arrive (the kind list grows) and a filter shows "N of M events".
    RawHttpClient client(m_window->session()->port());
    client.send(post("/hooks/jicoo", R"({"kind": "jicoo", "id": "1"})"));
    client.send(post("/hooks/long", R"({"kind": "a-kind-with-a-rather-long-name-indeed", "id": "2"})"));
    client.send(post("/elsewhere", R"({"a":1})"));
    QTRY_COMPARE(client.responses().size(), 3);
    QTRY_VERIFY(list->kindCombo()->count() > kindsBefore);
    list->setFilterText(QStringLiteral("elsewhere"));
    auto *filter = static_cast<FilterEdit *>(list->filterEdit());
    QTRY_VERIFY2(filter->countText().contains(QStringLiteral(" of ")), qPrintable(filter->countText()));
    QVERIFY(filter->countLabel()->isVisible());
    QVERIFY(filter->rect().contains(filter->countLabel()->geometry())); // inside the box

    QCOMPARE(list->kindCombo()->width(), kindWidth);
    QCOMPARE(validity->mapTo(list, QPoint(0, 0)), validityAt);
    QCOMPARE(check->mapTo(list, QPoint(0, 0)), checkAt);
    list->setFilterText(QString());
    QTRY_VERIFY(filter->countText().isEmpty());
    QCOMPARE(validity->mapTo(list, QPoint(0, 0)), validityAt);
}

void tst_RespondFlow::tabTitlesKeepTheirWidth()
{
    EventDetailPane pane;
    pane.resize(900, 500);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    Event event;
    event.id = 1;
    event.method = "POST";
    event.target = "/x";
    event.body = R"({"a":1})";
    pane.setEvent(event);
    QTabBar *bar = pane.tabs()->tabBar();
    const QRect diffBefore = bar->tabRect(EventDetailPane::DiffTab);
    const QRect headersBefore = bar->tabRect(EventDetailPane::HeadersTab);
    EventInfo info;
    info.id = 1;
    info.validity = EventInfo::Validity::Invalid;
    info.violationCount = 12;
    info.missingTranslations = 55;
    pane.setInfo(info);
    QCOMPARE(pane.tabs()->tabText(EventDetailPane::ViolationsTab), QStringLiteral("Violations (12)"));
    QCOMPARE(pane.tabs()->tabText(EventDetailPane::TranslationsTab), QStringLiteral("Translations (55 missing)"));
    QCOMPARE(bar->tabRect(EventDetailPane::DiffTab), diffBefore);
    QCOMPARE(bar->tabRect(EventDetailPane::HeadersTab), headersBefore);
    // Issue 24.11: counts of 100 and more read "99+" (the exact one in the tooltip); nothing moves.
    for (const int n : {100, 1'500, 250'000}) {
        info.violationCount = n;
        info.missingTranslations = n;
        pane.setInfo(info);
        QCOMPARE(pane.tabs()->tabText(EventDetailPane::ViolationsTab), QStringLiteral("Violations (99+)"));
        QCOMPARE(pane.tabs()->tabText(EventDetailPane::TranslationsTab), QStringLiteral("Translations (99+ missing)"));
        QVERIFY(pane.tabs()->tabToolTip(EventDetailPane::ViolationsTab).startsWith(QLocale().toString(n)));
        QCOMPARE(bar->tabRect(EventDetailPane::DiffTab), diffBefore);
        QCOMPARE(bar->tabRect(EventDetailPane::HeadersTab), headersBefore);
    }
}

QTEST_MAIN(tst_RespondFlow)

#include "tst_respondflow.moc"
