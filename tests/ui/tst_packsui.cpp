#include "AmbiguityBar.h"
#include "EventDetailPane.h"
#include "EventListPane.h"
#include "MainWindow.h"
#include "session/CaptureSession.h"
#include "TestWindow.h"
#include "app/AppSettings.h"
#include "common/Samples.h"
#include "enrich/DefaultInspector.h"
#include "http/Receiver.h"
#include "KindsSettingsPage.h"
#include "PackKindsModel.h"
#include "schema/SchemaRegistry.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;
using hookscope::test::beforeBookSample;

namespace {
QModelIndex childNamed(const QAbstractItemModel &model, const QModelIndex &parent, int role, const QString &value)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data(role).toString() == value)
            return index;
    }
    return {};
}
} // namespace

// The packs where a person sees them: the ambiguity note with its one-click routes, and the
// vendor packs in Settings (grouped, switched off by unchecking).
class TestPacksUi final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { TestWindow::useTestSettings(); }
    void ambiguousEventOffersOneClickRoutes();
    void routedEventShowsNoNote();
    void settingsGroupKindsByVendor();
    void uncheckingAVendorSwitchesItsPackOffAndBack();
    void kindFilterListsVendorThenKind();
    void oneClickInTheWindowRoutesThePath();
};

void TestPacksUi::ambiguousEventOffersOneClickRoutes()
{
    SchemaRegistry registry;
    AmbiguityBar bar;
    bar.setEvent(beforeBookSample(), "/hooks/booking?x=1", registry.catalog());
    QVERIFY(!bar.isHidden());
    QCOMPARE(bar.noteLabel()->text(), QStringLiteral("before-book-appointment \u2014 same shape as after-book-appointment; "
                                                     "route the path to decide"));
    QCOMPARE(bar.noteLabel()->textFormat(), Qt::PlainText);
    QCOMPARE(bar.routeButtons().size(), 2);
    QSignalSpy requested(&bar, &AmbiguityBar::routeRequested);
    auto *after = bar.findChild<QPushButton *>(QStringLiteral("routeTo:after-book-appointment"));
    QVERIFY(after);
    QCOMPARE(after->text(), QStringLiteral("Route to after-book-appointment"));
    QVERIFY(after->toolTip().contains(QStringLiteral("/hooks/booking")));
    QTest::mouseClick(after, Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("/hooks/booking"));
    QCOMPARE(requested.at(0).at(1).toString(), QStringLiteral("after-book-appointment"));

    // Once the user routed it, the same event is no longer ambiguous.
    registry.setRoutes({{QStringLiteral("/hooks/booking"), QStringLiteral("after-book-appointment")}});
    bar.setEvent(beforeBookSample(), "/hooks/booking", registry.catalog());
    QVERIFY(bar.isHidden());
    QVERIFY(bar.routeButtons().isEmpty());
}

void TestPacksUi::routedEventShowsNoNote()
{
    SchemaRegistry registry;
    AmbiguityBar bar;
    bar.setEvent(beforeBookSample(), "/acme/service/actions/afterBookAppointment", registry.catalog());
    QVERIFY(bar.isHidden());
    QCOMPARE(bar.classification().kindId, QStringLiteral("after-book-appointment"));
    bar.setEvent("not json", "/hooks/booking", registry.catalog());
    QVERIFY(bar.isHidden());
}

void TestPacksUi::settingsGroupKindsByVendor()
{
    SchemaRegistry registry;
    PackKindsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCatalog(registry.catalog());
    const QModelIndex cubu = childNamed(model, {}, PackKindsModel::PackRole, QStringLiteral("cubu"));
    QVERIFY(cubu.isValid());
    QCOMPARE(cubu.data().toString(), QStringLiteral("Cubu"));
    QCOMPARE(cubu.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(cubu.siblingAtColumn(PackKindsModel::AnswerColumn).data().toString(), QStringLiteral("signature: cubu"));
    const QModelIndex before = childNamed(model, cubu, PackKindsModel::KindRole, QStringLiteral("before-book-appointment"));
    const QModelIndex after = childNamed(model, cubu, PackKindsModel::KindRole, QStringLiteral("after-book-appointment"));
    QVERIFY(before.isValid() && after.isValid());
    QCOMPARE(before.siblingAtColumn(PackKindsModel::AnswerColumn).data().toString(),
             QStringLiteral("held: answered with before-book-appointment.response"));
    QCOMPARE(after.siblingAtColumn(PackKindsModel::AnswerColumn).data().toString(), QStringLiteral("answered at once"));
    QCOMPARE(after.siblingAtColumn(PackKindsModel::RoutesColumn).data().toString(),
             QStringLiteral("*/service/actions/afterBookAppointment"));
    QVERIFY(after.siblingAtColumn(PackKindsModel::SourceColumn).data().toString().startsWith(QLatin1String("https://docs.cubu.com/")));
    for (const char *pack : {"pexip-engage", "highlevel", "jicoo"})
        QVERIFY2(childNamed(model, {}, PackKindsModel::PackRole, QLatin1String(pack)).isValid(), pack);
}

void TestPacksUi::uncheckingAVendorSwitchesItsPackOffAndBack()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    KindsSettingsPage page({});
    page.folderEdit()->setText(dir.path());
    PackKindsModel *model = page.packsModel();
    const QModelIndex cubu = childNamed(*model, {}, PackKindsModel::PackRole, QStringLiteral("cubu"));
    QVERIFY(cubu.isValid());
    QVERIFY(model->setData(cubu, Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(model->disabledPacks(), QSet<QString>{QStringLiteral("cubu")});
    page.save(settings);
    const QString manifest = dir.filePath(QStringLiteral("packs/cubu/pack.json"));
    QFile file(manifest);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("disabled")), QJsonValue(true));
    SchemaRegistry registry;
    registry.setUserKindsDirectory(dir.path());
    QVERIFY(!registry.catalog()->kind(QStringLiteral("after-book-appointment")));

    // A page opened now sees it off; checking it again removes the switch.
    KindsSettingsPage again({});
    again.folderEdit()->setText(dir.path());
    again.packsModel()->setCatalog(registry.catalog());
    const QModelIndex off = childNamed(*again.packsModel(), {}, PackKindsModel::PackRole, QStringLiteral("cubu"));
    QCOMPARE(off.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QVERIFY(again.packsModel()->setData(off, Qt::Checked, Qt::CheckStateRole));
    again.save(settings);
    QVERIFY(!QFileInfo::exists(manifest));
    QTRY_VERIFY(registry.catalog()->kind(QStringLiteral("after-book-appointment")));
}

void TestPacksUi::kindFilterListsVendorThenKind()
{
    EventListPane pane;
    QList<Event> events;
    const QStringList kinds{QStringLiteral("before-book-appointment"), QStringLiteral("after-book-appointment"),
                            QStringLiteral("jicoo")};
    for (int i = 0; i < kinds.size(); ++i) {
        Event event;
        event.id = i + 1;
        event.method = "POST";
        event.target = "/x";
        event.body = "{}";
        events.append(event);
    }
    pane.addEvents(events);
    QTRY_COMPARE(pane.eventCount(), 3);
    QList<EventInfo> infos;
    for (int i = 0; i < kinds.size(); ++i) {
        EventInfo info;
        info.id = i + 1;
        info.kind = kinds.at(i);
        info.validity = EventInfo::Validity::Valid;
        infos.append(info);
    }
    pane.applyInfos(infos);
    QComboBox *combo = pane.kindCombo();
    QStringList items;
    QTRY_VERIFY(combo->count() == 6);
    for (int i = 0; i < combo->count(); ++i)
        items << combo->itemText(i);
    QCOMPARE(items, (QStringList{QStringLiteral("All kinds"), QStringLiteral("Cubu (all)"),
                                 QStringLiteral("    after-book-appointment"), QStringLiteral("    before-book-appointment"),
                                 QStringLiteral("jicoo"), QStringLiteral("unknown")}));
    combo->setCurrentIndex(1); // the vendor: both of its kinds
    QCOMPARE(pane.table()->model()->rowCount(), 2);
    combo->setCurrentIndex(2); // one kind of it
    QCOMPARE(pane.table()->model()->rowCount(), 1);
    combo->setCurrentIndex(4);
    QCOMPARE(pane.table()->model()->rowCount(), 1);
    combo->setCurrentIndex(0);
    QCOMPARE(pane.table()->model()->rowCount(), 3);
}

// The whole window: a Before Book body sent by hand to a path of the user's own is held and its
// details say the shape decided; one click routes the path (saved, and in effect at once).
void TestPacksUi::oneClickInTheWindowRoutesThePath()
{
    QSettings().remove(QLatin1String(AppSettings::Routes));
    QString error;
    const std::unique_ptr<TestWindow> test = TestWindow::open(&error);
    QVERIFY2(test, qPrintable(error));
    MainWindow *window = test->window();
    QJsonObject body = QJsonDocument::fromJson(beforeBookSample()).object();
    body.insert(QStringLiteral("kind"), QStringLiteral("before-book-appointment")); // for the fake inspector
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QUrl url = window->session()->url();
    url.setPath(QStringLiteral("/hooks/booking"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson());
    QTRY_COMPARE(window->listPane()->eventCount(), 1);
    QTableView *table = window->listPane()->table();
    table->setCurrentIndex(table->model()->index(0, 0));
    AmbiguityBar *bar = window->detailPane()->ambiguityBar();
    QTRY_VERIFY(bar->isVisible());
    QCOMPARE(bar->noteLabel()->text(), QStringLiteral("before-book-appointment \u2014 same shape as after-book-appointment; "
                                                      "route the path to decide"));
    auto *route = bar->findChild<QPushButton *>(QStringLiteral("routeTo:after-book-appointment"));
    QVERIFY(route);
    QTest::mouseClick(route, Qt::LeftButton);
    QCOMPARE(QSettings().value(QLatin1String(AppSettings::Routes)).toStringList(),
             QStringList{QStringLiteral("/hooks/booking=after-book-appointment")});
    QCOMPARE(appSchemaRegistry()->catalog()->userRoutes().value(QStringLiteral("/hooks/booking")),
             QStringLiteral("after-book-appointment"));
    QVERIFY(!bar->isVisible());
    reply->abort(); // it was held for an answer
    reply->deleteLater();
    QSettings().remove(QLatin1String(AppSettings::Routes));
    appSchemaRegistry()->setRoutes({});
}

QTEST_MAIN(TestPacksUi)
#include "tst_packsui.moc"
