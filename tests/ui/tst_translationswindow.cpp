#include "EventDetailPane.h"
#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "MainWindow.h"
#include "session/CaptureSession.h"
#include "TestWindow.h"
#include "TranslationTableModel.h"
#include "TranslationsPane.h"
#include "http/Receiver.h"

#include <QCheckBox>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace hookscope;

namespace {

const QByteArray kComplete = R"({"subject": {"translations": {"name": [
    {"language": "en", "value": "Loans"}, {"language": "nl", "value": "Leningen"}]}}})";
// description lacks fr and nl: two missing cells.
const QByteArray kIncomplete = R"({"subject": {"translations": {
    "name": [{"language": "en", "value": "Loans"}, {"language": "nl", "value": "Leningen"},
             {"language": "fr", "value": "Prêts"}],
    "description": [{"language": "en", "value": "About <b>loans</b>"}]}}})";
const QByteArray kNone = R"({"id": "1"})";

} // namespace

// Translations through the whole window: real requests on a loopback port, the real
// enrichment recording languages and missing translations, the event table's Languages column
// and "Missing translations" filter, the store bringing both back after a restart, and the
// Translations tab of the selected event.
class tst_TranslationsWindow final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void languagesColumnAndMissingFilter();
    void translationsTabFollowsTheSelection();

private:
    void post(const QByteArray &body);
    void openWindow();

    std::unique_ptr<TestWindow> m_test;
    MainWindow *m_window = nullptr; // m_test's
    QNetworkAccessManager m_network;
};

void tst_TranslationsWindow::initTestCase()
{
    TestWindow::useTestSettings();
    m_network.setProxy(QNetworkProxy::NoProxy);
}

// A window (the real classifier: the translations are read from the real schemas) on m_test's store.
void tst_TranslationsWindow::openWindow()
{
    QString error;
    QVERIFY2(m_test->show(&error), qPrintable(error));
    m_window = m_test->window();
}

void tst_TranslationsWindow::init()
{
    m_test = std::make_unique<TestWindow>(TestWindow::Inspection::Real);
    m_test->setSize({1200, 800});
    openWindow();
}

void tst_TranslationsWindow::cleanup()
{
    m_window = nullptr;
    m_test.reset();
}

void tst_TranslationsWindow::post(const QByteArray &body)
{
    QNetworkRequest request(m_window->session()->url().resolved(QUrl(QStringLiteral("/hook"))));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply = m_network.post(request, body);
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    reply->deleteLater();
}

void tst_TranslationsWindow::languagesColumnAndMissingFilter()
{
    post(kComplete);
    post(kIncomplete);
    post(kNone);
    EventListPane *list = m_window->listPane();
    QTRY_COMPARE(list->eventCount(), 3);
    const QAbstractItemModel *model = list->model();
    QTRY_VERIFY(model->index(2, 0).data(EventTableModel::ValidityRole).toInt() != int(EventInfo::Validity::NotChecked));
    QTRY_COMPARE(model->index(1, EventTableModel::LanguagesColumn).data().toString(), QStringLiteral("en nl fr · 2 missing"));
    QCOMPARE(model->index(0, EventTableModel::LanguagesColumn).data().toString(), QStringLiteral("en nl"));
    QCOMPARE(model->index(2, EventTableModel::LanguagesColumn).data().toString(), QString());
    QCOMPARE(model->headerData(EventTableModel::LanguagesColumn, Qt::Horizontal).toString(), QStringLiteral("Languages"));
    QVERIFY(model->index(1, EventTableModel::LanguagesColumn).data(Qt::ToolTipRole).toString().contains(
        QStringLiteral("nl — Nederlands")));

    QAbstractItemModel *view = list->table()->model();
    list->missingTranslationsCheck()->click();
    QVERIFY(list->proxy()->missingTranslationsOnly());
    QCOMPARE(view->rowCount(), 1);
    QCOMPARE(view->index(0, 0).data(EventTableModel::IdRole).toLongLong(), model->index(1, 0).data(EventTableModel::IdRole).toLongLong());
    QCOMPARE(list->findChild<QLabel *>(QStringLiteral("matchLabel"))->text(), QStringLiteral("1 of 3 events"));
    // A live event joins the filtered view once its translations were read.
    post(kIncomplete);
    QTRY_COMPARE(list->eventCount(), 4);
    QTRY_COMPARE(view->rowCount(), 2);
    post(kComplete);
    QTRY_COMPARE(list->eventCount(), 5);
    QTRY_VERIFY(model->index(4, 0).data(EventTableModel::ValidityRole).toInt() != int(EventInfo::Validity::NotChecked));
    QCOMPARE(view->rowCount(), 2);
    list->missingTranslationsCheck()->click();
    QCOMPARE(view->rowCount(), 5);

    // After a restart the store brings the column back.
    openWindow();
    list = m_window->listPane();
    QTRY_COMPARE(list->eventCount(), 5);
    QCOMPARE(list->model()->index(1, EventTableModel::LanguagesColumn).data().toString(),
             QStringLiteral("en nl fr · 2 missing"));
    list->missingTranslationsCheck()->click();
    QCOMPARE(list->table()->model()->rowCount(), 2);
}

void tst_TranslationsWindow::translationsTabFollowsTheSelection()
{
    post(kIncomplete);
    post(kComplete);
    EventListPane *list = m_window->listPane();
    QTRY_COMPARE(list->eventCount(), 2);
    QTRY_COMPARE(list->model()->index(0, 0).data(EventTableModel::MissingTranslationsRole).toInt(), 2);
    EventDetailPane *detail = m_window->detailPane();
    detail->tabs()->setCurrentIndex(EventDetailPane::TranslationsTab);
    QTableView *table = list->table();
    table->setFocus();
    table->selectionModel()->setCurrentIndex(table->model()->index(0, 0),
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTRY_COMPARE(detail->eventId(), list->model()->idAt(0));
    QTRY_COMPARE(detail->tabs()->tabText(EventDetailPane::TranslationsTab), QStringLiteral("Translations (2 missing)"));
    TranslationsPane *translations = detail->translationsPane();
    QCOMPARE(translations->summary()->text(),
             QStringLiteral("2 translated fields in 3 languages. nl: 1 missing, fr: 1 missing."));
    QCOMPARE(translations->model()->index(0, translations->model()->columnOf(QStringLiteral("en"))).data().toString(),
             QStringLiteral("About <b>loans</b>"));
    QTest::keyClick(table, Qt::Key_Down);
    QTRY_COMPARE(detail->eventId(), list->model()->idAt(1));
    QCOMPARE(detail->tabs()->currentIndex(), int(EventDetailPane::TranslationsTab));
    QCOMPARE(translations->summary()->text(), QStringLiteral("1 translated field in 2 languages. None missing."));
}

QTEST_MAIN(tst_TranslationsWindow)
#include "tst_translationswindow.moc"
