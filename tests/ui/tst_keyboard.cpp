#include "EventDetailPane.h"
#include "EventListPane.h"
#include "FirstRunPanel.h"
#include "MainMenuBar.h"
#include "MainToolBar.h"
#include "MainWindow.h"
#include "TestWindow.h"
#include "SettingsDialog.h"
#include "http/Receiver.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QPushButton>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace hookscope;

namespace {
QList<QAction *> menuActions(const QMenuBar *bar)
{
    QList<QAction *> actions;
    for (QAction *top : bar->actions()) {
        actions.append(top);
        if (top->menu()) {
            for (QAction *a : top->menu()->actions()) {
                if (!a->isSeparator())
                    actions.append(a);
            }
        }
    }
    return actions;
}
} // namespace

// Everything reachable without a mouse: menus with mnemonics and shortcuts, a Tab chain through
// every pane, shortcuts that jump between panes.
class TestKeyboard final : public QObject
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
        QApplication::setActiveWindow(m_window);
        QVERIFY(QTest::qWaitForWindowActive(m_window));
    }

    void cleanup() { m_test.reset(); }

    void everyMenuEntryHasAMnemonicOrShortcut()
    {
        const QList<QAction *> actions = menuActions(m_window->menus());
        QVERIFY(actions.size() >= 12);
        for (QAction *a : actions)
            QVERIFY2(a->text().contains(QLatin1Char('&')) || !a->shortcut().isEmpty(), qPrintable(a->text()));
        QStringList tops; // the bar's own menus (File ▸ Send a Sample and View ▸ Columns are submenus)
        for (QAction *a : m_window->menus()->actions())
            tops.append(QString(a->text()).remove(QLatin1Char('&')));
        QCOMPARE(tops, (QStringList{QStringLiteral("File"), QStringLiteral("Edit"), QStringLiteral("View"), QStringLiteral("Help")}));
        for (QAction *a : {m_window->toolBar()->startStopAction(), m_window->toolBar()->copyUrlAction(),
                           m_window->toolBar()->clearAction(), m_window->toolBar()->pauseAction()})
            QVERIFY2(!a->shortcut().isEmpty(), qPrintable(a->text()));
    }

    void windowShortcutsAreUnambiguous()
    {
        // A window-wide shortcut must be unique, and must not also be the shortcut of an action
        // local to a pane (focus in that pane would make the key ambiguous: neither fires).
        QHash<QKeySequence, QString> window;
        QHash<QKeySequence, QString> local;
        for (QAction *a : m_window->findChildren<QAction *>()) {
            if (a->shortcut().isEmpty() || a->shortcutContext() == Qt::WidgetShortcut)
                continue;
            if (a->shortcutContext() == Qt::WidgetWithChildrenShortcut) {
                local.insert(a->shortcut(), a->text());
                continue;
            }
            const QString other = window.value(a->shortcut());
            QVERIFY2(other.isEmpty() || other == a->text(),
                     qPrintable(a->shortcut().toString() + QStringLiteral(": ") + other + QStringLiteral(" / ") + a->text()));
            window.insert(a->shortcut(), a->text());
        }
        for (auto it = window.cbegin(); it != window.cend(); ++it)
            QVERIFY2(!local.contains(it.key()), qPrintable(it.key().toString() + QStringLiteral(": ") + it.value()
                                                           + QStringLiteral(" / ") + local.value(it.key())));
    }

    void tabReachesEveryPane_data()
    {
        QTest::addColumn<bool>("withEvent");
        QTest::newRow("first run: the how-to-start panel") << false;
        QTest::newRow("with an event") << true;
    }

    void tabReachesEveryPane()
    {
        QFETCH(bool, withEvent);
        FirstRunPanel *panel = m_window->firstRunPanel();
        QTRY_VERIFY(panel->isVisible());
        if (withEvent) {
            QPushButton *sample = panel->findChild<QPushButton *>(QStringLiteral("sample:jicoo"));
            QVERIFY(sample);
            sample->click();
            QTRY_COMPARE(m_window->listPane()->eventCount(), 1);
            QTRY_VERIFY(!panel->isVisible());
        }
        QTableView *start = m_window->listPane()->table();
        start->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), start);

        bool details = false, filter = false, sample = false, back = false;
        for (int i = 0; i < 80 && !back; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QWidget *w = QApplication::focusWidget();
            QVERIFY(w);
            QVERIFY2(w->isVisible(), qPrintable(w->metaObject()->className()));
            details |= m_window->detailPane()->isAncestorOf(w);
            filter |= m_window->listPane()->isAncestorOf(w) && qobject_cast<QLineEdit *>(w) && !panel->isAncestorOf(w);
            sample |= panel->isAncestorOf(w) && w->objectName().startsWith(QLatin1String("sample:"));
            back = w == start;
        }
        QVERIFY2(back, "the Tab chain does not come back to the table");
        QVERIFY(details);
        QVERIFY(filter);
        QCOMPARE(sample, !withEvent); // the panel's buttons only while it shows
    }

    void shortcutsJumpBetweenPanes()
    {
        m_window->listPane()->focusFilter();
        QTest::keyClick(m_window, Qt::Key_1, Qt::AltModifier);
        QTRY_COMPARE(QApplication::focusWidget(), m_window->listPane()->table());
        QTest::keyClick(m_window, Qt::Key_2, Qt::AltModifier);
        QTRY_VERIFY(m_window->detailPane()->isAncestorOf(QApplication::focusWidget()));
    }

    void settingsOpenFromTheKeyboard()
    {
        bool opened = false;
        QTimer::singleShot(0, this, [&opened] {
            auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
            opened = dialog != nullptr;
            if (dialog)
                dialog->reject();
        });
        QTest::keyClick(m_window, Qt::Key_Comma, Qt::ControlModifier);
        QTRY_VERIFY(opened);
    }

private:
    std::unique_ptr<TestWindow> m_test;
    MainWindow *m_window = nullptr; // owned by m_test
};

QTEST_MAIN(TestKeyboard)

#include "tst_keyboard.moc"
