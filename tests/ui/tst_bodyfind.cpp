// Issue 24 points 6 and 11: find inside a body (Ctrl+F in the details, F3/Shift+F3, "match 2
// of 7"), the event filter's term marked in Body and Tree, a big body read whole on demand,
// and violating lines marked in Body.
#include "BodyView.h"
#include "EventDetailPane.h"
#include "EventListPane.h"
#include "FindBar.h"
#include "JsonHighlighter.h"
#include "JsonTreeDelegate.h"
#include "JsonTreeView.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>
#include <QToolButton>
#include <QTreeView>

using namespace hookscope;

namespace {

Event jsonEvent(qint64 id, const QByteArray &body)
{
    Event e;
    e.id = id;
    e.receivedAtMs = 1'700'000'000'000;
    e.method = "POST";
    e.target = "/hooks";
    e.contentType = "application/json";
    e.body = body;
    e.response.status = 200;
    return e;
}

const QByteArray kPassports =
    R"({"documents":[{"type":"Paspoort","number":"X1"},{"type":"ID card"},{"type":"paspoort"}],"note":"PASPOORT checked"})";

QPlainTextEdit *bodyText(QWidget *root)
{
    return root->findChild<QPlainTextEdit *>(QStringLiteral("bodyText"));
}

QString findStatus(QWidget *root)
{
    return root->findChild<QLabel *>(QStringLiteral("findStatus"))->text();
}

// About `bytes` of JSON, an array of objects; the last one carries `tail`.
QByteArray bigJson(qsizetype bytes, const QByteArray &tail)
{
    QByteArray out = "[";
    for (int i = 0; out.size() < bytes; ++i)
        out += QByteArray(i ? "," : "") + "{\"i\":" + QByteArray::number(i) + ",\"tag\":\"filler\"}";
    return out + ",{\"last\":\"" + tail + "\"}]";
}

} // namespace

class tst_BodyFind final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void ctrlFInTheDetailsFindsInTheBody();
    void ctrlFElsewhereStillFocusesTheEventFilter();
    void filterTermIsMarkedInBodyAndTree();
    void bigBodyCanBeReadWhole();
    void violatingLinesAreMarked_data();
    void violatingLinesAreMarked();
    void treeStringsAreQuotedApartFromNumbers();
};

void tst_BodyFind::ctrlFInTheDetailsFindsInTheBody()
{
    EventDetailPane pane;
    pane.resize(900, 600);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.tabs()->setCurrentIndex(EventDetailPane::HeadersTab);
    pane.setEvent(jsonEvent(1, kPassports));
    pane.tabs()->currentWidget()->setFocus();
    QTRY_VERIFY(pane.tabs()->currentWidget()->hasFocus());
    QTest::keyClick(pane.tabs()->currentWidget(), Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(pane.tabs()->currentIndex(), int(EventDetailPane::BodyTab));
    FindBar *bar = pane.bodyView()->findBar();
    QVERIFY(bar->isVisible());
    auto *field = bar->findChild<QLineEdit *>(QStringLiteral("findField"));
    QTRY_VERIFY(field->hasFocus());
    QTest::keyClicks(field, QStringLiteral("paspoort"));
    QTRY_COMPARE(findStatus(&pane), QStringLiteral("match 1 of 3")); // case-insensitive
    QCOMPARE(bodyText(&pane)->textCursor().selectedText(), QStringLiteral("Paspoort"));
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(findStatus(&pane), QStringLiteral("match 2 of 3"));
    QTest::keyClick(field, Qt::Key_F3);
    QCOMPARE(findStatus(&pane), QStringLiteral("match 3 of 3"));
    QCOMPARE(bodyText(&pane)->textCursor().selectedText(), QStringLiteral("PASPOORT"));
    QTest::keyClick(bodyText(&pane), Qt::Key_F3);
    QCOMPARE(findStatus(&pane), QStringLiteral("match 1 of 3")); // wraps
    QTest::keyClick(bodyText(&pane), Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(findStatus(&pane), QStringLiteral("match 3 of 3"));
    // Every match is marked, the current one too.
    QCOMPARE(bodyText(&pane)->extraSelections().size(), 3);
    // Another event: the term stays and is searched again.
    pane.setEvent(jsonEvent(2, R"({"type":"Paspoort"})"));
    QCOMPARE(findStatus(&pane), QStringLiteral("match 1 of 1"));
    QTest::keyClick(field, Qt::Key_Escape);
    QVERIFY(bar->isHidden());
    QTRY_VERIFY(bodyText(&pane)->hasFocus());
    // Payload text in the field stays plain: the status never renders it.
    QCOMPARE(pane.findChild<QLabel *>(QStringLiteral("findStatus"))->textFormat(), Qt::PlainText);
}

void tst_BodyFind::ctrlFElsewhereStillFocusesTheEventFilter()
{
    QWidget window;
    auto *list = new EventListPane(&window);
    auto *detail = new EventDetailPane(&window);
    auto *layout = new QHBoxLayout(&window);
    layout->addWidget(list);
    layout->addWidget(detail);
    window.resize(1200, 600);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    detail->setEvent(jsonEvent(1, kPassports));
    list->table()->setFocus();
    QTRY_VERIFY(list->table()->hasFocus());
    QTest::keyClick(list->table(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(list->filterEdit()->hasFocus());
    QVERIFY(detail->bodyView()->findBar()->isHidden());
    bodyText(detail)->setFocus();
    QTRY_VERIFY(bodyText(detail)->hasFocus());
    QTest::keyClick(bodyText(detail), Qt::Key_F, Qt::ControlModifier);
    QVERIFY(detail->bodyView()->findBar()->isVisible());
    QVERIFY(!list->filterEdit()->hasFocus());
}

void tst_BodyFind::filterTermIsMarkedInBodyAndTree()
{
    EventListPane list;
    EventDetailPane pane;
    connect(&list, &EventListPane::searchTermChanged, &pane, &EventDetailPane::setSearchTerm);
    pane.resize(900, 600);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.setEvent(jsonEvent(1, kPassports));
    QSignalSpy term(&list, &EventListPane::searchTermChanged);
    list.setFilterText(QStringLiteral(" Paspoort "));
    QCOMPARE(term.size(), 1);
    QCOMPARE(term.at(0).at(0).toString(), QStringLiteral("Paspoort"));
    // Body: marked, counted and scrolled to, with the bar showing the count.
    QVERIFY(pane.bodyView()->findBar()->isVisible());
    QCOMPARE(findStatus(&pane), QStringLiteral("match 1 of 3"));
    QCOMPARE(bodyText(&pane)->extraSelections().size(), 3);
    // Tree: the cells that contain it are tinted.
    pane.tabs()->setCurrentIndex(EventDetailPane::TreeTab);
    QTreeView *tree = pane.treeView()->tree();
    auto *delegate = qobject_cast<JsonTreeDelegate *>(tree->itemDelegate());
    QVERIFY(delegate);
    QTRY_VERIFY(tree->model()->rowCount() > 0);
    const QModelIndexList notes =
        tree->model()->match(tree->model()->index(0, 0), Qt::DisplayRole, QStringLiteral("note"), 1,
                             Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(notes.size(), 1);
    const QModelIndex note = notes.first().siblingAtColumn(1); // "note": "PASPOORT checked"
    QVERIFY2(note.data().toString().contains(QStringLiteral("PASPOORT")), qPrintable(note.data().toString()));
    QVERIFY(delegate->matches(note));
    QVERIFY(!delegate->matches(notes.first())); // the key "note" does not contain it
    // Cleared filter: no marks.
    list.setFilterText(QString());
    QCOMPARE(bodyText(&pane)->extraSelections().size(), 0);
    QVERIFY(!delegate->matches(note));
}

void tst_BodyFind::bigBodyCanBeReadWhole()
{
    BodyView view;
    view.resize(800, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy loaded(&view, &BodyView::loaded);
    view.setBody(bigJson(3 * 1024 * 1024, "the-very-end"), "application/json");
    QTRY_COMPARE(loaded.size(), 1);
    auto *showAll = view.findChild<QToolButton *>(QStringLiteral("bodyShowAll"));
    QVERIFY(showAll->isVisible());
    QVERIFY(!bodyText(&view)->toPlainText().contains(QStringLiteral("the-very-end")));
    showAll->click();
    QTRY_COMPARE(loaded.size(), 2);
    QVERIFY(showAll->isHidden());
    QVERIFY(view.pendingChars() > 0); // the rest waits for scrolling
    // Coloured: the highlighter runs on the whole text.
    QVERIFY(bodyText(&view)->document()->findChild<JsonHighlighter *>());
    QTRY_VERIFY(!bodyText(&view)->document()->firstBlock().next().layout()->formats().isEmpty());
    // Scrolling to the end brings more, until all of it is there.
    QScrollBar *bar = bodyText(&view)->verticalScrollBar();
    const qsizetype before = view.pendingChars();
    bar->setValue(bar->maximum());
    QVERIFY(view.pendingChars() < before);
    for (int i = 0; i < 1000 && view.pendingChars() > 0; ++i)
        bar->setValue(bar->maximum());
    QCOMPARE(view.pendingChars(), 0);
    const QTextBlock last = bodyText(&view)->document()->find(QStringLiteral("the-very-end")).block();
    QVERIFY(last.isValid());
    QVERIFY(last.blockNumber() > bodyText(&view)->document()->blockCount() - 5);
    QVERIFY(!last.layout()->formats().isEmpty()); // coloured to the end
    // Find looks through the whole of it.
    view.setBody(bigJson(3 * 1024 * 1024, "the-very-end"), "application/json");
    QTRY_COMPARE(loaded.size(), 3);
    showAll->click();
    QTRY_COMPARE(loaded.size(), 4);
    view.openFind();
    QCOMPARE(view.pendingChars(), 0);
    view.setSearchTerm(QStringLiteral("the-very-end"));
    QCOMPARE(view.findBar()->matchCount(), 1);
}

void tst_BodyFind::violatingLinesAreMarked_data()
{
    QTest::addColumn<QByteArray>("violations");
    QTest::addColumn<QList<int>>("lines");
    // Pretty-printed: 0 "{", 1 "order": -1, 2 "customer": {, 3 "name": "x", 4 }, 5 }
    QTest::newRow("a value marks its line")
        << QByteArray(R"([{"pointer":"/order","message":"'order' must be >= 0, got -1","keyword":"minimum"}])") << QList<int>{1};
    QTest::newRow("a missing property marks its parent's line")
        << QByteArray(R"([{"pointer":"/customer/email","message":"missing required property 'email'","keyword":"required"}])")
        << QList<int>{2};
    QTest::newRow("two on different lines")
        << QByteArray(R"([{"pointer":"/customer/name","message":"a","keyword":"type"},{"pointer":"/order","message":"b","keyword":"type"}])")
        << QList<int>{1, 3};
    QTest::newRow("the whole document") << QByteArray(R"([{"pointer":"","message":"m","keyword":"type"}])") << QList<int>{0};
    QTest::newRow("none") << QByteArray("[]") << QList<int>{};
}

void tst_BodyFind::violatingLinesAreMarked()
{
    QFETCH(QByteArray, violations);
    QFETCH(QList<int>, lines);
    EventDetailPane pane;
    pane.setEvent(jsonEvent(1, R"({"order":-1,"customer":{"name":"x"}})"));
    EventInfo info;
    info.id = 1;
    info.kind = QStringLiteral("k");
    info.validity = EventInfo::Validity::Invalid;
    info.violationsJson = violations;
    pane.setInfo(info);
    BodyView *body = pane.bodyView();
    QCOMPARE(body->markedLines(), lines);
    QCOMPARE(bodyText(&pane)->extraSelections().size(), lines.size());
    if (!lines.isEmpty())
        QVERIFY(!body->markMessages(lines.first()).isEmpty());
    if (QTest::currentDataTag() == QByteArrayLiteral("a value marks its line"))
        QCOMPARE(body->markMessages(1), QStringList{QStringLiteral("/order: 'order' must be >= 0, got -1")});
}

void tst_BodyFind::treeStringsAreQuotedApartFromNumbers()
{
    JsonTreeView view;
    view.setJson(R"({"a":"123","b":123})");
    QTreeView *tree = view.tree();
    const QModelIndex root = tree->model()->index(0, 0);
    tree->expand(root);
    const QModelIndex a = tree->model()->index(0, 1, root);
    const QModelIndex b = tree->model()->index(1, 1, root);
    QCOMPARE(a.data().toString(), QStringLiteral("123"));
    QCOMPARE(b.data().toString(), QStringLiteral("123"));
    // The delegate shows the string with its quotes: wider by two quote marks.
    QStyleOptionViewItem option;
    option.initFrom(tree);
    const int quotes = tree->fontMetrics().horizontalAdvance(QStringLiteral("\"\""));
    QCOMPARE(tree->itemDelegate()->sizeHint(option, a).width() - tree->itemDelegate()->sizeHint(option, b).width(), quotes);
}

QTEST_MAIN(tst_BodyFind)
#include "tst_bodyfind.moc"
