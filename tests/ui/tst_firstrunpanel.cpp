#include "EventListPane.h"
#include "FirstRunPanel.h"
#include "MainWindow.h"
#include "session/CaptureSession.h"
#include "TestWindow.h"
#include "http/Receiver.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QMenu>
#include <QTest>

using namespace hookscope;

// The "how to start" panel over the empty table of a real window, with a real receiver: a
// sample button POSTs over a socket, the row appears and the panel goes.
class TestFirstRunPanel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { TestWindow::useTestSettings(); }

    void init()
    {
        QString error;
        m_test = TestWindow::open(&error);
        QVERIFY2(m_test, qPrintable(error));
        m_window = m_test->window();
    }

    void cleanup() { m_test.reset(); }

    void emptyStoreShowsHowToStart()
    {
        FirstRunPanel *panel = m_window->firstRunPanel();
        QTRY_VERIFY(panel->isVisible());
        QCOMPARE(panel->parentWidget(), m_window->listPane()->table()->viewport());
        QCOMPARE(panel->size(), m_window->listPane()->table()->viewport()->size());
        QCOMPARE(panel->urlEdit()->text(), m_window->session()->url().toString());
        QCOMPARE(panel->ngrokEdit()->text(), QStringLiteral("ngrok http %1").arg(m_window->session()->port()));
        // A button per vendor pack: a menu of its samples, or the one sample it has.
        QStringList kinds;
        for (QPushButton *button : panel->sampleButtons())
            kinds.append(button->objectName());
        for (QAction *action : panel->sampleActions())
            kinds.append(action->objectName());
        QVERIFY2(kinds.contains(QStringLiteral("sample:jicoo")), qPrintable(kinds.join(u',')));
        QVERIFY(kinds.contains(QStringLiteral("samples:pexip-engage")));
        QVERIFY(kinds.contains(QStringLiteral("sample:callback-request")));
        QVERIFY(kinds.contains(QStringLiteral("samples:cubu")));
        QVERIFY(kinds.contains(QStringLiteral("sample:after-book-appointment")));
        QVERIFY(!kinds.contains(QStringLiteral("sample:before-book-appointment.response"))); // a response kind
    }

    void sampleButtonSendsARealRequestAndThePanelGoes()
    {
        FirstRunPanel *panel = m_window->firstRunPanel();
        QTRY_VERIFY(panel->isVisible());
        QPushButton *jicoo = panel->findChild<QPushButton *>(QStringLiteral("sample:jicoo"));
        QVERIFY(jicoo);
        QVERIFY(jicoo->isEnabled());
        QTest::mouseClick(jicoo, Qt::LeftButton);
        QTRY_COMPARE(m_window->listPane()->eventCount(), 1);
        QTRY_VERIFY(!panel->isVisible());
        QTRY_VERIFY(panel->statusLabel()->text().contains(QLatin1String("answered 200")));

        // Emptying the table brings it back.
        QVERIFY(m_window->clearEvents(false));
        QTRY_VERIFY(panel->isVisible());
    }

    void vendorMenuSendsTheChosenSampleToItsPath()
    {
        FirstRunPanel *panel = m_window->firstRunPanel();
        QTRY_VERIFY(panel->isVisible());
        QPushButton *cubu = panel->findChild<QPushButton *>(QStringLiteral("samples:cubu"));
        QVERIFY(cubu);
        QMenu *menu = panel->findChild<QMenu *>(QStringLiteral("samplesMenu:cubu"));
        QVERIFY(menu);
        QTest::mouseClick(cubu, Qt::LeftButton);
        QTRY_VERIFY(menu->isVisible());
        QAction *after = menu->findChild<QAction *>(QStringLiteral("sample:after-book-appointment"));
        QVERIFY(after);
        menu->hide();
        after->trigger();
        QTRY_COMPARE(m_window->listPane()->eventCount(), 1);
        QTRY_VERIFY(panel->statusLabel()->text().contains(QLatin1String("answered 200"))); // not held: After Book
    }

    void stoppedReceiverDisablesSamples()
    {
        FirstRunPanel *panel = m_window->firstRunPanel();
        m_window->stopReceiver();
        QVERIFY(!panel->sampleButtons().isEmpty());
        for (QPushButton *button : panel->sampleButtons())
            QVERIFY(!button->isEnabled());
        QVERIFY(panel->ngrokEdit()->text().isEmpty());
        QVERIFY(m_window->startReceiver());
        QVERIFY(panel->sampleButtons().first()->isEnabled());
    }

private:
    std::unique_ptr<TestWindow> m_test;
    MainWindow *m_window = nullptr; // owned by m_test
};

QTEST_MAIN(TestFirstRunPanel)

#include "tst_firstrunpanel.moc"
