#include "hold/AnswerBuilder.h"
#include "hold/PresetCatalog.h"
#include "schema/Classifier.h"
#include "schema/EventInspector.h"
#include "schema/KindCatalog.h"
#include "schema/KindGroups.h"
#include "schema/SchemaRegistry.h"
#include "schema/Validator.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <tuple>

using namespace hookscope;

namespace {
QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString violationText(const Violations &violations)
{
    QStringList lines;
    for (const Violation &v : violations)
        lines.append(QStringLiteral("%1 %2: %3").arg(v.pointer, v.keyword, v.message));
    return lines.join(u'\n');
}

// The packs' kinds (loose built-in kinds that name a pack included).
QList<std::shared_ptr<const Kind>> packKinds(const KindCatalog &catalog)
{
    QList<std::shared_ptr<const Kind>> kinds;
    for (const auto &kind : catalog.kinds()) {
        if (!kind->pack.isEmpty())
            kinds.append(kind);
    }
    return kinds;
}

// A pack kind whose page could not be read beyond its title or overview: no sample, and its
// schema lists no member (tst_packs::openKindIsNamedOnlyByTheUsersRoute).
bool isOpen(const Kind &kind)
{
    const QString legacy = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/") + kind.id + QStringLiteral(".json");
    return kind.sampleFile.isEmpty() && !QFile::exists(legacy);
}
} // namespace

// The vendor packs under resources/packs: every sample, schema, preset and route against the
// built-in catalog, and a user's packs adding, replacing and switching off a built-in one.
class TestPacks final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();

    void everyVendorHasItsPack_data();
    void everyVendorHasItsPack();
    void everySampleValidatesCleanAgainstItsKind_data();
    void everySampleValidatesCleanAgainstItsKind();
    void everySchemaNamesItsPageAndTheDateRead();
    void mutationGivesExactlyItsViolation_data();
    void mutationGivesExactlyItsViolation();
    void everySynchronousKindHasAResponseKind();
    void openKindIsNamedOnlyByTheUsersRoute();
    void everyPresetValidatesAgainstItsResponseSchema_data();
    void everyPresetValidatesAgainstItsResponseSchema();

    void routePatternMatchesTheEndOfThePath_data();
    void routePatternMatchesTheEndOfThePath();
    void routeBeatsShape_data();
    void routeBeatsShape();
    void sameShapeInAPackIsReportedAndTheSynchronousKindPicked();
    void moreSpecificKindWinsATie();
    void routeOnlyKindIsNeverPickedByShape();
    void userRoutePatternBeatsTheKindsOwn();
    void vendorQualifiedIdFindsTheKind();
    void validateCommandShowsTheNoteAndTakesQualifiedIds();

    void kindsAreGroupedByVendor();

private:
    SchemaRegistry *m_registry = nullptr; // built-in kinds only
    std::shared_ptr<const KindCatalog> m_catalog;
};

void TestPacks::initTestCase()
{
    m_registry = new SchemaRegistry(this);
    m_catalog = m_registry->catalog();
    QVERIFY2(m_catalog->errors().isEmpty(), qPrintable(m_catalog->errors().join(u'\n')));
}

void TestPacks::everyVendorHasItsPack_data()
{
    QTest::addColumn<QString>("pack");
    QTest::addColumn<QString>("signature");
    QTest::addColumn<QStringList>("kinds");
    QTest::newRow("cubu") << QStringLiteral("cubu") << QStringLiteral("cubu")
                          << QStringList{QStringLiteral("before-book-appointment"), QStringLiteral("after-book-appointment"),
                                         QStringLiteral("before-queue-up"), QStringLiteral("after-queue-up"),
                                         QStringLiteral("before-resolve"), QStringLiteral("after-resolve"),
                                         QStringLiteral("after-start-work"), QStringLiteral("before-query-appointments"),
                                         QStringLiteral("data-table-query"), QStringLiteral("before-check-in"),
                                         QStringLiteral("after-check-in"), QStringLiteral("after-close"),
                                         QStringLiteral("data-table-find"), QStringLiteral("data-table-fetch"),
                                         QStringLiteral("send-sms")};
    QTest::newRow("pexip-engage") << QStringLiteral("pexip-engage") << QString()
                                  << QStringList{QStringLiteral("callback-request"),
                                                 QStringLiteral("pexip-engage.appointment")};
    QTest::newRow("highlevel") << QStringLiteral("highlevel") << QStringLiteral("highlevel")
                               << QStringList{QStringLiteral("hoopai.appointment-create"),
                                              QStringLiteral("hoopai.appointment-update"),
                                              QStringLiteral("hoopai.appointment-delete")};
    QTest::newRow("jicoo") << QStringLiteral("jicoo") << QStringLiteral("jicoo") << QStringList{QStringLiteral("jicoo")};
}

void TestPacks::everyVendorHasItsPack()
{
    QFETCH(QString, pack);
    QFETCH(QString, signature);
    QFETCH(QStringList, kinds);
    const Pack *found = m_catalog->pack(pack);
    QVERIFY(found);
    QCOMPARE(found->signature, signature);
    QVERIFY(!found->docs.isEmpty());
    QVERIFY2(found->setup.contains(QLatin1String("https://<your-ngrok-host>/")), qPrintable(found->setup));
    for (const QString &id : kinds) {
        const auto kind = m_catalog->kind(id);
        QVERIFY2(kind, qPrintable(id));
        QCOMPARE(kind->pack, pack);
        QVERIFY2(kind->sourcePage.startsWith(QLatin1String("https://")), qPrintable(id));
    }
}

void TestPacks::everySampleValidatesCleanAgainstItsKind_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("sample");
    const QString legacySamples = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/");
    int rows = 0;
    for (const auto &kind : packKinds(*m_catalog)) {
        if (!kind->request || isOpen(*kind))
            continue; // an open kind has no example to build a sample from (openKindIsNamedOnlyByTheUsersRoute)
        const QString sample = kind->sampleFile.isEmpty() ? legacySamples + kind->id + QStringLiteral(".json")
                                                          : kind->sampleFile;
        QTest::newRow(qPrintable(kind->qualifiedId())) << kind->id << sample;
        ++rows;
    }
    QVERIFY(rows >= 15);
}

void TestPacks::everySampleValidatesCleanAgainstItsKind()
{
    QFETCH(QString, kind);
    QFETCH(QString, sample);
    const QByteArray body = readFile(sample);
    QVERIFY2(!body.isEmpty(), qPrintable(sample));
    const ValidationOutcome outcome = EventInspector(m_catalog).inspectAs(kind, body);
    QVERIFY2(outcome.violations.isEmpty(), qPrintable(violationText(outcome.violations)));
    QCOMPARE(outcome.status, ValidationOutcome::Status::Valid);
    // And it is recognised as its kind where the vendor sends it: its route under any prefix,
    // else its shape.
    const auto k = m_catalog->kind(kind);
    QString target = QStringLiteral("/hooks/somewhere-else");
    if (!k->routes.isEmpty())
        target = k->routes.first().startsWith(u'*') ? QStringLiteral("/my/prefix") + k->routes.first().mid(1)
                                                    : k->routes.first();
    const Classification c = Classifier(m_catalog).classify(QJsonDocument::fromJson(body).object(), target);
    if (k->id == QLatin1String("after-book-appointment") && k->routes.isEmpty())
        QFAIL("after-book-appointment needs its route");
    QCOMPARE(c.kindId, kind);
}

void TestPacks::everySchemaNamesItsPageAndTheDateRead()
{
    int checked = 0;
    for (const auto &kind : packKinds(*m_catalog)) {
        const QJsonObject schema = QJsonDocument::fromJson(readFile(kind->schemaFile)).object();
        const QString comment = schema.value(QStringLiteral("$comment")).toString();
        QVERIFY2(comment.contains(kind->sourcePage), qPrintable(kind->id + u' ' + comment.left(200)));
        QVERIFY2(comment.contains(QLatin1String("2026-12-07")), qPrintable(kind->id));
        QCOMPARE(schema.constBegin().key(), QStringLiteral("$comment")); // at the top
        ++checked;
    }
    QVERIFY(checked >= 19);
}

void TestPacks::mutationGivesExactlyItsViolation_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("keyword");
    const nlohmann::json table
        = nlohmann::json::parse(readFile(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/packs/mutations.json")).toStdString());
    for (const auto &[qualified, rows] : table.items()) {
        if (qualified.front() == '$')
            continue;
        const auto kind = m_catalog->kind(QString::fromStdString(qualified));
        QVERIFY2(kind, qualified.c_str());
        const nlohmann::json sample = nlohmann::json::parse(readFile(kind->sampleFile).toStdString());
        for (const auto &row : rows) {
            nlohmann::json body = sample;
            const nlohmann::json::json_pointer where(row.at(1).get<std::string>());
            if (row.at(0) == "-")
                body.at(where.parent_pointer()).erase(where.back());
            else
                body[where] = row.at(2);
            const std::string name = qualified + ' ' + row.at(0).get<std::string>() + row.at(1).get<std::string>() + ' '
                + row.at(2).dump();
            QTest::newRow(name.c_str()) << kind->id << QByteArray::fromStdString(body.dump())
                                        << QString::fromStdString(row.at(3).get<std::string>())
                                        << QString::fromStdString(row.at(4).get<std::string>());
        }
    }
}

void TestPacks::mutationGivesExactlyItsViolation()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, body);
    QFETCH(QString, pointer);
    QFETCH(QString, keyword);
    const Violations violations = Validator(m_catalog->kind(kind)->schema).validate(body);
    QVERIFY2(violations.size() == 1, qPrintable(violationText(violations)));
    QCOMPARE(violations.first().pointer, pointer);
    QCOMPARE(violations.first().keyword, keyword);
}

// The Cubu hooks whose pages could not be read (Before/After Check In, After Close, Data Table
// Find/Fetch, Send SMS): no member is invented, so the schema is open and nothing but a route of
// the user's names the kind; with one, the body is recognised at that path and nowhere else.
void TestPacks::openKindIsNamedOnlyByTheUsersRoute()
{
    QStringList open;
    for (const auto &kind : packKinds(*m_catalog)) {
        if (!kind->request || !isOpen(*kind))
            continue;
        open.append(kind->id);
        QVERIFY2(!kind->match.byShape, qPrintable(kind->id));
        QVERIFY2(kind->routes.isEmpty(), qPrintable(kind->id));
        const nlohmann::json schema = nlohmann::json::parse(readFile(kind->schemaFile).toStdString());
        QVERIFY2(!schema.contains("required") && !schema.contains("properties"), qPrintable(kind->id));
        QCOMPARE(schema.value("type", ""), "object");
        const QJsonObject body{{QStringLiteral("anything"), QStringLiteral("Cubu sends")}};
        const QString path = QStringLiteral("/mine/") + kind->id;
        QVERIFY(Classifier(m_catalog).classify(body, path).kindId != kind->id);
        const auto routed = std::make_shared<const KindCatalog>(m_catalog->kinds(), QHash<QString, QString>{{path, kind->id}},
                                                                m_catalog->errors(), m_catalog->packs());
        QCOMPARE(Classifier(routed).classify(body, path).kindId, kind->id);
        QVERIFY(Classifier(routed).classify(body, QStringLiteral("/elsewhere")).kindId != kind->id);
        QCOMPARE(EventInspector(routed).inspectAs(kind->id, QJsonDocument(body).toJson()).status,
                 ValidationOutcome::Status::Valid);
    }
    open.sort();
    QCOMPARE(open, (QStringList{QStringLiteral("after-check-in"), QStringLiteral("after-close"),
                                QStringLiteral("before-check-in"), QStringLiteral("data-table-fetch"),
                                QStringLiteral("data-table-find"), QStringLiteral("send-sms")}));
}

void TestPacks::everySynchronousKindHasAResponseKind()
{
    QStringList synchronous;
    for (const auto &kind : m_catalog->kinds()) {
        if (!kind->isSynchronous())
            continue;
        const auto answer = m_catalog->kind(kind->answerKind);
        QVERIFY2(answer, qPrintable(kind->answerKind));
        QVERIFY(!answer->request);
        QCOMPARE(answer->pack, kind->pack);
        synchronous.append(kind->id);
    }
    synchronous.sort();
    QCOMPARE(synchronous, (QStringList{QStringLiteral("before-book-appointment"), QStringLiteral("before-check-in"),
                                       QStringLiteral("before-queue-up"), QStringLiteral("before-resolve"),
                                       QStringLiteral("data-table-fetch"), QStringLiteral("data-table-find"),
                                       QStringLiteral("data-table-query")}));
}

void TestPacks::everyPresetValidatesAgainstItsResponseSchema_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("preset");
    const PresetCatalog presets = PresetCatalog::builtIn();
    QVERIFY2(presets.errors().isEmpty(), qPrintable(presets.errors().join(u'\n')));
    for (const ResponsePreset &preset : presets.all())
        QTest::newRow(qPrintable(preset.kind + u'/' + preset.id)) << preset.kind << preset.id;
}

void TestPacks::everyPresetValidatesAgainstItsResponseSchema()
{
    QFETCH(QString, kind);
    QFETCH(QString, preset);
    const auto requestKind = m_catalog->kind(kind);
    QVERIFY(requestKind);
    QVERIFY2(requestKind->isSynchronous(), "a preset answers a synchronous kind");
    const PresetCatalog presets = PresetCatalog::builtIn(); // find() points into it
    const ResponsePreset *p = presets.find(kind, preset);
    QVERIFY(p);
    const QString sample = requestKind->sampleFile.isEmpty()
        ? QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/") + kind + QStringLiteral(".json")
        : requestKind->sampleFile;
    const QJsonValue request = AnswerBuilder::parseRequest(readFile(sample));
    const QByteArray body = AnswerBuilder::body(*p, request, AnswerBuilder::defaultArgument(*p, request));
    const Violations violations = Validator(m_catalog->kind(requestKind->answerKind)->schema).validate(body);
    QVERIFY2(violations.isEmpty(), qPrintable(violationText(violations) + u'\n' + QString::fromUtf8(body)));
}

void TestPacks::routePatternMatchesTheEndOfThePath_data()
{
    QTest::addColumn<QString>("route");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("matches");
    const QString after = QStringLiteral("*/service/actions/afterBookAppointment");
    QTest::newRow("behind an ngrok path") << after << QStringLiteral("/acme/cubu/service/actions/afterBookAppointment") << true;
    QTest::newRow("with no prefix at all") << after << QStringLiteral("/service/actions/afterBookAppointment") << true;
    QTest::newRow("glued to a longer segment") << after << QStringLiteral("/x/myservice/actions/afterBookAppointment") << false;
    QTest::newRow("a longer last segment") << after << QStringLiteral("/service/actions/afterBookAppointments") << false;
    QTest::newRow("another action") << after << QStringLiteral("/service/actions/beforeBookAppointment") << false;
    QTest::newRow("case matters") << after << QStringLiteral("/service/actions/afterbookappointment") << false;
    QTest::newRow("an exact route is exact") << QStringLiteral("/hooks/jicoo") << QStringLiteral("/x/hooks/jicoo") << false;
}

void TestPacks::routePatternMatchesTheEndOfThePath()
{
    QFETCH(QString, route);
    QFETCH(QString, path);
    QFETCH(bool, matches);
    QCOMPARE(Classifier::routeMatches(route, path), matches);
}

void TestPacks::routeBeatsShape_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("kind");
    QTest::newRow("after book path") << QStringLiteral("/t/service/actions/afterBookAppointment?x=1")
                                     << QStringLiteral("after-book-appointment");
    QTest::newRow("before book path") << QStringLiteral("/t/service/actions/beforeBookAppointment")
                                      << QStringLiteral("before-book-appointment");
    QTest::newRow("an after-resolve path wins over the booking body")
        << QStringLiteral("/service/actions/afterResolve") << QStringLiteral("after-resolve");
}

void TestPacks::routeBeatsShape()
{
    QFETCH(QString, target);
    QFETCH(QString, kind);
    const QJsonObject body
        = QJsonDocument::fromJson(readFile(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/before-book-appointment.json")))
              .object();
    const Classification c = Classifier(m_catalog).classify(body, target);
    QCOMPARE(c.kindId, kind);
    QCOMPARE(c.reason, Classification::Reason::Route);
    QVERIFY(!c.isAmbiguous());
}

void TestPacks::sameShapeInAPackIsReportedAndTheSynchronousKindPicked()
{
    const QJsonObject body
        = QJsonDocument::fromJson(readFile(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/before-book-appointment.json")))
              .object();
    const Classification c = Classifier(m_catalog).classify(body, QStringLiteral("/hooks/booking"));
    QCOMPARE(c.kindId, QStringLiteral("before-book-appointment"));
    QCOMPARE(c.reason, Classification::Reason::Shape);
    QCOMPARE(c.sameShape, QStringList{QStringLiteral("after-book-appointment")});
    QCOMPARE(c.ambiguityNote(), QStringLiteral("before-book-appointment \u2014 same shape as after-book-appointment; "
                                               "route the path to decide"));
    // The catalog order does not decide it: reversed, the synchronous kind is still picked.
    QList<std::shared_ptr<const Kind>> reversed = m_catalog->kinds();
    std::reverse(reversed.begin(), reversed.end());
    const Classification again
        = Classifier(std::make_shared<const KindCatalog>(reversed, QHash<QString, QString>{}, QStringList{}))
              .classify(body, QStringLiteral("/hooks/booking"));
    QCOMPARE(again.kindId, QStringLiteral("before-book-appointment"));
    QCOMPARE(again.sameShape, QStringList{QStringLiteral("after-book-appointment")});
}

void TestPacks::moreSpecificKindWinsATie()
{
    // An After Queue-up body also has every member of Before Queue-Up: the kind that explains
    // more of it (lockedByUserId) wins, and nothing is ambiguous.
    const QJsonObject body
        = QJsonDocument::fromJson(readFile(m_catalog->kind(QStringLiteral("after-queue-up"))->sampleFile)).object();
    const Classification c = Classifier(m_catalog).byShape(body);
    QCOMPARE(c.kindId, QStringLiteral("after-queue-up"));
    QVERIFY(!c.isAmbiguous());
    QCOMPARE(Classifier::score(*m_catalog->kind(QStringLiteral("before-queue-up")), body), 1.0);
}

void TestPacks::routeOnlyKindIsNeverPickedByShape()
{
    const auto kind = m_catalog->kind(QStringLiteral("after-resolve"));
    QVERIFY(!kind->match.byShape);
    QCOMPARE(Classifier::score(*kind, QJsonObject{{QStringLiteral("caseId"), QStringLiteral("x")}}), 0.0);
    QVERIFY(!Classifier(m_catalog).byShape(QJsonObject{{QStringLiteral("caseId"), QStringLiteral("x")}}).isKnown());
}

void TestPacks::userRoutePatternBeatsTheKindsOwn()
{
    m_registry->setRoutes({{QStringLiteral("*/my/booking"), QStringLiteral("after-book-appointment")},
                           {QStringLiteral("*/service/actions/beforeBookAppointment"), QStringLiteral("after-book-appointment")}});
    const Classifier classifier(m_registry->catalog());
    QCOMPARE(classifier.byRoute(QStringLiteral("/x/my/booking")).kindId, QStringLiteral("after-book-appointment"));
    QCOMPARE(classifier.byRoute(QStringLiteral("/x/service/actions/beforeBookAppointment")).kindId,
             QStringLiteral("after-book-appointment"));
    m_registry->setRoutes({});
}

void TestPacks::vendorQualifiedIdFindsTheKind()
{
    QCOMPARE(m_catalog->kind(QStringLiteral("cubu/after-book-appointment")), m_catalog->kind(QStringLiteral("after-book-appointment")));
    QCOMPARE(m_catalog->kind(QStringLiteral("cubu/before-book-appointment"))->id, QStringLiteral("before-book-appointment"));
    QVERIFY(!m_catalog->kind(QStringLiteral("jicoo/after-book-appointment")));
    QVERIFY(!m_catalog->kind(QStringLiteral("/after-book-appointment")));
    QCOMPARE(m_catalog->kind(QStringLiteral("after-book-appointment"))->qualifiedId(),
             QStringLiteral("cubu/after-book-appointment"));
    // validate --kind takes it too.
    const ValidationOutcome outcome = EventInspector(m_catalog).inspectAs(
        QStringLiteral("cubu/after-book-appointment"),
        readFile(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/before-book-appointment.json")));
    QCOMPARE(outcome.kindId, QStringLiteral("after-book-appointment"));
    QCOMPARE(outcome.status, ValidationOutcome::Status::Valid);
}

// The built binary: `hookscope validate` says when only the shape decided between two kinds, and
// --kind takes the vendor-qualified id; `hookscope schemas` names each kind's vendor and page.
void TestPacks::validateCommandShowsTheNoteAndTakesQualifiedIds()
{
    QTemporaryDir config;
    const QString sample = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/before-book-appointment.json");
    const auto run = [&config](const QStringList &args) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(HOOKSCOPE_BINARY), args);
        process.waitForFinished(30000);
        return std::pair{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput())};
    };
    auto [code, out] = run({QStringLiteral("validate"), QStringLiteral("--path"), QStringLiteral("/hooks/booking"), sample});
    QCOMPARE(code, 0);
    QCOMPARE(out, sample + QStringLiteral(": before-book-appointment (Before Book Appointment): valid\n"
                                          "  note: before-book-appointment \u2014 same shape as after-book-appointment; "
                                          "route the path to decide\n"));
    std::tie(code, out) = run({QStringLiteral("validate"), QStringLiteral("--path"),
                               QStringLiteral("/x/service/actions/afterBookAppointment"), sample});
    QCOMPARE(out, sample + QStringLiteral(": after-book-appointment (After Book Appointment): valid\n"));
    std::tie(code, out) = run({QStringLiteral("validate"), QStringLiteral("--kind"), QStringLiteral("cubu/after-book-appointment"), sample});
    QCOMPARE(code, 0);
    QCOMPARE(out, sample + QStringLiteral(": after-book-appointment (After Book Appointment): valid\n"));
    std::tie(code, out) = run({QStringLiteral("schemas")});
    QCOMPARE(code, 0);
    QVERIFY(out.contains(QLatin1String("vendor: Cubu (cubu/after-book-appointment)")));
    QVERIFY(out.contains(QLatin1String("source page: https://docs.cubu.com/guides/technical-guide/webhooks/webhooks-reference/"
                                       "service-webhooks/after-book-appointment")));
    QVERIFY(out.contains(QLatin1String("vendor pack cubu (Cubu)")));
    QVERIFY(out.contains(QLatin1String("  signature: cubu")));
}

void TestPacks::kindsAreGroupedByVendor()
{
    const QList<KindGroup> groups = KindGroups::of(
        {QStringLiteral("jicoo"), QStringLiteral("before-book-appointment"), QStringLiteral("gone.kind"),
         QStringLiteral("after-book-appointment")},
        m_catalog);
    QCOMPARE(groups.size(), 3);
    QCOMPARE(groups.at(0).pack, QStringLiteral("cubu"));
    QCOMPARE(groups.at(0).title, QStringLiteral("Cubu"));
    QCOMPARE(groups.at(0).kinds, (QStringList{QStringLiteral("after-book-appointment"), QStringLiteral("before-book-appointment")}));
    QCOMPARE(groups.at(1).kinds, QStringList{QStringLiteral("jicoo")});
    QCOMPARE(groups.at(2).title, QString());
    QCOMPARE(groups.at(2).kinds, QStringList{QStringLiteral("gone.kind")});
    QCOMPARE(KindGroups::of({QStringLiteral("jicoo")}, nullptr).first().title, QString());
}

QTEST_GUILESS_MAIN(TestPacks)
#include "tst_packs.moc"
