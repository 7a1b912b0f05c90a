#include "EventDetailPane.h"
#include "JsonTreeModel.h"
#include "JsonTreeView.h"
#include "PlainToolTip.h"
#include "ViolationsPanel.h"

#include <QHelpEvent>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QToolTip>
#include <QTreeView>
#include <QTreeWidget>

using namespace hookscope;

namespace {

Event sampleEvent(qint64 id)
{
    Event e;
    e.id = id;
    e.receivedAtMs = 1'700'000'000'000;
    e.method = "POST";
    e.target = "/hooks";
    e.contentType = "application/json";
    e.body = R"({"kind": "orders", "data": {"items": [{"qty": 1}, {"qty": -2}], "customer": {"name": "Ada"}}})";
    e.response.status = 200;
    return e;
}

EventInfo invalidInfo(qint64 id)
{
    EventInfo info;
    info.id = id;
    info.kind = QStringLiteral("orders");
    info.validity = EventInfo::Validity::Invalid;
    info.violationCount = 2;
    info.violationsJson = R"([{"pointer":"/data/items/1/qty","message":"must be >= <b>0</b>","keyword":"minimum"},)"
                          R"({"pointer":"/data/customer/email","message":"required property <i>email</i> is missing","keyword":"required"}])";
    return info;
}

EventInfo infoWith(qint64 id, EventInfo::Validity validity)
{
    EventInfo info;
    info.id = id;
    info.validity = validity;
    info.kind = validity == EventInfo::Validity::Valid ? QStringLiteral("orders") : QString();
    info.jsonError = validity == EventInfo::Validity::NotJson         ? QStringLiteral("illegal value at offset 0")
        : validity == EventInfo::Validity::NotInspectable ? QStringLiteral("inspection did not finish in an earlier run")
                                                          : QString();
    return info;
}

void clickItem(QTreeWidget *list, int row)
{
    QTreeWidgetItem *item = list->topLevelItem(row);
    QVERIFY(item);
    const QRect rect = list->visualItemRect(item);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
}

} // namespace

class tst_ViolationsPanel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statesAreSentences_data();
    void statesAreSentences();
    void violationsListedAsPlainText();
    void clickAndEnterActivate();
    void clickingRevealsTheNodeInTheTree();
    void missingPropertySelectsTheObject();
    void infoOfAnotherEventIsIgnored();
    void toolTipsStayPlainText();
};

void tst_ViolationsPanel::statesAreSentences_data()
{
    QTest::addColumn<int>("validity");
    QTest::addColumn<QString>("starts");
    QTest::newRow("not checked yet") << int(EventInfo::Validity::NotChecked) << "Validating…";
    QTest::newRow("not JSON names the parser error") << int(EventInfo::Validity::NotJson)
                                                    << "The body is not JSON (illegal value at offset 0)";
    QTest::newRow("unknown kind is no error") << int(EventInfo::Validity::Unknown) << "Unknown kind";
    QTest::newRow("valid") << int(EventInfo::Validity::Valid) << "Valid: the body matches the orders schema";
    QTest::newRow("not inspectable names the reason") << int(EventInfo::Validity::NotInspectable)
                                                      << "Not inspected: inspection did not finish in an earlier run.";
}

void tst_ViolationsPanel::statesAreSentences()
{
    QFETCH(int, validity);
    QFETCH(QString, starts);
    ViolationsPanel panel;
    panel.setInfo(infoWith(1, EventInfo::Validity(validity)));
    QVERIFY2(panel.summary()->text().startsWith(starts), qPrintable(panel.summary()->text()));
    QCOMPARE(panel.count(), 0);
    panel.setInfo(std::nullopt);
    QVERIFY(panel.summary()->text().startsWith(QStringLiteral("Select an event")));
}

void tst_ViolationsPanel::violationsListedAsPlainText()
{
    ViolationsPanel panel;
    panel.setInfo(invalidInfo(1));
    QCOMPARE(panel.count(), 2);
    QCOMPARE(panel.summary()->textFormat(), Qt::PlainText);
    QVERIFY(panel.summary()->text().startsWith(QStringLiteral("2 violations of the orders schema.")));
    QTreeWidgetItem *first = panel.list()->topLevelItem(0);
    QCOMPARE(first->text(0), QStringLiteral("/data/items/1/qty"));
    QCOMPARE(first->text(1), QStringLiteral("must be >= <b>0</b>"));
    QCOMPARE(first->text(2), QStringLiteral("minimum"));
    QVERIFY(first->toolTip(1).contains(QStringLiteral("&lt;b&gt;0&lt;/b&gt;")));
    QVERIFY(!first->toolTip(1).contains(QStringLiteral("<b>")));
}

void tst_ViolationsPanel::clickAndEnterActivate()
{
    ViolationsPanel panel;
    panel.resize(700, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setInfo(invalidInfo(1));
    QSignalSpy activated(&panel, &ViolationsPanel::violationActivated);
    clickItem(panel.list(), 1);
    QVERIFY(activated.size() >= 1);
    QCOMPARE(activated.last().at(0).toString(), QStringLiteral("/data/customer/email"));
    activated.clear();
    panel.list()->setFocus();
    panel.list()->setCurrentItem(panel.list()->topLevelItem(0));
    QTest::keyClick(panel.list(), Qt::Key_Return);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("/data/items/1/qty"));
}

void tst_ViolationsPanel::clickingRevealsTheNodeInTheTree()
{
    EventDetailPane pane;
    pane.resize(900, 600);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.setEvent(sampleEvent(5));
    QCOMPARE(pane.tabs()->tabText(EventDetailPane::ViolationsTab), QStringLiteral("Violations"));
    pane.setInfo(invalidInfo(5));
    QCOMPARE(pane.tabs()->tabText(EventDetailPane::ViolationsTab), QStringLiteral("Violations (2)"));
    pane.tabs()->setCurrentIndex(EventDetailPane::ViolationsTab);
    QCOMPARE(pane.violationsPanel()->count(), 2);
    clickItem(pane.violationsPanel()->list(), 0);
    QCOMPARE(pane.tabs()->currentIndex(), int(EventDetailPane::TreeTab));
    QTreeView *tree = pane.treeView()->tree();
    const QModelIndex current = tree->currentIndex();
    QCOMPARE(current.data(JsonTreeModel::JsonPointerRole).toString(), QStringLiteral("/data/items/1/qty"));
    QCOMPARE(ViolationState(current.data(JsonTreeModel::ViolationStateRole).toInt()), ViolationState::Offending);
    for (QModelIndex ancestor = current.parent(); ancestor.isValid(); ancestor = ancestor.parent()) {
        QVERIFY(tree->isExpanded(ancestor));
        QCOMPARE(ViolationState(ancestor.data(JsonTreeModel::ViolationStateRole).toInt()), ViolationState::OnPath);
    }
    QVERIFY(tree->hasFocus());
}

void tst_ViolationsPanel::missingPropertySelectsTheObject()
{
    EventDetailPane pane;
    pane.setEvent(sampleEvent(5));
    pane.setInfo(invalidInfo(5));
    pane.tabs()->setCurrentIndex(EventDetailPane::ViolationsTab);
    Q_EMIT pane.violationsPanel()->violationActivated(QStringLiteral("/data/customer/email"));
    const QModelIndex current = pane.treeView()->tree()->currentIndex();
    QCOMPARE(current.data(JsonTreeModel::JsonPointerRole).toString(), QStringLiteral("/data/customer"));
    QCOMPARE(ViolationState(current.data(JsonTreeModel::ViolationStateRole).toInt()), ViolationState::Offending);
    QVERIFY(current.data(Qt::ToolTipRole).toString().contains(
        QStringLiteral("/data/customer/email: required property <i>email</i> is missing")));
}

void tst_ViolationsPanel::infoOfAnotherEventIsIgnored()
{
    EventDetailPane pane;
    pane.setEvent(sampleEvent(5));
    pane.tabs()->setCurrentIndex(EventDetailPane::ViolationsTab);
    QVERIFY(pane.violationsPanel()->summary()->text().startsWith(QStringLiteral("Validating…")));
    pane.setInfo(invalidInfo(6));
    QCOMPARE(pane.violationsPanel()->count(), 0);
    QCOMPARE(pane.info()->validity, EventInfo::Validity::NotChecked);
    pane.setInfo(invalidInfo(5)); // arrives while the tab is shown: it refreshes
    QCOMPARE(pane.violationsPanel()->count(), 2);
    pane.setEvent(std::nullopt);
    QVERIFY(!pane.info());
    QCOMPARE(pane.tabs()->tabText(EventDetailPane::ViolationsTab), QStringLiteral("Violations"));
}

void tst_ViolationsPanel::toolTipsStayPlainText()
{
    QCOMPARE(PlainToolTip::html(QStringLiteral("a <b>b</b>\nc & d")),
             QStringLiteral("<p style=\"white-space:pre\">a &lt;b&gt;b&lt;/b&gt;<br>c &amp; d</p>"));
    QVERIFY(PlainToolTip::html(QString()).isEmpty());
    QVERIFY(PlainToolTip::html(QString(400, u'x')).contains(QLatin1String("white-space:pre-wrap"))); // long text wraps
    // Issue 24.29: a pointer in a tooltip is laid out on one line, as QToolTip's label does it.
    const QString pointer = QStringLiteral("/data/callbackRequest/translations/street2/0/value");
    QLabel tip;
    tip.setWordWrap(true); // QToolTip's label wraps rich text
    tip.setText(PlainToolTip::html(pointer + QStringLiteral("\nViolations here:\n• 'value' must be a string")));
    QVERIFY2(tip.sizeHint().width() >= tip.fontMetrics().horizontalAdvance(pointer),
             qPrintable(QString::number(tip.sizeHint().width())));

    JsonTreeView view;
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setJson(R"({"<b>key</b>": 1})");
    view.setViolations({{QStringLiteral("/<b>key</b>"), QStringLiteral("<i>bad</i>"), QStringLiteral("type")}});
    const QModelIndex node = view.revealPointer(QStringLiteral("/<b>key</b>"));
    QVERIFY(node.isValid());
    QTreeView *tree = view.tree();
    const QPoint pos = tree->visualRect(node).center();
    QHelpEvent help(QEvent::ToolTip, pos, tree->viewport()->mapToGlobal(pos));
    QCoreApplication::sendEvent(tree->viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QStringLiteral("&lt;i&gt;bad&lt;/i&gt;")), qPrintable(QToolTip::text()));
    QVERIFY(QToolTip::text().contains(QStringLiteral("/&lt;b&gt;key&lt;/b&gt;")));
    QToolTip::hideText();
}

QTEST_MAIN(tst_ViolationsPanel)
#include "tst_violationspanel.moc"
