#include "hold/AnswerBuilder.h"
#include "hold/HoldPolicy.h"
#include "hold/PresetCatalog.h"
#include "schema/KindCatalog.h"
#include "schema/SchemaRegistry.h"
#include "schema/Validator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {
const QString kKind = QStringLiteral("before-book-appointment");

QJsonValue sampleRequest()
{
    QFile file(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/samples/before-book-appointment.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString describe(const Violations &violations)
{
    QStringList out;
    for (const Violation &v : violations)
        out.append(v.pointer + QStringLiteral(": ") + v.message);
    return out.join(QStringLiteral("; "));
}
} // namespace

// Presets (data files), the answers they build, the hold policy and --respond rules.
class TestPresetCatalog final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void builtInPresetsCoverTheIssue();
    void everyPresetValidatesAgainstTheResponseSchema_data();
    void everyPresetValidatesAgainstTheResponseSchema();
    void presetsFillFromTheRequest_data();
    void presetsFillFromTheRequest();
    void badPresetFilesAreRefusedWithTheReason_data();
    void badPresetFilesAreRefusedWithTheReason();
    void userPresetIsSavedAndReplacesOneOfTheSameId();
    void respondRuleParses_data();
    void respondRuleParses();
    void builtInPolicyHoldsBeforeBookAppointmentTenSeconds();

private:
    SchemaRegistry m_registry;
    std::unique_ptr<Validator> m_validator;
};

void TestPresetCatalog::initTestCase()
{
    const auto kind = m_registry.catalog()->kind(QStringLiteral("before-book-appointment.response"));
    QVERIFY(kind);
    m_validator = std::make_unique<Validator>(kind->schema);
}

void TestPresetCatalog::builtInPresetsCoverTheIssue()
{
    const PresetCatalog catalog = PresetCatalog::builtIn();
    QVERIFY2(catalog.errors().isEmpty(), qPrintable(catalog.errors().join(QLatin1Char('\n'))));
    QStringList ids;
    QStringList shortcuts;
    for (const ResponsePreset &p : catalog.forKind(kKind)) {
        ids.append(p.id);
        shortcuts.append(p.shortcut);
    }
    QCOMPARE(ids, (QStringList{"accept", "cancel", "remove-customer", "use-customer-contact-info", "set-customer",
                               "service-type", "channel", "prevent-self-check-in", "fields-and-tags"}));
    QCOMPARE(shortcuts.removeDuplicates(), 0);
}

void TestPresetCatalog::everyPresetValidatesAgainstTheResponseSchema_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("argument");
    for (const ResponsePreset &p : PresetCatalog::builtIn().forKind(kKind)) {
        QTest::newRow(qPrintable(p.id + QStringLiteral(" default argument"))) << p.id << QStringLiteral("<default>");
        if (p.hasArgument)
            QTest::newRow(qPrintable(p.id + QStringLiteral(" empty argument"))) << p.id << QString();
    }
}

void TestPresetCatalog::everyPresetValidatesAgainstTheResponseSchema()
{
    QFETCH(QString, id);
    QFETCH(QString, argument);
    const PresetCatalog catalog = PresetCatalog::builtIn();
    const ResponsePreset *preset = catalog.find(kKind, id);
    QVERIFY(preset);
    const QJsonValue request = sampleRequest();
    const QString arg = argument == QLatin1String("<default>") ? AnswerBuilder::defaultArgument(*preset, request) : argument;
    const QByteArray body = AnswerBuilder::body(*preset, request, arg);
    const Violations violations = m_validator->validate(body);
    QVERIFY2(violations.isEmpty(), qPrintable(QString::fromUtf8(body) + QStringLiteral(" → ") + describe(violations)));
}

void TestPresetCatalog::presetsFillFromTheRequest_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("member");
    QTest::addColumn<QJsonValue>("expected");
    const QJsonObject request = sampleRequest().toObject();
    QTest::newRow("accept keeps everything") << "accept" << "customerRecordId" << QJsonValue(QJsonValue::Null);
    QTest::newRow("accept is not cancelled") << "accept" << "cancelled" << QJsonValue(false);
    QTest::newRow("cancel reason is its default") << "cancel" << "cancellationReason"
                                                  << QJsonValue(QStringLiteral("Slot no longer available"));
    QTest::newRow("set customer starts from the request") << "set-customer" << "customerRecordId"
                                                           << request.value(QStringLiteral("customerRecordId"));
    QTest::newRow("service type starts from the request") << "service-type" << "serviceTypeId"
                                                           << request.value(QStringLiteral("serviceTypeId"));
    QTest::newRow("channel starts from the request") << "channel" << "channel" << request.value(QStringLiteral("channel"));
    QTest::newRow("contact info leaves phone null") << "use-customer-contact-info" << "contactPhoneNumber"
                                                    << QJsonValue(QJsonValue::Null);
    QTest::newRow("fields are the request's") << "fields-and-tags" << "fields" << request.value(QStringLiteral("fields"));
    QTest::newRow("tags are the request's") << "fields-and-tags" << "tagIds" << request.value(QStringLiteral("tagIds"));
    QTest::newRow("prevent self check-in") << "prevent-self-check-in" << "preventSelfCheckIn" << QJsonValue(true);
}

void TestPresetCatalog::presetsFillFromTheRequest()
{
    QFETCH(QString, id);
    QFETCH(QString, member);
    QFETCH(QJsonValue, expected);
    const PresetCatalog catalog = PresetCatalog::builtIn();
    const ResponsePreset *preset = catalog.find(kKind, id);
    QVERIFY(preset);
    const QJsonValue request = sampleRequest();
    const QByteArray body = AnswerBuilder::body(*preset, request, AnswerBuilder::defaultArgument(*preset, request));
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    QVERIFY(answer.contains(member));
    QCOMPARE(answer.value(member), expected);
}

void TestPresetCatalog::badPresetFilesAreRefusedWithTheReason_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not json") << QByteArray("{\"id\": ") << QStringLiteral("at offset");
    QTest::newRow("unknown member") << QByteArray(R"({"id":"a","kind":"k","body":{},"colour":1})")
                                    << QStringLiteral("unknown member 'colour'");
    QTest::newRow("no kind") << QByteArray(R"({"id":"a","body":{}})") << QStringLiteral("'kind'");
    QTest::newRow("no body") << QByteArray(R"({"id":"a","kind":"k"})") << QStringLiteral("'body'");
    QTest::newRow("bad id") << QByteArray(R"({"id":"a b","kind":"k","body":{}})") << QStringLiteral("'id'");
    QTest::newRow("bad status") << QByteArray(R"({"id":"a","kind":"k","body":{},"status":42})")
                                << QStringLiteral("'status'");
}

void TestPresetCatalog::badPresetFilesAreRefusedWithTheReason()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("bad.preset.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(json);
    file.close();
    PresetCatalog catalog;
    catalog.loadDirectory(dir.path(), ResponsePreset::Origin::User);
    QCOMPARE(catalog.all().size(), 0);
    QCOMPARE(catalog.errors().size(), 1);
    QVERIFY2(catalog.errors().at(0).contains(reason), qPrintable(catalog.errors().at(0)));
    QVERIFY(catalog.errors().at(0).contains(QStringLiteral("bad.preset.json")));
}

void TestPresetCatalog::userPresetIsSavedAndReplacesOneOfTheSameId()
{
    QTemporaryDir dir;
    PresetCatalog catalog = PresetCatalog::builtIn();
    ResponsePreset preset;
    preset.id = QStringLiteral("accept");
    preset.kind = kKind;
    preset.title = QStringLiteral("My accept");
    preset.body = QJsonObject{{QStringLiteral("cancelled"), false}, {QStringLiteral("removeCustomer"), false},
                              {QStringLiteral("useCustomerContactInfo"), false}};
    QString error;
    QVERIFY2(catalog.saveUserPreset(dir.path(), preset, &error), qPrintable(error));
    QCOMPARE(catalog.find(kKind, QStringLiteral("accept"))->title, QStringLiteral("My accept"));

    PresetCatalog reloaded = PresetCatalog::builtIn();
    reloaded.loadDirectory(dir.path(), ResponsePreset::Origin::User);
    QVERIFY(reloaded.errors().isEmpty());
    const ResponsePreset *loaded = reloaded.find(kKind, QStringLiteral("accept"));
    QCOMPARE(loaded->title, QStringLiteral("My accept"));
    QCOMPARE(loaded->origin, ResponsePreset::Origin::User);
    QCOMPARE(loaded->body, preset.body);
    QCOMPARE(reloaded.forKind(kKind).size(), PresetCatalog::builtIn().forKind(kKind).size());
}

void TestPresetCatalog::respondRuleParses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("argument"); // "<none>" when absent
    QTest::newRow("kind and preset") << "before-book-appointment=accept" << true << "before-book-appointment" << "accept"
                                     << "<none>";
    QTest::newRow("argument after a colon") << "before-book-appointment=cancel:Slot no longer available" << true
                                            << "before-book-appointment" << "cancel" << "Slot no longer available";
    QTest::newRow("quotes kept by the caller are dropped") << "k=cancel:\"Closed: holiday\"" << true << "k" << "cancel"
                                                           << "Closed: holiday";
    QTest::newRow("empty argument") << "k=cancel:" << true << "k" << "cancel" << "";
    QTest::newRow("no preset") << "before-book-appointment=" << false << "" << "" << "";
    QTest::newRow("no kind") << "=accept" << false << "" << "" << "";
    QTest::newRow("no equals sign") << "accept" << false << "" << "" << "";
}

void TestPresetCatalog::respondRuleParses()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, kind);
    QFETCH(QString, preset);
    QFETCH(QString, argument);
    QString error;
    const std::optional<RespondRule> rule = RespondRule::parse(text, &error);
    QCOMPARE(rule.has_value(), ok);
    if (!ok) {
        QVERIFY(error.contains(QStringLiteral("KIND=PRESET")));
        return;
    }
    QCOMPARE(rule->kind, kind);
    QCOMPARE(rule->presetId, preset);
    QCOMPARE(rule->argument.value_or(QStringLiteral("<none>")), argument);
}

void TestPresetCatalog::builtInPolicyHoldsBeforeBookAppointmentTenSeconds()
{
    const HoldPolicy policy = HoldPolicy::builtIn();
    const HoldRule rule = policy.rule(kKind);
    QVERIFY(rule.hold);
    QCOMPARE(rule.deadlineMs, 10'000);
    QCOMPARE(rule.defaultPreset, QStringLiteral("accept"));
    QVERIFY(!policy.rule(QStringLiteral("callback-request")).hold);
    QVERIFY(policy.needsClassification());
}

QTEST_GUILESS_MAIN(TestPresetCatalog)
#include "tst_presetcatalog.moc"
