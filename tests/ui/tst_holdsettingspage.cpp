#include "HoldPolicyModel.h"
#include "HoldSettingsPage.h"
#include "SettingsDialog.h"
#include "SettingsField.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {
const QString kBooking = QStringLiteral("before-book-appointment");
const QString kJicoo = QStringLiteral("jicoo");

int rowOf(const HoldPolicyModel *model, const QString &kind)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, HoldPolicyModel::KindColumn).data().toString() == kind)
            return row;
    }
    return -1;
}
} // namespace

// The Holding page of the Settings dialog: per kind hold or answer at once, the deadline and
// the default answer, saved under hold/<kind>/… in a QSettings file of the test's own.
class TestHoldSettingsPage final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("hold-%1.conf").arg(++m_run)),
                                                 QSettings::IniFormat);
    }

    void showsTheBuiltInDefaults()
    {
        SettingsDialog dialog(m_settings.get());
        auto *page = addPage(dialog);
        QAbstractItemModelTester tester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // jicoo, callback-request, and the kinds the built-in policy holds: before-book-appointment
        // (resources/hold) and Cubu's before-queue-up, before-resolve, data-table-query,
        // before-check-in, data-table-find and data-table-fetch (its pack's hold.json).
        QCOMPARE(page->model()->rowCount(), 9);
        const int booking = rowOf(page->model(), kBooking);
        QVERIFY(booking >= 0);
        QCOMPARE(page->model()->index(booking, HoldPolicyModel::HoldColumn).data(Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));
        QCOMPARE(page->model()->index(booking, HoldPolicyModel::DeadlineColumn).data().toDouble(), 10.0);
        QCOMPARE(page->model()->index(rowOf(page->model(), kJicoo), HoldPolicyModel::HoldColumn)
                     .data(Qt::CheckStateRole)
                     .toInt(),
                 int(Qt::Unchecked));
        const auto *explanation = page->field()->findChild<QLabel *>(QStringLiteral("explanation"));
        QVERIFY(explanation && !explanation->text().isEmpty());
        QCOMPARE(explanation->textFormat(), Qt::PlainText);
        QVERIFY(dialog.problem().isEmpty());
    }

    void deadlineIsRefusedWithTheReason_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("not a number") << "soon";
        QTest::newRow("zero") << "0";
        QTest::newRow("negative") << "-5";
        QTest::newRow("more than an hour") << "3601";
    }

    void deadlineIsRefusedWithTheReason()
    {
        QFETCH(QString, typed);
        SettingsDialog dialog(m_settings.get());
        auto *page = addPage(dialog);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QModelIndex deadline = page->model()->index(rowOf(page->model(), kBooking), HoldPolicyModel::DeadlineColumn);
        QPointer<QLineEdit> editor = openDeadlineEditor(page, deadline);
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, typed);
        QVERIFY(page->field()->errorLabel()->isVisibleTo(&dialog));
        QVERIFY2(page->field()->errorLabel()->text().contains(QLatin1String("above 0 and at most 3600")),
                 qPrintable(page->field()->errorLabel()->text()));
        QCOMPARE(page->field()->errorLabel()->textFormat(), Qt::PlainText);
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog.problem().startsWith(QLatin1String("Holding")));

        QTest::keyClick(editor, Qt::Key_Return); // refused: the editor stays with the reason
        QVERIFY(editor);
        QCOMPARE(deadline.data().toDouble(), 10.0);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(m_settings->allKeys().isEmpty());

        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("25"));
        QVERIFY(ok->isEnabled());
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(!editor);
        QCOMPARE(deadline.data().toDouble(), 25.0);
        QVERIFY(!page->field()->errorLabel()->isVisibleTo(&dialog));
        QTest::mouseClick(ok, Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(m_settings->value(QStringLiteral("hold/before-book-appointment/deadlineMs")).toInt(), 25000);
    }

    void escapeDropsARefusedDeadline()
    {
        SettingsDialog dialog(m_settings.get());
        auto *page = addPage(dialog);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QModelIndex deadline = page->model()->index(rowOf(page->model(), kBooking), HoldPolicyModel::DeadlineColumn);
        QPointer<QLineEdit> editor = openDeadlineEditor(page, deadline);
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("x"));
        QVERIFY(!dialog.problem().isEmpty());
        QTest::keyClick(editor, Qt::Key_Escape);
        QTRY_VERIFY(!editor);
        QVERIFY(dialog.problem().isEmpty()); // nothing refused remains: the old value stands
        QCOMPARE(deadline.data().toDouble(), 10.0);
    }

    void holdingAKindIsSavedAndShownAgain()
    {
        {
            SettingsDialog dialog(m_settings.get());
            auto *page = addPage(dialog);
            const int jicoo = rowOf(page->model(), kJicoo);
            QVERIFY(page->model()->setData(page->model()->index(jicoo, HoldPolicyModel::HoldColumn), int(Qt::Checked),
                                           Qt::CheckStateRole));
            QVERIFY(page->model()->setData(page->model()->index(jicoo, HoldPolicyModel::DefaultColumn), QString()));
            // The booking hook answers at once from now on.
            const int booking = rowOf(page->model(), kBooking);
            QVERIFY(page->model()->setData(page->model()->index(booking, HoldPolicyModel::HoldColumn),
                                           int(Qt::Unchecked), Qt::CheckStateRole));
            QVERIFY(dialog.problem().isEmpty());
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        QCOMPARE(m_settings->value(QStringLiteral("hold/jicoo/hold")).toBool(), true);
        QCOMPARE(m_settings->value(QStringLiteral("hold/before-book-appointment/hold")).toBool(), false);
        HoldPolicy policy = HoldPolicy::builtIn();
        policy.loadSettings(*m_settings); // what the app reads at start
        QVERIFY(policy.rule(kJicoo).hold);
        QVERIFY(!policy.rule(kBooking).hold);

        SettingsDialog again(m_settings.get());
        auto *page = addPage(again);
        QCOMPARE(page->model()->index(rowOf(page->model(), kJicoo), HoldPolicyModel::HoldColumn)
                     .data(Qt::CheckStateRole)
                     .toInt(),
                 int(Qt::Checked));
    }

    void spaceTogglesHolding()
    {
        SettingsDialog dialog(m_settings.get());
        auto *page = addPage(dialog);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QModelIndex hold = page->model()->index(rowOf(page->model(), kJicoo), HoldPolicyModel::HoldColumn);
        page->view()->setFocus();
        page->view()->setCurrentIndex(hold);
        QTest::keyClick(page->view(), Qt::Key_Space);
        QCOMPARE(hold.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QTest::keyClick(page->view(), Qt::Key_Space);
        QCOMPARE(hold.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    }

    void unknownDefaultAnswerIsAWarningOnly()
    {
        SettingsDialog dialog(m_settings.get());
        auto *page = addPage(dialog);
        const int jicoo = rowOf(page->model(), kJicoo);
        page->model()->setData(page->model()->index(jicoo, HoldPolicyModel::HoldColumn), int(Qt::Checked),
                               Qt::CheckStateRole); // jicoo has no "accept" preset
        QVERIFY(dialog.problem().isEmpty());
        QVERIFY2(page->field()->noteLabel()->text().contains(QLatin1String("receiver's default answer")),
                 qPrintable(page->field()->noteLabel()->text()));
    }

    void restoredDefaultsDropTheOldKeys()
    {
        m_settings->setValue(QStringLiteral("hold/jicoo/hold"), true);
        m_settings->setValue(QStringLiteral("hold/jicoo/deadlineMs"), 5000);
        SettingsDialog dialog(m_settings.get());
        auto *page = addPage(dialog);
        QCOMPARE(page->model()->index(rowOf(page->model(), kJicoo), HoldPolicyModel::DeadlineColumn).data().toDouble(), 5.0);
        dialog.show();
        QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::RestoreDefaults),
                          Qt::LeftButton);
        dialog.accept();
        QVERIFY(!m_settings->contains(QStringLiteral("hold/jicoo/hold")));
        // Only what changed is written (issue 24.20): the built-in rule stays the default, held.
        QVERIFY(m_settings->value(QStringLiteral("hold/before-book-appointment/hold"), true).toBool());
    }

private:
    HoldSettingsPage *addPage(SettingsDialog &dialog)
    {
        auto *page = new HoldSettingsPage({kJicoo, QStringLiteral("callback-request")}, PresetCatalog::builtIn());
        dialog.addPage(page);
        return page;
    }

    static QLineEdit *openDeadlineEditor(HoldSettingsPage *page, const QModelIndex &index)
    {
        page->view()->setFocus();
        page->view()->setCurrentIndex(index);
        QTest::keyClick(page->view(), Qt::Key_F2);
        return page->view()->findChild<QLineEdit *>(QStringLiteral("deadlineEditor"));
    }

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    int m_run = 0;
};

QTEST_MAIN(TestHoldSettingsPage)

#include "tst_holdsettingspage.moc"
