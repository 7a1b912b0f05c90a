// The window on a store damaged in the middle: the start-up check names the unreadable events
// (status bar and a message box) while capturing goes on; File ▸ Export leaves them out and
// says so; an export onto the store or one of its files is refused with the store unchanged.
#include "../core/StoreDamage.h"
#include "TestWindow.h"

#include "ExchangeActions.h"
#include "MainWindow.h"
#include "session/CaptureSession.h"
#include "StatusBarPane.h"
#include "StoreHealthNotice.h"
#include "common/RawHttpClient.h"
#include "http/Receiver.h"
#include "store/StoreHealth.h"
#include "store/StoreHealthCheck.h"

#include <QCryptographicHash>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace hookscope;
using namespace hookscope::test;

namespace {
constexpr int kEvents = 300;
} // namespace

class tst_StoreDamageWindow final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void damagedStoreIsNamedAndCapturingGoesOn();
    void exportOfADamagedStoreNamesWhatIsLeftOut();
    void exportOntoTheStoreIsRefused_data();
    void exportOntoTheStoreIsRefused();

private:
    void openWindow(bool damaged);
    std::unique_ptr<TestWindow> m_test;
    QString m_db;
    MainWindow *m_window = nullptr; // m_test's
    QList<qint64> m_damaged;
};

void tst_StoreDamageWindow::initTestCase()
{
    TestWindow::useTestSettings();
}

void tst_StoreDamageWindow::cleanup()
{
    m_window = nullptr;
    m_test.reset();
}

void tst_StoreDamageWindow::openWindow(bool damaged)
{
    m_test = std::make_unique<TestWindow>();
    m_db = m_test->dbPath();
    fillStore(m_db, kEvents);
    if (damaged) {
        m_damaged = damageCellsNear(m_db, 101);
        QCOMPARE(m_damaged.size(), 3);
    }
    QString error;
    QVERIFY2(m_test->show(m_test->options(), &error, TestWindow::Receiving::Later), qPrintable(error));
    m_window = m_test->window();
    m_window->exchange()->setInteractive(false);
}

void tst_StoreDamageWindow::damagedStoreIsNamedAndCapturingGoesOn()
{
    openWindow(true);
    QVERIFY(m_window->storeHealth());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->storeHealth()->messageBox(), 30'000);
    const QMessageBox *box = m_window->storeHealth()->messageBox();
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QVERIFY2(box->text().contains(QStringLiteral("#%1").arg(m_damaged.first())), qPrintable(box->text()));
    QVERIFY2(box->text().contains(QLatin1String("New events are still captured")), qPrintable(box->text()));
    QVERIFY2(m_window->statusPane()->storeProblemText().startsWith(QLatin1String("Store damaged")),
             qPrintable(m_window->statusPane()->storeProblemText()));
    QVERIFY(m_window->storeNotice().isEmpty()); // not set aside: the file stays where it is

    // The receiver listens and stores new events beside the damage.
    QTRY_VERIFY(m_window->session()->port() > 0);
    RawHttpClient client(m_window->session()->port());
    client.send(post("/after-damage", R"({"kind":"x"})"));
    QTRY_COMPARE_WITH_TIMEOUT(client.responses().size(), 1, 10'000);
    QCOMPARE(client.responses().first().status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(StoreHealth::check(m_db).readable, qint64(kEvents - m_damaged.size() + 1), 10'000);
}

void tst_StoreDamageWindow::exportOfADamagedStoreNamesWhatIsLeftOut()
{
    openWindow(true);
    QSignalSpy finished(m_window->exchange(), &ExchangeActions::exportFinished);
    const QString path = m_test->filePath(QStringLiteral("all.json"));
    m_window->exchange()->exportTo(path, ExchangeActions::Scope::All);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30'000);
    QVERIFY(finished.at(0).at(0).toBool()); // written: the readable events
    const QString message = finished.at(0).at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("#%1").arg(m_damaged.first())), qPrintable(message));
    QCOMPARE(m_window->exchange()->lastError(), message); // shown as a warning, not as plain success
    QCOMPARE(fileBytes(path).count("\"receivedAtMs\""), kEvents - m_damaged.size());
    for (const qint64 id : std::as_const(m_damaged))
        QVERIFY(!fileBytes(path).contains("\"/hook/" + QByteArray::number(id) + '"'));
}

void tst_StoreDamageWindow::exportOntoTheStoreIsRefused_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("the store") << "store";
    QTest::newRow("its write-ahead log") << "wal";
    QTest::newRow("its shared-memory index") << "shm";
    QTest::newRow("a symlink to the store") << "symlink";
    QTest::newRow("a hard link to the store") << "hardlink";
}

void tst_StoreDamageWindow::exportOntoTheStoreIsRefused()
{
    QFETCH(QString, how);
    openWindow(false);
    QString out = m_db;
    if (how == "wal" || how == "shm") {
        out = m_db + QLatin1Char('-') + how;
    } else if (how == "symlink") {
        out = m_test->filePath(QStringLiteral("link.json"));
        QVERIFY(QFile::link(m_db, out));
    } else if (how == "hardlink") {
        out = m_test->filePath(QStringLiteral("hard.json"));
        QCOMPARE(::link(QFile::encodeName(m_db).constData(), QFile::encodeName(out).constData()), 0);
    }
    const QByteArray before = sha256(out);
    QSignalSpy finished(m_window->exchange(), &ExchangeActions::exportFinished);
    m_window->exchange()->exportTo(out, ExchangeActions::Scope::All);
    QCOMPARE(finished.size(), 1); // refused at once, no export thread
    QVERIFY(!finished.at(0).at(0).toBool());
    QVERIFY2(finished.at(0).at(1).toString().contains(QLatin1String("would destroy the events")),
             qPrintable(finished.at(0).at(1).toString()));
    QVERIFY(!m_window->exchange()->isBusy());
    QVERIFY(m_window->exchange()->lastError().contains(QLatin1String("Nothing was exported")));
    QCOMPARE(sha256(out), before);
    QTRY_COMPARE_WITH_TIMEOUT(StoreHealth::check(m_db).readable, qint64(kEvents), 10'000);
}

QTEST_MAIN(tst_StoreDamageWindow)
#include "tst_storedamagewindow.moc"
