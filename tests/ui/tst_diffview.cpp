#include "DiffView.h"
#include "EventDetailPane.h"
#include "store/EventStore.h"

#include <QCheckBox>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <memory>

using namespace hookscope;

using Change = JsonDiff::Change;
using Kind = JsonDiff::Change::Kind;

namespace {

Event eventWithBody(const QByteArray &body)
{
    Event e;
    e.receivedAtMs = 1'700'000'000'000;
    e.method = "POST";
    e.target = "/hooks";
    e.contentType = "application/json";
    e.body = body;
    e.response.status = 200;
    return e;
}

EventInfo info(qint64 id, const QString &kind, const QString &entity)
{
    EventInfo i;
    i.id = id;
    i.kind = kind;
    i.entityId = entity;
    i.validity = kind.isEmpty() ? EventInfo::Validity::Unknown : EventInfo::Validity::Valid;
    return i;
}

QTreeWidgetItem *child(QTreeWidgetItem *parent, const QString &field)
{
    for (int i = 0; i < parent->childCount(); ++i) {
        if (parent->child(i)->text(DiffView::FieldColumn) == field)
            return parent->child(i);
    }
    return nullptr;
}

} // namespace

class tst_DiffView final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // the volatile choice is remembered
    void init();
    void cleanup();
    void previousOfEntityIsTheNewestEarlierOne();
    void treeShowsPathMarkerAndOldToNew();
    void paneComparesWithThePreviousVersion();
    void paneExplainsWhenThereIsNothingToCompare();
    void twoSelectedEventsAreCompared();
    void volatileFields_data();
    void volatileFields();
    void ignoringVolatileFieldsHidesThemAndIsRemembered();

private:
    void store(const QList<QByteArray> &bodies, const QList<EventInfo> &infos);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EventStore> m_store;
};

void tst_DiffView::init()
{
    QSettings().remove(QStringLiteral("diff"));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = std::make_unique<EventStore>();
    QString error;
    QVERIFY2(m_store->open(m_dir->filePath(QStringLiteral("events.sqlite")), &error, SyncMode::Normal), qPrintable(error));
}

void tst_DiffView::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void tst_DiffView::store(const QList<QByteArray> &bodies, const QList<EventInfo> &infos)
{
    QString error;
    QVERIFY(m_store->begin());
    for (const QByteArray &body : bodies) {
        Event e = eventWithBody(body);
        QVERIFY2(m_store->insert(e, &error), qPrintable(error));
    }
    for (const EventInfo &i : infos)
        QVERIFY(m_store->saveInfo(i));
    QVERIFY2(m_store->commit(&error), qPrintable(error));
}

void tst_DiffView::previousOfEntityIsTheNewestEarlierOne()
{
    const QString k = QStringLiteral("callback-request");
    const QString a = QStringLiteral("req-A");
    store(QList<QByteArray>(7, "{}"),
          {info(1, k, a), info(2, k, QStringLiteral("req-B")), info(3, k, a), info(4, QStringLiteral("jicoo"), a),
           info(5, k, a), info(6, k, QString()),
           info(99, k, a)}); // an enrichment result whose event is gone
    QCOMPARE(m_store->previousOfEntity(k, a, 5), std::optional<qint64>(3));
    QCOMPARE(m_store->previousOfEntity(k, a, 3), std::optional<qint64>(1));
    QCOMPARE(m_store->previousOfEntity(k, a, 1), std::nullopt);
    QCOMPARE(m_store->previousOfEntity(k, a, 1000), std::optional<qint64>(5)); // not the orphan 99
    QCOMPARE(m_store->previousOfEntity(k, QStringLiteral("req-B"), 10), std::optional<qint64>(2));
    QCOMPARE(m_store->previousOfEntity(QStringLiteral("jicoo"), a, 10), std::optional<qint64>(4)); // same id, other kind
    QCOMPARE(m_store->previousOfEntity(k, QString(), 10), std::nullopt);
    QCOMPARE(m_store->previousOfEntity(QString(), a, 10), std::nullopt);
    QString error;
    QVERIFY(m_store->remove({3}, &error));
    QCOMPARE(m_store->previousOfEntity(k, a, 5), std::optional<qint64>(1));
}

void tst_DiffView::treeShowsPathMarkerAndOldToNew()
{
    DiffView view;
    view.setChanges(QStringLiteral("Against #1"),
                    {{QStringLiteral("/data/items/2"), Kind::Added, {}, QStringLiteral(R"({"sku":"<b>B</b>"})")},
                     {QStringLiteral("/data/note"), Kind::Removed, QStringLiteral("\"x\""), {}},
                     {QStringLiteral("/data/status"), Kind::Changed, QStringLiteral("\"open\""), QStringLiteral("\"closed\"")},
                     {QStringLiteral("/a~1b"), Kind::Changed, QStringLiteral("1"), QStringLiteral("2")}});
    QTreeWidget *tree = view.tree();
    QVERIFY(!tree->isHidden());
    QCOMPARE(view.summary()->text(), QStringLiteral("Against #1"));
    QCOMPARE(view.summary()->textFormat(), Qt::PlainText);
    QCOMPARE(tree->topLevelItemCount(), 2);
    QTreeWidgetItem *data = tree->topLevelItem(0);
    QCOMPARE(data->text(DiffView::FieldColumn), QStringLiteral("data"));
    QVERIFY(data->text(DiffView::MarkerColumn).isEmpty());
    QVERIFY(data->isExpanded());
    QTreeWidgetItem *items = child(data, QStringLiteral("items"));
    QVERIFY(items);
    QTreeWidgetItem *added = child(items, QStringLiteral("2"));
    QVERIFY(added);
    QCOMPARE(added->text(DiffView::MarkerColumn), QStringLiteral("+"));
    QCOMPARE(added->text(DiffView::ValueColumn), QStringLiteral(R"({"sku":"<b>B</b>"})"));
    QVERIFY(added->toolTip(DiffView::ValueColumn).contains(QStringLiteral("&lt;b&gt;B&lt;/b&gt;")));
    QTreeWidgetItem *removed = child(data, QStringLiteral("note"));
    QCOMPARE(removed->text(DiffView::MarkerColumn), QString(QChar(0x2212)));
    QCOMPARE(removed->text(DiffView::ValueColumn), QStringLiteral("\"x\""));
    QTreeWidgetItem *changed = child(data, QStringLiteral("status"));
    QCOMPARE(changed->text(DiffView::MarkerColumn), QStringLiteral("~"));
    QCOMPARE(changed->text(DiffView::ValueColumn), QStringLiteral("\"open\"  →  \"closed\""));
    // Colour on top of the marker, different per kind.
    QVERIFY(added->foreground(DiffView::ValueColumn).color() != removed->foreground(DiffView::ValueColumn).color());
    QVERIFY(changed->foreground(DiffView::ValueColumn).color() != added->foreground(DiffView::ValueColumn).color());
    // An escaped key shows unescaped.
    QCOMPARE(tree->topLevelItem(1)->text(DiffView::FieldColumn), QStringLiteral("a/b"));

    view.showMessage(QStringLiteral("nothing"));
    QVERIFY(view.tree()->isHidden());
    QCOMPARE(view.tree()->topLevelItemCount(), 0);
}

void tst_DiffView::paneComparesWithThePreviousVersion()
{
    const QString k = QStringLiteral("hoopai.appointment-update");
    const QString a = QStringLiteral("apt-7");
    store({R"({"appointment": {"id": "apt-7", "status": "booked", "notes": "<b>hi</b>"}})",
           R"({"appointment": {"id": "apt-8", "status": "booked"}})",
           R"({"appointment": {"id": "apt-7", "status": "cancelled", "reason": "ill"}})"},
          {info(1, k, a), info(2, k, QStringLiteral("apt-8")), info(3, k, a)});
    EventDetailPane pane;
    pane.setStore(m_store.get());
    pane.tabs()->setCurrentIndex(EventDetailPane::DiffTab);
    pane.setEvent(m_store->load(3));
    QVERIFY(pane.diffView()->summary()->text().startsWith(QStringLiteral("Validating…")));
    pane.setInfo(info(3, k, a));
    DiffView *diff = pane.diffView();
    QVERIFY2(diff->summary()->text().startsWith(QStringLiteral("Against #1 (")), qPrintable(diff->summary()->text()));
    QVERIFY(diff->summary()->text().endsWith(QStringLiteral("the previous version of hoopai.appointment-update apt-7: "
                                                            "1 changed, 1 added, 1 removed.")));
    QTreeWidgetItem *appointment = diff->tree()->topLevelItem(0);
    QCOMPARE(appointment->text(DiffView::FieldColumn), QStringLiteral("appointment"));
    QCOMPARE(appointment->childCount(), 3);
    QCOMPARE(child(appointment, QStringLiteral("status"))->text(DiffView::ValueColumn),
             QStringLiteral("\"booked\"  →  \"cancelled\""));
    QCOMPARE(child(appointment, QStringLiteral("notes"))->text(DiffView::ValueColumn), QStringLiteral("\"<b>hi</b>\""));

    // The same content again says so.
    store({R"({"appointment": {"id": "apt-7", "status": "cancelled", "reason": "ill"}})"}, {info(4, k, a)});
    pane.setEvent(m_store->load(4));
    pane.setInfo(info(4, k, a));
    QVERIFY(diff->summary()->text().startsWith(QStringLiteral("Against #3")));
    QVERIFY(diff->summary()->text().endsWith(QStringLiteral(": the same content.")));
    QVERIFY(diff->tree()->isHidden());
}

void tst_DiffView::paneExplainsWhenThereIsNothingToCompare()
{
    store({R"({"id": "x"})", "not json", R"({"n": 1})", R"({"n": 2})"},
          {info(1, QStringLiteral("jicoo"), QStringLiteral("x")), info(3, QStringLiteral("jicoo"), QString())});
    EventDetailPane pane;
    pane.setStore(m_store.get());
    pane.tabs()->setCurrentIndex(EventDetailPane::DiffTab);
    DiffView *diff = pane.diffView();
    pane.setEvent(m_store->load(1));
    pane.setInfo(info(1, QStringLiteral("jicoo"), QStringLiteral("x")));
    QCOMPARE(diff->summary()->text(),
             QStringLiteral("No previous version: this is the first jicoo event for x in the store. "
                            "Select two rows to compare them."));
    QVERIFY(diff->tree()->isHidden());
    pane.setEvent(m_store->load(2));
    EventInfo notJson = info(2, QString(), QString());
    notJson.validity = EventInfo::Validity::NotJson;
    pane.setInfo(notJson);
    QCOMPARE(diff->summary()->text(), QStringLiteral("The body is not valid JSON: nothing to show here."));
    pane.setEvent(m_store->load(3));
    pane.setInfo(info(3, QStringLiteral("jicoo"), QString()));
    QVERIFY(diff->summary()->text().startsWith(QStringLiteral("This jicoo event names no entity")));
    pane.setEvent(m_store->load(4));
    pane.setInfo(info(4, QString(), QString()));
    QCOMPARE(diff->summary()->text(), QStringLiteral("Unknown kind: there is no entity to compare with. Select two rows to compare them."));
}

void tst_DiffView::twoSelectedEventsAreCompared()
{
    // Two events of no shared entity (and one of no kind at all): picked together, they compare.
    store({R"({"n": 1, "name": "a"})", R"({"n": 2})", R"({"n": 3, "name": "a"})"},
          {info(1, QStringLiteral("jicoo"), QStringLiteral("x")), info(3, QString(), QString())});
    EventDetailPane pane;
    pane.setStore(m_store.get());
    pane.tabs()->setCurrentIndex(EventDetailPane::DiffTab);
    pane.setEvent(m_store->load(3));
    pane.setInfo(info(3, QString(), QString()));
    DiffView *diff = pane.diffView();
    QVERIFY(diff->summary()->text().startsWith(QStringLiteral("Unknown kind")));
    pane.setCompareBase(1);
    QCOMPARE(diff->summary()->text(), QStringLiteral("#1 → #3, the two selected events: 1 changed, 0 added, 0 removed."));
    QCOMPARE(diff->tree()->topLevelItem(0)->text(DiffView::ValueColumn), QStringLiteral("1  →  3"));
    // The newer one picked as base: still older → newer.
    pane.setEvent(m_store->load(1));
    pane.setCompareBase(3);
    QCOMPARE(diff->summary()->text(), QStringLiteral("#1 → #3, the two selected events: 1 changed, 0 added, 0 removed."));
    pane.setCompareBase(0);
    QVERIFY2(diff->summary()->text().startsWith(QStringLiteral("Validating")), qPrintable(diff->summary()->text()));
}

void tst_DiffView::volatileFields_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<bool>("isVolatile");
    QTest::newRow("id") << "/id" << true;
    QTest::newRow("camel id") << "/data/correlationId" << true;
    QTest::newRow("snake id") << "/event_id" << true;
    QTest::newRow("created at") << "/data/createdAt" << true;
    QTest::newRow("updated_at") << "/updated_at" << true;
    QTest::newRow("timestamp") << "/meta/timestamp" << true;
    QTest::newRow("status is content") << "/data/status" << false;
    QTest::newRow("start time is content") << "/startTime" << false;
    QTest::newRow("valid is content") << "/valid" << false;
    QTest::newRow("array index of ids") << "/ids/0" << false;
    QTest::newRow("root") << "" << false;
}

void tst_DiffView::volatileFields()
{
    QFETCH(QString, pointer);
    QFETCH(bool, isVolatile);
    QCOMPARE(DiffView::isVolatile(pointer), isVolatile);
}

void tst_DiffView::ignoringVolatileFieldsHidesThemAndIsRemembered()
{
    const QList<Change> changes = {{QStringLiteral("/id"), Kind::Changed, QStringLiteral("1"), QStringLiteral("2")},
                                   {QStringLiteral("/createdAt"), Kind::Changed, QStringLiteral("\"a\""), QStringLiteral("\"b\"")},
                                   {QStringLiteral("/status"), Kind::Changed, QStringLiteral("\"x\""), QStringLiteral("\"y\"")}};
    {
        DiffView view;
        view.setComparison(QStringLiteral("#1 → #2"), changes);
        QCOMPARE(view.summary()->text(), QStringLiteral("#1 → #2: 3 changed, 0 added, 0 removed."));
        QCOMPARE(view.tree()->topLevelItemCount(), 3);
        QVERIFY(!view.ignoreVolatileCheck()->isHidden());
        view.ignoreVolatileCheck()->click();
        QCOMPARE(view.tree()->topLevelItemCount(), 1);
        QCOMPARE(view.tree()->topLevelItem(0)->text(DiffView::FieldColumn), QStringLiteral("status"));
        QCOMPARE(view.summary()->text(),
                 QStringLiteral("#1 → #2: 1 changed, 0 added, 0 removed. (2 ids and time stamps not shown)"));
    }
    DiffView again;
    QVERIFY(again.ignoresVolatile());
    again.setComparison(QStringLiteral("#1 → #2"), {changes[0]});
    QCOMPARE(again.summary()->text(), QStringLiteral("#1 → #2: the same content. (1 id or time stamp not shown)"));
    QVERIFY(again.tree()->isHidden());
    again.showMessage(QStringLiteral("nothing"));
    QVERIFY(again.ignoreVolatileCheck()->isHidden());
}

QTEST_MAIN(tst_DiffView)
#include "tst_diffview.moc"
