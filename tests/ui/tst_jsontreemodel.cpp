#include "JsonTreeModel.h"
#include "JsonTreeView.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QScrollBar>
#include <QTreeView>

using namespace hookscope;

namespace {

// About `bytes` of realistic, nested webhook-like JSON: an array of order objects.
QByteArray bigDocument(qsizetype bytes)
{
    QByteArray out = "{\"orders\": [";
    for (int i = 0; out.size() < bytes; ++i) {
        if (i)
            out += ',';
        out += QStringLiteral(R"({"id": %1, "customer": {"name": "Customer %1", "email": "c%1@example.com"},
            "items": [{"sku": "A-%1", "qty": 2, "price": 9.95}, {"sku": "B-%1", "qty": 1, "price": 120.00}],
            "paid": true, "note": null})")
                   .arg(i)
                   .toUtf8();
    }
    out += "], \"count\": 1}";
    return out;
}

QModelIndex childByKey(const JsonTreeModel &model, const QModelIndex &parent, const QString &key)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex child = model.index(row, 0, parent);
        if (child.data(JsonTreeModel::KeyRole).toString() == key)
            return child;
    }
    return {};
}

} // namespace

class tst_JsonTreeModel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void childrenExistOnlyAfterFetch();
    void modelTesterWhileExpanding();
    void keysInSenderOrderAndCountsShown();
    void jsonPointerEscapesTildeAndSlash();
    void invalidDocumentShowsNoRows();
    void fetchAllStopsAtTheCap();
    void twentyMegabytesOpenQuickly();
    void viewCopiesValueKeyAndPointer();
    void violationsMarkTheNodeAndItsAncestors();
    void missingPropertyMarksTheObject();
    void indexOfPointerFetchesAlongThePath_data();
    void indexOfPointerFetchesAlongThePath();
    void viewRevealsAViolation();
    void bigArrayIsFetchedInBatches();
    void indexOfPointerFetchesOnlyTheBatchesItNeeds();
    void viewFetchesTheNextBatchAtTheEnd();
};

void tst_JsonTreeModel::childrenExistOnlyAfterFetch()
{
    JsonTreeModel model;
    QVERIFY(model.setJson(R"({"a": {"b": [1, 2, 3]}})").ok);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex root = model.index(0, 0);
    QVERIFY(model.hasChildren(root)); // the expander shows before anything is fetched
    QCOMPARE(model.rowCount(root), 0);
    QVERIFY(model.canFetchMore(root));
    QCOMPARE(model.nodeCount(), 1);
    model.fetchMore(root);
    QCOMPARE(model.rowCount(root), 1);
    QVERIFY(!model.canFetchMore(root));
    QCOMPARE(model.nodeCount(), 2);
}

void tst_JsonTreeModel::modelTesterWhileExpanding()
{
    JsonTreeModel model;
    QVERIFY(model.setJson(R"({"a": [1, {"x": null, "y": [[], {}]}, "s"], "b": {"c": {"d": true}}, "e": 1.5})").ok);
    // Testers live between resets: Qt 6.4's tester fetches from its own modelReset slot before
    // it marks the reset finished, and then reports its own inserts as overlapping the reset.
    auto tester = std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tester->setUseFetchMore(true);
    QTreeView view;
    view.setModel(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.expandAll();
    QVERIFY(model.fetchAll(model.index(0, 0), 1000));
    view.expandAll();
    QCOMPARE(model.nodeCount(), 13);
    tester.reset();
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.setJson("[1, [2, [3, [4]]]]").ok);
    tester = std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tester->setUseFetchMore(true);
    const QModelIndex root = model.index(0, 0);
    view.expand(root);
    QTRY_COMPARE(model.rowCount(root), 2);
    view.expand(model.index(1, 0, root));
    QTRY_COMPARE(model.rowCount(model.index(1, 0, root)), 2);
}

void tst_JsonTreeModel::keysInSenderOrderAndCountsShown()
{
    JsonTreeModel model;
    QVERIFY(model.setJson(R"({"zeta": 1, "alpha": [1, 2], "mid": {"k": "v"}})").ok);
    const QModelIndex root = model.index(0, 0);
    QCOMPARE(model.index(0, JsonTreeModel::ValueColumn).data().toString(), QStringLiteral("{3 keys}"));
    model.fetchMore(root);
    QCOMPARE(model.index(0, 0, root).data().toString(), QStringLiteral("zeta"));
    QCOMPARE(model.index(1, 0, root).data().toString(), QStringLiteral("alpha"));
    QCOMPARE(model.index(2, 0, root).data().toString(), QStringLiteral("mid"));
    QCOMPARE(model.index(1, JsonTreeModel::ValueColumn, root).data().toString(), QStringLiteral("[2 items]"));
    QCOMPARE(model.index(2, JsonTreeModel::ValueColumn, root).data().toString(), QStringLiteral("{1 key}"));
    QCOMPARE(model.index(1, JsonTreeModel::TypeColumn, root).data().toString(), QStringLiteral("array"));
    const QModelIndex alpha = model.index(1, 0, root);
    model.fetchMore(alpha);
    QCOMPARE(model.index(1, 0, alpha).data().toString(), QStringLiteral("[1]"));
}

void tst_JsonTreeModel::jsonPointerEscapesTildeAndSlash()
{
    JsonTreeModel model;
    QVERIFY(model.setJson(R"({"a/b": {"m~n": [10, {"": 5}]}})").ok);
    QVERIFY(model.fetchAll({}, 100));
    const QModelIndex root = model.index(0, 0);
    QCOMPARE(root.data(JsonTreeModel::JsonPointerRole).toString(), QString());
    const QModelIndex ab = childByKey(model, root, QStringLiteral("a/b"));
    QCOMPARE(ab.data(JsonTreeModel::JsonPointerRole).toString(), QStringLiteral("/a~1b"));
    const QModelIndex mn = childByKey(model, ab, QStringLiteral("m~n"));
    QCOMPARE(mn.data(JsonTreeModel::JsonPointerRole).toString(), QStringLiteral("/a~1b/m~0n"));
    const QModelIndex second = model.index(1, 0, mn);
    QCOMPARE(second.data(JsonTreeModel::JsonPointerRole).toString(), QStringLiteral("/a~1b/m~0n/1"));
    QCOMPARE(model.index(0, 0, second).data(JsonTreeModel::JsonPointerRole).toString(), QStringLiteral("/a~1b/m~0n/1/"));
    QCOMPARE(second.data(JsonTreeModel::CopyValueRole).toString(), QStringLiteral(R"({"": 5})"));
}

void tst_JsonTreeModel::invalidDocumentShowsNoRows()
{
    JsonTreeModel model;
    const JsonCheck check = model.setJson(R"({"a": 1,})");
    QVERIFY(!check.ok);
    QCOMPARE(check.offset, 8);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.hasChildren());
}

void tst_JsonTreeModel::fetchAllStopsAtTheCap()
{
    JsonTreeModel model;
    QVERIFY(model.setJson(bigDocument(200'000)).ok);
    QVERIFY(!model.fetchAll({}, 500));
    QVERIFY(model.nodeCount() <= 501);
}

void tst_JsonTreeModel::twentyMegabytesOpenQuickly()
{
    const QByteArray json = bigDocument(20 * 1024 * 1024);
    JsonTreeView view;
    view.resize(900, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QElapsedTimer timer;
    timer.start();
    view.setJson(json); // validated and read ahead on a worker
    QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 30'000);
    QCoreApplication::processEvents(); // layout and paint of the first level
    const qint64 ms = timer.elapsed();
    qInfo("20 MB document: %lld ms to show the first level, %lld nodes", ms, qint64(view.model()->nodeCount()));
    QCOMPARE(view.model()->nodeCount(), 3); // document + its two members: nothing else built
    // "well under a second" on a developer machine; the bound is loose for loaded CI runners.
    QVERIFY2(ms < 3000, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
}

void tst_JsonTreeModel::viewCopiesValueKeyAndPointer()
{
    JsonTreeView view;
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setJson(R"({"user": {"name": "Ada", "tags": ["a", "b"]}})");
    JsonTreeModel *model = view.model();
    const QModelIndex root = model->index(0, 0);
    const QModelIndex user = model->index(0, 0, root);
    view.tree()->expand(user); // the view fetches what it expands
    QTRY_COMPARE(model->rowCount(user), 2);
    const QModelIndex name = model->index(0, 0, user);
    QVERIFY(name.isValid());
    view.tree()->setCurrentIndex(name);
    view.copyValue();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("Ada"));
    view.copyKey();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("name"));
    view.copyPointer();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("/user/name"));
    view.tree()->setCurrentIndex(user);
    view.copyValue();
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral(R"({"name": "Ada", "tags": ["a", "b"]})"));
    view.tree()->setCurrentIndex(root);
    view.expandAllBelow();
    const QModelIndex tags = model->index(1, 0, user);
    QVERIFY(view.tree()->isExpanded(tags));
    QCOMPARE(model->rowCount(tags), 2);
    view.collapseAll();
    QVERIFY(!view.tree()->isExpanded(user));
    QVERIFY(view.tree()->isExpanded(root));
}

void tst_JsonTreeModel::violationsMarkTheNodeAndItsAncestors()
{
    JsonTreeModel model;
    QVERIFY(model.setJson(R"({"id": 1, "data": {"items": [{"qty": 1}, {"qty": -2}], "note": "x"}})").ok);
    const QModelIndex root = model.index(0, 0);
    model.fetchMore(root);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setViolations({{QStringLiteral("/data/items/1/qty"), QStringLiteral("must be >= <b>0</b>"), QStringLiteral("minimum")}});
    QCOMPARE(changed.size(), 2); // the document row, and the root's members: all that exists
    const auto state = [](const QModelIndex &index) {
        return ViolationState(index.data(JsonTreeModel::ViolationStateRole).toInt());
    };
    QCOMPARE(state(root), ViolationState::OnPath);
    const QModelIndex data = childByKey(model, root, QStringLiteral("data"));
    QCOMPARE(state(data), ViolationState::OnPath);
    QCOMPARE(state(data.siblingAtColumn(JsonTreeModel::ValueColumn)), ViolationState::OnPath);
    QCOMPARE(state(childByKey(model, root, QStringLiteral("id"))), ViolationState::None);
    // Collapsed and not fetched yet: the faint mark on "data" leads to the problem.
    QCOMPARE(model.rowCount(data), 0);
    const QModelIndex qty = model.indexOfPointer(QStringLiteral("/data/items/1/qty"));
    QCOMPARE(qty.data(JsonTreeModel::JsonPointerRole).toString(), QStringLiteral("/data/items/1/qty"));
    QCOMPARE(state(qty), ViolationState::Offending);
    QCOMPARE(state(qty.parent()), ViolationState::OnPath);
    QCOMPARE(state(model.index(0, 0, qty.parent().parent())), ViolationState::None); // items/0
    QCOMPARE(state(childByKey(model, data, QStringLiteral("note"))), ViolationState::None);
    // Messages stay text: the tooltip holds them as sent.
    QCOMPARE(qty.data(JsonTreeModel::ViolationMessagesRole).toStringList(), QStringList{QStringLiteral("must be >= <b>0</b>")});
    QVERIFY(qty.data(Qt::ToolTipRole).toString().contains(QStringLiteral("must be >= <b>0</b>")));
    QVERIFY(data.data(Qt::ToolTipRole).toString().contains(QStringLiteral("/data/items/1/qty: must be >= <b>0</b>")));

    // The tester walks (and fetches) the whole tree; marks change under its eyes.
    auto tester = std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tester->setUseFetchMore(true);
    model.setViolations({{QStringLiteral("/data/note"), QStringLiteral("m"), QStringLiteral("type")}});
    QCOMPARE(state(childByKey(model, data, QStringLiteral("note"))), ViolationState::Offending);
    QCOMPARE(state(qty), ViolationState::None);
    model.setViolations({});
    QCOMPARE(state(root), ViolationState::None);
    tester.reset();
    QVERIFY(model.setJson(R"({"data": 1})").ok); // a new document forgets the marks
    QCOMPARE(state(model.index(0, 0)), ViolationState::None);
}

void tst_JsonTreeModel::missingPropertyMarksTheObject()
{
    JsonTreeModel model;
    QVERIFY(model.setJson(R"({"data": {"customer": {"name": "Ada"}}, "list": [1]})").ok);
    model.setViolations({{QStringLiteral("/data/customer/email"), QStringLiteral("required"), QStringLiteral("required")},
                         {QStringLiteral("/list/5"), QStringLiteral("too short"), QStringLiteral("minItems")},
                         {QString(), QStringLiteral("whole document"), QStringLiteral("type")}});
    const QModelIndex customer = model.indexOfPointer(QStringLiteral("/data/customer/email"));
    QCOMPARE(customer.data(JsonTreeModel::JsonPointerRole).toString(), QStringLiteral("/data/customer"));
    QCOMPARE(ViolationState(customer.data(JsonTreeModel::ViolationStateRole).toInt()), ViolationState::Offending);
    QCOMPARE(customer.data(JsonTreeModel::ViolationMessagesRole).toStringList(),
             QStringList{QStringLiteral("/data/customer/email: required")});
    const QModelIndex list = model.indexOfPointer(QStringLiteral("/list/5"));
    QCOMPARE(list.data(JsonTreeModel::JsonPointerRole).toString(), QStringLiteral("/list"));
    QCOMPARE(ViolationState(list.data(JsonTreeModel::ViolationStateRole).toInt()), ViolationState::Offending);
    // The document itself is offending ("" pointer) and on the path of the others.
    QCOMPARE(ViolationState(model.index(0, 0).data(JsonTreeModel::ViolationStateRole).toInt()), ViolationState::Offending);
}

void tst_JsonTreeModel::indexOfPointerFetchesAlongThePath_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("found");
    QTest::newRow("whole document") << "" << "";
    QTest::newRow("nested through an array") << "/a/1/b" << "/a/1/b";
    QTest::newRow("escaped slash and tilde") << "/x~1y/m~0n" << "/x~1y/m~0n";
    QTest::newRow("missing key stops at the object") << "/a/1/zzz/deeper" << "/a/1";
    QTest::newRow("index out of range stops at the array") << "/a/7" << "/a";
    QTest::newRow("index with a leading zero is not an index") << "/a/01" << "/a";
    QTest::newRow("into a scalar stops at the scalar") << "/a/0/k" << "/a/0";
    QTest::newRow("duplicate keys: the last one") << "/d" << "/d";
}

void tst_JsonTreeModel::indexOfPointerFetchesAlongThePath()
{
    QFETCH(QString, pointer);
    QFETCH(QString, found);
    JsonTreeModel model;
    QVERIFY(model.setJson(R"({"a": [0, {"b": true}], "x/y": {"m~n": null}, "d": 1, "d": 2})").ok);
    const QModelIndex index = model.indexOfPointer(pointer);
    QVERIFY(index.isValid());
    QCOMPARE(index.data(JsonTreeModel::JsonPointerRole).toString(), found);
    if (pointer == QLatin1String("/d"))
        QCOMPARE(index.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), QStringLiteral("2"));
}

void tst_JsonTreeModel::viewRevealsAViolation()
{
    JsonTreeView view;
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setJson(R"({"data": {"items": [{"qty": 1}, {"qty": -2}]}})");
    view.setViolations({{QStringLiteral("/data/items/1/qty"), QStringLiteral("<b>bold?</b>"), QStringLiteral("minimum")}});
    const QModelIndex qty = view.revealPointer(QStringLiteral("/data/items/1/qty"));
    QVERIFY(qty.isValid());
    QCOMPARE(view.tree()->currentIndex(), qty);
    for (QModelIndex ancestor = qty.parent(); ancestor.isValid(); ancestor = ancestor.parent())
        QVERIFY(view.tree()->isExpanded(ancestor));
    // Painting marked rows goes through the delegate without trouble.
    view.tree()->viewport()->repaint();
    QVERIFY(view.tree()->visualRect(qty).isValid());
}

namespace {
QByteArray numbers(int count)
{
    QByteArray out = "[";
    for (int i = 0; i < count; ++i)
        out += QByteArray(i ? "," : "") + QByteArray::number(i * 10);
    return out + ']';
}
} // namespace

void tst_JsonTreeModel::bigArrayIsFetchedInBatches()
{
    const int count = 2 * JsonTreeModel::kFetchBatch + 7;
    JsonTreeModel model;
    QVERIFY(model.setJson(numbers(count)).ok);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tester.setUseFetchMore(false); // the batches are fetched below, one by one
    const QModelIndex document = model.index(0, 0);
    QCOMPARE(document.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), QStringLiteral("[%1 items]").arg(count));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    int fetches = 0;
    while (model.canFetchMore(document)) {
        const int before = model.rowCount(document); // the tester may have fetched the first batch
        model.fetchMore(document);
        ++fetches;
        const int after = model.rowCount(document);
        QCOMPARE(after - before, qMin(JsonTreeModel::kFetchBatch, count - before));
        QCOMPARE(inserted.count(), fetches); // one insert per batch
        QCOMPARE(inserted.last().at(1).toInt(), before);
        QCOMPARE(inserted.last().at(2).toInt(), after - 1);
    }
    QCOMPARE(model.rowCount(document), count);
    QVERIFY(fetches >= 2);
    QVERIFY(!model.canFetchMore(document));
    QVERIFY(model.hasChildren(document));
    const QModelIndex last = model.index(count - 1, 0, document);
    QCOMPARE(last.data().toString(), QStringLiteral("[%1]").arg(count - 1));
    QCOMPARE(last.data(JsonTreeModel::JsonPointerRole).toString(), QStringLiteral("/%1").arg(count - 1));
    QCOMPARE(last.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), QString::number((count - 1) * 10));
    QCOMPARE(model.nodeCount(), count + 1);
}

void tst_JsonTreeModel::indexOfPointerFetchesOnlyTheBatchesItNeeds()
{
    JsonTreeModel model;
    QVERIFY(model.setJson(R"({"a": )" + numbers(5 * JsonTreeModel::kFetchBatch) + "}").ok);
    const int wanted = JsonTreeModel::kFetchBatch + 3;
    const QModelIndex found = model.indexOfPointer(QStringLiteral("/a/%1").arg(wanted));
    QCOMPARE(found.data(JsonTreeModel::JsonPointerRole).toString(), QStringLiteral("/a/%1").arg(wanted));
    QCOMPARE(found.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), QString::number(wanted * 10));
    QCOMPARE(model.rowCount(found.parent()), 2 * JsonTreeModel::kFetchBatch);
    // Past the end: every batch, then the array itself.
    const QModelIndex past = model.indexOfPointer(QStringLiteral("/a/%1").arg(5 * JsonTreeModel::kFetchBatch));
    QCOMPARE(past.data(JsonTreeModel::JsonPointerRole).toString(), QStringLiteral("/a"));
    QCOMPARE(model.rowCount(past), 5 * JsonTreeModel::kFetchBatch);
    // fetchAll goes through the batches too.
    JsonTreeModel other;
    QVERIFY(other.setJson(numbers(3 * JsonTreeModel::kFetchBatch)).ok);
    QVERIFY(other.fetchAll({}, 4 * JsonTreeModel::kFetchBatch));
    QCOMPARE(other.rowCount(other.index(0, 0)), 3 * JsonTreeModel::kFetchBatch);
}

void tst_JsonTreeModel::viewFetchesTheNextBatchAtTheEnd()
{
    JsonTreeView view;
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const int count = 20 * JsonTreeModel::kFetchBatch;
    view.setJson(numbers(count));
    QTRY_VERIFY(!view.isLoading());
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    tester.setUseFetchMore(false); // the view fetches, not the tester
    const QModelIndex document = view.model()->index(0, 0);
    QCoreApplication::processEvents(); // the view lays out (QTreeView fetches once per layout of an expanded node)
    const int shown = view.model()->rowCount(document);
    QVERIFY(shown >= JsonTreeModel::kFetchBatch);
    QVERIFY2(shown < count, qPrintable(QString::number(shown)));
    QTreeView *tree = view.tree();
    QTRY_VERIFY(tree->verticalScrollBar()->maximum() > 0);
    tree->verticalScrollBar()->setValue(tree->verticalScrollBar()->maximum());
    QTRY_VERIFY(view.model()->rowCount(document) > shown);
}

QTEST_MAIN(tst_JsonTreeModel)
#include "tst_jsontreemodel.moc"
