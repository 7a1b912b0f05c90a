#include "SettingsDialog.h"
#include "SettingsField.h"
#include "TunnelSettingsPage.h"
#include "app/AppOptions.h"
#include "app/AppSettings.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// The ngrok page: the agent's address, its default, the addresses refused with their reason,
// and the saved value the app reads at start (AppSettings::apply → AppOptions::ngrokApi).
class TestTunnelSettingsPage final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("tunnel-%1.conf").arg(++m_run)),
                                                 QSettings::IniFormat);
    }

    void showsTheDefault()
    {
        SettingsDialog dialog(m_settings.get());
        auto *page = new TunnelSettingsPage;
        dialog.addPage(page);
        QCOMPARE(page->agentEdit()->text(), QStringLiteral("http://127.0.0.1:4040"));
        const auto *explanation = page->agentField()->findChild<QLabel *>(QStringLiteral("explanation"));
        QVERIFY(explanation && explanation->text().contains(QLatin1String("http://127.0.0.1:4040")));
        QVERIFY(dialog.problem().isEmpty());
    }

    void addressIsRefusedWithTheReason_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no port") << "http://127.0.0.1" << "has no port";
        QTest::newRow("no scheme") << "127.0.0.1:4040" << "not an http:// address";
        QTest::newRow("https is not the agent") << "https://127.0.0.1:4040" << "not an http:// address";
        QTest::newRow("a path") << "http://127.0.0.1:4040/api/tunnels" << "without a path";
        QTest::newRow("empty") << "" << "not an http:// address";
    }

    void addressIsRefusedWithTheReason()
    {
        QFETCH(QString, typed);
        QFETCH(QString, reason);
        SettingsDialog dialog(m_settings.get());
        auto *page = new TunnelSettingsPage;
        dialog.addPage(page);
        dialog.show();
        page->agentEdit()->selectAll();
        QTest::keyClick(page->agentEdit(), Qt::Key_Delete);
        QTest::keyClicks(page->agentEdit(), typed);
        QVERIFY(page->agentField()->errorLabel()->isVisibleTo(&dialog));
        QVERIFY2(page->agentField()->errorLabel()->text().contains(reason),
                 qPrintable(page->agentField()->errorLabel()->text()));
        QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        dialog.accept();
        QVERIFY(m_settings->allKeys().isEmpty());
    }

    void savedAddressIsWhatTheAppWatches()
    {
        {
            SettingsDialog dialog(m_settings.get());
            auto *page = new TunnelSettingsPage;
            dialog.addPage(page);
            page->agentEdit()->setText(QStringLiteral("http://localhost:4041"));
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        QCOMPARE(m_settings->value(QLatin1String(AppSettings::NgrokApi)).toString(), QStringLiteral("http://localhost:4041"));
        AppOptions options;
        QStringList problems;
        AppSettings::apply(*m_settings, &options, &problems);
        QVERIFY(problems.isEmpty());
        QCOMPARE(options.ngrokApi, QUrl(QStringLiteral("http://localhost:4041")));

        SettingsDialog again(m_settings.get());
        auto *page = new TunnelSettingsPage;
        again.addPage(page);
        QCOMPARE(page->agentEdit()->text(), QStringLiteral("http://localhost:4041"));
        page->restoreDefaults();
        QCOMPARE(page->agentEdit()->text(), QStringLiteral("http://127.0.0.1:4040"));
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    int m_run = 0;
};

QTEST_MAIN(TestTunnelSettingsPage)

#include "tst_tunnelsettingspage.moc"
