#include "BodyView.h"
#include "EventDetailPane.h"
#include "HeadersView.h"
#include "JsonTreeModel.h"
#include "JsonTreeView.h"
#include "ResponseView.h"
#include "TranslationTableModel.h"
#include "TranslationsPane.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace hookscope;

namespace {

Event sampleEvent()
{
    Event e;
    e.id = 7;
    e.receivedAtMs = 1'700'000'000'123;
    e.remoteAddress = QStringLiteral("127.0.0.1");
    e.remotePort = 50123;
    e.forwardedFor = "203.0.113.9, 10.0.0.1";
    e.method = "POST";
    e.target = "/hooks/<b>x</b>?a=1";
    e.httpVersion = "1.1";
    e.headers = {{"Host", "localhost"}, {"X-Tag", "<i>one</i>"}, {"X-Tag", "two"}, {"Content-Type", "application/json"}};
    e.contentType = "application/json";
    e.body = R"({"html": "<img src=x>", "n": 1})";
    e.response.status = 202;
    e.response.headers = {{"Content-Type", "text/plain"}};
    e.response.body = "<b>accepted</b>";
    e.handlingUs = 1530;
    return e;
}

} // namespace

class tst_EventDetailPane final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // the language chooser reads QSettings
    void tabsFillWhenShown();
    void headersKeepOrderAndDuplicates();
    void trailersAreShownApartFromTheHeaders();
    void responseShowsStatusTimingAndBody();
    void noEventClearsEverything();
    void noRichTextAnywhere();
    void translationCellSelectsTreeNode_data();
    void translationCellSelectsTreeNode();
};

void tst_EventDetailPane::tabsFillWhenShown()
{
    EventDetailPane pane;
    pane.setEvent(sampleEvent());
    auto *body = pane.bodyView()->findChild<QPlainTextEdit *>(QStringLiteral("bodyText"));
    QVERIFY(body->toPlainText().contains(QStringLiteral("\"html\": \"<img src=x>\"")));
    QCOMPARE(pane.treeView()->model()->rowCount(), 0); // not built until shown
    pane.tabs()->setCurrentIndex(EventDetailPane::TreeTab);
    QCOMPARE(pane.treeView()->model()->rowCount(), 1);
    const QModelIndex root = pane.treeView()->model()->index(0, 0);
    QCOMPARE(pane.treeView()->model()->rowCount(root), 2);
    QCOMPARE(pane.treeView()->model()->index(0, JsonTreeModel::ValueColumn, root).data().toString(),
             QStringLiteral("<img src=x>"));
    QCOMPARE(pane.eventId(), 7);
}

void tst_EventDetailPane::headersKeepOrderAndDuplicates()
{
    EventDetailPane pane;
    pane.tabs()->setCurrentIndex(EventDetailPane::HeadersTab);
    pane.setEvent(sampleEvent());
    QTreeWidget *tree = pane.headersView()->tree();
    QCOMPARE(tree->topLevelItemCount(), 2);
    QTreeWidgetItem *request = tree->topLevelItem(0);
    QStringList requestValues;
    for (int i = 0; i < request->childCount(); ++i)
        requestValues << request->child(i)->text(0) + QLatin1Char('=') + request->child(i)->text(1);
    QVERIFY(requestValues.contains(QStringLiteral("Method=POST")));
    QVERIFY(requestValues.contains(QStringLiteral("Target=/hooks/<b>x</b>?a=1")));
    QVERIFY(requestValues.contains(QStringLiteral("HTTP version=HTTP/1.1")));
    QVERIFY(requestValues.contains(QStringLiteral("Sender=203.0.113.9")));
    QVERIFY(requestValues.contains(QStringLiteral("Peer=127.0.0.1:50123")));
    QVERIFY(std::any_of(requestValues.cbegin(), requestValues.cend(),
                        [](const QString &v) { return v.startsWith(QStringLiteral("Received=20")); }));
    QTreeWidgetItem *headers = tree->topLevelItem(1);
    QCOMPARE(headers->text(0), QStringLiteral("Headers (4)"));
    QCOMPARE(headers->childCount(), 4);
    QCOMPARE(headers->child(1)->text(0), QStringLiteral("X-Tag"));
    QCOMPARE(headers->child(1)->text(1), QStringLiteral("<i>one</i>"));
    QCOMPARE(headers->child(2)->text(0), QStringLiteral("X-Tag"));
    QCOMPARE(headers->child(3)->text(0), QStringLiteral("Content-Type"));
}

void tst_EventDetailPane::trailersAreShownApartFromTheHeaders()
{
    EventDetailPane pane;
    pane.tabs()->setCurrentIndex(EventDetailPane::HeadersTab);
    Event event = sampleEvent();
    event.trailers = {{"X-Checksum", "<b>900150983cd24fb0</b>"}};
    pane.setEvent(event);
    QTreeWidget *tree = pane.headersView()->tree();
    QCOMPARE(tree->topLevelItemCount(), 3);
    QCOMPARE(tree->topLevelItem(1)->text(0), QStringLiteral("Headers (4)"));
    QTreeWidgetItem *trailers = tree->topLevelItem(2);
    QCOMPARE(trailers->text(0), QStringLiteral("Trailers (1)"));
    QCOMPARE(trailers->childCount(), 1);
    QCOMPARE(trailers->child(0)->text(0), QStringLiteral("X-Checksum"));
    QCOMPARE(trailers->child(0)->text(1), QStringLiteral("<b>900150983cd24fb0</b>"));
}

void tst_EventDetailPane::responseShowsStatusTimingAndBody()
{
    EventDetailPane pane;
    pane.setEvent(sampleEvent());
    pane.tabs()->setCurrentIndex(EventDetailPane::ResponseTab);
    auto *status = pane.responseView()->findChild<QLabel *>(QStringLiteral("responseStatus"));
    QVERIFY2(status->text().startsWith(QStringLiteral("202 Accepted")), qPrintable(status->text()));
    QVERIFY(status->text().contains(QStringLiteral("1.53 ms")));
    auto *headers = pane.responseView()->findChild<QTreeWidget *>(QStringLiteral("responseHeaders"));
    QCOMPARE(headers->topLevelItemCount(), 2); // and the Content-Length the receiver wrote (issue 24.23)
    QCOMPARE(headers->topLevelItem(1)->text(0), QStringLiteral("Content-Length"));
    QCOMPARE(headers->topLevelItem(1)->text(1), QString::number(QByteArray("<b>accepted</b>").size()));
    QCOMPARE(pane.responseView()->findChild<QPlainTextEdit *>(QStringLiteral("responseBody"))->toPlainText(),
             QStringLiteral("<b>accepted</b>"));
    QCOMPARE(ResponseView::durationText(-1), QStringLiteral("handling time not recorded"));
    QCOMPARE(ResponseView::durationText(250), QStringLiteral("handled in 250 µs"));
}

void tst_EventDetailPane::noEventClearsEverything()
{
    EventDetailPane pane;
    pane.setEvent(sampleEvent());
    pane.tabs()->setCurrentIndex(EventDetailPane::TreeTab);
    pane.setEvent(std::nullopt);
    QCOMPARE(pane.eventId(), 0);
    QCOMPARE(pane.treeView()->model()->rowCount(), 0);
    QCOMPARE(pane.bodyView()->mode(), BodyView::Mode::Empty);
}

void tst_EventDetailPane::noRichTextAnywhere()
{
    EventDetailPane pane;
    pane.setEvent(sampleEvent());
    for (int tab = 0; tab < EventDetailPane::TabCount; ++tab)
        pane.tabs()->setCurrentIndex(tab);
    const QList<QLabel *> labels = pane.findChildren<QLabel *>();
    QVERIFY(!labels.isEmpty());
    for (QLabel *label : labels)
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName()));
    auto *title = pane.findChild<QLabel *>(QStringLiteral("detailTitle"));
    QVERIFY(title->text().contains(QStringLiteral("/hooks/<b>x</b>")));
}

void tst_EventDetailPane::translationCellSelectsTreeNode_data()
{
    QTest::addColumn<QString>("language"); // "" for the field column
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("pointer");
    // Rows: office › name, subject › name (members in name order).
    QTest::newRow("a text selects its item's value") << "nl" << 0 << "/office/translations/name/2/value";
    QTest::newRow("a duplicate selects its first item") << "fr" << 1 << "/subject/translations/name/1/value";
    QTest::newRow("a missing language selects the array") << "fr" << 0 << "/office/translations/name";
    QTest::newRow("the field column selects the array") << "" << 1 << "/subject/translations/name";
}

void tst_EventDetailPane::translationCellSelectsTreeNode()
{
    QFETCH(QString, language);
    QFETCH(int, row);
    QFETCH(QString, pointer);
    Event e = sampleEvent();
    e.body = R"({"office": {"translations": {"name": [{"language": "en", "value": "Office"},
        {"language": "de", "value": "Büro"}, {"language": "nl", "value": "Kantoor"}]}},
        "subject": {"translations": {"name": [{"language": "en", "value": "Loans"},
        {"language": "fr", "value": "Prêts"}, {"language": "fr", "value": "Crédits"}]}}})";
    EventDetailPane pane;
    pane.resize(900, 600);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.translationsPane()->setLanguage(QString());
    pane.setEvent(e);
    pane.tabs()->setCurrentIndex(EventDetailPane::TranslationsTab);
    QCOMPARE(pane.tabs()->tabText(EventDetailPane::TranslationsTab), QStringLiteral("Translations"));
    QTableView *table = pane.translationsPane()->table();
    const TranslationTableModel *model = pane.translationsPane()->model();
    const int column = language.isEmpty() ? int(TranslationTableModel::FieldColumn) : model->columnOf(language);
    QVERIFY(column >= 0);
    const QModelIndex cell = model->index(row, column);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(cell).center());
    QCOMPARE(table->currentIndex(), cell);
    // The tree follows while the Translations tab stays in front…
    QCOMPARE(pane.tabs()->currentIndex(), int(EventDetailPane::TranslationsTab));
    QCOMPARE(pane.treeView()->tree()->currentIndex().data(JsonTreeModel::JsonPointerRole).toString(), pointer);
    // …and Enter shows the node there.
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(pane.tabs()->currentIndex(), int(EventDetailPane::TreeTab));
    QCOMPARE(pane.treeView()->tree()->currentIndex().data(JsonTreeModel::JsonPointerRole).toString(), pointer);
    // The tab counts what enrichment found missing.
    EventInfo info;
    info.id = e.id;
    info.validity = EventInfo::Validity::Unknown;
    info.languages = QStringLiteral("en de nl fr");
    info.missingTranslations = 5;
    pane.setInfo(info);
    QCOMPARE(pane.tabs()->tabText(EventDetailPane::TranslationsTab), QStringLiteral("Translations (5 missing)"));
}

QTEST_MAIN(tst_EventDetailPane)
#include "tst_eventdetailpane.moc"
