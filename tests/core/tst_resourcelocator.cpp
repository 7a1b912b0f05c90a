#include "util/ResourceLocator.h"
#include "hold/HoldPolicy.h"
#include "hold/PresetCatalog.h"
#include "schema/KindCatalog.h"
#include "schema/SchemaRegistry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
        QCOMPARE(ResourceLocator::directory(QStringLiteral("kinds")), m_dir.filePath(QStringLiteral("override/kinds")));
        // A data folder without samples/ still gets the copies compiled in.
        QCOMPARE(ResourceLocator::directory(QStringLiteral("samples")), QStringLiteral(":/samples"));
        qunsetenv("HOOKSCOPE_DATA_DIR");
    }

    // The built-in kinds, schemas, presets and hold policy are read from the data folder found
    // (here a copy with one kind of its own), not from the source tree nor the compiled-in copies.
    void loadersReadTheDataFolder()
    {
        QDir data(m_dir.filePath(QStringLiteral("data")));
        // An empty packs/ too: the vendor packs are a data sub-folder like the others.
        for (const char *sub : {"kinds", "schemas", "presets", "hold", "packs"})
            QVERIFY(data.mkpath(QString::fromLatin1(sub)));
        const QString resources = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/");
        QJsonObject kind = readObject(resources + QStringLiteral("kinds/jicoo.kind.json"));
        kind.insert(QStringLiteral("id"), QStringLiteral("probe"));
        kind.insert(QStringLiteral("title"), QStringLiteral("Probe from the data folder"));
        kind.insert(QStringLiteral("schema"), QStringLiteral("../schemas/probe.schema.json"));
        kind.insert(QStringLiteral("routes"), QJsonArray{QStringLiteral("/hooks/probe")});
        write(data.filePath(QStringLiteral("kinds/probe.kind.json")), QJsonDocument(kind).toJson());
        QVERIFY(QFile::copy(resources + QStringLiteral("schemas/jicoo.schema.json"),
                            data.filePath(QStringLiteral("schemas/probe.schema.json"))));
        QJsonObject preset = readObject(resources + QStringLiteral("presets/accept.preset.json"));
        preset.insert(QStringLiteral("id"), QStringLiteral("probe-accept"));
        preset.insert(QStringLiteral("kind"), QStringLiteral("probe"));
        write(data.filePath(QStringLiteral("presets/probe-accept.preset.json")), QJsonDocument(preset).toJson());
        write(data.filePath(QStringLiteral("hold/policy.json")),
              R"({"probe": {"hold": true, "deadlineSeconds": 3, "defaultPreset": "probe-accept"}})");

        qputenv("HOOKSCOPE_DATA_DIR", data.path().toUtf8());
        SchemaRegistry registry;
        const auto catalog = registry.catalog();
        QStringList ids;
        for (const auto &k : catalog->kinds())
            ids.append(k->id);
        QCOMPARE(ids, QStringList{QStringLiteral("probe")});
        QCOMPARE(catalog->kind(QStringLiteral("probe"))->schemaFile, data.filePath(QStringLiteral("schemas/probe.schema.json")));
        QVERIFY(catalog->kind(QStringLiteral("probe"))->schema);
        const PresetCatalog presets = PresetCatalog::builtIn();
        QCOMPARE(presets.all().size(), 1);
        QVERIFY(presets.find(QStringLiteral("probe"), QStringLiteral("probe-accept")));
        const HoldRule rule = HoldPolicy::builtIn().rule(QStringLiteral("probe"));
        QVERIFY(rule.hold);
        QCOMPARE(rule.deadlineMs, 3000);
        QVERIFY(!HoldPolicy::builtIn().rule(QStringLiteral("before-book-appointment")).hold);

        // Without presets/ and hold/ in the folder, those come from the compiled-in copies.
        QVERIFY(QDir(data.filePath(QStringLiteral("presets"))).removeRecursively());
        QVERIFY(QDir(data.filePath(QStringLiteral("hold"))).removeRecursively());
        QVERIFY(PresetCatalog::builtIn().find(QStringLiteral("before-book-appointment"), QStringLiteral("accept")));
        QVERIFY(HoldPolicy::builtIn().rule(QStringLiteral("before-book-appointment")).hold);
        qunsetenv("HOOKSCOPE_DATA_DIR");
    }

private:
    static QJsonObject readObject(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
    }
    static void write(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestResourceLocator)
#include "tst_resourcelocator.moc"
