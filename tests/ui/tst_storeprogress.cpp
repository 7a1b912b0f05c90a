// The store writer's background work as the window shows it (issue 25): a large delete and a
// clear of everything leave the window at once and finish in the writer, with progress in
// the status bar; an older store gets its search index built at the first start, the status
// bar saying how far.
#include "EventListPane.h"
#include "MainWindow.h"
#include "TestWindow.h"
#include "store/EventStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

using namespace hookscope;

class tst_StoreProgress final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void largeDeleteIsDoneByTheWriterWithProgress();
    void clearingEverythingIsDoneByTheWriterWithProgress();
    void anOlderStoreGetsItsIndexBuiltWithProgress();

private:
    // The window on the fixture's store, after `events` events were stored in it.
    void showWithEvents(int events);
    [[nodiscard]] static bool anyMessageStartsWith(const QSignalSpy &messages, const QString &prefix);

    std::unique_ptr<TestWindow> m_test;
    QList<qint64> m_ids;
};

void tst_StoreProgress::initTestCase()
{
    TestWindow::useTestSettings();
}

void tst_StoreProgress::init()
{
    m_test = std::make_unique<TestWindow>();
    QVERIFY(m_test->hasFolder());
    m_ids.clear();
}

void tst_StoreProgress::cleanup()
{
    m_test.reset();
}

void tst_StoreProgress::showWithEvents(int events)
{
    {
        EventStore store;
        QString error;
        QVERIFY2(store.open(m_test->dbPath(), &error), qPrintable(error));
        QVERIFY(store.begin());
        for (int i = 0; i < events; ++i) {
            Event e;
            e.receivedAtMs = 1'780'000'000'000 + i;
            e.method = "POST";
            e.target = "/bulk/" + QByteArray::number(i);
            e.body = "event " + QByteArray::number(i);
            e.response.status = 200;
            QVERIFY(store.insert(e, &error));
            m_ids.append(e.id);
        }
        QVERIFY(store.commit(&error));
    }
    QString error;
    QVERIFY2(m_test->show(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(m_test->window()->listPane()->eventCount(), events, 30'000);
}

bool tst_StoreProgress::anyMessageStartsWith(const QSignalSpy &messages, const QString &prefix)
{
    return std::any_of(messages.cbegin(), messages.cend(),
                       [&](const QList<QVariant> &args) { return args.at(0).toString().startsWith(prefix); });
}

void tst_StoreProgress::largeDeleteIsDoneByTheWriterWithProgress()
{
    constexpr int kEvents = MainWindow::kBackgroundDeleteAt + 500;
    showWithEvents(kEvents);
    MainWindow *window = m_test->window();
    QSignalSpy messages(window->statusBar(), &QStatusBar::messageChanged);
    const QList<qint64> doomed = m_ids.mid(0, MainWindow::kBackgroundDeleteAt);
    QVERIFY(window->deleteEvents(doomed));
    QCOMPARE(window->listPane()->eventCount(), 500); // gone from the window at once
    QTRY_VERIFY_WITH_TIMEOUT(anyMessageStartsWith(messages, QStringLiteral("Deleted")), 30'000);
    QVERIFY(anyMessageStartsWith(messages, QStringLiteral("Deleting events: ")));
    EventStore store;
    QString error;
    QVERIFY2(store.open(m_test->dbPath(), &error), qPrintable(error));
    QCOMPARE(store.count(), 500);
    QCOMPARE(store.ids().first(), m_ids[MainWindow::kBackgroundDeleteAt]);
}

void tst_StoreProgress::clearingEverythingIsDoneByTheWriterWithProgress()
{
    constexpr int kEvents = MainWindow::kBackgroundDeleteAt + 10;
    showWithEvents(kEvents);
    MainWindow *window = m_test->window();
    QSignalSpy messages(window->statusBar(), &QStatusBar::messageChanged);
    QVERIFY(window->clearEvents(false));
    QTRY_COMPARE(window->listPane()->eventCount(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(anyMessageStartsWith(messages, QStringLiteral("Deleted")), 30'000);
    QVERIFY(anyMessageStartsWith(messages, QStringLiteral("Deleting events: ")));
    EventStore store;
    QString error;
    QVERIFY2(store.open(m_test->dbPath(), &error), qPrintable(error));
    QCOMPARE(store.count(), 0);
    QVERIFY(store.textIndexUsable());
}

void tst_StoreProgress::anOlderStoreGetsItsIndexBuiltWithProgress()
{
    QVERIFY(QFile::copy(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/stores/schema7.sqlite"), m_test->dbPath()));
    QFile(m_test->dbPath()).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    QString error;
    // The status bar's messages from the window's first moment: the index is small and quick.
    auto window = m_test->build(m_test->options());
    QSignalSpy messages(window->statusBar(), &QStatusBar::messageChanged);
    window->show();
    QTRY_VERIFY_WITH_TIMEOUT(anyMessageStartsWith(messages, QStringLiteral("Search index ready")), 30'000);
    QTRY_COMPARE(window->listPane()->eventCount(), 6);
    EventStore store;
    QVERIFY2(store.open(m_test->dbPath(), &error), qPrintable(error));
    QVERIFY(store.textIndexUsable());
}

QTEST_MAIN(tst_StoreProgress)
#include "tst_storeprogress.moc"
