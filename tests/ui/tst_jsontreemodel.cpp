#include "JsonTreeModel.h"
#include "JsonTreeView.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>
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
    view.setJson(json);
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

QTEST_MAIN(tst_JsonTreeModel)
#include "tst_jsontreemodel.moc"
