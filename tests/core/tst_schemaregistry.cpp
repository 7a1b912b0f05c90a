#include "schema/CompiledSchema.h"
#include "schema/EventInspector.h"
#include "schema/Kind.h"
#include "schema/KindCatalog.h"
#include "schema/KindLoader.h"
#include "util/ResourceLocator.h"
#include "schema/SchemaRegistry.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {

const QString kTestData = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/schemas");

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return file.readAll();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(bytes);
}

const QByteArray kOrderSchema = R"({"title": "Shop order", "type": "object", "required": ["orderId", "total"],
    "properties": {"orderId": {"type": "string"}, "total": {"type": "number", "minimum": 0}}})";
const QByteArray kOrderKind = R"({"id": "shop.order", "title": "Shop order placed", "routes": ["/hooks/shop"],
    "match": {"equals": {"/kind": "order"}}, "eventName": "/kind", "entityId": "/orderId"})";

QStringList ids(const KindCatalog &catalog)
{
    QStringList out;
    for (const auto &kind : catalog.kinds())
        out.append(kind->id);
    return out;
}

} // namespace

class TestSchemaRegistry final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void builtInKindsComeFromResources();
    void builtInEventNamesAndEntities_data();
    void builtInEventNamesAndEntities();
    void userKindIsLoadedAndClassified();
    void schemaWithoutKindFileIsAKind();
    void userKindReplacesBuiltInId();
    void brokenUserKindsAreReportedNotFatal_data();
    void brokenUserKindsAreReportedNotFatal();
    void addedFileIsPickedUp();
    void changedSchemaIsReloaded();
    void removedFileDropsTheKind();
    void folderCreatedLaterIsPickedUp();
    void snapshotOutlivesReload();
    void routesArePublished();
    void defaultFolderIsUnderAppConfig();
};

void TestSchemaRegistry::builtInKindsComeFromResources()
{
    SchemaRegistry registry;
    const auto catalog = registry.catalog();
    // The five loose kinds first, then the vendor packs' (tst_packs checks those).
    QCOMPARE(ids(*catalog).mid(0, 5), (QStringList{"before-book-appointment", "before-book-appointment.response",
                                                   "callback-request", "hoopai.appointment-update", "jicoo"}));
    QVERIFY2(catalog->errors().isEmpty(), qPrintable(catalog->errors().join(u'\n')));
    for (const auto &kind : catalog->kinds()) {
        QCOMPARE(kind->origin, Kind::Origin::BuiltIn);
        QVERIFY(kind->schema);
        QVERIFY(!kind->title.isEmpty());
        QVERIFY(!kind->pack.isEmpty());
        if (kind->request && kind->match.byShape)
            QVERIFY2(!kind->match.required.isEmpty(), qPrintable(kind->id));
        if (catalog->kinds().indexOf(kind) >= 5) {
            const QString pack = ResourceLocator::directory(QStringLiteral("packs")) + u'/' + kind->pack;
            QCOMPARE(kind->kindFile, pack + QStringLiteral("/kinds/%1.kind.json").arg(kind->id));
            continue;
        }
        // Read from the data folder: the source tree's resources/ for a build-tree binary.
        QCOMPARE(kind->schemaFile, ResourceLocator::directory(QStringLiteral("schemas")) + QStringLiteral("/%1.schema.json").arg(kind->id));
        QCOMPARE(kind->kindFile, ResourceLocator::directory(QStringLiteral("kinds")) + QStringLiteral("/%1.kind.json").arg(kind->id));
        QCOMPARE(kind->request, kind->id != QLatin1String("before-book-appointment.response"));
    }
    QCOMPARE(catalog->kind(QStringLiteral("jicoo"))->routes, QStringList{QStringLiteral("/hooks/jicoo")});
    QCOMPARE(catalog->kind(QStringLiteral("jicoo"))->match.required,
             (QStringList{"event", "createdAt", "object"}));
}

void TestSchemaRegistry::builtInEventNamesAndEntities_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("entity");
    QTest::newRow("callback request: data.eventType, callbackRequest.id")
        << "callback-request/valid/realistic-nulls-update.json" << "callback-request" << "callback-request.update"
        << "cbr_20240311_000517";
    QTest::newRow("hoopai: type, appointment.id")
        << "hoopai.appointment-update/valid/seed-example.json" << "hoopai.appointment-update" << "AppointmentUpdate"
        << "0007BWpSzSwfiuSl0tR2";
    QTest::newRow("jicoo: event, object.uid") << "jicoo/valid/guest-booked.json" << "jicoo" << "guest_booked" << "BK7Q2MZP4X";
    QTest::newRow("jicoo without uid") << "jicoo/valid/empty-object.json" << "jicoo" << "host_rescheduled" << "";
    QTest::newRow("before book appointment: fixed label, caseId")
        << "before-book-appointment/valid/agent-booking.json" << "before-book-appointment" << "Before Book Appointment"
        << "6f1d2a9e-4c3b-4b7a-9e21-0d5c8a7f3b12";
}

void TestSchemaRegistry::builtInEventNamesAndEntities()
{
    QFETCH(QString, file);
    QFETCH(QString, kind);
    QFETCH(QString, event);
    QFETCH(QString, entity);
    SchemaRegistry registry;
    const ValidationOutcome outcome =
        EventInspector::validateEvent(registry, readFile(kTestData + u'/' + file), QByteArrayLiteral("/webhook"));
    QCOMPARE(outcome.status, ValidationOutcome::Status::Valid);
    QCOMPARE(outcome.kindId, kind);
    QCOMPARE(outcome.eventName, event);
    QCOMPARE(outcome.entityId, entity);
}

void TestSchemaRegistry::userKindIsLoadedAndClassified()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir.filePath("shop.order.schema.json"), kOrderSchema);
    writeFile(dir.filePath("shop.order.kind.json"), kOrderKind);
    SchemaRegistry registry;
    QSignalSpy changed(&registry, &SchemaRegistry::kindsChanged);
    registry.setUserKindsDirectory(dir.path());
    QCOMPARE(changed.size(), 1);
    const auto catalog = registry.catalog();
    QVERIFY2(catalog->errors().isEmpty(), qPrintable(catalog->errors().join(u'\n')));
    const auto kind = catalog->kind(QStringLiteral("shop.order"));
    QVERIFY(kind);
    QCOMPARE(kind->origin, Kind::Origin::User);
    QCOMPARE(kind->title, QStringLiteral("Shop order placed"));
    QCOMPARE(kind->schemaFile, QDir(dir.path()).filePath("shop.order.schema.json"));
    QCOMPARE(kind->match.required, (QStringList{"orderId", "total"}));
    QCOMPARE(ids(*catalog).first(), QStringLiteral("shop.order")); // user kinds first

    const EventInspector inspector(catalog);
    ValidationOutcome outcome = inspector.inspect(R"({"kind": "order", "orderId": "A-1", "total": -5})", "/x");
    QCOMPARE(outcome.kindId, QStringLiteral("shop.order"));
    QCOMPARE(outcome.eventName, QStringLiteral("order"));
    QCOMPARE(outcome.entityId, QStringLiteral("A-1"));
    QCOMPARE(outcome.status, ValidationOutcome::Status::Invalid);
    QCOMPARE(outcome.violations.size(), 1);
    QCOMPARE(outcome.violations.first().message, QStringLiteral("'total' must be ≥ 0, got -5"));
    outcome = inspector.inspect(R"({"anything": 1})", "/hooks/shop?x=1");
    QCOMPARE(outcome.kindId, QStringLiteral("shop.order"));
    QCOMPARE(outcome.classification.reason, Classification::Reason::Route);
}

void TestSchemaRegistry::schemaWithoutKindFileIsAKind()
{
    QTemporaryDir dir;
    writeFile(dir.filePath("order.schema.json"), kOrderSchema);
    SchemaRegistry registry;
    registry.setUserKindsDirectory(dir.path());
    const auto kind = registry.catalog()->kind(QStringLiteral("order"));
    QVERIFY(kind);
    QCOMPARE(kind->title, QStringLiteral("Shop order"));
    QVERIFY(kind->kindFile.isEmpty());
    QCOMPARE(EventInspector(registry.catalog()).inspect(R"({"orderId": "1", "total": 3})", "/").kindId,
             QStringLiteral("order"));
}

void TestSchemaRegistry::userKindReplacesBuiltInId()
{
    QTemporaryDir dir;
    writeFile(dir.filePath("jicoo.schema.json"), R"({"title": "My Jicoo", "required": ["event"]})");
    SchemaRegistry registry;
    registry.setUserKindsDirectory(dir.path());
    const auto catalog = registry.catalog();
    QCOMPARE(ids(*catalog).count(QStringLiteral("jicoo")), 1);
    QCOMPARE(catalog->kind(QStringLiteral("jicoo"))->origin, Kind::Origin::User);
    QCOMPARE(catalog->kind(QStringLiteral("jicoo"))->title, QStringLiteral("My Jicoo"));
    registry.setUserKindsDirectory(QString());
    QCOMPARE(registry.catalog()->kind(QStringLiteral("jicoo"))->origin, Kind::Origin::BuiltIn);
}

void TestSchemaRegistry::brokenUserKindsAreReportedNotFatal_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("error");
    QTest::newRow("kind file not JSON") << "a.kind.json" << QByteArray("{") << "a.kind.json: not JSON";
    QTest::newRow("unknown member") << "a.kind.json" << QByteArray(R"({"rout": []})") << "unknown member 'rout'";
    QTest::newRow("id differs from file name") << "a.kind.json" << QByteArray(R"({"id": "b"})") << "'id' must be \"a\"";
    QTest::newRow("eventName not a pointer") << "a.kind.json" << QByteArray(R"({"eventName": "data.type"})")
                                             << "bad value for 'eventName'";
    QTest::newRow("route without slash") << "a.kind.json" << QByteArray(R"({"routes": ["hooks"]})")
                                         << "bad value for 'routes'";
    QTest::newRow("minScore above 1") << "a.kind.json" << QByteArray(R"({"match": {"minScore": 2}})") << "minScore";
    QTest::newRow("schema missing") << "a.kind.json" << QByteArray(R"({"schema": "none.json"})") << "none.json";
    QTest::newRow("invalid pattern in schema") << "a.schema.json" << QByteArray(R"({"pattern": "(["})")
                                               << "invalid regular expression";
    QTest::newRow("invalid id") << "bad id.schema.json" << QByteArray("{}") << "not a valid kind id";
}

void TestSchemaRegistry::brokenUserKindsAreReportedNotFatal()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, error);
    QTemporaryDir dir;
    writeFile(dir.filePath(file), content);
    if (file == QLatin1String("a.kind.json"))
        writeFile(dir.filePath("a.schema.json"), "{}");
    writeFile(dir.filePath("fine.schema.json"), kOrderSchema);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("^user kind: ")));
    SchemaRegistry registry;
    registry.setUserKindsDirectory(dir.path());
    const auto catalog = registry.catalog();
    QCOMPARE(catalog->errors().size(), 1);
    QVERIFY2(catalog->errors().first().contains(error), qPrintable(catalog->errors().first()));
    QVERIFY(!catalog->kind(QStringLiteral("a")));
    QVERIFY(catalog->kind(QStringLiteral("fine")));
    QVERIFY(catalog->kind(QStringLiteral("callback-request")));
}

void TestSchemaRegistry::addedFileIsPickedUp()
{
    QTemporaryDir dir;
    SchemaRegistry registry;
    registry.setUserKindsDirectory(dir.path());
    QSignalSpy changed(&registry, &SchemaRegistry::kindsChanged);
    writeFile(dir.filePath("order.schema.json"), kOrderSchema);
    QTRY_VERIFY(registry.catalog()->kind(QStringLiteral("order")));
    QVERIFY(changed.size() >= 1);
}

void TestSchemaRegistry::changedSchemaIsReloaded()
{
    QTemporaryDir dir;
    writeFile(dir.filePath("order.schema.json"), kOrderSchema);
    SchemaRegistry registry;
    registry.setUserKindsDirectory(dir.path());
    QCOMPARE(registry.catalog()->kind(QStringLiteral("order"))->title, QStringLiteral("Shop order"));
    writeFile(dir.filePath("order.schema.json"), QByteArray(kOrderSchema).replace("Shop order", "Shop order v2"));
    QTRY_COMPARE(registry.catalog()->kind(QStringLiteral("order"))->title, QStringLiteral("Shop order v2"));
}

void TestSchemaRegistry::removedFileDropsTheKind()
{
    QTemporaryDir dir;
    writeFile(dir.filePath("order.schema.json"), kOrderSchema);
    SchemaRegistry registry;
    registry.setUserKindsDirectory(dir.path());
    QVERIFY(registry.catalog()->kind(QStringLiteral("order")));
    QVERIFY(QFile::remove(dir.filePath("order.schema.json")));
    QTRY_VERIFY(!registry.catalog()->kind(QStringLiteral("order")));
}

void TestSchemaRegistry::folderCreatedLaterIsPickedUp()
{
    QTemporaryDir parent;
    const QString kinds = parent.filePath("kinds");
    SchemaRegistry registry;
    registry.setUserKindsDirectory(kinds);
    QCOMPARE(registry.userKindsDirectory(), kinds);
    QVERIFY(QDir().mkdir(kinds));
    QTest::qWait(0);
    writeFile(QDir(kinds).filePath("order.schema.json"), kOrderSchema);
    QTRY_VERIFY(registry.catalog()->kind(QStringLiteral("order")));
}

void TestSchemaRegistry::snapshotOutlivesReload()
{
    QTemporaryDir dir;
    writeFile(dir.filePath("order.schema.json"), kOrderSchema);
    SchemaRegistry registry;
    registry.setUserKindsDirectory(dir.path());
    const auto before = registry.catalog();
    registry.setUserKindsDirectory(QString());
    QVERIFY(before->kind(QStringLiteral("order")));
    QVERIFY(!registry.catalog()->kind(QStringLiteral("order")));
    const ValidationOutcome outcome = EventInspector(before).inspect(R"({"orderId": "1", "total": 3})", "/");
    QCOMPARE(outcome.status, ValidationOutcome::Status::Valid);
}

void TestSchemaRegistry::routesArePublished()
{
    SchemaRegistry registry;
    QSignalSpy changed(&registry, &SchemaRegistry::kindsChanged);
    const QHash<QString, QString> routes{{QStringLiteral("/in"), QStringLiteral("jicoo")}};
    registry.setRoutes(routes);
    registry.setRoutes(routes);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(registry.catalog()->userRoutes(), routes);
    const ValidationOutcome outcome = EventInspector::validateEvent(registry, R"({"event": 1})", "/in");
    QCOMPARE(outcome.kindId, QStringLiteral("jicoo"));
    QCOMPARE(outcome.status, ValidationOutcome::Status::Invalid);
}

void TestSchemaRegistry::defaultFolderIsUnderAppConfig()
{
    QVERIFY(SchemaRegistry::defaultUserKindsDirectory().endsWith(QLatin1String("/kinds")));
}

QTEST_GUILESS_MAIN(TestSchemaRegistry)
#include "tst_schemaregistry.moc"
