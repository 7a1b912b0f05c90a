// Issue 27 at the filter box: a query filters the table through the store (and live events in
// memory), a mistake shows under the box with its column, and completion offers fields, kinds and
// the body paths seen in stored events of the chosen kind.
#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "QueryAssist.h"
#include "store/EventStore.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStringListModel>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

Event sampleEvent(const QByteArray &status, int code)
{
    Event e;
    e.receivedAtMs = 1'796'000'000'000;
    e.method = "POST";
    e.target = "/hooks/cb";
    e.remoteAddress = QStringLiteral("127.0.0.1");
    e.headers = {{"Content-Type", "application/json"}};
    e.body = R"({"appointment":{"appointmentStatus":")" + status + R"("}})";
    e.response.status = code;
    return e;
}

} // namespace

class tst_QueryFilter final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void queryFiltersStoredAndLiveEvents();
    void mistakeShowsUnderTheBoxWithItsColumn();
    void completionOffersFieldsKindsAndPathsOfTheKind();

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<EventStore> m_store;
};

void tst_QueryFilter::init()
{
    m_path = m_dir.filePath(QStringLiteral("q%1.sqlite").arg(QTest::currentTestFunction()));
    m_store = std::make_unique<EventStore>();
    QString error;
    QVERIFY2(m_store->open(m_path, &error), qPrintable(error));
    QVERIFY(m_store->begin());
    const QList<std::pair<QByteArray, int>> rows = {{"planned", 200}, {"cancelled", 500}, {"cancelled", 200},
                                                    {"cancelled", 503}, {"planned", 500}};
    for (const auto &[status, code] : rows) {
        Event e = sampleEvent(status, code);
        QVERIFY2(m_store->insert(e, &error), qPrintable(error));
        EventInfo info;
        info.id = e.id;
        info.validity = EventInfo::Validity::Valid;
        info.kind = QStringLiteral("order");
        QVERIFY(m_store->saveInfo(info));
    }
    QVERIFY2(m_store->commit(&error), qPrintable(error));
}

void tst_QueryFilter::queryFiltersStoredAndLiveEvents()
{
    EventListPane pane;
    pane.setStorePath(m_path);
    QSignalSpy loaded(&pane, &EventListPane::historyLoaded);
    pane.loadHistory(m_store.get());
    QTRY_COMPARE(loaded.size(), 1);
    QTRY_COMPARE(pane.proxy()->rowCount(), 5);
    QSignalSpy applied(&pane, &EventListPane::filterApplied);
    pane.setFilterText(QStringLiteral("body.appointment.appointmentStatus = cancelled and status >= 500"));
    QTRY_VERIFY(!applied.isEmpty());
    QTRY_COMPARE(pane.proxy()->rowCount(), 2); // ids 2 and 4
    // A live event is tested in memory by the same predicate.
    Event live = sampleEvent("cancelled", 502);
    live.id = 6;
    Event other = sampleEvent("planned", 502);
    other.id = 7;
    pane.addEvents({live, other});
    QTRY_COMPARE(pane.proxy()->rowCount(), 3);
    // Plain text keeps meaning "contains".
    pane.setFilterText(QStringLiteral("PLANNED"));
    QTRY_COMPARE(pane.proxy()->rowCount(), 2);
}

void tst_QueryFilter::mistakeShowsUnderTheBoxWithItsColumn()
{
    EventListPane pane;
    pane.setStorePath(m_path);
    pane.show();
    auto *error = pane.findChild<QLabel *>(QStringLiteral("queryError"));
    QVERIFY(error);
    QVERIFY(!error->isVisible());
    pane.setFilterText(QStringLiteral("status = abc"));
    QTRY_VERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("Column 10: expected a whole number, got 'abc'"));
    QCOMPARE(error->textFormat(), Qt::PlainText);
    pane.setFilterText(QStringLiteral("status = 200"));
    QTRY_VERIFY(!error->isVisible());
    pane.setFilterText(QStringLiteral("kind < x"));
    QTRY_COMPARE(error->text(), QStringLiteral("Column 6: '<' does not apply to kind; expected = != ~ matches exists"));
    pane.setFilterText(QString());
    QTRY_VERIFY(!error->isVisible());
}

void tst_QueryFilter::completionOffersFieldsKindsAndPathsOfTheKind()
{
    EventListPane pane;
    pane.setStorePath(m_path);
    QSignalSpy loaded(&pane, &EventListPane::historyLoaded);
    pane.loadHistory(m_store.get());
    QTRY_COMPARE(loaded.size(), 1);
    pane.show();
    QLineEdit *edit = pane.filterEdit();
    edit->setFocus();
    QCompleter *completer = pane.queryAssist()->completer();
    const auto words = [completer] { return qobject_cast<QStringListModel *>(completer->model())->stringList(); };
    QVERIFY(words().contains(QStringLiteral("forward.status")));
    QTRY_VERIFY(words().contains(QStringLiteral("order"))); // a kind seen
    QTest::keyClicks(edit, QStringLiteral("kind = order and body.appo"));
    // The paths of kind "order" come from the store, read on the search thread.
    QTRY_VERIFY(words().contains(QStringLiteral("body.appointment.appointmentStatus")));
    QTest::keyClicks(edit, QStringLiteral("i"));
    QTRY_VERIFY(completer->popup()->isVisible());
    QCOMPARE(completer->completionPrefix(), QStringLiteral("body.appoi"));
    QCOMPARE(completer->currentCompletion(), QStringLiteral("body.appointment"));
    Q_EMIT completer->activated(QStringLiteral("body.appointment.appointmentStatus"));
    QCOMPARE(edit->text(), QStringLiteral("kind = order and body.appointment.appointmentStatus"));
    QCOMPARE(edit->cursorPosition(), edit->text().size());
}

QTEST_MAIN(tst_QueryFilter)
#include "tst_queryfilter.moc"
