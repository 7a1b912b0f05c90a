#include "common/JsonPatch.h"
#include "schema/Classifier.h"
#include "schema/Kind.h"
#include "schema/KindCatalog.h"
#include "schema/SchemaRegistry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace hookscope;
using hookscope::test::applyOp;

namespace {

const QString kTestData = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/schemas");
const QStringList kRequestKinds = {QStringLiteral("callback-request"), QStringLiteral("before-book-appointment"),
                                   QStringLiteral("hoopai.appointment-update"), QStringLiteral("jicoo")};

std::shared_ptr<const KindCatalog> builtIns(const QHash<QString, QString> &routes = {})
{
    SchemaRegistry registry;
    registry.setRoutes(routes);
    return registry.catalog();
}

QJsonValue readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}

QJsonValue parse(const char *json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}

// The same body as EventInspector sees it: parsed by nlohmann.
nlohmann::json toNlohmann(const QJsonValue &value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return nlohmann::json::parse(wrapped.begin(), wrapped.end()).at(0);
}

// Classifies both representations and checks they agree.
Classification classifyBoth(const std::shared_ptr<const KindCatalog> &catalog, const QJsonValue &body,
                            const QString &target)
{
    const Classifier classifier(catalog);
    const Classification qt = classifier.classify(body, target);
    const Classification nl = classifier.classify(toNlohmann(body), target);
    if (qt.kindId != nl.kindId || qt.reason != nl.reason || qt.score != nl.score)
        qWarning("representations disagree: %s vs %s", qPrintable(qt.kindId), qPrintable(nl.kindId));
    return qt.kindId == nl.kindId && qt.score == nl.score ? qt : Classification{QStringLiteral("<disagree>")};
}

std::shared_ptr<const Kind> handMadeKind(const QString &id, QStringList required, QStringList present = {},
                                         double minScore = 0.5, QStringList routes = {}, bool request = true)
{
    auto kind = std::make_shared<Kind>();
    kind->id = id;
    kind->match.required = std::move(required);
    kind->match.present = std::move(present);
    kind->match.minScore = minScore;
    kind->routes = std::move(routes);
    kind->request = request;
    return kind;
}

} // namespace

class TestClassifier final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validDocumentsAreTheirKind_data();
    void validDocumentsAreTheirKind();
    void brokenEventsKeepTheirKind_data();
    void brokenEventsKeepTheirKind();
    void everyMemberMutationKeepsItsKind_data();
    void everyMemberMutationKeepsItsKind();
    void unknownShapes_data();
    void unknownShapes();
    void responsesAreNeverClassified();
    void routesComeBeforeShape_data();
    void routesComeBeforeShape();
    void pathOfTarget_data();
    void pathOfTarget();
    void scoreWeighsDiscriminators();
    void tiesGoToTheKindListedFirst();
    void minScoreIsPerKind();
    void equalsComparesJsonValues();
};

void TestClassifier::validDocumentsAreTheirKind_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("path");
    for (const QString &kind : kRequestKinds) {
        const QDir dir(kTestData + u'/' + kind + QStringLiteral("/valid"));
        for (const QString &file : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
            QTest::addRow("%s/%s", qPrintable(kind), qPrintable(file)) << kind << dir.filePath(file);
    }
}

void TestClassifier::validDocumentsAreTheirKind()
{
    QFETCH(QString, kind);
    QFETCH(QString, path);
    const Classification c = classifyBoth(builtIns(), readJson(path), QStringLiteral("/webhook"));
    QCOMPARE(c.kindId, kind);
    QCOMPARE(c.reason, Classification::Reason::Shape);
    QCOMPARE(c.score, 1.0);
}

void TestClassifier::brokenEventsKeepTheirKind_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QJsonValue>("value");

    QTest::newRow("callback request with entity of the wrong value")
        << "callback-request" << "valid/seed-example.json" << "replace" << "/entity" << QJsonValue(QStringLiteral("X"));
    QTest::newRow("callback request with entity null")
        << "callback-request" << "valid/seed-example.json" << "replace" << "/entity" << QJsonValue(QJsonValue::Null);
    QTest::newRow("callback request without entity")
        << "callback-request" << "valid/seed-example.json" << "remove" << "/entity" << QJsonValue();
    QTest::newRow("callback request without data")
        << "callback-request" << "valid/seed-example.json" << "remove" << "/data" << QJsonValue();
    QTest::newRow("hoopai with another type") // not AppointmentCreate: that is the HighLevel pack's create kind
        << "hoopai.appointment-update" << "valid/seed-example.json" << "replace" << "/type"
        << QJsonValue(QStringLiteral("AppointmentUpdated"));
    QTest::newRow("hoopai without locationId")
        << "hoopai.appointment-update" << "valid/seed-example.json" << "remove" << "/locationId" << QJsonValue();
    QTest::newRow("before-book-appointment without caseId")
        << "before-book-appointment" << "valid/agent-booking.json" << "remove" << "/caseId" << QJsonValue();
    QTest::newRow("before-book-appointment with appointment null")
        << "before-book-appointment" << "valid/agent-booking.json" << "replace" << "/appointment"
        << QJsonValue(QJsonValue::Null);
    QTest::newRow("jicoo without event")
        << "jicoo" << "valid/guest-booked.json" << "remove" << "/event" << QJsonValue();
    QTest::newRow("jicoo with createdAt as a number")
        << "jicoo" << "valid/guest-booked.json" << "replace" << "/createdAt" << QJsonValue(1566640922000.0);
}

void TestClassifier::brokenEventsKeepTheirKind()
{
    QFETCH(QString, kind);
    QFETCH(QString, base);
    QFETCH(QString, op);
    QFETCH(QString, pointer);
    QFETCH(QJsonValue, value);
    const QJsonValue doc = applyOp(readJson(kTestData + u'/' + kind + u'/' + base), pointer.split(u'/').mid(1), op, value);
    const Classification c = classifyBoth(builtIns(), doc, QString());
    QCOMPARE(c.kindId, kind);
    QCOMPARE(c.reason, Classification::Reason::Shape);
}

void TestClassifier::everyMemberMutationKeepsItsKind_data()
{
    // A broken or missing member leaves the same event: every mutation table row below the root.
    // One exception: a HoopAI body without "type" has only "locationId" and "appointment" left,
    // 2 of 3 members and no discriminator, (2 + 0) / (3 + 2) = 0.4 < 0.5: too little to tell.
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QJsonValue>("document");
    for (const QString &kind : kRequestKinds) {
        const QJsonArray mutations = readJson(kTestData + u'/' + kind + QStringLiteral("/mutations.json")).toArray();
        for (const QJsonValue &entry : mutations) {
            const QJsonObject m = entry.toObject();
            const QString path = m.value(QLatin1String("path")).toString();
            if (path.isEmpty())
                continue;
            const QString name = m.value(QLatin1String("name")).toString();
            const bool ambiguous = kind == QLatin1String("hoopai.appointment-update") && path == QLatin1String("/type")
                && m.value(QLatin1String("op")).toString() == QLatin1String("remove");
            // A discriminator set to another kind's value is that kind's event (vendor packs).
            static const QHash<QString, QString> otherKind{
                {QStringLiteral("hoopai.appointment-update/type=AppointmentCreate"), QStringLiteral("hoopai.appointment-create")},
                {QStringLiteral("callback-request/entity=Appointment"), QStringLiteral("pexip-engage.appointment")}};
            const QString other = otherKind.value(kind + path + u'=' + m.value(QLatin1String("value")).toString());
            const QJsonValue base = readJson(kTestData + u'/' + kind + u'/' + m.value(QLatin1String("base")).toString());
            QTest::addRow("%s: %s", qPrintable(kind), qPrintable(name))
                << (ambiguous ? QString() : !other.isEmpty() ? other : kind)
                << applyOp(base, path.split(u'/').mid(1), m.value(QLatin1String("op")).toString(),
                           m.value(QLatin1String("value")));
        }
    }
}

void TestClassifier::everyMemberMutationKeepsItsKind()
{
    QFETCH(QString, expected);
    QFETCH(QJsonValue, document);
    static const auto catalog = builtIns();
    QCOMPARE(classifyBoth(catalog, document, QString()).kindId, expected);
}

void TestClassifier::unknownShapes_data()
{
    QTest::addColumn<QJsonValue>("body");
    QTest::newRow("empty object") << parse("{}");
    QTest::newRow("array of events") << parse(R"([{"event": "guest_booked", "createdAt": "2019-08-24T10:02:02Z", "object": {}}])");
    QTest::newRow("string") << QJsonValue(QStringLiteral("OK"));
    QTest::newRow("null") << QJsonValue(QJsonValue::Null);
    QTest::newRow("only an id") << parse(R"({"id": "1"})");
    QTest::newRow("one jicoo member of three") << parse(R"({"event": "guest_booked"})");
    QTest::newRow("hoopai type alone, wrong value") << parse(R"({"type": "AppointmentUpdated"})");
    QTest::newRow("GitHub push") << parse(R"({"ref": "refs/heads/main", "before": "a", "after": "b",
                                             "repository": {"id": 1}, "pusher": {"name": "x"}})");
    QTest::newRow("Stripe event") << parse(R"({"id": "evt_1", "object": "event", "type": "charge.succeeded",
                                              "created": 1, "data": {"object": {}}})");
    QTest::newRow("a Before Book Appointment response") << readJson(
        kTestData + QStringLiteral("/before-book-appointment.response/valid/accept-unchanged.json"));
}

void TestClassifier::unknownShapes()
{
    QFETCH(QJsonValue, body);
    const Classification c = classifyBoth(builtIns(), body, QStringLiteral("/webhook"));
    QVERIFY2(!c.isKnown(), qPrintable(c.kindId));
    QCOMPARE(c.reason, Classification::Reason::Unknown);
}

void TestClassifier::responsesAreNeverClassified()
{
    const auto catalog = builtIns({{QStringLiteral("/bba"), QStringLiteral("before-book-appointment.response")}});
    const QJsonValue response =
        readJson(kTestData + QStringLiteral("/before-book-appointment.response/valid/cancel-booking.json"));
    QVERIFY(!Classifier(catalog).classify(response, QStringLiteral("/bba")).isKnown());
    QVERIFY(catalog->kind(QStringLiteral("before-book-appointment.response")));
}

void TestClassifier::routesComeBeforeShape_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("reason");
    const int route = int(Classification::Reason::Route);
    const int shape = int(Classification::Reason::Shape);
    QTest::newRow("kind route") << "/hooks/jicoo" << "jicoo" << route;
    QTest::newRow("kind route with a query") << "/hooks/jicoo?token=abc&x=1" << "jicoo" << route;
    QTest::newRow("absolute-form target") << "http://localhost:8080/hooks/jicoo?x" << "jicoo" << route;
    QTest::newRow("user route") << "/in/appointments" << "hoopai.appointment-update" << route;
    QTest::newRow("user route replaces a kind's route") << "/hooks/hoopai" << "callback-request" << route;
    QTest::newRow("user route to a missing kind falls back to shape") << "/gone" << "callback-request" << shape;
    QTest::newRow("path match is exact") << "/hooks/jicoo/" << "callback-request" << shape;
    QTest::newRow("no route") << "/" << "callback-request" << shape;
}

void TestClassifier::routesComeBeforeShape()
{
    QFETCH(QString, target);
    QFETCH(QString, kind);
    QFETCH(int, reason);
    const auto catalog = builtIns({{QStringLiteral("/in/appointments"), QStringLiteral("hoopai.appointment-update")},
                                   {QStringLiteral("/hooks/hoopai"), QStringLiteral("callback-request")},
                                   {QStringLiteral("/gone"), QStringLiteral("no-such-kind")}});
    const QJsonValue callback = readJson(kTestData + QStringLiteral("/callback-request/valid/seed-example.json"));
    const Classification c = classifyBoth(catalog, callback, target);
    QCOMPARE(c.kindId, kind);
    QCOMPARE(int(c.reason), reason);
}

void TestClassifier::pathOfTarget_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");
    QTest::newRow("plain") << "/hooks/jicoo" << "/hooks/jicoo";
    QTest::newRow("query") << "/a?b=c" << "/a";
    QTest::newRow("fragment") << "/a#top" << "/a";
    QTest::newRow("question mark in fragment") << "/a#x?y" << "/a";
    QTest::newRow("absolute") << "https://example.com:8443/a/b?q" << "/a/b";
    QTest::newRow("absolute without path") << "http://example.com" << "/";
    QTest::newRow("empty") << "" << "";
}

void TestClassifier::pathOfTarget()
{
    QFETCH(QString, target);
    QFETCH(QString, path);
    QCOMPARE(Classifier::pathOf(target), path);
}

void TestClassifier::scoreWeighsDiscriminators()
{
    const auto catalog = builtIns();
    const Kind &callback = *catalog->kind(QStringLiteral("callback-request"));
    // 6 required members, one discriminator worth 2: (6 + 0) / 8 with the entity wrong.
    QCOMPARE(Classifier::score(callback, parse(R"({"id": "1", "correlationId": "c", "entity": "X", "version": "1",
                                                   "webhookConfigurationId": "w", "data": {}})").toObject()),
             0.75);
    QCOMPARE(Classifier::score(callback, parse(R"({"entity": "Callback Request"})").toObject()), 3.0 / 8.0);
    const Kind &bba = *catalog->kind(QStringLiteral("before-book-appointment"));
    QCOMPARE(Classifier::score(bba, parse(R"({"caseId": "c", "appointment": {"cuIndex": 0}})").toObject()),
             (2.0 + 4.0) / (15.0 + 4.0));
    QCOMPARE(Classifier::score(bba, nlohmann::json::parse(R"({"caseId": "c", "appointment": {"cuIndex": 0}})")),
             (2.0 + 4.0) / (15.0 + 4.0));
    QCOMPARE(Classifier::score(bba, nlohmann::json::parse("[1]")), 0.0);
}

void TestClassifier::tiesGoToTheKindListedFirst()
{
    const KindCatalog catalog({handMadeKind(QStringLiteral("first"), {QStringLiteral("a"), QStringLiteral("b")}),
                               handMadeKind(QStringLiteral("second"), {QStringLiteral("a"), QStringLiteral("b")})},
                              {}, {});
    const Classifier classifier(std::make_shared<const KindCatalog>(catalog));
    QCOMPARE(classifier.classify(parse(R"({"a": 1, "b": 2})"), QString()).kindId, QStringLiteral("first"));
}

void TestClassifier::minScoreIsPerKind()
{
    const auto strict = handMadeKind(QStringLiteral("strict"), {QStringLiteral("a"), QStringLiteral("b"),
                                                                QStringLiteral("c"), QStringLiteral("d")},
                                     {}, 1.0);
    const auto lax = handMadeKind(QStringLiteral("lax"), {QStringLiteral("x"), QStringLiteral("y"),
                                                          QStringLiteral("z"), QStringLiteral("w")},
                                  {}, 0.25);
    const Classifier classifier(std::make_shared<const KindCatalog>(QList<std::shared_ptr<const Kind>>{strict, lax},
                                                                    QHash<QString, QString>(), QStringList()));
    QVERIFY(!classifier.classify(parse(R"({"a": 1, "b": 2, "c": 3})"), QString()).isKnown());
    QCOMPARE(classifier.classify(parse(R"({"a": 1, "b": 2, "c": 3, "d": 4})"), QString()).kindId, QStringLiteral("strict"));
    QCOMPARE(classifier.classify(parse(R"({"x": 1})"), QString()).kindId, QStringLiteral("lax"));
}

void TestClassifier::equalsComparesJsonValues()
{
    // Discriminators may be any JSON value; 1 and 1.0 are the same number.
    auto kind = std::make_shared<Kind>();
    kind->id = QStringLiteral("v2");
    kind->match.equals = {{QStringLiteral("/version"), QJsonValue(2)},
                          {QStringLiteral("/meta"), QJsonObject{{QStringLiteral("v"), true}}}};
    const auto catalog = std::make_shared<const KindCatalog>(QList<std::shared_ptr<const Kind>>{kind},
                                                             QHash<QString, QString>(), QStringList());
    QCOMPARE(classifyBoth(catalog, parse(R"({"version": 2.0, "meta": {"v": true}})"), QString()).kindId,
             QStringLiteral("v2"));
    QVERIFY(!classifyBoth(catalog, parse(R"({"version": "2", "meta": {"v": 1}})"), QString()).isKnown());
}

QTEST_GUILESS_MAIN(TestClassifier)
#include "tst_classifier.moc"
