// A user pack's presets/ and hold.json are read like a built-in pack's (PackAnswers): its answers
// appear in the preset catalog and its synchronous hooks are held. Its files are hostile: each
// unusable one is skipped and named with the reason, and nothing of it is applied.
#include "hold/HoldPolicy.h"
#include "hold/PackAnswers.h"
#include "hold/PresetCatalog.h"
#include "schema/KindCatalog.h"
#include "schema/SchemaRegistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

namespace {
bool writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

const QByteArray kOkPreset = R"({"id": "ok", "kind": "acme.order", "title": "Accept", "status": 200, "body": {"accepted": true}})";
const QByteArray kHold = R"({"acme.order": {"hold": true, "deadlineSeconds": 5, "defaultPreset": "ok"}})";

// The acme pack: one synchronous request kind (acme.order, answered by acme.order.response) and
// one asynchronous one (acme.note).
void writeAcmePack(const QTemporaryDir &dir)
{
    const QString root = dir.filePath(QStringLiteral("packs/acme/"));
    QVERIFY(writeFile(root + QStringLiteral("pack.json"), R"({"title": "Acme"})"));
    QVERIFY(writeFile(root + QStringLiteral("kinds/acme.order.kind.json"),
                      R"({"schema": "../schemas/acme.order.schema.json", "match": {"equals": {"/type": "order"}},
                          "answer": "acme.order.response"})"));
    QVERIFY(writeFile(root + QStringLiteral("kinds/acme.order.response.kind.json"),
                      R"({"schema": "../schemas/acme.order.response.schema.json", "request": false})"));
    QVERIFY(writeFile(root + QStringLiteral("kinds/acme.note.kind.json"),
                      R"({"schema": "../schemas/acme.note.schema.json", "match": {"equals": {"/type": "note"}}})"));
    QVERIFY(writeFile(root + QStringLiteral("schemas/acme.order.schema.json"), R"({"type": "object"})"));
    QVERIFY(writeFile(root + QStringLiteral("schemas/acme.order.response.schema.json"), R"({"type": "object"})"));
    QVERIFY(writeFile(root + QStringLiteral("schemas/acme.note.schema.json"), R"({"type": "object"})"));
}

// What a run reads with `userKindsDir` as the user's kinds folder.
struct Answers
{
    QStringList kindErrors; // the catalog's
    QStringList errors; // the presets' and hold policies'
    PresetCatalog presets;
    HoldPolicy policy;

    static Answers of(const QString &userKindsDir)
    {
        SchemaRegistry registry;
        registry.setUserKindsDirectory(userKindsDir);
        const auto catalog = registry.catalog();
        Answers answers;
        answers.kindErrors = catalog->errors();
        answers.presets = PresetCatalog::load(*catalog, &answers.errors);
        answers.policy = HoldPolicy::builtIn(*catalog, &answers.errors);
        return answers;
    }
};
} // namespace

class TestPackAnswers final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void userPackPresetsAndHoldAreRead();
    void hostileFileIsNamedAndNothingOfItApplies_data();
    void hostileFileIsNamedAndNothingOfItApplies();
    void replacedOrDisabledBuiltInPackTakesItsAnswersAlong();
};

void TestPackAnswers::userPackPresetsAndHoldAreRead()
{
    QTemporaryDir dir;
    writeAcmePack(dir);
    QVERIFY(writeFile(dir.filePath(QStringLiteral("packs/acme/presets/acme.order.ok.preset.json")), kOkPreset));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("packs/acme/hold.json")), kHold));
    const Answers answers = Answers::of(dir.path());
    QVERIFY2(answers.kindErrors.isEmpty(), qPrintable(answers.kindErrors.join(u'\n')));
    const QStringList &errors = answers.errors;
    const PresetCatalog &presets = answers.presets;
    const HoldPolicy &policy = answers.policy;
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    const ResponsePreset *ok = presets.find(QStringLiteral("acme.order"), QStringLiteral("ok"));
    QVERIFY(ok);
    QCOMPARE(ok->origin, ResponsePreset::Origin::User);
    QCOMPARE(ok->file, dir.filePath(QStringLiteral("packs/acme/presets/acme.order.ok.preset.json")));
    const HoldRule rule = policy.rule(QStringLiteral("acme.order"));
    QVERIFY(rule.hold);
    QCOMPARE(rule.deadlineMs, 5000);
    QCOMPARE(rule.defaultPreset, QStringLiteral("ok"));
    QVERIFY(policy.activeKinds().contains(QStringLiteral("acme.order")));
    // The built-in packs' answers and holding are still there.
    QVERIFY(presets.find(QStringLiteral("before-queue-up"), QStringLiteral("accept")));
    QVERIFY(policy.rule(QStringLiteral("before-queue-up")).hold);
}

void TestPackAnswers::hostileFileIsNamedAndNothingOfItApplies_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("reason");

    const QString preset = QStringLiteral("presets/x.preset.json");
    const QString hold = QStringLiteral("hold.json");
    QTest::newRow("preset answering another vendor's kind")
        << preset << QByteArray(R"({"id": "ok", "kind": "before-queue-up", "title": "t", "body": {}})")
        << QStringLiteral("/kind: the kind 'before-queue-up' is not of the pack acme");
    QTest::newRow("preset answering a kind that does not exist")
        << preset << QByteArray(R"({"id": "ok", "kind": "acme.nothing", "title": "t", "body": {}})")
        << QStringLiteral("/kind: there is no kind 'acme.nothing'");
    QTest::newRow("preset answering a response kind")
        << preset << QByteArray(R"({"id": "ok", "kind": "acme.order.response", "title": "t", "body": {}})")
        << QStringLiteral("/kind: the kind 'acme.order.response' is a response, not a request");
    QTest::newRow("preset that is not JSON") << preset << QByteArray("{\"id\": ") << QString();
    QTest::newRow("preset larger than 1 MiB")
        << preset << QByteArray(R"({"id": "ok", "kind": "acme.order", "title": ")") + QByteArray(1024 * 1024, 'a') + "\"}"
        << QStringLiteral("larger than 1048576 bytes");
    QTest::newRow("hold policy that is not an object") << hold << QByteArray("[1, 2]")
                                                       << QStringLiteral("a hold policy is a JSON object");
    QTest::newRow("hold policy that is not JSON") << hold << QByteArray("{\"acme.order\": ") << QString();
    QTest::newRow("hold policy larger than 1 MiB")
        << hold << QByteArray("{\"$comment\": \"") + QByteArray(1024 * 1024, 'a') + "\"}"
        << QStringLiteral("larger than 1048576 bytes");
    QTest::newRow("hold rule for another vendor's kind")
        << hold << QByteArray(R"({"before-queue-up": {"hold": false}})")
        << QStringLiteral("/before-queue-up: the kind 'before-queue-up' is not of the pack acme");
    QTest::newRow("hold rule that is not an object") << hold << QByteArray(R"({"acme.order": true})")
                                                     << QStringLiteral("/acme.order: must be an object");
    QTest::newRow("hold that is not a boolean") << hold << QByteArray(R"({"acme.order": {"hold": "yes"}})")
                                                << QStringLiteral("/acme.order/hold must be true or false");
    QTest::newRow("deadline beyond an hour") << hold << QByteArray(R"({"acme.order": {"hold": true, "deadlineSeconds": 86400}})")
                                             << QStringLiteral("/acme.order/deadlineSeconds must be a number from 0 to 3600");
    QTest::newRow("default preset that is not a string")
        << hold << QByteArray(R"({"acme.order": {"hold": true, "defaultPreset": 1}})")
        << QStringLiteral("/acme.order/defaultPreset must be a string");
    QTest::newRow("misspelt member") << hold << QByteArray(R"({"acme.order": {"hold": true, "deadline": 5}})")
                                     << QStringLiteral("/acme.order/deadline is not a member of a hold rule");
}

void TestPackAnswers::hostileFileIsNamedAndNothingOfItApplies()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    writeAcmePack(dir);
    const QString path = dir.filePath(QStringLiteral("packs/acme/") + file);
    QVERIFY(writeFile(path, content));
    const Answers answers = Answers::of(dir.path());
    QVERIFY2(answers.kindErrors.isEmpty(), qPrintable(answers.kindErrors.join(u'\n')));
    const QStringList &errors = answers.errors;
    const PresetCatalog &presets = answers.presets;
    const HoldPolicy &policy = answers.policy;
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(path + QStringLiteral(": ")), qPrintable(errors.first()));
    QVERIFY2(errors.first().contains(reason), qPrintable(errors.first()));
    QVERIFY(presets.errors().contains(errors.first()) || file == QLatin1String("hold.json"));
    QVERIFY(!presets.find(QStringLiteral("before-queue-up"), QStringLiteral("ok")));
    QVERIFY(!presets.find(QStringLiteral("acme.order"), QStringLiteral("ok")));
    QVERIFY(!policy.rule(QStringLiteral("acme.order")).hold);
    QVERIFY(policy.rule(QStringLiteral("before-queue-up")).hold); // another vendor's holding untouched
}

void TestPackAnswers::replacedOrDisabledBuiltInPackTakesItsAnswersAlong()
{
    QTemporaryDir replaced;
    QVERIFY(writeFile(replaced.filePath(QStringLiteral("packs/cubu/pack.json")), R"({"title": "My Cubu"})"));
    QVERIFY(writeFile(replaced.filePath(QStringLiteral("packs/cubu/kinds/before-queue-up.kind.json")),
                      R"({"schema": "../schemas/q.schema.json", "match": {"present": ["/caseId"]}})"));
    QVERIFY(writeFile(replaced.filePath(QStringLiteral("packs/cubu/schemas/q.schema.json")), R"({"type": "object"})"));
    QTemporaryDir disabled;
    QVERIFY(writeFile(disabled.filePath(QStringLiteral("packs/cubu/pack.json")), R"({"disabled": true})"));
    for (const QTemporaryDir *dir : {&replaced, &disabled}) {
        const Answers answers = Answers::of(dir->path());
        QVERIFY2(answers.kindErrors.isEmpty(), qPrintable(answers.kindErrors.join(u'\n')));
        QVERIFY2(answers.errors.isEmpty(), qPrintable(answers.errors.join(u'\n')));
        QVERIFY(answers.presets.forKind(QStringLiteral("before-queue-up")).isEmpty());
        QVERIFY(!answers.policy.rule(QStringLiteral("before-queue-up")).hold);
        QVERIFY(!answers.presets.forKind(QStringLiteral("before-book-appointment")).isEmpty()); // loose presets stay
    }
}

QTEST_GUILESS_MAIN(TestPackAnswers)

#include "tst_packanswers.moc"
