// Issue 27 point 2 in the window: saved views in a side panel and View ▸ Saved Views, applied to
// the filter box, the columns and the sort; kept in the views file across restarts; each with a
// count badge that follows events arriving through the receiver's socket.
#include "EventColumns.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "MainMenuBar.h"
#include "SavedViewDelegate.h"
#include "SavedViewsController.h"
#include "SavedViewsDock.h"
#include "SavedViewsModel.h"
#include "TestWindow.h"
#include "ViewCounter.h"
#include "Banner.h"
#include "common/RawHttpClient.h"
#include "session/CaptureSession.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QHeaderView>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
SavedView view(const QString &name, const QString &query = {})
{
    SavedView v;
    v.name = name;
    v.query = query;
    return v;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class tst_SavedViews final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { TestWindow::useTestSettings(QStringLiteral("hookscope-tests-views27")); }
    void init();
    void cleanup();
    void modelPassesTheTesterThroughEveryEdit();
    void firstStartShowsThePacksExamples();
    void applyingAViewSetsFilterColumnsAndSort();
    void viewsPersistAcrossARestart();
    void badgeFollowsEventsThroughTheSocket();
    void viewReadingTheKindIsCountedOnceItIsKnown();
    void badQueryIsShownAndKept();
    void damagedFileIsShownAndKeptAside();
    void menuNumbersTheViewsWithShortcuts();
    void panelKeysRenameMoveAndDelete();

private:
    bool openWindow();
    [[nodiscard]] SavedViewsController *views() const { return m_test->window()->savedViews(); }
    std::unique_ptr<TestWindow> m_test;
};

void tst_SavedViews::init()
{
    QSettings().clear(); // columns and window state of an earlier run
    QFile::remove(SavedViewSet::userFile()); // test-mode config: each test starts with no file
    QFile::remove(SavedViewSet::userFile() + QStringLiteral(".broken"));
}

void tst_SavedViews::cleanup()
{
    m_test.reset();
    QFile::remove(SavedViewSet::userFile());
    QFile::remove(SavedViewSet::userFile() + QStringLiteral(".broken"));
}

bool tst_SavedViews::openWindow()
{
    QString error;
    if (!m_test)
        m_test = std::make_unique<TestWindow>();
    if (!m_test->show(&error)) {
        qWarning() << error;
        return false;
    }
    return true;
}

void tst_SavedViews::modelPassesTheTesterThroughEveryEdit()
{
    SavedViewsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy edited(&model, &SavedViewsModel::edited);
    model.setViews({view(QStringLiteral("a"), QStringLiteral("status >= 500")), view(QStringLiteral("b"))});
    QCOMPARE(edited.size(), 0); // loading is no edit
    QCOMPARE(model.put(view(QStringLiteral("c"), QStringLiteral("method = PUT"))), 2);
    QCOMPARE(model.put(view(QStringLiteral("A"), QStringLiteral("status >= 400"))), 0); // same name: replaced
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0).data(SavedViewsModel::QueryRole).toString(), QStringLiteral("status >= 400"));
    QVERIFY(model.moveRows({}, 0, 1, {}, 3)); // first to last
    QCOMPARE(model.index(2).data().toString(), QStringLiteral("A"));
    QVERIFY(model.moveRows({}, 2, 1, {}, 0)); // and back
    QVERIFY(!model.moveRows({}, 0, 1, {}, 1)); // onto itself
    QVERIFY(model.setData(model.index(1), QStringLiteral("renamed")));
    QVERIFY(!model.setData(model.index(1), QStringLiteral("c"))); // a name another view has
    QVERIFY(!model.setData(model.index(1), QStringLiteral("  "))); // no name
    model.setCount(1, 42);
    QCOMPARE(model.index(1).data(SavedViewsModel::CountRole).toLongLong(), 42);
    QCOMPARE(SavedViewDelegate::badgeText(model.index(1)), QLocale().toString(42));
    QCOMPARE(SavedViewDelegate::badgeText(model.index(0)), QStringLiteral("…")); // not counted yet
    model.setError(2, QStringLiteral("column 1: x"));
    QCOMPARE(SavedViewDelegate::badgeText(model.index(2)), QStringLiteral("!"));
    QVERIFY(model.removeRows(0, 1));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0).data().toString(), QStringLiteral("renamed"));
    QCOMPARE(model.index(0).data(SavedViewsModel::CountRole).toLongLong(), 42); // counts move with their view
    QCOMPARE(edited.size(), 6);
}

void tst_SavedViews::firstStartShowsThePacksExamples()
{
    QVERIFY(openWindow());
    SavedViewsModel *model = views()->model();
    QVERIFY(model->rowOf(QStringLiteral("Before Book answered slowly")) >= 0);
    QVERIFY(model->rowOf(QStringLiteral("Cancelled callback requests")) >= 0);
    QVERIFY(views()->problem().isEmpty());
    QVERIFY(!QFile::exists(SavedViewSet::userFile())); // nothing written until the user changes the list
    for (int row = 0; row < model->rowCount(); ++row) // every example parses
        QVERIFY2(model->index(row).data(SavedViewsModel::ErrorRole).toString().isEmpty(),
                 qPrintable(model->views().at(row).name));
    QVERIFY(!views()->dock()->isVisible()); // hidden until asked for
    views()->dock()->toggleViewAction()->trigger();
    QTRY_VERIFY(views()->dock()->isVisible());
}

void tst_SavedViews::applyingAViewSetsFilterColumnsAndSort()
{
    QVERIFY(openWindow());
    EventListPane *list = m_test->window()->listPane();
    SavedView slow = view(QStringLiteral("Slow"), QStringLiteral("latency > 8s"));
    slow.columns = {QStringLiteral("id"), QStringLiteral("time"), QStringLiteral("kind"), QStringLiteral("no-such-column")};
    slow.sortColumn = QStringLiteral("kind");
    slow.sortDescending = false;
    const int row = views()->model()->put(slow);
    QSignalSpy applied(views(), &SavedViewsController::applied);
    list->setFilterText(QStringLiteral("jane")); // replaced by the view's
    QVERIFY(views()->apply(row));
    QCOMPARE(applied.size(), 1);
    QCOMPARE(list->filterEdit()->text(), QStringLiteral("latency > 8s"));
    const QHeaderView *header = list->table()->horizontalHeader();
    for (int column = 0; column < EventTableModel::ColumnCount; ++column) {
        const bool wanted = column == EventTableModel::IdColumn || column == EventTableModel::TimeColumn
            || column == EventTableModel::KindColumn;
        QVERIFY2(header->isSectionHidden(column) != wanted, qPrintable(EventColumns::keyOf(column)));
    }
    QCOMPARE(header->sortIndicatorSection(), int(EventTableModel::KindColumn));
    QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
    // What is saved is what the list shows now.
    const SavedView state = views()->currentState();
    QCOMPARE(state.query, slow.query);
    QCOMPARE(state.columns, (QStringList{QStringLiteral("id"), QStringLiteral("time"), QStringLiteral("kind")}));
    QCOMPARE(state.sortColumn, QStringLiteral("kind"));
    QVERIFY(!views()->apply(views()->model()->rowCount()));
}

void tst_SavedViews::viewsPersistAcrossARestart()
{
    QVERIFY(openWindow());
    EventListPane *list = m_test->window()->listPane();
    list->setFilterText(QStringLiteral("status >= 500"));
    list->table()->sortByColumn(EventTableModel::TimeColumn, Qt::DescendingOrder);
    list->columns()->setColumnShown(EventTableModel::SenderColumn, false);
    QString error;
    QVERIFY(!views()->saveCurrent(QStringLiteral("  "), &error));
    QCOMPARE(error, QStringLiteral("A view needs a name."));
    QVERIFY2(views()->saveCurrent(QStringLiteral("Server errors"), &error), qPrintable(error));
    list->setFilterText(QStringLiteral("status = "));
    QVERIFY(!views()->saveCurrent(QStringLiteral("Broken"), &error)); // a filter with a mistake is not saved
    QVERIFY2(error.startsWith(QStringLiteral("The filter has an error at column")), qPrintable(error));
    const int before = views()->model()->rowCount();
    QVERIFY(QFile::exists(SavedViewSet::userFile()));

    m_test->close();
    QVERIFY(openWindow());
    SavedViewsModel *model = views()->model();
    QCOMPARE(model->rowCount(), before);
    const int row = model->rowOf(QStringLiteral("Server errors"));
    QVERIFY(row >= 0);
    const SavedView saved = model->views().at(row);
    QCOMPARE(saved.query, QStringLiteral("status >= 500"));
    QCOMPARE(saved.sortColumn, QStringLiteral("time"));
    QVERIFY(saved.sortDescending);
    QVERIFY(!saved.columns.contains(QStringLiteral("sender")));
    QVERIFY(saved.columns.contains(QStringLiteral("target")));
    list = m_test->window()->listPane();
    list->columns()->setColumnShown(EventTableModel::SenderColumn, true);
    QVERIFY(views()->apply(row));
    QCOMPARE(list->filterEdit()->text(), QStringLiteral("status >= 500"));
    QVERIFY(list->table()->horizontalHeader()->isSectionHidden(EventTableModel::SenderColumn));
}

void tst_SavedViews::badgeFollowsEventsThroughTheSocket()
{
    // No view reads later results (kind, validity, …): only the in-memory live path moves the badge.
    writeFile(SavedViewSet::userFile(), R"({"views": []})");
    QVERIFY(openWindow());
    const quint16 port = m_test->window()->session()->port();
    {
        RawHttpClient client(port); // one event in the store before the view exists
        client.send(post("/views/put", "{}"));
        QTRY_COMPARE(client.responses().size(), 1);
    }
    QTRY_COMPARE(m_test->window()->listPane()->eventCount(), 1);
    QString error;
    m_test->window()->listPane()->setFilterText(QStringLiteral("path = \"/views/put\""));
    QVERIFY2(views()->saveCurrent(QStringLiteral("Puts"), &error), qPrintable(error));
    const QModelIndex badge = views()->model()->index(views()->model()->rowOf(QStringLiteral("Puts")));
    QTRY_COMPARE(badge.data(SavedViewsModel::CountRole).toLongLong(), 1); // counted in the store
    QTRY_VERIFY(!views()->counter()->isCounting());
    for (const QByteArray target : {"/views/put", "/views/other", "/views/put?x=1"}) {
        RawHttpClient client(port);
        client.send(post(target, "{}"));
        QTRY_COMPARE(client.responses().size(), 1);
    }
    QTRY_COMPARE(badge.data(SavedViewsModel::CountRole).toLongLong(), 3); // the live batches, in memory
    QCOMPARE(SavedViewDelegate::badgeText(badge), QStringLiteral("3"));
    QVERIFY(!views()->counter()->isCounting()); // no store count was needed for them
    // A view reading later results (the kind) is counted in the store again once they come in.
    m_test->window()->listPane()->setFilterText(QStringLiteral("path = \"/views/put\" and not kind exists"));
    QVERIFY2(views()->saveCurrent(QStringLiteral("Puts of no kind"), &error), qPrintable(error));
    const QModelIndex unknown = views()->model()->index(views()->model()->rowOf(QStringLiteral("Puts of no kind")));
    QTRY_COMPARE(unknown.data(SavedViewsModel::CountRole).toLongLong(), 3);
    {
        RawHttpClient client(port);
        client.send(post("/views/put", "{}"));
        QTRY_COMPARE(client.responses().size(), 1);
    }
    QTRY_COMPARE(unknown.data(SavedViewsModel::CountRole).toLongLong(), 4);
    QTRY_COMPARE(badge.data(SavedViewsModel::CountRole).toLongLong(), 4);
    // Clearing the store counts again from the store.
    QVERIFY(m_test->window()->clearEvents(false));
    QTRY_COMPARE(badge.data(SavedViewsModel::CountRole).toLongLong(), 0);
}

void tst_SavedViews::viewReadingTheKindIsCountedOnceItIsKnown()
{
    // The kind comes from enrichment after the event is stored: the in-memory test of the live
    // batch cannot see it, the store count after the result does.
    writeFile(SavedViewSet::userFile(), R"({"views": [{"name": "Jicoo", "query": "kind = jicoo"},
                                                      {"name": "Jicoo by vendor", "query": "vendor = jicoo"},
                                                      {"name": "Unsigned", "query": "vendor = jicoo and signature != valid"}]})");
    m_test = std::make_unique<TestWindow>(TestWindow::Inspection::Real);
    QVERIFY(openWindow());
    SavedViewsModel *model = views()->model();
    QTRY_COMPARE(model->index(0).data(SavedViewsModel::CountRole).toLongLong(), 0);
    auto *sample = m_test->window()->findChild<QPushButton *>(QStringLiteral("sample:jicoo"));
    QVERIFY(sample);
    sample->click();
    QTRY_COMPARE(model->index(0).data(SavedViewsModel::CountRole).toLongLong(), 1);
    QTRY_COMPARE(model->index(1).data(SavedViewsModel::CountRole).toLongLong(), 1);
    QTRY_COMPARE(model->index(2).data(SavedViewsModel::CountRole).toLongLong(), 1); // no secret: not valid
}

void tst_SavedViews::badQueryIsShownAndKept()
{
    writeFile(SavedViewSet::userFile(), R"({"views": [{"name": "typo", "query": "status >= (500"}, {"name": "all"}]})");
    QVERIFY(openWindow());
    SavedViewsModel *model = views()->model();
    QCOMPARE(model->rowCount(), 2);
    QTRY_VERIFY(!model->index(0).data(SavedViewsModel::ErrorRole).toString().isEmpty());
    QCOMPARE(SavedViewDelegate::badgeText(model->index(0)), QStringLiteral("!"));
    QVERIFY(model->index(0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("status >= (500")));
    QVERIFY(views()->problem().isEmpty()); // the file is fine; one view's query is not
    // Applying it shows the mistake under the filter box, where it can be fixed.
    QVERIFY(views()->apply(0));
    QCOMPARE(m_test->window()->listPane()->filterEdit()->text(), QStringLiteral("status >= (500"));
    // Another edit saves the list: the bad query is written back as it was.
    QVERIFY(model->setData(model->index(1), QStringLiteral("everything")));
    QVERIFY(readFile(SavedViewSet::userFile()).contains("status >= (500"));
}

void tst_SavedViews::damagedFileIsShownAndKeptAside()
{
    const QByteArray damaged = R"({"views": [{"name": "kept"}, {"name": 7}, )"; // cut off by hand
    writeFile(SavedViewSet::userFile(), damaged);
    QVERIFY(openWindow());
    QVERIFY2(views()->problem().contains(QStringLiteral("not JSON")), qPrintable(views()->problem()));
    QTRY_VERIFY(views()->dock()->banner()->isVisible());
    QCOMPARE(views()->dock()->banner()->textFormat(), Qt::PlainText);
    QCOMPARE(readFile(SavedViewSet::userFile()), damaged); // reading changed nothing
    QString error;
    QVERIFY2(views()->saveCurrent(QStringLiteral("new"), &error), qPrintable(error));
    QCOMPARE(readFile(SavedViewSet::userFile() + QStringLiteral(".broken")), damaged);
    QVERIFY2(views()->problem().contains(QStringLiteral(".broken")), qPrintable(views()->problem()));
    QCOMPARE(SavedViewSet::load(SavedViewSet::userFile()).views.size(), 1);
}

void tst_SavedViews::menuNumbersTheViewsWithShortcuts()
{
    writeFile(SavedViewSet::userFile(), R"({"views": [{"name": "Errors & co", "query": "status >= 500"},
                                                      {"name": "Puts", "query": "method = PUT"}]})");
    QVERIFY(openWindow());
    QMenu *menu = views()->menu();
    QList<QAction *> numbered;
    for (QAction *action : menu->actions()) {
        if (action->objectName().startsWith(QLatin1String("savedView:")))
            numbered.append(action);
    }
    QCOMPARE(numbered.size(), 2);
    QCOMPARE(numbered.at(0)->text(), QStringLiteral("&1 Errors && co"));
    QCOMPARE(numbered.at(1)->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_2));
    for (QAction *action : {views()->saveAction(), views()->dock()->toggleViewAction(), views()->renameAction(),
                            views()->deleteAction(), views()->moveUpAction(), views()->moveDownAction()}) {
        QVERIFY2(menu->actions().contains(action), qPrintable(action->text()));
        QVERIFY2(action->text().contains(QLatin1Char('&')), qPrintable(action->text()));
        QVERIFY2(!action->icon().isNull(), qPrintable(action->text()));
    }
    m_test->window()->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_test->window()));
    m_test->window()->listPane()->table()->setFocus();
    QTest::keyClick(m_test->window(), Qt::Key_2, Qt::ControlModifier | Qt::AltModifier);
    QTRY_COMPARE(m_test->window()->listPane()->filterEdit()->text(), QStringLiteral("method = PUT"));
}

void tst_SavedViews::panelKeysRenameMoveAndDelete()
{
    writeFile(SavedViewSet::userFile(), R"({"views": [{"name": "one"}, {"name": "two"}, {"name": "three"}]})");
    QVERIFY(openWindow());
    views()->dock()->show();
    QListView *list = views()->dock()->list();
    m_test->window()->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_test->window()));
    list->setFocus();
    views()->dock()->setCurrentRow(0);
    QTest::keyClick(list, Qt::Key_Down, Qt::AltModifier | Qt::ShiftModifier);
    QCOMPARE(views()->model()->index(1).data().toString(), QStringLiteral("one"));
    QCOMPARE(views()->dock()->currentRow(), 1);
    QTest::keyClick(list, Qt::Key_Delete);
    QCOMPARE(views()->model()->rowCount(), 2);
    views()->renameAction()->trigger(); // F2 in the panel
    QLineEdit *editor = nullptr;
    QTRY_VERIFY((editor = qobject_cast<QLineEdit *>(QApplication::focusWidget())) != nullptr);
    editor->setText(QStringLiteral("renamed"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_VERIFY(views()->model()->rowOf(QStringLiteral("renamed")) >= 0);
    QTest::keyClick(list, Qt::Key_Return); // Enter applies the view
    const SavedViewSet::Loaded saved = SavedViewSet::load(SavedViewSet::userFile());
    QCOMPARE(saved.views.size(), 2);
    QCOMPARE(saved.views.at(0).name, QStringLiteral("two"));
}

QTEST_MAIN(tst_SavedViews)
#include "tst_savedviews.moc"
