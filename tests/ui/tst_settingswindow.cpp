#include "EventListPane.h"
#include "EventTableModel.h"
#include "MainWindow.h"
#include "session/CaptureSession.h"
#include "app/AppSettings.h"
#include "common/RawHttpClient.h"
#include "http/Receiver.h"
#include "trust/SecretStore.h"
#include "trust/SignatureVerifier.h"
#include "trust/TrustSettings.h"
#include "TestWindow.h"
#include "ReceiverSettingsPage.h"
#include "SettingsDialog.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>
#include <QApplication>
#include <QTest>

using namespace hookscope;
using namespace hookscope::test;

namespace {
const QByteArray kSigningKey = "whsec_settings";
const QByteArray kGate = "gate-s3cret";
} // namespace

// What the Settings dialog saves takes effect in the running window at OK (applySettings):
// the endpoint's secret and paths, the signature rules, the hold policy.
class TestSettingsWindow final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        TestWindow::useTestSettings(QStringLiteral("hookscope-tests-settingswindow"));
        resetSettings();
    }

    void init()
    {
        QString error;
        m_test = TestWindow::open(&error);
        QVERIFY2(m_test, qPrintable(error));
        m_window = m_test->window();
    }

    void cleanup()
    {
        m_window = nullptr;
        m_test.reset();
        resetSettings();
    }

    void trustSettingsApplyAtOk()
    {
        const QByteArray body = R"({"kind":"booking","id":"b1"})";
        const QByteArray signature
            = "X-Signature: " + SignatureVerifier::hmac(SignatureRule::Algorithm::HmacSha256, kSigningKey, body).toHex()
            + "\r\n";
        QCOMPARE(send(post("/hooks/b", body, signature)), 200); // nothing configured yet
        QTRY_COMPARE(m_window->listPane()->eventCount(), 1);
        QTRY_VERIFY(!resultText(0).isEmpty() && !resultText(0).contains(QChar(0x2026)));
        QVERIFY2(!resultText(0).contains(QLatin1String("signed")), qPrintable(resultText(0)));

        TrustSettings trust;
        trust.guard.secret = kGate;
        trust.guard.allowedPaths = {"/hooks/*"};
        SignatureRule rule;
        rule.kind = QStringLiteral("booking");
        rule.header = "X-Signature";
        rule.secret = kSigningKey;
        trust.signatures = {rule};
        save(trust);
        const quint16 port = m_window->session()->port();
        QSettings().setValue(QLatin1String(AppSettings::Port), port); // as openSettings() stores the toolbar's port
        m_window->applySettings();
        QVERIFY(m_window->session()->isListening());
        QCOMPARE(m_window->session()->port(), port);

        QCOMPARE(send(post("/hooks/b", body, signature)), 401); // no secret
        QCOMPARE(send(post("/elsewhere", body, "Authorization: Bearer " + kGate + "\r\n" + signature)), 404);
        QCOMPARE(send(post("/hooks/b", body, "Authorization: Bearer " + kGate + "\r\n" + signature)), 200);
        QTRY_COMPARE(m_window->listPane()->eventCount(), 4);
        QTRY_VERIFY2(resultText(3).contains(QLatin1String("signed")), qPrintable(resultText(3)));
    }

    void holdSettingsApplyToTheNextRequest()
    {
        QFile file(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/before-book-appointment.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray booking = post("/hooks/before-book-appointment", file.readAll());
        QSettings().setValue(QStringLiteral("hold/before-book-appointment/hold"), false);
        m_window->applySettings();
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(send(booking), 200);
        QVERIFY2(timer.elapsed() < 5000, "answered at once, not held until the deadline");
        QSettings().setValue(QStringLiteral("hold/before-book-appointment/hold"), true);
        QSettings().setValue(QStringLiteral("hold/before-book-appointment/deadlineMs"), 300);
        m_window->applySettings();
        timer.restart();
        QCOMPARE(send(booking), 200); // held, then the default answer at the 0.3 s deadline
        QVERIFY2(timer.elapsed() >= 250, qPrintable(QString::number(timer.elapsed())));
    }

    // Issue 24.20: --port wins for the session and never reaches the settings file: not when the
    // Settings dialog is OKed untouched (it shows the saved port), not when the window closes.
    // A port the user types in the dialog is saved and moves the receiver at once.
    void commandLinePortStaysASessionOverride()
    {
        constexpr quint16 saved = 18'999;
        QSettings().setValue(QLatin1String(AppSettings::Port), saved);
        QSettings().sync();
        AppOptions options = m_test->options(); // --port 0: a free one
        options.givenOptions = {QStringLiteral("port")};
        QString error;
        QVERIFY2(m_test->show(options, &error), qPrintable(error));
        m_window = m_test->window();
        const quint16 session = m_window->session()->port();
        QVERIFY(session != saved);

        QString shown;
        QVERIFY(acceptSettings([&](ReceiverSettingsPage *page) { shown = page->portEdit()->text(); }));
        QCOMPARE(shown, QString::number(saved)); // the saved setting, not this session's port
        QCOMPARE(m_window->session()->port(), session);
        QVERIFY(m_window->session()->isListening());
        QCOMPARE(portInFile(), QString::number(saved));

        m_window->close(); // saves the window's state
        QCOMPARE(portInFile(), QString::number(saved));

        // A new port typed in the dialog is the user's: saved, in effect now, kept at close.
        QVERIFY2(m_test->show(options, &error), qPrintable(error));
        m_window = m_test->window();
        const quint16 chosen = freePort();
        QVERIFY(chosen != 0);
        QVERIFY(acceptSettings([&](ReceiverSettingsPage *page) { page->portEdit()->setText(QString::number(chosen)); }));
        QCOMPARE(portInFile(), QString::number(chosen));
        QTRY_COMPARE(m_window->session()->port(), chosen);
        m_window->close();
        QCOMPARE(portInFile(), QString::number(chosen));
    }

    // Without --port the toolbar's port is remembered at close; with it, nothing is written.
    void portInTheFileAfterClose_data()
    {
        QTest::addColumn<bool>("given");
        QTest::newRow("port given on the command line: not written") << true;
        QTest::newRow("no port given: the last port asked for") << false;
    }

    void portInTheFileAfterClose()
    {
        QFETCH(bool, given);
        QSettings().remove(QLatin1String(AppSettings::Port));
        QSettings().sync();
        AppOptions options = m_test->options();
        options.portGiven = given;
        options.givenOptions = given ? QStringList{QStringLiteral("port")} : QStringList{};
        const quint16 port = freePort();
        options.receiver.port = port;
        if (!given)
            QSettings().setValue(QLatin1String(AppSettings::Port), port); // as main() read it
        QString error;
        QVERIFY2(m_test->show(options, &error), qPrintable(error));
        m_window = m_test->window();
        QCOMPARE(m_window->session()->port(), port);
        if (!given)
            QSettings().remove(QLatin1String(AppSettings::Port));
        m_window->close();
        QCOMPARE(portInFile(), given ? QString() : QString::number(port));
    }

private:
    // Opens Settings, lets edit() change the Receiver page, presses OK; false when no dialog came.
    bool acceptSettings(const std::function<void(ReceiverSettingsPage *)> &edit)
    {
        bool seen = false;
        QTimer::singleShot(0, qApp, [&] {
            auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            for (SettingsPage *page : dialog->pages()) {
                if (auto *receiver = qobject_cast<ReceiverSettingsPage *>(page)) {
                    seen = true;
                    edit(receiver);
                }
            }
            dialog->accept();
            if (dialog->isVisible())
                dialog->reject(); // refused: do not hang the test
        });
        m_window->openSettings();
        return seen;
    }

    // receiver/port as the settings file on disk has it ("" when absent).
    static QString portInFile()
    {
        QSettings file(QSettings().fileName(), QSettings::IniFormat);
        return file.value(QLatin1String(AppSettings::Port)).toString();
    }

    static quint16 freePort()
    {
        QTcpServer probe;
        return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
    }

    static void save(const TrustSettings &trust)
    {
        QSettings settings;
        SecretStore secrets; // the store the window reads
        QString error;
        QVERIFY2(trust.save(settings, secrets, &error), qPrintable(error));
    }

    static void resetSettings()
    {
        save(TrustSettings{});
        QSettings().clear();
    }

    int send(const QByteArray &request) const
    {
        RawHttpClient client(m_window->session()->port());
        client.send(request);
        if (!QTest::qWaitFor([&] { return !client.responses().isEmpty(); }, 10'000))
            return 0;
        return client.responses().first().status;
    }

    QString resultText(int row) const
    {
        const QAbstractItemModel *model = m_window->listPane()->table()->model();
        return model->index(row, EventTableModel::ResultColumn).data().toString();
    }

    std::unique_ptr<TestWindow> m_test;
    MainWindow *m_window = nullptr; // m_test's
};

QTEST_MAIN(TestSettingsWindow)

#include "tst_settingswindow.moc"
