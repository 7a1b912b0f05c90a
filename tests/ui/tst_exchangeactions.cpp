#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "ExchangeActions.h"
#include "FakeInspector.h"
#include "MainWindow.h"
#include "store/EventStore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QItemSelectionModel>
#include <QMenuBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace hookscope;

// File ▸ Export / Import and Copy as curl in a real window over a real store file.
class tst_ExchangeActions final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void exportAllWritesEveryEvent();
    void cancellingTheProgressDialogLeavesNoFile();
    void exportFilteredWritesOnlyTheShownRows();
    void importAddsRowsMarkedImported();
    void corruptImportIsRefusedAndAddsNothing();
    void copyAsCurlPutsTheCommandOnTheClipboard();
    void actionsAreInTheFileMenu();

private:
    void openWindow(int events);
    [[nodiscard]] QByteArray read(const QString &path) const;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void tst_ExchangeActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationName(QStringLiteral("hookscope-tests"));
}

void tst_ExchangeActions::cleanup()
{
    m_window.reset();
    m_dir.reset();
}

void tst_ExchangeActions::openWindow(int events)
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString db = m_dir->filePath(QStringLiteral("events.sqlite"));
    {
        EventStore store;
        QString error;
        QVERIFY2(store.open(db, &error, SyncMode::Normal), qPrintable(error));
        QVERIFY(store.begin());
        for (int i = 0; i < events; ++i) {
            Event event;
            event.receivedAtMs = 1795395723456 + i;
            event.remoteAddress = QStringLiteral("127.0.0.1");
            event.method = "POST";
            event.target = i == 0 ? QByteArray("/hooks/jicoo") : "/hooks/other/" + QByteArray::number(i);
            event.headers = {{"Host", "example.test"}, {"Content-Type", "application/json"}};
            event.body = R"({"n":)" + QByteArray::number(i) + "}";
            event.contentType = "application/json";
            QVERIFY2(store.insert(event, &error), qPrintable(error));
        }
        QVERIFY2(store.commit(&error), qPrintable(error));
    }
    AppOptions options;
    options.dbPath = db;
    options.receiver.port = 0;
    options.portGiven = true;
    options.sync = SyncMode::Normal;
    m_window = std::make_unique<MainWindow>(options, FakeInspector::inspect);
    m_window->exchange()->setInteractive(false);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->listPane()->eventCount(), events, 20'000);
}

QByteArray tst_ExchangeActions::read(const QString &path) const
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void tst_ExchangeActions::exportAllWritesEveryEvent()
{
    openWindow(25);
    QSignalSpy finished(m_window->exchange(), &ExchangeActions::exportFinished);
    const QString path = m_dir->filePath(QStringLiteral("all.json"));
    m_window->exchange()->exportTo(path, ExchangeActions::Scope::All);
    QVERIFY(m_window->exchange()->isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20'000);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QVERIFY(!m_window->exchange()->isBusy());
    QVERIFY(!m_window->exchange()->progressDialog());
    QCOMPARE(read(path).count("\"receivedAtMs\""), 25);
}

void tst_ExchangeActions::cancellingTheProgressDialogLeavesNoFile()
{
    openWindow(6000);
    QSignalSpy finished(m_window->exchange(), &ExchangeActions::exportFinished);
    const QString path = m_dir->filePath(QStringLiteral("cancelled.har"));
    m_window->exchange()->exportTo(path, ExchangeActions::Scope::All);
    QProgressDialog *dialog = m_window->exchange()->progressDialog();
    QVERIFY(dialog);
    auto *cancel = dialog->findChild<QPushButton *>();
    QVERIFY(cancel);
    QCOMPARE(cancel->text(), QStringLiteral("Cancel"));
    cancel->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20'000);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("cancelled"));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(m_dir->path()).entryList({QStringLiteral("cancelled*")}, QDir::Files | QDir::Hidden), QStringList());
    QVERIFY(m_window->exchange()->lastError().isEmpty()); // a cancel is no error to show
}

void tst_ExchangeActions::exportFilteredWritesOnlyTheShownRows()
{
    openWindow(12);
    QSignalSpy applied(m_window->listPane(), &EventListPane::filterApplied);
    m_window->listPane()->setFilterText(QStringLiteral("jicoo"));
    QTRY_VERIFY(applied.size() >= 1);
    QTRY_COMPARE(m_window->listPane()->proxy()->rowCount(), 1);
    QSignalSpy finished(m_window->exchange(), &ExchangeActions::exportFinished);
    const QString path = m_dir->filePath(QStringLiteral("filtered.json"));
    m_window->exchange()->exportTo(path, ExchangeActions::Scope::Filtered);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20'000);
    QVERIFY(finished.at(0).at(0).toBool());
    const QByteArray bytes = read(path);
    QCOMPARE(bytes.count("\"receivedAtMs\""), 1);
    QVERIFY(bytes.contains("/hooks/jicoo"));
}

void tst_ExchangeActions::importAddsRowsMarkedImported()
{
    openWindow(5);
    QAbstractItemModelTester tester(m_window->listPane()->model());
    QSignalSpy exported(m_window->exchange(), &ExchangeActions::exportFinished);
    const QString path = m_dir->filePath(QStringLiteral("five.json"));
    m_window->exchange()->exportTo(path, ExchangeActions::Scope::All);
    QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 20'000);

    QSignalSpy imported(m_window->exchange(), &ExchangeActions::importFinished);
    m_window->exchange()->importFrom(path);
    QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 1, 20'000);
    QVERIFY2(imported.at(0).at(0).toBool(), qPrintable(imported.at(0).at(1).toString()));
    QTRY_COMPARE(m_window->listPane()->eventCount(), 10);
    const EventTableModel *model = m_window->listPane()->model();
    const QString oldTip = model->index(0, EventTableModel::ResultColumn).data(Qt::ToolTipRole).toString();
    const QString newTip = model->index(9, EventTableModel::ResultColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(!oldTip.contains(QLatin1String("Imported")), qPrintable(oldTip));
    QVERIFY2(newTip.contains(QLatin1String("Imported")), qPrintable(newTip));
    // Original receive times are kept on the new rows.
    QCOMPARE(model->index(9, EventTableModel::TimeColumn).data().toString(),
             model->index(4, EventTableModel::TimeColumn).data().toString());
}

void tst_ExchangeActions::corruptImportIsRefusedAndAddsNothing()
{
    openWindow(3);
    const QString path = m_dir->filePath(QStringLiteral("corrupt.json"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format":"hookscope-export","version":1,"events":[{"receivedAtMs":1,"request":)");
    }
    QSignalSpy imported(m_window->exchange(), &ExchangeActions::importFinished);
    m_window->exchange()->importFrom(path);
    QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 1, 20'000);
    QCOMPARE(imported.at(0).at(0).toBool(), false);
    QVERIFY2(imported.at(0).at(1).toString().contains(QLatin1String("byte")), qPrintable(imported.at(0).at(1).toString()));
    QVERIFY(m_window->exchange()->lastError().contains(QLatin1String("was not imported")));
    QTest::qWait(100);
    QCOMPARE(m_window->listPane()->eventCount(), 3);
}

void tst_ExchangeActions::copyAsCurlPutsTheCommandOnTheClipboard()
{
    openWindow(2);
    QTableView *table = m_window->listPane()->table();
    table->setCurrentIndex(table->model()->index(0, 0));
    m_window->exchange()->copyCurlAction()->trigger();
    const QString command = QGuiApplication::clipboard()->text();
    QVERIFY2(command.startsWith(QLatin1String("curl --http1.1")), qPrintable(command));
    QVERIFY(command.contains(QLatin1String("--request-target '/hooks/jicoo'")));
    QVERIFY(command.contains(QLatin1String(R"(--data-raw '{"n":0}')")));
    QCOMPARE(m_window->exchange()->copyCurlAction()->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+L")));
    QVERIFY(table->actions().contains(m_window->exchange()->copyCurlAction()));
}

void tst_ExchangeActions::actionsAreInTheFileMenu()
{
    openWindow(0);
    QMenu *file = nullptr;
    for (QAction *action : m_window->menuBar()->actions()) {
        if (action->text() == QLatin1String("&File"))
            file = action->menu();
    }
    QVERIFY(file);
    QVERIFY(file->actions().contains(m_window->exchange()->importAction()));
    QVERIFY(file->actions().contains(m_window->exchange()->exportAllAction()));
    QVERIFY(file->actions().contains(m_window->exchange()->exportSelectedAction()));
    QVERIFY(file->actions().contains(m_window->exchange()->exportFilteredAction()));
}

QTEST_MAIN(tst_ExchangeActions)
#include "tst_exchangeactions.moc"
