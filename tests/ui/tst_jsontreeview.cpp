// The Tree tab's loading: a body above LatestOnlyWorker::kSyncLimit is validated and read
// ahead on a worker, the newest body wins, and what arrives meanwhile (violations, a node to
// reveal) is applied once the tree is there.
#include "Banner.h"
#include "JsonTreeModel.h"
#include "JsonTreeView.h"
#include "LatestOnlyWorker.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

using namespace hookscope;

namespace {

// About `bytes` of JSON: {"orders": [{"id": 0, "tag": tag}, …], "count": 1}.
QByteArray orders(qsizetype bytes, const QByteArray &tag)
{
    QByteArray out = R"({"orders": [)";
    for (int i = 0; out.size() < bytes; ++i)
        out += QByteArray(i ? "," : "") + R"({"id": )" + QByteArray::number(i) + R"(, "tag": ")" + tag + R"("})";
    return out + R"(], "count": 1})";
}

} // namespace

class tst_JsonTreeView final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void smallBodyIsBuiltAtOnce();
    void bigBodyIsBuiltOnAWorker();
    void newestBodyWins();
    void violationsAndRevealWaitForTheTree();
    void invalidBigBodyShowsTheError();

private:
    static Banner *banner(JsonTreeView &view) { return view.findChild<Banner *>(QStringLiteral("treeBanner")); }
};

void tst_JsonTreeView::smallBodyIsBuiltAtOnce()
{
    JsonTreeView view;
    QSignalSpy loaded(&view, &JsonTreeView::loaded);
    view.setJson(R"({"a": [1, 2], "b": null})");
    QCOMPARE(loaded.count(), 1);
    QVERIFY(!view.isLoading());
    const QModelIndex document = view.model()->index(0, 0);
    QCOMPARE(view.model()->rowCount(document), 2);
    QCOMPARE(view.model()->index(0, JsonTreeModel::ValueColumn, document).data().toString(), QStringLiteral("[2 items]"));
    QCOMPARE(view.tree()->currentIndex(), document);
}

void tst_JsonTreeView::bigBodyIsBuiltOnAWorker()
{
    const QByteArray json = orders(2 * 1024 * 1024, "x");
    QVERIFY(json.size() > LatestOnlyWorker::kSyncLimit);
    JsonTreeView view;
    view.show();
    QSignalSpy loaded(&view, &JsonTreeView::loaded);
    view.setJson(json);
    QVERIFY(view.isLoading());
    QCOMPARE(view.model()->rowCount(), 0);
    QVERIFY2(banner(view)->text().startsWith(QStringLiteral("Building the tree of 2.0 MiB")), qPrintable(banner(view)->text()));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30'000);
    QVERIFY(!view.isLoading());
    QVERIFY(banner(view)->isHidden());
    const QModelIndex document = view.model()->index(0, 0);
    QVERIFY(view.tree()->isExpanded(document));
    QCOMPARE(view.model()->rowCount(document), 2);
    const QModelIndex ordersIndex = view.model()->index(0, 0, document);
    QVERIFY(ordersIndex.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString().endsWith(QStringLiteral("items]")));
    QCOMPARE(view.model()->nodeCount(), 3); // the document and its two members: nothing else yet
    view.tree()->expand(ordersIndex);
    // A batch (or a few, as the view fills its viewport and follows the scroll bar), never all.
    QTRY_VERIFY(view.model()->rowCount(ordersIndex) >= JsonTreeModel::kFetchBatch);
    QCOMPARE(view.model()->rowCount(ordersIndex) % JsonTreeModel::kFetchBatch, 0);
    QVERIFY(view.model()->canFetchMore(ordersIndex));
}

void tst_JsonTreeView::newestBodyWins()
{
    JsonTreeView view;
    QSignalSpy loaded(&view, &JsonTreeView::loaded);
    view.setJson(orders(2 * 1024 * 1024, "first"));
    view.clear(); // the event was deselected: nothing of it may show up later
    view.setJson(orders(3 * 1024 * 1024, "third"));
    view.setJson(orders(1024 * 1024, "second"));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30'000);
    QCoreApplication::processEvents(); // an older result, if it were not dropped, came before
    QCOMPARE(loaded.count(), 1);
    const QModelIndex first = view.model()->indexOfPointer(QStringLiteral("/orders/0/tag"));
    QCOMPARE(first.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), QStringLiteral("second"));
}

void tst_JsonTreeView::violationsAndRevealWaitForTheTree()
{
    JsonTreeView view;
    view.show();
    QSignalSpy loaded(&view, &JsonTreeView::loaded);
    view.setJson(orders(1024 * 1024, "x"));
    QVERIFY(view.isLoading());
    const QString pointer = QStringLiteral("/orders/%1/id").arg(JsonTreeModel::kFetchBatch + 5);
    view.setViolations({{pointer, QStringLiteral("<b>too big</b>"), QStringLiteral("maximum")}});
    QVERIFY(!view.revealPointer(pointer).isValid()); // not yet: remembered
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30'000);
    const QModelIndex current = view.tree()->currentIndex();
    QCOMPARE(current.data(JsonTreeModel::JsonPointerRole).toString(), pointer);
    QCOMPARE(current.data(JsonTreeModel::ViolationStateRole).toInt(), int(ViolationState::Offending));
    QCOMPARE(current.data(JsonTreeModel::ViolationMessagesRole).toStringList(), QStringList{QStringLiteral("<b>too big</b>")});
}

void tst_JsonTreeView::invalidBigBodyShowsTheError()
{
    QByteArray json = orders(1024 * 1024, "x");
    json.chop(1); // the closing brace
    JsonTreeView view;
    QSignalSpy loaded(&view, &JsonTreeView::loaded);
    view.setJson(json);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30'000);
    QCOMPARE(view.model()->rowCount(), 0);
    QVERIFY2(banner(view)->text().startsWith(QStringLiteral("Not valid JSON: unterminated object at offset %1").arg(json.size())),
             qPrintable(banner(view)->text()));
}

QTEST_MAIN(tst_JsonTreeView)
#include "tst_jsontreeview.moc"
