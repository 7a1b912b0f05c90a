#include "schema/KindCatalog.h"
#include "schema/PackSwitch.h"
#include "schema/SchemaRegistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {
QJsonObject readObject(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}
} // namespace

// The user's packs folder (<user kinds folder>/packs): adding a vendor, replacing or switching
// off a built-in pack as a whole, and a broken pack reported without loading any of it.
class TestUserPacks final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void userPackDisablesAWholeBuiltInPack();
    void userPackReplacesAWholeBuiltInPack();
    void userPackAddsAVendor();
    void brokenUserPackIsReportedAndLoadsNothing();
    void packSwitchWritesAndRemovesOnlyTheSwitch();
};

void TestUserPacks::userPackDisablesAWholeBuiltInPack()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("packs/cubu/pack.json")), R"({"disabled": true})"));
    SchemaRegistry registry;
    registry.setUserKindsDirectory(dir.path());
    const auto catalog = registry.catalog();
    QVERIFY2(catalog->errors().isEmpty(), qPrintable(catalog->errors().join(u'\n')));
    for (const auto &kind : catalog->kinds())
        QVERIFY2(kind->pack != QLatin1String("cubu"), qPrintable(kind->id));
    QVERIFY(!catalog->kind(QStringLiteral("before-book-appointment"))); // the loose built-in one too
    QVERIFY(catalog->pack(QStringLiteral("cubu"))->disabled);
    QVERIFY(catalog->kind(QStringLiteral("jicoo"))); // other packs stay
}

void TestUserPacks::userPackReplacesAWholeBuiltInPack()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("packs/cubu/pack.json")), R"({"title": "My Cubu"})"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("packs/cubu/kinds/only-mine.kind.json")),
                      R"({"routes": ["*/service/actions/mine"]})"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("packs/cubu/kinds/only-mine.schema.json")),
                      R"({"type": "object", "required": ["caseId"]})"));
    SchemaRegistry registry;
    QSignalSpy changed(&registry, &SchemaRegistry::kindsChanged);
    registry.setUserKindsDirectory(dir.path());
    const auto catalog = registry.catalog();
    QVERIFY2(catalog->errors().isEmpty(), qPrintable(catalog->errors().join(u'\n')));
    QStringList cubu;
    for (const auto &kind : catalog->kinds()) {
        if (kind->pack == QLatin1String("cubu"))
            cubu.append(kind->id);
    }
    QCOMPARE(cubu, QStringList{QStringLiteral("only-mine")});
    QCOMPARE(catalog->pack(QStringLiteral("cubu"))->title, QStringLiteral("My Cubu"));
    QCOMPARE(catalog->pack(QStringLiteral("cubu"))->origin, Pack::Origin::User);
    QCOMPARE(catalog->kind(QStringLiteral("only-mine"))->origin, Kind::Origin::User);
    // Removing the user's pack brings the built-in one back (the folder is watched).
    QVERIFY(QDir(dir.filePath(QStringLiteral("packs/cubu"))).removeRecursively());
    QTRY_VERIFY(registry.catalog()->kind(QStringLiteral("after-book-appointment")));
    QVERIFY(!registry.catalog()->kind(QStringLiteral("only-mine")));
}

void TestUserPacks::userPackAddsAVendor()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("packs/acme/pack.json")),
                      "{\"title\": \"Acme\", \"signature\": \"standard-webhooks\", \"docs\": \"https://acme.example/hooks\"}"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("packs/acme/kinds/acme.order.kind.json")),
                      R"({"schema": "../schemas/acme.order.schema.json", "match": {"equals": {"/type": "order"}}})"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("packs/acme/schemas/acme.order.schema.json")),
                      R"({"type": "object", "required": ["type", "id"]})"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("packs/acme/samples/acme.order.json")), R"({"type": "order", "id": "1"})"));
    SchemaRegistry registry;
    registry.setUserKindsDirectory(dir.path());
    const auto catalog = registry.catalog();
    QVERIFY2(catalog->errors().isEmpty(), qPrintable(catalog->errors().join(u'\n')));
    const auto kind = catalog->kind(QStringLiteral("acme/acme.order"));
    QVERIFY(kind);
    QCOMPARE(kind->sampleFile, dir.filePath(QStringLiteral("packs/acme/samples/acme.order.json")));
    QCOMPARE(catalog->pack(QStringLiteral("acme"))->signature, QStringLiteral("standard-webhooks"));
    QCOMPARE(catalog->kinds().first()->id, QStringLiteral("acme.order")); // user kinds come first
}

void TestUserPacks::brokenUserPackIsReportedAndLoadsNothing()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("packs/acme/pack.json")), R"({"titel": "typo"})"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("packs/acme/kinds/acme.order.kind.json")), R"({})"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("packs/acme/kinds/acme.order.schema.json")), R"({"type": "object"})"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("packs/bad.name/pack.json")), R"({})"));
    SchemaRegistry registry;
    registry.setUserKindsDirectory(dir.path());
    const auto catalog = registry.catalog();
    QCOMPARE(catalog->errors().size(), 2);
    QVERIFY2(catalog->errors().at(0).contains(QLatin1String("unknown member 'titel'")), qPrintable(catalog->errors().at(0)));
    QVERIFY2(catalog->errors().at(1).contains(QLatin1String("not a valid pack name")), qPrintable(catalog->errors().at(1)));
    QVERIFY(!catalog->kind(QStringLiteral("acme.order")));
    QVERIFY(catalog->kind(QStringLiteral("after-book-appointment")));
}

void TestUserPacks::packSwitchWritesAndRemovesOnlyTheSwitch()
{
    QTemporaryDir dir;
    const QString packs = dir.filePath(QStringLiteral("packs"));
    QVERIFY(PackSwitch::disable(packs, QStringLiteral("cubu")));
    QCOMPARE(readObject(packs + QStringLiteral("/cubu/pack.json")),
             (QJsonObject{{QStringLiteral("disabled"), true}}));
    SchemaRegistry registry;
    registry.setUserKindsDirectory(dir.path());
    QVERIFY(!registry.catalog()->kind(QStringLiteral("after-book-appointment")));
    QVERIFY(PackSwitch::enable(packs, QStringLiteral("cubu")));
    QVERIFY(!QFileInfo::exists(packs + QStringLiteral("/cubu")));
    QTRY_VERIFY(registry.catalog()->kind(QStringLiteral("after-book-appointment")));

    // A user's own pack keeps its other members and files.
    QVERIFY(writeFile(packs + QStringLiteral("/acme/pack.json"), R"({"title": "Acme"})"));
    QVERIFY(PackSwitch::disable(packs, QStringLiteral("acme")));
    QVERIFY(PackSwitch::enable(packs, QStringLiteral("acme")));
    QCOMPARE(readObject(packs + QStringLiteral("/acme/pack.json")),
             (QJsonObject{{QStringLiteral("title"), QStringLiteral("Acme")}}));
    QVERIFY(!PackSwitch::disable(packs, QStringLiteral("../x")));
}

QTEST_GUILESS_MAIN(TestUserPacks)
#include "tst_userpacks.moc"
