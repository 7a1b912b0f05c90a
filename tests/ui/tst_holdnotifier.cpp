#include "HoldNotifier.h"
#include "hold/HoldDesk.h"

#include <QTest>
#include <QWidget>

using namespace hookscope;

// The background notification for a waiting hook: only when the window is not the active one.
class tst_HoldNotifier final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void speaksOnlyWhenTheWindowIsInTheBackground();
};

void tst_HoldNotifier::speaksOnlyWhenTheWindowIsInTheBackground()
{
    QWidget window;
    HoldNotifier notifier(&window);
    HeldRequest request;
    request.id = 12;
    request.kind = QStringLiteral("before-book-appointment");
    request.receivedAtMs = 1000;
    request.deadlineAtMs = 11'000;

    window.show();
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window))
        QSKIP("this platform plugin cannot activate a window");
    notifier.notifyHeld(request);
    QCOMPARE(notifier.notificationCount(), 0); // the highlighted row is enough

    QWidget other;
    other.show();
    other.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&other));
    QVERIFY(!window.isActiveWindow());
    notifier.notifyHeld(request);
    QCOMPARE(notifier.notificationCount(), 1);
    QCOMPARE(notifier.lastMessage(), QStringLiteral("before-book-appointment #12 is waiting for your answer (10 s)"));
    notifier.setWaitingCount(0);
}

QTEST_MAIN(tst_HoldNotifier)
#include "tst_holdnotifier.moc"
