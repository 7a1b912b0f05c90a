#include "AmbiguityBar.h"
#include "KindsSettingsPage.h"
#include "PackKindsModel.h"
#include "schema/SchemaRegistry.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {
QByteArray beforeBook()
{
    QFile file(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/before-book-appointment.json"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

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
    void ambiguousEventOffersOneClickRoutes();
    void routedEventShowsNoNote();
    void settingsGroupKindsByVendor();
    void uncheckingAVendorSwitchesItsPackOffAndBack();
};

void TestPacksUi::ambiguousEventOffersOneClickRoutes()
{
    SchemaRegistry registry;
    AmbiguityBar bar;
    bar.setEvent(beforeBook(), "/hooks/booking?x=1", registry.catalog());
    QVERIFY(!bar.isHidden());
    QCOMPARE(bar.noteLabel()->text(), QStringLiteral("before-book-appointment \u2014 same shape as after-book-appointment; "
                                                     "route the path to decide"));
    QCOMPARE(bar.noteLabel()->textFormat(), Qt::PlainText);
    QCOMPARE(bar.routeButtons().size(), 2);
    QSignalSpy requested(&bar, &AmbiguityBar::routeRequested);
    auto *after = bar.findChild<QPushButton *>(QStringLiteral("routeTo:after-book-appointment"));
    QVERIFY(after);
    QCOMPARE(after->text(), QStringLiteral("Route /hooks/booking to after-book-appointment"));
    QTest::mouseClick(after, Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("/hooks/booking"));
    QCOMPARE(requested.at(0).at(1).toString(), QStringLiteral("after-book-appointment"));

    // Once the user routed it, the same event is no longer ambiguous.
    registry.setRoutes({{QStringLiteral("/hooks/booking"), QStringLiteral("after-book-appointment")}});
    bar.setEvent(beforeBook(), "/hooks/booking", registry.catalog());
    QVERIFY(bar.isHidden());
    QVERIFY(bar.routeButtons().isEmpty());
}

void TestPacksUi::routedEventShowsNoNote()
{
    SchemaRegistry registry;
    AmbiguityBar bar;
    bar.setEvent(beforeBook(), "/acme/service/actions/afterBookAppointment", registry.catalog());
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

QTEST_MAIN(TestPacksUi)
#include "tst_packsui.moc"
