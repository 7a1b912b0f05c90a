#include "app/ResourceLocator.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// Where the app finds kinds/, schemas/ and samples/: an installed binary under <prefix>/share/
// hookscope, a build-tree binary in the source tree, an override through $HOOKSCOPE_DATA_DIR.
class TestResourceLocator final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        QDir root(m_dir.path());
        for (const char *dir : {"prefix/bin", "prefix/share/hookscope/kinds", "override/kinds", "empty", "bare/bin"})
            QVERIFY(root.mkpath(QString::fromLatin1(dir)));
    }

    void resolves_data()
    {
        QTest::addColumn<QString>("appDir"); // relative to the temporary folder, or absolute
        QTest::addColumn<QString>("envDir");
        QTest::addColumn<QString>("expected"); // "" none; "source" the source tree's resources/

        QTest::newRow("installed binary finds <prefix>/share/hookscope")
            << "prefix/bin" << "" << "prefix/share/hookscope";
        QTest::newRow("HOOKSCOPE_DATA_DIR wins over the installed layout")
            << "prefix/bin" << "override" << "override";
        QTest::newRow("HOOKSCOPE_DATA_DIR without kinds/ is passed over")
            << "prefix/bin" << "empty" << "prefix/share/hookscope";
        QTest::newRow("build-tree binary finds the source tree")
            << QStringLiteral(HOOKSCOPE_BINARY).section(QLatin1Char('/'), 0, -2) << "" << "source";
        QTest::newRow("a binary elsewhere with nothing around finds nothing")
            << "bare/bin" << "" << "";
    }

    void resolves()
    {
        QFETCH(QString, appDir);
        QFETCH(QString, envDir);
        QFETCH(QString, expected);
        const auto inTemp = [this](const QString &p) {
            return p.isEmpty() || QDir::isAbsolutePath(p) ? p : m_dir.filePath(p);
        };
        QString want = expected == QLatin1String("source") ? QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources")
                                                            : inTemp(expected);
        const QString got = ResourceLocator::resolve(inTemp(appDir), inTemp(envDir));
        if (expected.isEmpty() && !got.isEmpty() && !got.startsWith(m_dir.path()))
            QSKIP("Hookscope is installed under the configured prefix on this machine; that copy is found");
        QCOMPARE(QDir::cleanPath(got), QDir::cleanPath(want));
    }

    void candidatesAreOrdered()
    {
        const QStringList c = ResourceLocator::candidates(m_dir.filePath(QStringLiteral("prefix/bin")),
                                                          m_dir.filePath(QStringLiteral("override")));
        QVERIFY(c.size() >= 2);
        QCOMPARE(c.at(0), m_dir.filePath(QStringLiteral("override")));
        QCOMPARE(c.at(1), m_dir.filePath(QStringLiteral("prefix/share/hookscope")));
    }

    void directoryIsUnderTheDataFolder()
    {
        // The test binary runs from the build tree: the source tree's samples are found.
        QCOMPARE(ResourceLocator::directory(QStringLiteral("samples")),
                 QDir::cleanPath(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources")) + QStringLiteral("/samples"));
        qputenv("HOOKSCOPE_DATA_DIR", m_dir.filePath(QStringLiteral("override")).toUtf8());
        QCOMPARE(ResourceLocator::directory(QStringLiteral("samples")), m_dir.filePath(QStringLiteral("override/samples")));
        qunsetenv("HOOKSCOPE_DATA_DIR");
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestResourceLocator)
#include "tst_resourcelocator.moc"
