#include "EventDetailPane.h"
#include "EventListPane.h"
#include "ForwardController.h"
#include "ForwardView.h"
#include "MainToolBar.h"
#include "MainWindow.h"
#include "session/CaptureSession.h"
#include "PublicUrlBox.h"
#include "ReplayDialog.h"
#include "StatusBarPane.h"
#include "TestWindow.h"
#include "TunnelController.h"
#include "common/FakeNgrokAgent.h"
#include "common/RawHttpClient.h"
#include "http/Receiver.h"
#include "store/EventRecorder.h"
#include "tunnel/NgrokProcess.h"
#include "tunnel/NgrokWatcher.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTcpServer>
#include <QStatusBar>
#include <QTest>
#include <QToolButton>

using namespace hookscope;
using namespace hookscope::test;

// The window's replay, forward and ngrok parts, end to end: a fake ngrok agent, a second
// receiver standing in for the user's local app, real sockets and a real store.
class tst_RelayWindow final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void publicUrlAppearsInToolbarAndStatusBar();
    void startNgrokWithoutNgrokExplainsHowToInstall();
    void startNgrokRunsAndStopsTheChild();
    void forwardTabShowsTheLocalAppsAnswer();
    void forwardToItsOwnAddressIsSwitchedOffAtStart_data();
    void forwardToItsOwnAddressIsSwitchedOffAtStart();
    void replayActionOpensTheDialogForTheSelectedEvent();

private:
    void openWindow(const AppOptions &options);
    [[nodiscard]] AppOptions options() const;
    void postAndSelect(const QByteArray &target, const QByteArray &body);

    std::unique_ptr<TestWindow> m_test;
    std::unique_ptr<FakeNgrokAgent> m_agent;
    MainWindow *m_window = nullptr; // m_test's
    QByteArray m_path;
};

void tst_RelayWindow::initTestCase()
{
    TestWindow::useTestSettings(QStringLiteral("hookscope-tests-relay"));
    m_path = qgetenv("PATH");
}

void tst_RelayWindow::init()
{
    QSettings().clear();
    qputenv("PATH", m_path);
    m_test = std::make_unique<TestWindow>();
    m_agent = std::make_unique<FakeNgrokAgent>();
}

void tst_RelayWindow::cleanup()
{
    m_window = nullptr;
    m_test.reset();
    m_agent.reset();
    qputenv("PATH", m_path);
}

AppOptions tst_RelayWindow::options() const
{
    AppOptions o = m_test->options();
    o.ngrokApi = QUrl(QString::fromLatin1(m_agent->apiUrl()));
    return o;
}

void tst_RelayWindow::openWindow(const AppOptions &options)
{
    QString error;
    QVERIFY2(m_test->show(options, &error), qPrintable(error));
    m_window = m_test->window();
}

void tst_RelayWindow::postAndSelect(const QByteArray &target, const QByteArray &body)
{
    RawHttpClient client(m_window->session()->port());
    client.send(post(target, body, "Content-Type: application/json\r\n"));
    QTRY_COMPARE(client.responses().size(), 1);
    QCOMPARE(client.responses().first().status, 200);
    QTRY_COMPARE(m_window->listPane()->eventCount(), 1);
    QTableView *table = m_window->listPane()->table();
    table->selectionModel()->setCurrentIndex(table->model()->index(0, 0),
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTRY_VERIFY(m_window->detailPane()->eventId() > 0);
}

void tst_RelayWindow::publicUrlAppearsInToolbarAndStatusBar()
{
    openWindow(options());
    m_window->tunnel()->watcher()->setIntervalMs(50);
    PublicUrlBox *bar = m_window->toolBar()->publicUrlBox();
    PublicUrlBox *status = m_window->statusPane()->publicUrlBox();
    QTRY_VERIFY(m_agent->requests() > 0);
    QVERIFY(!bar->isVisible());
    QVERIFY(!status->isVisible());

    const QByteArray addr = "http://localhost:" + QByteArray::number(m_window->session()->port());
    m_agent->answer(FakeNgrokAgent::tunnels({FakeNgrokAgent::tunnel("https://<b>x</b>.ngrok.app", "https", addr)}));
    QTRY_VERIFY(bar->isVisible());
    QCOMPARE(bar->label()->text(), QStringLiteral("Public: https://<b>x</b>.ngrok.app"));
    QCOMPARE(bar->label()->textFormat(), Qt::PlainText);
    QVERIFY(status->isVisible());
    QCOMPARE(status->url(), QStringLiteral("https://<b>x</b>.ngrok.app"));

    QApplication::clipboard()->clear();
    QTest::mouseClick(status->copyButton(), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("https://<b>x</b>.ngrok.app"));
    QApplication::clipboard()->clear();
    m_window->toolBar()->copyUrlAction()->trigger(); // Copy URL gives the public one now
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("https://<b>x</b>.ngrok.app"));

    m_agent->answer(FakeNgrokAgent::tunnels({}));
    QTRY_VERIFY(!bar->isVisible());
    QVERIFY(!status->isVisible());
    m_window->toolBar()->copyUrlAction()->trigger();
    QCOMPARE(QApplication::clipboard()->text(), m_window->session()->url().toString());
}

void tst_RelayWindow::startNgrokWithoutNgrokExplainsHowToInstall()
{
    QTemporaryDir empty;
    qputenv("PATH", empty.path().toUtf8());
    openWindow(options());
    QAction *ngrok = m_window->toolBar()->ngrokAction();
    QVERIFY(ngrok->isEnabled());
    QVERIFY(ngrok->toolTip().contains(QStringLiteral("not installed")));
    ngrok->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("ngrokMissingBox"))) != nullptr);
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QVERIFY(box->text().contains(QStringLiteral("https://ngrok.com/download")));
    QVERIFY(box->text().contains(QStringLiteral("snap install ngrok")));
    box->close();
    QVERIFY(!m_window->tunnel()->process()->isRunning());
}

void tst_RelayWindow::startNgrokRunsAndStopsTheChild()
{
    QTemporaryDir bin;
    QFile script(bin.filePath(QStringLiteral("ngrok")));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\necho \"$@\" > '" + bin.filePath(QStringLiteral("args")).toUtf8()
                 + "'\nwhile true; do sleep 0.05; done\n");
    script.close();
    script.setPermissions(script.permissions() | QFileDevice::ExeOwner);
    qputenv("PATH", bin.path().toUtf8() + ':' + m_path);
    openWindow(options());
    QAction *ngrok = m_window->toolBar()->ngrokAction();
    ngrok->trigger();
    QTRY_COMPARE(ngrok->text(), QStringLiteral("Stop &ngrok"));
    const qint64 pid = m_window->tunnel()->process()->processId();
    QVERIFY(pid > 0);
    const auto args = [&bin] {
        QFile file(bin.filePath(QStringLiteral("args")));
        return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
    };
    QTRY_COMPARE(args(), "http " + QByteArray::number(m_window->session()->port()) + " --log stdout");
    // Closing Hookscope stops ngrok.
    m_window = nullptr;
    m_test->close();
    QVERIFY2(!QFile::exists(QStringLiteral("/proc/%1").arg(pid)), "ngrok outlived the window");
}

void tst_RelayWindow::forwardTabShowsTheLocalAppsAnswer()
{
    QTemporaryDir appDir;
    EventRecorder appRecorder;
    QString error;
    QVERIFY(appRecorder.open(appDir.filePath(QStringLiteral("app.sqlite")), &error, SyncMode::Normal));
    Receiver app(&appRecorder);
    ReceiverConfig config;
    config.port = 0;
    config.defaultResponse.status = 201;
    config.defaultResponse.body = "created by the app";
    app.setConfig(config);
    QVERIFY(app.start());

    AppOptions o = options();
    o.forwardUrl = QUrl(app.url().toString() + QStringLiteral("webhooks"));
    openWindow(o);
    QVERIFY(m_window->findChild<QAction *>(QStringLiteral("forwardAction"))->isChecked());
    EventDetailPane *detail = m_window->detailPane();
    detail->tabs()->setCurrentIndex(EventDetailPane::ForwardTab);
    postAndSelect("/hooks/book", R"({"booking":1})");
    QTRY_VERIFY(detail->forwardView()->summaryText().contains(QStringLiteral("201 Created")));
    QVERIFY(detail->forwardView()->summaryText().contains(o.forwardUrl.toString()));
    QVERIFY(detail->forwardView()->responseText()->toPlainText().contains(QStringLiteral("created by the app")));

    // Reselecting reads it back (from the recent results or the store).
    QItemSelectionModel *selection = m_window->listPane()->table()->selectionModel();
    selection->setCurrentIndex(QModelIndex(), QItemSelectionModel::Clear);
    QTRY_COMPARE(detail->eventId(), 0);
    QVERIFY(!detail->forwardView()->summaryText().contains(QStringLiteral("201 Created")));
    selection->setCurrentIndex(m_window->listPane()->table()->model()->index(0, 0),
                               QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTRY_VERIFY(detail->forwardView()->summaryText().contains(QStringLiteral("201 Created")));
}

void tst_RelayWindow::forwardToItsOwnAddressIsSwitchedOffAtStart_data()
{
    QTest::addColumn<QString>("host");
    QTest::newRow("localhost") << QStringLiteral("localhost");
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1");
    QTest::newRow("[::1]") << QStringLiteral("[::1]");
    QTest::newRow("0.0.0.0") << QStringLiteral("0.0.0.0");
}

void tst_RelayWindow::forwardToItsOwnAddressIsSwitchedOffAtStart()
{
    QFETCH(QString, host);
    quint16 port = 0;
    {
        QTcpServer probe; // a port free right now, so that --forward can name it before the start
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    AppOptions o = options();
    o.receiver.port = port;
    o.forwardUrl = QUrl(QStringLiteral("http://%1:%2/loop").arg(host).arg(port));
    openWindow(o);
    QCOMPARE(m_window->session()->port(), port);
    QVERIFY(!m_window->findChild<QAction *>(QStringLiteral("forwardAction"))->isChecked());
    QVERIFY2(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Forwarding switched off")),
             qPrintable(m_window->statusBar()->currentMessage()));
    postAndSelect("/loop", R"({"a":1})"); // one event, and it stays one (postAndSelect compares the count)
}

void tst_RelayWindow::replayActionOpensTheDialogForTheSelectedEvent()
{
    openWindow(options());
    QVERIFY(m_window->openReplay() == nullptr); // nothing selected
    postAndSelect("/hooks/replay-me", R"({"replay":true})");
    QCOMPARE(m_window->replayAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    ReplayDialog *dialog = m_window->openReplay();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->bodyEdit()->toPlainText(), QStringLiteral(R"({"replay":true})"));
    QVERIFY(dialog->originalResponse()->toPlainText().contains(QStringLiteral("HTTP/1.1 200 OK")));
    // Replayed to Hookscope itself it would come straight back in (a loop when forwarding):
    // refused with the reason, nothing sent (issue 20).
    dialog->setUrl(m_window->session()->url().toString());
    QSignalSpy replayed(dialog, &ReplayDialog::replayed);
    dialog->send();
    QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("where this Hookscope itself listens")),
             qPrintable(dialog->statusLabel()->text()));
    QCOMPARE(replayed.size(), 0);
    QCOMPARE(m_window->listPane()->eventCount(), 1);
    dialog->close();
}

QTEST_MAIN(tst_RelayWindow)
#include "tst_relaywindow.moc"
