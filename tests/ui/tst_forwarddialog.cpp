#include "ForwardController.h"
#include "ForwardDialog.h"
#include "http/Receiver.h"
#include "relay/Forwarder.h"
#include "store/EventRecorder.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// "Forward…": the dialog's checks and the settings the ForwardController remembers.
class tst_ForwardDialog final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void urlIsCheckedBeforeAccepting_data();
    void urlIsCheckedBeforeAccepting();
    void ownAddressIsRefusedWithTheReason_data();
    void ownAddressIsRefusedWithTheReason();
    void switchedOffGivesNoUrl();
    void unknownKindIsRefusedByName_data();
    void unknownKindIsRefusedByName();
    void settingsAreRememberedButTheCommandLineWins();
};

void tst_ForwardDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationName(QStringLiteral("hookscope-tests-forward"));
}

void tst_ForwardDialog::init()
{
    QSettings().clear();
}

void tst_ForwardDialog::urlIsCheckedBeforeAccepting_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("url");
    QTest::newRow("full URL") << "http://localhost:3000/webhooks" << true << "http://localhost:3000/webhooks";
    QTest::newRow("scheme added") << "localhost:4000/hooks" << true << "http://localhost:4000/hooks";
    QTest::newRow("other scheme refused") << "ftp://localhost/x" << false << "";
    QTest::newRow("empty refused") << "" << false << "";
}

void tst_ForwardDialog::urlIsCheckedBeforeAccepting()
{
    QFETCH(QString, typed);
    QFETCH(bool, accepted);
    QFETCH(QString, url);
    ForwardDialog dialog{QUrl(), QString()};
    dialog.show();
    dialog.enabledCheck()->setChecked(true);
    dialog.urlEdit()->setText(typed);
    dialog.accept();
    QCOMPARE(dialog.result() == QDialog::Accepted, accepted);
    if (accepted) {
        QCOMPARE(dialog.url().toString(), url);
    } else {
        QVERIFY(dialog.isVisible());
        bool explained = false;
        const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
        for (QLabel *label : labels) {
            QCOMPARE(label->textFormat(), Qt::PlainText);
            explained = explained || label->text().contains(QStringLiteral("URL"));
        }
        QVERIFY(explained);
    }
}

void tst_ForwardDialog::ownAddressIsRefusedWithTheReason_data()
{
    QTest::addColumn<QString>("host");
    QTest::newRow("localhost") << QStringLiteral("localhost");
    QTest::newRow("IPv6 loopback") << QStringLiteral("[::1]");
    QTest::newRow("wildcard") << QStringLiteral("0.0.0.0");
}

// Forwarding to Hookscope's own port turned one event into thousands (issue 20).
void tst_ForwardDialog::ownAddressIsRefusedWithTheReason()
{
    QFETCH(QString, host);
    QTemporaryDir dir;
    EventRecorder recorder;
    QString error;
    QVERIFY2(recorder.open(dir.filePath(QStringLiteral("e.sqlite")), &error), qPrintable(error));
    Receiver own(&recorder);
    ReceiverConfig config;
    config.port = 0;
    own.setConfig(config);
    own.setOwnAddress(true);
    QVERIFY(own.start());
    ForwardDialog dialog{QUrl(), QString()};
    dialog.show();
    dialog.enabledCheck()->setChecked(true);
    dialog.urlEdit()->setText(QStringLiteral("http://%1:%2/webhooks").arg(host).arg(own.port()));
    dialog.accept();
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY(dialog.isVisible());
    bool explained = false;
    for (QLabel *label : dialog.findChildren<QLabel *>())
        explained = explained || label->text().contains(QStringLiteral("where this Hookscope itself listens"));
    QVERIFY(explained);
}

void tst_ForwardDialog::switchedOffGivesNoUrl()
{
    ForwardDialog dialog(QUrl(QStringLiteral("http://localhost:3000/webhooks")), QStringLiteral("jicoo"));
    QVERIFY(dialog.enabledCheck()->isChecked());
    dialog.enabledCheck()->setChecked(false);
    dialog.urlEdit()->setText(QStringLiteral("not checked when off"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(dialog.url().isEmpty());
}

// Issue 24.25: Kind is one of the known kinds (or empty); a typo would forward nothing.
void tst_ForwardDialog::unknownKindIsRefusedByName_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("a typo") << "jicooo" << false;
    QTest::newRow("a known kind") << "jicoo" << true;
    QTest::newRow("the form kind") << "form" << true;
    QTest::newRow("empty: every kind") << "" << true;
}

void tst_ForwardDialog::unknownKindIsRefusedByName()
{
    QFETCH(QString, kind);
    QFETCH(bool, accepted);
    ForwardDialog dialog{QUrl(), QString()};
    dialog.show();
    dialog.enabledCheck()->setChecked(true);
    dialog.urlEdit()->setText(QStringLiteral("http://localhost:3000/webhooks"));
    dialog.kindEdit()->setText(kind);
    dialog.accept();
    QCOMPARE(dialog.result() == QDialog::Accepted, accepted);
    bool explained = false;
    for (QLabel *label : dialog.findChildren<QLabel *>())
        explained = explained || label->text().contains(QStringLiteral("There is no kind \"%1\"").arg(kind));
    QCOMPARE(explained, !accepted);
}

void tst_ForwardDialog::settingsAreRememberedButTheCommandLineWins()
{
    EventRecorder recorder; // not opened: nothing is forwarded here
    {
        Forwarder forwarder(&recorder); // a new session's
        ForwardController controller(&forwarder, QUrl(), QString());
        QVERIFY(controller.url().isEmpty());
        controller.configure(QUrl(QStringLiteral("http://localhost:3000/webhooks")), QStringLiteral("jicoo"));
        QCOMPARE(controller.forwarder()->target().toString(), QStringLiteral("http://localhost:3000/webhooks"));
        QCOMPARE(controller.forwarder()->kindFilter(), QStringLiteral("jicoo"));
    }
    {
        Forwarder forwarder(&recorder); // a new session's
        ForwardController controller(&forwarder, QUrl(), QString());
        QCOMPARE(controller.url().toString(), QStringLiteral("http://localhost:3000/webhooks"));
        QCOMPARE(controller.kind(), QStringLiteral("jicoo"));
    }
    {
        Forwarder forwarder(&recorder);
        ForwardController controller(&forwarder, QUrl(QStringLiteral("http://localhost:9999/cli")), QString());
        QCOMPARE(controller.url().toString(), QStringLiteral("http://localhost:9999/cli"));
        QVERIFY(controller.kind().isEmpty());
        controller.configure(QUrl(), QString()); // switched off, and remembered
    }
    Forwarder forwarder(&recorder);
    ForwardController controller(&forwarder, QUrl(), QString());
    QVERIFY(controller.url().isEmpty());
}

QTEST_MAIN(tst_ForwardDialog)
#include "tst_forwarddialog.moc"
