// Issue 24 point 5: the event table's columns show what matters (sizes, elision, chooser), and
// pointer columns elsewhere keep the distinguishing end of a pointer.
#include "EventColumns.h"
#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "ViolationsPanel.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace hookscope;

namespace {

struct Row
{
    QString kind;
    QString eventName;
    EventInfo::Validity validity;
    int violations;
    QString languages;
    int missing;
};

// The rows of the report's screenshots 03 and 71 (the kinds and results that were cut).
const QList<Row> kSampleRows = {
    {QStringLiteral("before-book"), QStringLiteral("BeforeBookAppointment"), EventInfo::Validity::Valid, 0, {}, 0},
    {QStringLiteral("hoopai"), QStringLiteral("AppointmentUpdate"), EventInfo::Validity::Invalid, 2, {}, 0},
    {QStringLiteral("jicoo"), QStringLiteral("invitee_booked"), EventInfo::Validity::Invalid, 1, {}, 0},
    {QStringLiteral("callback-request"), QStringLiteral("CallbackRequestCreate"), EventInfo::Validity::Invalid, 4,
     QStringLiteral("en nl fr"), 12},
};

QList<Event> sampleEvents()
{
    QList<Event> events;
    for (int i = 0; i < kSampleRows.size(); ++i) {
        Event e;
        e.id = i + 1;
        e.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
        e.method = "POST";
        e.target = "/webhooks/" + kSampleRows[i].kind.toUtf8();
        e.remoteAddress = QStringLiteral("127.0.0.1");
        e.body = "{}";
        e.response.status = 200;
        events.append(e);
    }
    return events;
}

QList<EventInfo> sampleInfos()
{
    QList<EventInfo> infos;
    for (int i = 0; i < kSampleRows.size(); ++i) {
        EventInfo info;
        info.id = i + 1;
        info.kind = kSampleRows[i].kind;
        info.eventName = kSampleRows[i].eventName;
        info.validity = kSampleRows[i].validity;
        info.violationCount = kSampleRows[i].violations;
        info.languages = kSampleRows[i].languages;
        info.missingTranslations = kSampleRows[i].missing;
        infos.append(info);
    }
    return infos;
}

// The width the delegate needs for the cell's whole text (bold, glyph and margins included).
int neededWidth(QTableView *table, const QModelIndex &index)
{
    QStyleOptionViewItem option;
    option.initFrom(table);
    option.font = table->font();
    option.fontMetrics = table->fontMetrics();
    return table->itemDelegateForIndex(index)->sizeHint(option, index).width();
}

} // namespace

class tst_EventColumns final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().remove(QStringLiteral("eventTable")); }
    void contentColumnsAreNotElided_data();
    void contentColumnsAreNotElided();
    void chosenColumnsAreRemembered();
    void theLastColumnCannotBeHidden();
    void userWidthIsKept();
    void violationPointersShowWhole();
    void timeShowsTheDateForOtherDays();
};

void tst_EventColumns::contentColumnsAreNotElided_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<QList<int>>("whole"); // columns whose every cell fits
    const QList<int> all = {EventTableModel::KindColumn, EventTableModel::ResultColumn, EventTableModel::LanguagesColumn};
    QTest::newRow("default window 1280: kind, result and languages whole") << 1280 << all;
    QTest::newRow("small window 1024: result whole, target keeps its room")
        << 1024 << QList<int>{EventTableModel::ResultColumn};
}

void tst_EventColumns::contentColumnsAreNotElided()
{
    QFETCH(int, width);
    QFETCH(QList<int>, whole);
    EventListPane pane;
    QAbstractItemModelTester tester(pane.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    pane.resize(width, 500);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.addEvents(sampleEvents());
    QTRY_COMPARE(pane.proxy()->rowCount(), int(kSampleRows.size()));
    pane.applyInfos(sampleInfos());
    QTableView *table = pane.table();
    for (const int column : whole) {
        for (int row = 0; row < pane.proxy()->rowCount(); ++row) {
            const QModelIndex index = pane.proxy()->index(row, column);
            QTRY_VERIFY2(neededWidth(table, index) <= table->columnWidth(column),
                         qPrintable(QStringLiteral("%1 needs %2 px, has %3").arg(index.data().toString())
                                        .arg(neededWidth(table, index)).arg(table->columnWidth(column))));
        }
    }
    // Target still has room for a path.
    QVERIFY2(table->columnWidth(EventTableModel::TargetColumn) >= EventColumns::kTargetMinimum - 20,
             qPrintable(QStringLiteral("kind %1 result %2 languages %3 target %4")
                            .arg(table->columnWidth(EventTableModel::KindColumn))
                            .arg(table->columnWidth(EventTableModel::ResultColumn))
                            .arg(table->columnWidth(EventTableModel::LanguagesColumn))
                            .arg(table->columnWidth(EventTableModel::TargetColumn))));
}

void tst_EventColumns::chosenColumnsAreRemembered()
{
    {
        EventListPane pane;
        QMenu *menu = pane.columns()->menu();
        QAction *sender = menu->findChild<QAction *>(QStringLiteral("showColumn_sender"));
        QVERIFY(sender);
        QVERIFY(sender->isChecked());
        sender->trigger();
        QVERIFY(pane.table()->isColumnHidden(EventTableModel::SenderColumn));
    }
    EventListPane again;
    QVERIFY(again.table()->isColumnHidden(EventTableModel::SenderColumn));
    QVERIFY(!again.table()->isColumnHidden(EventTableModel::KindColumn));
    QAction *sender = again.columns()->menu()->findChild<QAction *>(QStringLiteral("showColumn_sender"));
    QVERIFY(!sender->isChecked());
    sender->trigger();
    QVERIFY(!again.table()->isColumnHidden(EventTableModel::SenderColumn));
    // Only the App column stays hidden: it is empty until something is forwarded.
    QCOMPARE(QSettings().value(QStringLiteral("eventTable/hiddenColumns")).toStringList(), QStringList{QStringLiteral("app")});
}

void tst_EventColumns::theLastColumnCannotBeHidden()
{
    EventListPane pane;
    for (int column = 0; column < EventTableModel::ColumnCount; ++column)
        pane.columns()->setColumnShown(column, false);
    int shown = 0;
    for (int column = 0; column < EventTableModel::ColumnCount; ++column)
        shown += pane.table()->isColumnHidden(column) ? 0 : 1;
    QCOMPARE(shown, 1);
}

void tst_EventColumns::userWidthIsKept()
{
    EventListPane pane;
    pane.resize(1280, 500);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.table()->horizontalHeader()->resizeSection(EventTableModel::KindColumn, 70); // as a drag does
    pane.addEvents(sampleEvents());
    QTRY_COMPARE(pane.proxy()->rowCount(), int(kSampleRows.size()));
    pane.applyInfos(sampleInfos());
    pane.columns()->fitNow();
    QCOMPARE(pane.table()->columnWidth(EventTableModel::KindColumn), 70);
    pane.columns()->menu()->findChild<QAction *>(QStringLiteral("fitColumns"))->trigger();
    QVERIFY(pane.table()->columnWidth(EventTableModel::KindColumn) > 150);
}

void tst_EventColumns::violationPointersShowWhole()
{
    ViolationsPanel panel;
    panel.resize(1280, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    EventInfo info;
    info.id = 1;
    info.kind = QStringLiteral("callback-request");
    info.validity = EventInfo::Validity::Invalid;
    info.violationCount = 2;
    info.violationsJson =
        R"([{"pointer":"/data/callbackRequest/subject/locations/0/translations/street2/0/value","message":"m","keyword":"additionalProperties"},)"
        R"({"pointer":"/data/callbackRequest/customer/locations/0/translations/street2/0/value","message":"m","keyword":"type"}])";
    panel.setInfo(info);
    auto *list = panel.findChild<QTreeWidget *>(QStringLiteral("violationsList"));
    QVERIFY(list);
    QCOMPARE(list->topLevelItemCount(), 2);
    const QFontMetrics metrics(list->font());
    for (int row = 0; row < 2; ++row) {
        const QTreeWidgetItem *item = list->topLevelItem(row);
        QVERIFY2(metrics.horizontalAdvance(item->text(0)) < list->columnWidth(0), qPrintable(item->text(0)));
        QVERIFY2(metrics.horizontalAdvance(item->text(2)) < list->columnWidth(2), qPrintable(item->text(2)));
    }
}

void tst_EventColumns::timeShowsTheDateForOtherDays()
{
    EventListPane pane;
    pane.resize(1280, 400);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QList<Event> events = sampleEvents().mid(0, 2);
    const QDateTime earlier(QDate::currentDate().addDays(-3), QTime(9, 28, 47));
    events[0].receivedAtMs = earlier.toMSecsSinceEpoch();
    pane.addEvents(events);
    QTRY_COMPARE(pane.proxy()->rowCount(), 2);
    const QModelIndex old = pane.proxy()->index(0, EventTableModel::TimeColumn);
    const QModelIndex today = pane.proxy()->index(1, EventTableModel::TimeColumn);
    QCOMPARE(old.data().toString(), earlier.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(today.data().toString().size(), 12); // HH:mm:ss.zzz
    QTRY_VERIFY(neededWidth(pane.table(), old) <= pane.table()->columnWidth(EventTableModel::TimeColumn));
}

QTEST_MAIN(tst_EventColumns)
#include "tst_eventcolumns.moc"
