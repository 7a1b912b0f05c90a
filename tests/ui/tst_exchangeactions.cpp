#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "ExchangeActions.h"
#include "MainWindow.h"
#include "exchange/EventExporter.h"
#include "store/EventStore.h"
#include "TestWindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QPointer>
#include <QRegularExpression>
#include <QTimer>
#include <QMenuBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
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
    void largeImportStreamsIntoTheStore();
    void cancellingAnImportMidwayLeavesTheStoreUnchanged();
    void truncatedLargeImportIsRefusedWithPosition();
    void copyAsCurlPutsTheCommandOnTheClipboard();
    void actionsAreInTheFileMenu();

private:
    void openWindow(int events);
    [[nodiscard]] QString largeExport();
    [[nodiscard]] qint64 storedCount() const;
    std::unique_ptr<QTemporaryDir> m_shared;
    QString m_largeExport;
    [[nodiscard]] QByteArray read(const QString &path) const;
    std::unique_ptr<TestWindow> m_test;
    MainWindow *m_window = nullptr; // m_test's
};

void tst_ExchangeActions::initTestCase()
{
    TestWindow::useTestSettings();
}

namespace {
constexpr int kLarge = 20'000;
constexpr qint64 kLargeFirstTime = 1'700'000'000'000;
} // namespace

// A hookscope export of 20,000 events, written once by the exporter from a store of its own.
QString tst_ExchangeActions::largeExport()
{
    if (!m_largeExport.isEmpty())
        return m_largeExport;
    m_shared = std::make_unique<QTemporaryDir>();
    EventStore store;
    QString error;
    if (!store.open(m_shared->filePath(QStringLiteral("large.sqlite")), &error, SyncMode::Normal))
        qFatal("%s", qPrintable(error));
    if (!store.begin())
        qFatal("cannot start a transaction");
    for (int i = 0; i < kLarge; ++i) {
        Event event;
        event.receivedAtMs = kLargeFirstTime + qint64(i) * 1000;
        event.remoteAddress = QStringLiteral("198.51.100.4");
        event.method = "POST";
        event.target = "/large/" + QByteArray::number(i);
        event.headers = {{"Host", "example.test"}, {"Content-Type", "application/json"}, {"X-N", QByteArray::number(i)}};
        event.body = R"({"i":)" + QByteArray::number(i) + R"(,"pad":")" + QByteArray(300, 'p') + R"("})";
        event.contentType = "application/json";
        event.response.status = 202;
        if (!store.insert(event, &error))
            qFatal("%s", qPrintable(error));
    }
    if (!store.commit(&error))
        qFatal("%s", qPrintable(error));
    m_largeExport = m_shared->filePath(QStringLiteral("large.json"));
    const ExportResult result = EventExporter(&store).exportTo(m_largeExport, ExportFormat::HookscopeJson, std::nullopt);
    if (!result.ok || result.written != kLarge)
        qFatal("large export: %s", qPrintable(result.error));
    return m_largeExport;
}

// Events in the window's store file, read through a connection of the test's own.
qint64 tst_ExchangeActions::storedCount() const
{
    EventStore store;
    QString error;
    if (!store.open(m_test->dbPath(), &error))
        return -1;
    return store.count();
}

void tst_ExchangeActions::cleanup()
{
    m_window = nullptr;
    m_test.reset();
}

void tst_ExchangeActions::openWindow(int events)
{
    m_test = std::make_unique<TestWindow>();
    const QString db = m_test->dbPath();
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
    QString error;
    QVERIFY2(m_test->show(&error), qPrintable(error));
    m_window = m_test->window();
    m_window->exchange()->setInteractive(false);
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
    const QString path = m_test->filePath(QStringLiteral("all.json"));
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
    const QString path = m_test->filePath(QStringLiteral("cancelled.har"));
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
    QCOMPARE(QDir(m_test->folder()).entryList({QStringLiteral("cancelled*")}, QDir::Files | QDir::Hidden), QStringList());
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
    const QString path = m_test->filePath(QStringLiteral("filtered.json"));
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
    const QString path = m_test->filePath(QStringLiteral("five.json"));
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
    const QString path = m_test->filePath(QStringLiteral("corrupt.json"));
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

void tst_ExchangeActions::largeImportStreamsIntoTheStore()
{
    const QString path = largeExport();
    openWindow(3);
    QAbstractItemModelTester tester(m_window->listPane()->model());
    QSignalSpy imported(m_window->exchange(), &ExchangeActions::importFinished);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    m_window->exchange()->importFrom(path);
    QVERIFY(m_window->exchange()->isBusy());
    QProgressDialog *dialog = m_window->exchange()->progressDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->maximum(), 100); // percent of the file's bytes read
    QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 1, 120'000);
    QVERIFY2(imported.at(0).at(0).toBool(), qPrintable(imported.at(0).at(1).toString()));
    QVERIFY(imported.at(0).at(1).toString().startsWith(QStringLiteral("Imported %L1 events").arg(20000)));
    QVERIFY(!m_window->exchange()->isBusy());
    // Every row reported; the table appends them in batches of its own, so it may lag a moment.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->listPane()->eventCount(), 3 + kLarge, 20'000);
    QCOMPARE(storedCount(), 3 + kLarge);

    EventStore store;
    QString error;
    QVERIFY2(store.open(m_test->dbPath(), &error), qPrintable(error));
    for (const int i : {0, 1, 9'999, kLarge - 1}) {
        const std::optional<Event> event = store.load(3 + 1 + i);
        QVERIFY(event);
        QCOMPARE(event->target, "/large/" + QByteArray::number(i));
        QCOMPARE(event->receivedAtMs, kLargeFirstTime + qint64(i) * 1000); // the original time
        QVERIFY(event->importedAtMs >= before); // marked imported
        QCOMPARE(event->response.status, 202);
    }
    QVERIFY(!store.summaries(0, 3).last().imported);
    QVERIFY(store.summaries(3, 1).first().imported);
    const EventTableModel *model = m_window->listPane()->model();
    const QString tip = model->index(3 + kLarge - 1, EventTableModel::ResultColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("Imported")), qPrintable(tip));
}

void tst_ExchangeActions::cancellingAnImportMidwayLeavesTheStoreUnchanged()
{
    const QString path = largeExport();
    openWindow(3);
    QSignalSpy imported(m_window->exchange(), &ExchangeActions::importFinished);
    m_window->exchange()->importFrom(path);
    QPointer<QProgressDialog> dialog = m_window->exchange()->progressDialog();
    QVERIFY(dialog);
    // Mid-way: some of the file read, not all of it.
    QTRY_VERIFY_WITH_TIMEOUT(!dialog || dialog->value() >= 1, 60'000);
    QVERIFY(dialog);
    QVERIFY2(dialog->value() < 100, qPrintable(QString::number(dialog->value())));
    auto *cancel = dialog->findChild<QPushButton *>();
    QVERIFY(cancel);
    cancel->click();
    QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 1, 60'000);
    QCOMPARE(imported.at(0).at(0).toBool(), false);
    QCOMPARE(imported.at(0).at(1).toString(), QStringLiteral("cancelled"));
    QVERIFY(m_window->exchange()->lastError().isEmpty()); // a cancel is no error
    QCOMPARE(storedCount(), 3); // the one transaction was rolled back
    QTest::qWait(100);
    QCOMPARE(m_window->listPane()->eventCount(), 3);
    // The store still takes the next import.
    m_window->exchange()->importFrom(path);
    QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 2, 120'000);
    QVERIFY2(imported.at(1).at(0).toBool(), qPrintable(imported.at(1).at(1).toString()));
    QCOMPARE(storedCount(), 3 + kLarge);
}

void tst_ExchangeActions::truncatedLargeImportIsRefusedWithPosition()
{
    QByteArray bytes = read(largeExport());
    bytes.truncate(bytes.size() / 2);
    openWindow(3);
    const QString path = m_test->filePath(QStringLiteral("half.json"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    // Shown in a plain-text message box, as the user sees it.
    m_window->exchange()->setInteractive(true);
    QString boxText;
    Qt::TextFormat boxFormat = Qt::AutoText;
    QTimer poll;
    connect(&poll, &QTimer::timeout, this, [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            boxText = box->text();
            boxFormat = box->textFormat();
            box->accept();
        }
    });
    poll.start(20);
    QSignalSpy imported(m_window->exchange(), &ExchangeActions::importFinished);
    m_window->exchange()->importFrom(path);
    QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 1, 120'000);
    poll.stop();
    QCOMPARE(imported.at(0).at(0).toBool(), false);
    const QString reason = imported.at(0).at(1).toString();
    QVERIFY2(reason.contains(QLatin1String("not valid JSON")), qPrintable(reason));
    QVERIFY2(reason.contains(QRegularExpression(QStringLiteral("line \\d+, column \\d+"))), qPrintable(reason));
    QVERIFY2(reason.contains(QRegularExpression(QStringLiteral("byte \\d+"))), qPrintable(reason));
    QCOMPARE(boxFormat, Qt::PlainText);
    QVERIFY2(boxText.contains(QLatin1String("was not imported")) && boxText.contains(reason), qPrintable(boxText));
    QCOMPARE(storedCount(), 3); // nothing of the first half was kept
    QCOMPARE(m_window->listPane()->eventCount(), 3);
}

void tst_ExchangeActions::copyAsCurlPutsTheCommandOnTheClipboard()
{
    openWindow(2);
    QTableView *table = m_window->listPane()->table();
    table->setCurrentIndex(table->model()->index(0, 0));
    m_window->exchange()->copyCurlAction()->trigger();
    const QString command = QGuiApplication::clipboard()->text();
    QVERIFY2(command.startsWith(QLatin1String("curl --disable --http1.1")), qPrintable(command));
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
