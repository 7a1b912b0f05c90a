#include "HoldPolicyModel.h"
#include "HoldSettingsDialog.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace hookscope;

// The hold settings table: switching a kind between hold and answer-at-once, its deadline and
// default answer, and the round trip through QSettings.
class tst_HoldSettingsDialog final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void listsEveryKindWithItsRule();
    void editsChangeThePolicy_data();
    void editsChangeThePolicy();
    void savedSettingsOverrideTheBuiltIns();
};

void tst_HoldSettingsDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationName(QStringLiteral("hookscope-tests"));
    QSettings().clear();
}

void tst_HoldSettingsDialog::listsEveryKindWithItsRule()
{
    HoldSettingsDialog dialog(HoldPolicy::builtIn(), {QStringLiteral("jicoo"), QStringLiteral("callback-request")});
    HoldPolicyModel *model = dialog.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The two listed plus the configured before-book-appointment and Cubu pack's before-check-in,
    // before-queue-up, before-resolve, data-table-fetch, data-table-find and data-table-query, sorted.
    QCOMPARE(model->rowCount(), 9);
    QCOMPARE(model->index(0, HoldPolicyModel::KindColumn).data().toString(), QStringLiteral("before-book-appointment"));
    QCOMPARE(model->index(0, HoldPolicyModel::HoldColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(model->index(0, HoldPolicyModel::DeadlineColumn).data().toDouble(), 10.0);
    QCOMPARE(model->index(4, HoldPolicyModel::KindColumn).data().toString(), QStringLiteral("callback-request"));
    QCOMPARE(model->index(4, HoldPolicyModel::HoldColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
}

void tst_HoldSettingsDialog::editsChangeThePolicy_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("role");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("switch to answer at once") << int(HoldPolicyModel::HoldColumn) << int(Qt::CheckStateRole)
                                              << QVariant(int(Qt::Unchecked)) << true;
    QTest::newRow("deadline 2.5 s") << int(HoldPolicyModel::DeadlineColumn) << int(Qt::EditRole) << QVariant(2.5) << true;
    QTest::newRow("negative deadline refused") << int(HoldPolicyModel::DeadlineColumn) << int(Qt::EditRole)
                                               << QVariant(-1) << false;
    QTest::newRow("default answer cancel") << int(HoldPolicyModel::DefaultColumn) << int(Qt::EditRole)
                                           << QVariant(QStringLiteral("cancel")) << true;
}

void tst_HoldSettingsDialog::editsChangeThePolicy()
{
    QFETCH(int, column);
    QFETCH(int, role);
    QFETCH(QVariant, value);
    QFETCH(bool, accepted);
    HoldSettingsDialog dialog(HoldPolicy::builtIn(), {});
    HoldPolicyModel *model = dialog.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->setData(model->index(0, column), value, role), accepted);
    const HoldRule rule = dialog.policy().rule(QStringLiteral("before-book-appointment"));
    const HoldRule before = HoldPolicy::builtIn().rule(QStringLiteral("before-book-appointment"));
    switch (HoldPolicyModel::Column(column)) {
    case HoldPolicyModel::HoldColumn:
        QCOMPARE(rule.hold, false);
        // Cubu's pack holds other kinds too: only this one leaves the active set.
        QVERIFY(!dialog.policy().activeKinds().contains(QStringLiteral("before-book-appointment")));
        break;
    case HoldPolicyModel::DeadlineColumn:
        QCOMPARE(rule.deadlineMs, accepted ? 2500 : before.deadlineMs);
        break;
    case HoldPolicyModel::DefaultColumn:
        QCOMPARE(rule.defaultPreset, QStringLiteral("cancel"));
        break;
    default:
        QFAIL("unexpected column");
    }
}

void tst_HoldSettingsDialog::savedSettingsOverrideTheBuiltIns()
{
    HoldPolicy policy = HoldPolicy::builtIn();
    policy.setRule(QStringLiteral("jicoo"), HoldRule{true, 3000, QStringLiteral("none")});
    HoldRule bba = policy.rule(QStringLiteral("before-book-appointment"));
    bba.hold = false;
    policy.setRule(QStringLiteral("before-book-appointment"), bba);
    {
        QSettings settings;
        policy.saveSettings(settings);
    }
    HoldPolicy loaded = HoldPolicy::builtIn();
    loaded.loadSettings(QSettings());
    QCOMPARE(loaded.rule(QStringLiteral("jicoo")).hold, true);
    QCOMPARE(loaded.rule(QStringLiteral("jicoo")).deadlineMs, 3000);
    QCOMPARE(loaded.rule(QStringLiteral("before-book-appointment")).hold, false);
    QSettings().clear();
}

QTEST_MAIN(tst_HoldSettingsDialog)
#include "tst_holdsettingsdialog.moc"
