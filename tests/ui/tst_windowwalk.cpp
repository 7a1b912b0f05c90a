// Issue 24's remaining findings of the user's walk (the report's numbers), each in a real window
// on a real receiver: selection and current row (14), translations with problems first (16),
// one place for hold settings (18), complete menus (19), the first run's held sample (21),
// units (24), the toolbar (26), the status bar's count (28) and an empty filter result (30).
#include "ClearDialog.h"
#include "EventDetailPane.h"
#include "ExchangeActions.h"
#include "ExportDialog.h"
#include "ForwardDialog.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "FirstRunPanel.h"
#include "HoldPolicyModel.h"
#include "HoldSettingsPage.h"
#include "HoldController.h"
#include "MainMenuBar.h"
#include "MainToolBar.h"
#include "MainWindow.h"
#include "NoMatchNote.h"
#include "RowActions.h"
#include "SelectionNote.h"
#include "SettingsDialog.h"
#include "ShortcutsDialog.h"
#include "StatusBarPane.h"
#include "TestWindow.h"
#include "TranslationTableModel.h"
#include "TranslationsPane.h"
#include "session/CaptureSession.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QSpinBox>
#include <QDialogButtonBox>
#include <QCompleter>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QStackedWidget>
#include <QScrollArea>
#include <QTimer>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPushButton>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QWidgetAction>

#include <functional>

using namespace hookscope;

namespace {

// Every action reachable from the menu bar, submenus included.
QList<QAction *> menuActions(const QMenuBar *bar)
{
    QList<QAction *> all;
    const std::function<void(const QMenu *)> walk = [&](const QMenu *menu) {
        for (QAction *action : menu->actions()) {
            all.append(action);
            if (action->menu())
                walk(action->menu());
        }
    };
    for (QAction *top : bar->actions()) {
        if (top->menu())
            walk(top->menu());
    }
    return all;
}

// The fake inspector reads "kind" from the body.
QByteArray body(const QString &kind, int n)
{
    return QStringLiteral(R"({"kind": "%1", "n": %2})").arg(kind).arg(n).toUtf8();
}

} // namespace

class tst_WindowWalk final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        TestWindow::useTestSettings(QStringLiteral("hookscope-tests-windowwalk"));
        m_network.setProxy(QNetworkProxy::NoProxy);
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
    }

    // 14: the details show the highlighted row; Ctrl+End/Home select; a filter that hides the
    // selected row leaves the row it moved to selected; several rows say so above the details.
    void detailsFollowTheHighlightedRow()
    {
        for (int i = 1; i <= 5; ++i)
            post("/hooks/" + QByteArray::number(i), body(i % 2 ? QStringLiteral("odd") : QStringLiteral("even"), i));
        EventListPane *list = m_window->listPane();
        QTRY_COMPARE(list->eventCount(), 5);
        QTableView *table = list->table();
        const QAbstractItemModel *model = table->model();
        QAbstractItemModelTester tester(const_cast<QAbstractItemModel *>(model),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto agree = [&] {
            const QModelIndex current = table->currentIndex();
            return current.isValid() && table->selectionModel()->selectedRows().size() == 1
                && table->selectionModel()->isRowSelected(current.row(), {})
                && m_window->detailPane()->eventId() == current.data(EventTableModel::IdRole).toLongLong();
        };
        table->setFocus();
        table->selectionModel()->setCurrentIndex(model->index(1, 0),
                                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QTRY_VERIFY(agree());

        QTest::keyClick(table, Qt::Key_End, Qt::ControlModifier);
        QTRY_VERIFY(agree());
        QCOMPARE(table->currentIndex().row(), 4);
        QTest::keyClick(table, Qt::Key_Home, Qt::ControlModifier);
        QTRY_VERIFY(agree());
        QCOMPARE(table->currentIndex().row(), 0);
        QTest::keyClick(table, Qt::Key_Down, Qt::ControlModifier); // moves the focus only, in Qt
        QTRY_VERIFY(agree());
        QCOMPARE(table->currentIndex().row(), 1);

        // The selected row is an "even" one; showing only "odd" ones moves the current row.
        const qint64 hidden = table->currentIndex().data(EventTableModel::IdRole).toLongLong();
        QTRY_VERIFY(list->kindCombo()->findData(QStringLiteral("odd")) > 0); // once the kinds are known
        list->kindCombo()->setCurrentIndex(list->kindCombo()->findData(QStringLiteral("odd")));
        QTRY_COMPARE(model->rowCount(), 3);
        QTRY_VERIFY(agree());
        QVERIFY(m_window->detailPane()->eventId() != hidden);

        // Several rows: the details say which one they show and offer what applies to all.
        SelectionNote *note = m_window->detailPane()->selectionNote();
        QVERIFY(!note->isVisible());
        table->selectionModel()->select(model->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QTRY_VERIFY(note->isVisible());
        QVERIFY2(note->label()->text().startsWith(QLatin1String("2 events selected")), qPrintable(note->label()->text()));
        QVERIFY(note->label()->text().contains(QLatin1Char('#') + QString::number(m_window->detailPane()->eventId())));
        QVERIFY(note->compareButton()->isVisible());
        QVERIFY(note->exportButton()->isEnabled());
        QVERIFY(note->deleteButton()->isEnabled());
        QTest::mouseClick(note->compareButton(), Qt::LeftButton);
        QCOMPARE(m_window->detailPane()->tabs()->currentIndex(), int(EventDetailPane::DiffTab));
        table->selectAll();
        QTRY_VERIFY(note->label()->text().startsWith(QLatin1String("3 events selected")));
        QVERIFY(!note->compareButton()->isVisible()); // Diff compares two
        table->selectionModel()->setCurrentIndex(model->index(0, 0),
                                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QTRY_VERIFY(!note->isVisible());
        QTRY_VERIFY(agree());

        // Ctrl+click adds a row, Ctrl+click takes it out again: the details go back to the one left.
        const QRect third = table->visualRect(model->index(2, table->columnAt(5)));
        QVERIFY(!third.isEmpty());
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier, third.center());
        QTRY_COMPARE(table->selectionModel()->selectedRows().size(), 2);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier, third.center());
        QTRY_VERIFY(agree());
        QCOMPARE(table->currentIndex().row(), 0);
    }

    // 16: the field with the one missing language is the first row, not the last.
    void translationProblemsComeFirst()
    {
        post("/hooks/t", R"({"kind": "t", "translations": {
            "name": [{"language": "en", "value": "Loans"}, {"language": "fr", "value": "Prêts"}],
            "title": [{"language": "en", "value": "Title"}, {"language": "fr", "value": "Titre"}],
            "street": [{"language": "en", "value": "Main"}, {"language": "fr", "value": ""}],
            "city": [{"language": "en", "value": "Ghent"}]}})");
        QTRY_COMPARE(m_window->listPane()->eventCount(), 1);
        selectRow(0);
        EventDetailPane *detail = m_window->detailPane();
        detail->tabs()->setCurrentIndex(EventDetailPane::TranslationsTab);
        const TranslationTableModel *model = detail->translationsPane()->model();
        QTRY_COMPARE(model->rowCount(), 4);
        QAbstractItemModelTester tester(const_cast<TranslationTableModel *>(model),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto pointer = [&](int row) { return model->index(row, TranslationTableModel::PointerColumn).data().toString(); };
        // Problems first (a missing value, an empty one), each group in the index's order.
        QCOMPARE(pointer(0), QStringLiteral("/translations/city"));
        QCOMPARE(pointer(1), QStringLiteral("/translations/street"));
        QCOMPARE(pointer(2), QStringLiteral("/translations/name"));
        QCOMPARE(pointer(3), QStringLiteral("/translations/title"));
        const int fr = model->columnOf(QStringLiteral("fr"));
        QCOMPARE(model->index(0, fr).data(TranslationTableModel::CellStateRole).toInt(),
                 int(TranslationTableModel::CellState::Missing));
        QCOMPARE(model->index(1, fr).data(TranslationTableModel::CellStateRole).toInt(),
                 int(TranslationTableModel::CellState::Empty));
        // The table as TSV keeps the body's order (it is what `hookscope translations` prints).
        QVERIFY(model->tableTsv().indexOf(QLatin1String("/translations/name"))
                < model->tableTsv().indexOf(QLatin1String("/translations/street")));
        QVERIFY(model->tableTsv().indexOf(QLatin1String("/translations/city"))
                < model->tableTsv().indexOf(QLatin1String("/translations/name")));
    }

    // 19: every toolbar action, the row actions and the panels are in the menu bar, with their
    // shortcuts shown; the shortcut list is read from the menus.
    void menusHoldEveryAction()
    {
        const QList<QAction *> inMenus = menuActions(m_window->menus());
        for (QAction *action : m_window->toolBar()->actions()) {
            if (action->isSeparator() || qobject_cast<QWidgetAction *>(action))
                continue; // the port box, the public URL
            QVERIFY2(inMenus.contains(action), qPrintable(action->text()));
        }
        EventListPane *list = m_window->listPane();
        auto *rows = m_window->findChild<RowActions *>();
        QVERIFY(rows);
        for (QAction *action : {list->deleteAction(), m_window->replayAction(), rows->copyBodyAction(),
                                rows->copyUrlAction(), rows->onlyThisKindAction(),
                                m_window->holdController()->dock()->toggleViewAction(),
                                m_window->firstRunPanel()->samplesMenu()->menuAction(),
                                m_window->menus()->shortcutsAction()}) {
            QVERIFY2(inMenus.contains(action), qPrintable(action->text()));
        }
        QCOMPARE(m_window->menus()->findAction()->shortcut(), QKeySequence(QKeySequence::Find));
        QCOMPARE(list->deleteAction()->shortcut(), QKeySequence(QKeySequence::Delete));
        QVERIFY(std::any_of(inMenus.cbegin(), inMenus.cend(),
                            [](const QAction *a) { return a->menu() && a->menu()->title() == QLatin1String("&Columns"); }));
        // The row's context menu.
        const QList<QAction *> context = list->table()->actions();
        for (QAction *action : {m_window->replayAction(), rows->copyBodyAction(), rows->copyUrlAction(),
                                rows->onlyThisKindAction(), list->deleteAction()})
            QVERIFY2(context.contains(action), qPrintable(action->text()));

        // Ctrl+F shown in the menu stays one key: it still goes to the filter box.
        m_window->activateWindow();
        list->table()->setFocus();
        QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(list->filterEdit()->hasFocus());

        ShortcutsDialog shortcuts(m_window->menus());
        QStringList lines;
        for (int row = 0; row < shortcuts.table()->rowCount(); ++row)
            lines.append(shortcuts.table()->item(row, 0)->text() + QLatin1Char('=') + shortcuts.table()->item(row, 1)->text());
        QVERIFY2(lines.contains(QStringLiteral("Edit › Find…=") + QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)),
                 qPrintable(lines.join(u'\n')));
        QVERIFY2(std::any_of(lines.cbegin(), lines.cend(), [](const QString &l) { return l.startsWith(QStringLiteral("Edit › Delete Selected Events=")); }),
                 qPrintable(lines.join(u'\n')));
    }

    // 19: a row's actions act on it: Show Only This Kind filters, Copy Request URL copies.
    void rowActionsActOnTheCurrentRow()
    {
        post("/hooks/a", body(QStringLiteral("alpha"), 1));
        post("/hooks/b", body(QStringLiteral("beta"), 2));
        EventListPane *list = m_window->listPane();
        QTRY_COMPARE(list->eventCount(), 2);
        QTRY_VERIFY(list->kindCombo()->findData(QStringLiteral("beta")) > 0);
        auto *rows = m_window->findChild<RowActions *>();
        QVERIFY(rows);
        selectRow(1);
        QTRY_VERIFY(rows->onlyThisKindAction()->isEnabled());
        rows->onlyThisKindAction()->trigger();
        QTRY_COMPARE(list->table()->model()->rowCount(), 1);
        QCOMPARE(list->kindCombo()->currentData().toString(), QStringLiteral("beta"));
    }

    // 21: the first run says which sample is held and what will happen, before the click; the
    // empty details' tabs are dimmed; the samples stay in File after the first event.
    void firstRunExplainsTheHeldSample()
    {
        FirstRunPanel *panel = m_window->firstRunPanel();
        QTRY_VERIFY(panel->isVisible());
        QVERIFY(panel->heldNote()->isVisible());
        QVERIFY2(panel->heldNote()->text().contains(QLatin1String("before-book-appointment")), qPrintable(panel->heldNote()->text()));
        QVERIFY2(panel->heldNote()->text().contains(QLatin1String("Respond panel")), qPrintable(panel->heldNote()->text()));
        QVERIFY2(panel->heldNote()->text().contains(QLatin1String("10 s")), qPrintable(panel->heldNote()->text()));
        QString heldText;
        QString plainText;
        for (QAction *action : panel->sampleActions()) {
            if (action->objectName() == QLatin1String("sample:before-book-appointment"))
                heldText = action->text();
            if (action->objectName() == QLatin1String("sample:after-book-appointment"))
                plainText = action->text();
        }
        for (QPushButton *button : panel->sampleButtons()) {
            if (button->objectName() == QLatin1String("sample:before-book-appointment"))
                heldText = button->text();
            if (button->objectName() == QLatin1String("sample:after-book-appointment"))
                plainText = button->text();
        }
        QVERIFY2(heldText.contains(QLatin1String("held")), qPrintable(heldText));
        QVERIFY2(!plainText.isEmpty() && !plainText.contains(QLatin1String("held")), qPrintable(plainText));

        const QTabBar *tabs = m_window->detailPane()->tabs()->tabBar();
        const QColor dim = m_window->detailPane()->palette().color(QPalette::PlaceholderText);
        for (int tab = 0; tab < tabs->count(); ++tab)
            QCOMPARE(tabs->tabTextColor(tab), dim);

        post("/hooks/x", body(QStringLiteral("x"), 1));
        QTRY_VERIFY(!panel->isVisible());
        QMenu *samples = panel->samplesMenu();
        QVERIFY(samples->isEnabled());
        QVERIFY(!samples->actions().isEmpty());
        QVERIFY(menuActions(m_window->menus()).contains(samples->menuAction()));
        QAction *jicoo = samples->findChild<QAction *>(QStringLiteral("menuSample:jicoo"));
        QVERIFY(jicoo);
        jicoo->trigger();
        QTRY_COMPARE(m_window->listPane()->eventCount(), 2);
        selectRow(0);
        for (int tab = 0; tab < tabs->count(); ++tab) // an event shown: Body, Headers… are not dim
            QVERIFY(tab != EventDetailPane::BodyTab || tabs->tabTextColor(tab) != dim);
    }

    // 28: a passing message covers the left of the status bar, never the count.
    void statusMessagesKeepTheCount()
    {
        post("/hooks/a", body(QStringLiteral("a"), 1));
        post("/hooks/b", body(QStringLiteral("a"), 2));
        QTRY_COMPARE(m_window->listPane()->eventCount(), 2);
        auto *count = m_window->statusBar()->findChild<QLabel *>(QStringLiteral("countLabel"));
        QVERIFY(count);
        QTRY_COMPARE(count->text(), QStringLiteral("2 events"));
        m_window->statusBar()->showMessage(QStringLiteral("Copied ngrok http 18777"), 60'000);
        QVERIFY(count->isVisible());
        QVERIFY(!count->visibleRegion().isEmpty());
        const QRect inBar(count->mapTo(m_window->statusBar(), QPoint(0, 0)), count->size());
        QVERIFY2(m_window->statusBar()->rect().contains(inBar), "the count lies inside the status bar");
        // The message has the room left of the count.
        const int messageRoom = inBar.left();
        QVERIFY2(messageRoom > m_window->statusBar()->fontMetrics().horizontalAdvance(QStringLiteral("Copied ngrok http 18777")),
                 qPrintable(QString::number(messageRoom)));
        post("/hooks/c", body(QStringLiteral("a"), 3));
        QTRY_COMPARE(count->text(), QStringLiteral("3 events"));
    }

    // 30: a filter that matches nothing says so over the table.
    void emptyFilterResultSaysSo()
    {
        post("/hooks/a", body(QStringLiteral("a"), 1));
        post("/hooks/b", body(QStringLiteral("a"), 2));
        EventListPane *list = m_window->listPane();
        QTRY_COMPARE(list->eventCount(), 2);
        NoMatchNote *note = list->noMatchNote();
        QVERIFY(!note->isVisible());
        list->setFilterText(QStringLiteral("no-event-has-this"));
        QTRY_VERIFY(note->isVisible());
        QCOMPARE(list->table()->model()->rowCount(), 0);
        QVERIFY2(note->text().startsWith(QLatin1String("No events match the filter (2 events hidden)")), qPrintable(note->text()));
        const QRect viewport = list->table()->viewport()->rect();
        QVERIFY(viewport.contains(note->geometry()));
        QVERIFY(note->height() >= note->fontMetrics().height() * 2); // both lines, not cut
        list->setFilterText(QStringLiteral("hooks/b"));
        QTRY_COMPARE(list->table()->model()->rowCount(), 1);
        QVERIFY(!note->isVisible());
        list->setFilterText(QString());
        QTRY_COMPARE(list->table()->model()->rowCount(), 2);
        QVERIFY(!note->isVisible());
    }


    // 24: sizes in powers of 1024 are named KiB/MiB, the same in the table and the details.
    void sizesNameTheirUnits()
    {
        QByteArray big = "{\"kind\": \"size\", \"pad\": \"";
        big += QByteArray(10'361 - big.size() - 2, 'x');
        big += "\"}";
        QCOMPARE(big.size(), 10'361);
        post("/hooks/size", big);
        post("/hooks/small", body(QStringLiteral("size"), 1));
        QTRY_COMPARE(m_window->listPane()->eventCount(), 2);
        const QAbstractItemModel *model = m_window->listPane()->table()->model();
        QTRY_COMPARE(model->index(0, EventTableModel::BodySizeColumn).data().toString(), QStringLiteral("10.1 KiB"));
        QCOMPARE(model->index(1, EventTableModel::BodySizeColumn).data().toString(),
                 QStringLiteral("%1 B").arg(body(QStringLiteral("size"), 1).size()));
        selectRow(0);
        auto *info = m_window->detailPane()->findChild<QLabel *>(QStringLiteral("bodyInfo"));
        QVERIFY(info);
        QTRY_VERIFY2(info->text().contains(QLatin1String("10.1 KiB")), qPrintable(info->text()));
        selectRow(1);
        QTRY_VERIFY2(info->text().contains(QStringLiteral("%1 B").arg(body(QStringLiteral("size"), 1).size())),
                     qPrintable(info->text()));
        QVERIFY2(!info->text().contains(QLatin1String("bytes")), qPrintable(info->text()));
    }

    // 26: every toolbar button has an icon; the greyed port box says why.
    void toolbarButtonsHaveIconsAndThePortSaysWhy()
    {
        for (QAction *action : m_window->toolBar()->actions()) {
            if (action->isSeparator() || qobject_cast<QWidgetAction *>(action))
                continue;
            QVERIFY2(!action->icon().isNull(), qPrintable(action->text()));
        }
        auto *port = m_window->toolBar()->findChild<QSpinBox *>(QStringLiteral("portSpin"));
        QVERIFY(port);
        QVERIFY(m_window->session()->isListening());
        QVERIFY(!port->isEnabled());
        QVERIFY2(port->toolTip().contains(QLatin1String("Stop")), qPrintable(port->toolTip()));
        m_window->stopReceiver();
        QVERIFY(port->isEnabled());
        QVERIFY(!port->toolTip().contains(QLatin1String("Stop")));
    }

    // 18: "Hold settings…" opens the one editor, Settings ▸ Holding; a kind without presets
    // shows "—" as its default answer, not a preset it does not have.
    void holdSettingsOpenTheSettingsHoldingPage()
    {
        QString shown;
        QStringList defaults;
        QTimer driver; // the dialog is modal: read it from inside its own event loop
        driver.setInterval(20);
        connect(&driver, &QTimer::timeout, this, [&] {
            auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
            if (!dialog || !dialog->isVisible())
                return;
            auto *stack = dialog->findChild<QStackedWidget *>();
            auto *scroll = stack ? qobject_cast<QScrollArea *>(stack->currentWidget()) : nullptr;
            if (auto *page = scroll ? qobject_cast<HoldSettingsPage *>(scroll->widget()) : nullptr) {
                shown = page->title();
                const QAbstractItemModel *model = page->view()->model();
                for (int row = 0; row < model->rowCount(); ++row) {
                    const QModelIndex index = model->index(row, HoldPolicyModel::DefaultColumn);
                    auto *delegate = qobject_cast<QStyledItemDelegate *>(page->view()->itemDelegateForColumn(HoldPolicyModel::DefaultColumn));
                    if (delegate) // what the cell shows: the delegate's display text
                        defaults.append(model->index(row, HoldPolicyModel::KindColumn).data().toString() + QLatin1Char('=')
                                        + displayed(delegate, index));
                }
            }
            dialog->reject();
        });
        driver.start();
        m_window->holdController()->settingsAction()->trigger();
        driver.stop();
        QCOMPARE(shown, QStringLiteral("Holding"));
        const auto cell = [&](const QString &kind) {
            for (const QString &line : std::as_const(defaults)) {
                if (line.startsWith(kind + QLatin1Char('=')))
                    return line.mid(kind.size() + 1);
            }
            return QString();
        };
        QVERIFY2(cell(QStringLiteral("callback-request")).startsWith(QStringLiteral("—")), qPrintable(defaults.join(u'\n')));
        QVERIFY2(!cell(QStringLiteral("before-book-appointment")).startsWith(QStringLiteral("—")), qPrintable(defaults.join(u'\n')));
    }

    // 25: Clear's dialog is wide enough for its title and Enter keeps the events; Export opens
    // in the user's folders on first use, not at the filesystem root.
    void dialogsStartSafe()
    {
        ClearDialog clear(3, m_window);
        clear.show();
        QVERIFY(QTest::qWaitForWindowExposed(&clear));
        auto *buttons = clear.findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        QVERIFY(buttons->button(QDialogButtonBox::Cancel)->isDefault());
        QVERIFY(clear.width() >= clear.fontMetrics().horizontalAdvance(QStringLiteral("Clear events — Hookscope")) + 100);
        clear.reject();

        QSettings().remove(QStringLiteral("exchange/folder"));
        post("/hooks/a", body(QStringLiteral("a"), 1));
        QTRY_COMPARE(m_window->listPane()->eventCount(), 1);
        QString folder;
        QTimer driver; // the dialog is modal: read it from inside its own event loop
        driver.setInterval(20);
        connect(&driver, &QTimer::timeout, this, [&] {
            if (auto *dialog = qobject_cast<ExportDialog *>(QApplication::activeModalWidget()); dialog && dialog->isVisible()) {
                folder = dialog->directory().absolutePath();
                dialog->reject();
            }
        });
        driver.start();
        m_window->exchange()->exportAllAction()->trigger();
        driver.stop();
        const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        QVERIFY2(folder == (QFileInfo(documents).isDir() ? documents : QDir::homePath()), qPrintable(folder));

        // Forward's Kind offers the known kinds as you type.
        ForwardDialog forward({}, {}, m_window);
        QCompleter *completer = forward.kindEdit()->completer();
        QVERIFY(completer);
        QStringList offered;
        for (int row = 0; row < completer->model()->rowCount(); ++row)
            offered.append(completer->model()->index(row, 0).data().toString());
        QVERIFY2(offered.contains(QStringLiteral("before-book-appointment")), qPrintable(offered.join(u',')));
    }

private:
    // The text a delegate paints for index (its initStyleOption, which is protected).
    static QString displayed(QStyledItemDelegate *delegate, const QModelIndex &index)
    {
        struct Peek : QStyledItemDelegate
        {
            static QString text(QStyledItemDelegate *d, const QModelIndex &i)
            {
                QStyleOptionViewItem option;
                (d->*(&Peek::initStyleOption))(&option, i);
                return option.text;
            }
        };
        return Peek::text(delegate, index);
    }

    void post(const QByteArray &target, const QByteArray &json)
    {
        QNetworkRequest request(m_window->session()->url().resolved(QUrl(QString::fromUtf8(target))));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply = m_network.post(request, json);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        reply->deleteLater();
    }

    void selectRow(int row)
    {
        QTableView *table = m_window->listPane()->table();
        table->setFocus();
        table->selectionModel()->setCurrentIndex(table->model()->index(row, 0),
                                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }

    std::unique_ptr<TestWindow> m_test;
    MainWindow *m_window = nullptr; // m_test's
    QNetworkAccessManager m_network;
};

QTEST_MAIN(tst_WindowWalk)

#include "tst_windowwalk.moc"
