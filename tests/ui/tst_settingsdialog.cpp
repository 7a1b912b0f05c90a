#include "AnswerSettingsPage.h"
#include "KindsSettingsPage.h"
#include "ReceiverSettingsPage.h"
#include "RoutesModel.h"
#include "SettingsDialog.h"
#include "SettingsField.h"
#include "SettingsPages.h"
#include "app/AppSettings.h"
#include "trust/SecretStore.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {
template<typename Page>
Page *pageOf(const SettingsDialog &dialog)
{
    for (SettingsPage *page : dialog.pages()) {
        if (auto *p = qobject_cast<Page *>(page))
            return p;
    }
    return nullptr;
}

void retype(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}
} // namespace

// The Settings dialog with real widgets and a QSettings file of its own.
class TestSettingsDialog final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // the user's presets and secrets stay untouched
        m_secrets.setKeychainEnabled(false);
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings-%1.conf").arg(++m_run)),
                                                 QSettings::IniFormat);
    }

    void showsDefaultsWithExplanations()
    {
        SettingsDialog dialog(m_settings.get());
        addSettingsPages(dialog, context({QStringLiteral("jicoo"), QStringLiteral("callback-request")}));
        QCOMPARE(dialog.pages().size(), 7); // Answer rules: branch rules26
        auto *receiver = pageOf<ReceiverSettingsPage>(dialog);
        QCOMPARE(receiver->portEdit()->text(), QStringLiteral("8080"));
        QCOMPARE(receiver->bindEdit()->text(), QStringLiteral("127.0.0.1"));
        QCOMPARE(pageOf<AnswerSettingsPage>(dialog)->statusEdit()->text(), QStringLiteral("200"));
        QVERIFY(dialog.problem().isEmpty());
        const QList<SettingsField *> fields = dialog.findChildren<SettingsField *>();
        QVERIFY(fields.size() >= 9);
        for (const SettingsField *field : fields) {
            const auto *explanation = field->findChild<QLabel *>(QStringLiteral("explanation"));
            QVERIFY2(explanation && !explanation->text().isEmpty(), qPrintable(field->name()));
            QCOMPARE(explanation->textFormat(), Qt::PlainText);
        }
    }

    void invalidValueIsRefusedWithTheReason_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("fixed");
        QTest::newRow("port above 65535") << "port" << "70000" << "0 to 65535" << "1";
        QTest::newRow("port not a number") << "port" << "http" << "0 to 65535" << "8081";
        QTest::newRow("bind is a host name") << "bind" << "example.org" << "not an IP address" << "::1";
        QTest::newRow("largest body zero") << "maxBody" << "0" << "number of bytes" << "1";
        QTest::newRow("connections too many") << "maxConnections" << "1000000" << "1 to 100000" << "100000";
        QTest::newRow("status 700") << "status" << "700" << "200 to 599" << "599";
        QTest::newRow("ngrok agent without port") << "ngrokApi" << "http://127.0.0.1" << "has no port"
                                                  << "http://127.0.0.1:4041";
        QTest::newRow("ngrok agent not http") << "ngrokApi" << "127.0.0.1:4040" << "not an http:// address"
                                              << "http://localhost:4040";
        QTest::newRow("secret with a trailing space") << "endpointSecret" << "s3cret " << "ends with a space"
                                                      << "s3cret";
    }

    void invalidValueIsRefusedWithTheReason()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, reason);
        QFETCH(QString, fixed);
        SettingsDialog dialog(m_settings.get());
        addSettingsPages(dialog, context({}));
        dialog.show();
        auto *edit = dialog.findChild<QLineEdit *>(field);
        QVERIFY(edit);
        for (int i = 0; i < dialog.pages().size(); ++i) {
            if (dialog.pages().at(i)->isAncestorOf(edit))
                dialog.showPage(i);
        }
        QVERIFY(edit->isVisible());
        retype(edit, value);
        auto *settingsField = qobject_cast<SettingsField *>(edit->parentWidget());
        QVERIFY(settingsField);
        QVERIFY(settingsField->errorLabel()->isVisibleTo(&dialog));
        QVERIFY2(settingsField->errorLabel()->text().contains(reason), qPrintable(settingsField->errorLabel()->text()));
        QCOMPARE(settingsField->errorLabel()->textFormat(), Qt::PlainText);
        QVERIFY(dialog.problem().contains(reason));
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());

        dialog.accept(); // even when forced, nothing is saved
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(m_settings->allKeys().isEmpty());

        retype(edit, fixed);
        QTRY_VERIFY(ok->isEnabled());
        QVERIFY(!settingsField->errorLabel()->isVisibleTo(&dialog));
    }

    void validValuesAreSavedAndShownAgain()
    {
        {
            SettingsDialog dialog(m_settings.get());
            addSettingsPages(dialog, context({QStringLiteral("jicoo"), QStringLiteral("callback-request")}));
            dialog.show();
            auto *receiver = pageOf<ReceiverSettingsPage>(dialog);
            retype(receiver->portEdit(), QStringLiteral("9001"));
            retype(receiver->bindEdit(), QStringLiteral("0.0.0.0"));
            // A non-loopback address is allowed, with a warning.
            QVERIFY(receiver->bindField()->noteLabel()->isVisibleTo(&dialog));
            QVERIFY(receiver->bindField()->noteLabel()->text().contains(QLatin1String("other machines")));
            auto *answer = pageOf<AnswerSettingsPage>(dialog);
            retype(answer->statusEdit(), QStringLiteral("202"));
            answer->headersEdit()->setPlainText(QStringLiteral("Content-Type: text/plain\nX-Trace: on"));
            answer->bodyEdit()->setPlainText(QStringLiteral("queued"));
            QVERIFY(answer->bodyField()->noteLabel()->text().startsWith(QLatin1String("Not JSON")));
            auto *kinds = pageOf<KindsSettingsPage>(dialog);
            retype(kinds->folderEdit(), m_dir.path());
            kinds->routesModel()->appendRoute(QStringLiteral("/hooks/crm"), QStringLiteral("callback-request"));
            QVERIFY(dialog.problem().isEmpty());
            QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        QCOMPARE(m_settings->value(QLatin1String(AppSettings::Port)).toInt(), 9001);
        QCOMPARE(m_settings->value(QLatin1String(AppSettings::Bind)).toString(), QStringLiteral("0.0.0.0"));
        QCOMPARE(m_settings->value(QLatin1String(AppSettings::AnswerStatus)).toInt(), 202);
        QCOMPARE(m_settings->value(QLatin1String(AppSettings::AnswerHeaders)).toStringList(),
                 (QStringList{QStringLiteral("Content-Type: text/plain"), QStringLiteral("X-Trace: on")}));
        QCOMPARE(m_settings->value(QLatin1String(AppSettings::AnswerBody)).toString(), QStringLiteral("queued"));
        QCOMPARE(AppSettings::routes(*m_settings).value(QStringLiteral("/hooks/crm")), QStringLiteral("callback-request"));

        SettingsDialog again(m_settings.get());
        addSettingsPages(again, context({QStringLiteral("callback-request")}));
        QCOMPARE(pageOf<ReceiverSettingsPage>(again)->portEdit()->text(), QStringLiteral("9001"));
        QCOMPARE(pageOf<AnswerSettingsPage>(again)->statusEdit()->text(), QStringLiteral("202"));
        QCOMPARE(pageOf<AnswerSettingsPage>(again)->bodyEdit()->toPlainText(), QStringLiteral("queued"));
        QCOMPARE(pageOf<KindsSettingsPage>(again)->folderEdit()->text(), m_dir.path());
        QCOMPARE(pageOf<KindsSettingsPage>(again)->routesModel()->rowCount(), 1);
    }

    void badRouteIsRefused()
    {
        SettingsDialog dialog(m_settings.get());
        addSettingsPages(dialog, context({QStringLiteral("jicoo")}));
        auto *kinds = pageOf<KindsSettingsPage>(dialog);
        kinds->routesModel()->appendRoute(QStringLiteral("/a"), QStringLiteral("nosuchkind"));
        QVERIFY(dialog.problem().contains(QLatin1String("no kind 'nosuchkind'")));
        kinds->routesModel()->setData(kinds->routesModel()->index(0, RoutesModel::KindColumn), QStringLiteral("jicoo"));
        QVERIFY(dialog.problem().isEmpty());
        kinds->routesModel()->appendRoute(QStringLiteral("/a"), QStringLiteral("jicoo"));
        QVERIFY(dialog.problem().contains(QLatin1String("routed twice")));
    }

    void restoreDefaultsResetsThePage()
    {
        SettingsDialog dialog(m_settings.get());
        addSettingsPages(dialog, context({}));
        dialog.show();
        auto *receiver = pageOf<ReceiverSettingsPage>(dialog);
        retype(receiver->portEdit(), QStringLiteral("99999"));
        QVERIFY(!dialog.problem().isEmpty());
        dialog.showPage(0);
        QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::RestoreDefaults), Qt::LeftButton);
        QCOMPARE(receiver->portEdit()->text(), QStringLiteral("8080"));
        QVERIFY(dialog.problem().isEmpty());
    }

private:
    SettingsContext context(const QStringList &kinds)
    {
        SettingsContext c;
        c.kindIds = kinds;
        c.secrets = &m_secrets;
        return c;
    }

    QTemporaryDir m_dir;
    SecretStore m_secrets{m_dir.filePath(QStringLiteral("secrets"))};
    std::unique_ptr<QSettings> m_settings;
    int m_run = 0;
};

QTEST_MAIN(TestSettingsDialog)

#include "tst_settingsdialog.moc"
