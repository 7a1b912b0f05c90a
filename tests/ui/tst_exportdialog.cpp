#include "EventListPane.h"
#include "ExchangeActions.h"
#include "ExportDialog.h"
#include "TestWindow.h"
#include "common/RawHttpClient.h"
#include "session/CaptureSession.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace hookscope;
using namespace hookscope::test;

// File ▸ Export… in a real window: the dialog's "Redact Authorization headers" box decides
// whether other senders' credentials reach the file; a browser HAR import says what it skipped.
class tst_ExportDialog final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void redactBoxDecidesWhetherCredentialsAreExported_data();
    void redactBoxDecidesWhetherCredentialsAreExported();
    void harImportSaysWhichEntriesWereSkipped();

private:
    std::unique_ptr<TestWindow> m_test;
    QTemporaryDir m_out;
};

namespace {
const QByteArray kToken = "someone-elses-token-4711";
}

void tst_ExportDialog::initTestCase()
{
    TestWindow::useTestSettings();
}

void tst_ExportDialog::init()
{
    QString error;
    m_test = TestWindow::open(&error);
    QVERIFY2(m_test, qPrintable(error));
    m_test->window()->exchange()->setInteractive(false);
}

void tst_ExportDialog::cleanup()
{
    m_test.reset();
}

void tst_ExportDialog::redactBoxDecidesWhetherCredentialsAreExported_data()
{
    QTest::addColumn<bool>("tick");
    QTest::addColumn<QString>("file");
    QTest::newRow("ticked: credentials redacted in a HAR") << true << QStringLiteral("shared.har");
    QTest::newRow("ticked: credentials redacted in a Hookscope export") << true << QStringLiteral("shared.json");
    QTest::newRow("not ticked: captured as sent") << false << QStringLiteral("full.json");
}

void tst_ExportDialog::redactBoxDecidesWhetherCredentialsAreExported()
{
    QFETCH(bool, tick);
    QFETCH(QString, file);
    MainWindow *window = m_test->window();
    RawHttpClient client(window->session()->port());
    client.send(post("/hooks/crm", R"({"id":1})", "Authorization: Bearer " + kToken + "\r\nContent-Type: application/json\r\n"));
    QTRY_COMPARE(client.responses().size(), 1);
    QTRY_COMPARE(window->listPane()->eventCount(), 1);

    const QString path = m_out.filePath(file);
    // The dialog is modal: it is driven from inside its own event loop, as a user would.
    bool driven = false;
    QTimer driver;
    driver.setInterval(20);
    connect(&driver, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<ExportDialog *>(QApplication::activeModalWidget());
        if (!dialog || driven || !dialog->isVisible())
            return;
        driven = true;
        auto *box = dialog->findChild<QCheckBox *>(QStringLiteral("redactAuthorization"));
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
        if (!box || !name) {
            dialog->reject();
            return;
        }
        if (box->isChecked() != tick) // the dialog remembers the last choice
            QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
        name->setText(path);
        QTest::keyClick(name, Qt::Key_Return);
    });
    driver.start();
    QSignalSpy finished(window->exchange(), &ExchangeActions::exportFinished);
    window->exchange()->exportAllAction()->trigger();
    QVERIFY(driven);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20'000);
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QFile exported(path);
    QVERIFY2(exported.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray bytes = exported.readAll();
    QVERIFY2(bytes.contains("/hooks/crm"), bytes.constData());
    QCOMPARE(bytes.contains(kToken), !tick);
    QCOMPARE(bytes.contains("Bearer [redacted]"), tick);
}

void tst_ExportDialog::harImportSaysWhichEntriesWereSkipped()
{
    MainWindow *window = m_test->window();
    QSignalSpy imported(window->exchange(), &ExchangeActions::importFinished);
    window->exchange()->importFrom(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/har/chrome-h2-shop.har"));
    QTRY_COMPARE_WITH_TIMEOUT(imported.size(), 1, 20'000);
    const QString message = imported.at(0).at(1).toString();
    QVERIFY2(imported.at(0).at(0).toBool(), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("Imported 4 events")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("1 entry skipped: entry 1 ")), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("request.method: is empty")), qPrintable(message));
    QTRY_COMPARE(window->listPane()->eventCount(), 4);
}

QTEST_MAIN(tst_ExportDialog)
#include "tst_exportdialog.moc"
