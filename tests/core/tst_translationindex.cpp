#include "translate/OwnerLabels.h"
#include "translate/TranslationIndex.h"
#include "translate/TranslationScanner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace hookscope;

Q_DECLARE_METATYPE(TranslatedField::Problems)

namespace {

const QString kSource = QStringLiteral(HOOKSCOPE_SOURCE_DIR);
const QString kHandWritten = kSource + QStringLiteral("/tests/data/translations/");
const QString kCallbackValid = kSource + QStringLiteral("/tests/data/schemas/callback-request/valid/");
const QString kSamples = kSource + QStringLiteral("/resources/samples/");

TranslationIndex indexOf(const QString &path, const QStringList &required = {})
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    QString error;
    const std::optional<TranslationIndex> index = TranslationIndex::fromJson(file.readAll(), required, &error);
    if (!index)
        qFatal("%s: %s", qPrintable(path), qPrintable(error));
    return *index;
}

QStringList pointersOf(const TranslationIndex &index)
{
    QStringList pointers;
    for (const TranslatedField &field : index.fields())
        pointers.append(field.pointer());
    return pointers;
}

qsizetype rowOf(const TranslationIndex &index, const QString &pointer)
{
    for (qsizetype row = 0; row < index.fieldCount(); ++row) {
        if (index.field(row).pointer() == pointer)
            return row;
    }
    return -1;
}

// "en=2 nl=1": missing counts of every language in the table, in its order.
QString missingByLanguage(const TranslationIndex &index)
{
    QStringList counts;
    for (const QString &language : index.languages())
        counts.append(QStringLiteral("%1=%2").arg(language).arg(index.missingCount(language)));
    return counts.join(u' ');
}

} // namespace

class TestTranslationIndex final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void recognition_data();
    void recognition();
    void extraction_data();
    void extraction();
    void ownerLabels_data();
    void ownerLabels();
    void cellValues_data();
    void cellValues();
    void problems_data();
    void problems();
    void missingPairsInTableOrder();
    void requiredLanguages_data();
    void requiredLanguages();
    void summary_data();
    void summary();
    void notJson_data();
    void notJson();
    void deepNestingIsWalkedWithoutRecursion();
};

void TestTranslationIndex::recognition_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("pointers");
    const auto row = [](const char *name, const char *json, const QStringList &pointers) {
        QTest::newRow(name) << QByteArray(json) << pointers;
    };
    const QString f = QStringLiteral("/f");
    row("language and value items", R"({"f": [{"language": "en", "value": "a"}]})", {f});
    row("extra members in items tolerated", R"({"f": [{"language": "en", "value": "a", "id": 3}]})", {f});
    row("null value counts", R"({"f": [{"language": "en", "value": null}]})", {f});
    row("empty language still an item", R"({"f": [{"language": "", "value": "a"}]})", {f});
    row("no value member is not one", R"({"f": [{"language": "en"}]})", {});
    row("number value is not one", R"({"f": [{"language": "en", "value": 3}]})", {});
    row("object value is not one", R"({"f": [{"language": "en", "value": {"t": "a"}}]})", {});
    row("non-string language is not one", R"({"f": [{"language": 1, "value": "a"}]})", {});
    row("one foreign item spoils the array",
        R"({"f": [{"language": "en", "value": "a"}, {"lang": "nl", "value": "b"}]})", {});
    row("scalar item spoils the array", R"({"f": [{"language": "en", "value": "a"}, "b"]})", {});
    row("empty array elsewhere is not one", R"({"f": []})", {});
    row("empty array in translations object is one", R"({"translations": {"f": []}})",
        {QStringLiteral("/translations/f")});
    row("whole document is one", R"([{"language": "en", "value": "a"}])", {QString()});
    row("array of translation arrays", R"({"f": [[{"language": "en", "value": "a"}], [{"language": "nl", "value": "b"}]]})",
        {QStringLiteral("/f/0"), QStringLiteral("/f/1")});
    row("found inside an item's extra member",
        R"({"f": [{"language": "en", "value": "a", "more": {"g": [{"language": "nl", "value": "b"}]}}]})",
        {f, QStringLiteral("/f/0/more/g")});
    row("pointer escapes tilde and slash", R"({"a~b": {"c/d": [{"language": "en", "value": "a"}]}})",
        {QStringLiteral("/a~0b/c~1d")});
    row("scalar document has none", "3", {});
}

void TestTranslationIndex::recognition()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, pointers);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson("[" + json + "]", &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonValue root = document.array().first(); // any value may be the root, scalars too
    QCOMPARE(pointersOf(TranslationIndex(root)), pointers);
}

void TestTranslationIndex::extraction_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("fields");
    QTest::addColumn<QStringList>("languages");
    QTest::addColumn<int>("missing");
    QTest::addColumn<QString>("missingByLanguage");
    QTest::addColumn<int>("incompleteFields");

    const QStringList enNlFrAr{"en", "nl", "fr", "ar"};
    QTest::newRow("seed example: one placeholder language, complete")
        << kSamples + "callback-request.json" << 28 << QStringList{"string"} << 0 << "string=0" << 0;
    QTest::newRow("seed update example")
        << kSamples + "callback-request.update.json" << 28 << QStringList{"string"} << 0 << "string=0" << 0;
    QTest::newRow("multilingual create: empty arrays under translations are rows")
        << kCallbackValid + "realistic-multilingual-create.json" << 30 << enNlFrAr << 41 << "en=16 nl=2 fr=6 ar=17" << 17;
    QTest::newRow("multilingual update with partial nulls")
        << kCallbackValid + "realistic-partial-nulls-update.json" << 20 << enNlFrAr << 32 << "en=12 nl=3 fr=5 ar=12" << 12;
    QTest::newRow("extra members where allowed")
        << kCallbackValid + "extra-members-where-allowed.json" << 31 << enNlFrAr << 44 << "en=16 nl=3 fr=7 ar=18" << 18;
    QTest::newRow("update with null objects has no translations")
        << kCallbackValid + "realistic-nulls-update.json" << 0 << QStringList{} << 0 << "" << 0;
    QTest::newRow("three languages, complete, order of first appearance")
        << kHandWritten + "complete-three-languages.json" << 3 << QStringList{"en", "nl", "fr"} << 0 << "en=0 nl=0 fr=0" << 0;
    QTest::newRow("missing languages counted per language")
        << kHandWritten + "missing-languages.json" << 5 << QStringList{"en", "nl", "fr", "de"} << 11
        << "en=2 nl=2 fr=3 de=4" << 4;
    QTest::newRow("duplicates are not missing")
        << kHandWritten + "duplicates.json" << 2 << QStringList{"en", "nl", "fr"} << 0 << "en=0 nl=0 fr=0" << 0;
    QTest::newRow("empty, null and blank-language items are not missing")
        << kHandWritten + "empty-and-null.json" << 3 << QStringList{"en", "nl", "fr"} << 0 << "en=0 nl=0 fr=0" << 0;
    QTest::newRow("nested answers and choices")
        << kHandWritten + "nested-answers.json" << 4 << QStringList{"en", "nl", "fr"} << 2 << "en=0 nl=1 fr=1" << 2;
    QTest::newRow("unexpected places")
        << kHandWritten + "unexpected-places.json" << 6 << QStringList{"en", "nl"} << 3 << "en=1 nl=2" << 2;
    QTest::newRow("right-to-left languages")
        << kHandWritten + "right-to-left.json" << 2 << QStringList{"en", "ar", "he", "fa"} << 0
        << "en=0 ar=0 he=0 fa=0" << 0;
}

void TestTranslationIndex::extraction()
{
    QFETCH(QString, file);
    QFETCH(int, fields);
    QFETCH(QStringList, languages);
    QFETCH(int, missing);
    QFETCH(QString, missingByLanguage);
    QFETCH(int, incompleteFields);

    const TranslationIndex index = indexOf(file);
    QCOMPARE(index.fieldCount(), fields);
    QCOMPARE(index.languages(), languages);
    QCOMPARE(index.missingCount(), missing);
    QCOMPARE(::missingByLanguage(index), missingByLanguage);
    QCOMPARE(index.incompleteFieldCount(), incompleteFields);
    QCOMPARE(index.isComplete(), missing == 0);
    QStringList owners;
    for (const TranslatedField &field : index.fields())
        owners.append(field.owner());
    QCOMPARE(QSet<QString>(owners.cbegin(), owners.cend()).size(), owners.size()); // labels are unique
}

void TestTranslationIndex::ownerLabels_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("owner");
    const QString seed = kSamples + "callback-request.json";
    const QString nested = kHandWritten + "nested-answers.json";
    const QString odd = kHandWritten + "unexpected-places.json";
    QTest::newRow("translations object skipped")
        << seed << "/data/callbackRequest/subject/translations/name" << "subject › name";
    QTest::newRow("office parking info") << seed << "/data/callbackRequest/office/translations/parkingInfo"
                                         << "office › parkingInfo";
    QTest::newRow("nearest owner only") << seed << "/data/callbackRequest/subject/subjectGroup/translations/name"
                                        << "subjectGroup › name";
    QTest::newRow("array item keeps its array and index")
        << seed << "/data/callbackRequest/answers/0/question/translations/label" << "answers › 0 › question › label";
    QTest::newRow("colliding labels take their parents")
        << seed << "/data/callbackRequest/office/location/translations/city" << "office › location › city";
    QTest::newRow("widened label keeps array context")
        << seed << "/data/callbackRequest/participants/0/customer/location/translations/city"
        << "participants › 0 › customer › location › city";
    QTest::newRow("choice item inside an answer") << nested << "/data/callbackRequest/answers/0/question/choices/1/translations/label"
                                                  << "choices › 1 › label";
    QTest::newRow("second answer") << nested << "/data/callbackRequest/answers/1/question/translations/label"
                                   << "answers › 1 › question › label";
    QTest::newRow("top-level index alone") << odd << "/0" << "0";
    QTest::newRow("not under translations") << odd << "/1/labels" << "1 › labels";
    QTest::newRow("escaped pointer, label as written") << odd << "/1/a~1b~0c/translations/x~1y" << "1 › a/b~c › x/y";
    QTest::newRow("array of translation arrays") << odd << "/1/metadata/matrix/1" << "matrix › 1";
    QTest::newRow("empty array under translations") << odd << "/1/translations/empty" << "1 › empty";
}

void TestTranslationIndex::ownerLabels()
{
    QFETCH(QString, file);
    QFETCH(QString, pointer);
    QFETCH(QString, owner);
    const TranslationIndex index = indexOf(file);
    const qsizetype row = rowOf(index, pointer);
    QVERIFY2(row >= 0, qPrintable(pointersOf(index).join(u'\n')));
    QCOMPARE(index.field(row).owner(), owner);
}

void TestTranslationIndex::cellValues_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("isNull");
    QTest::addColumn<int>("occurrences");
    QTest::addColumn<int>("itemIndex"); // of the first item for the language
    const QString dup = kHandWritten + "duplicates.json";
    const QString empty = kHandWritten + "empty-and-null.json";
    QTest::newRow("first of three duplicates wins") << dup << "/office/translations/name" << "nl" << "Brugge" << false << 3 << 1;
    QTest::newRow("duplicate counted once per extra item") << dup << "/office/translations/description" << "en"
                                                           << "Main office" << false << 2 << 0;
    QTest::newRow("single item") << dup << "/office/translations/name" << "fr" << "Bruges" << false << 1 << 3;
    QTest::newRow("empty string kept") << empty << "/location/translations/city" << "en" << "" << false << 1 << 0;
    QTest::newRow("null value") << empty << "/location/translations/street2" << "nl" << "" << true << 1 << 1;
    QTest::newRow("whitespace kept as sent") << empty << "/location/translations/street2" << "fr" << "  " << false << 1 << 2;
    QTest::newRow("right-to-left text kept") << kHandWritten + "right-to-left.json" << "/office/translations/name"
                                             << "he" << "דובאי" << false << 1 << 2;
}

void TestTranslationIndex::cellValues()
{
    QFETCH(QString, file);
    QFETCH(QString, pointer);
    QFETCH(QString, language);
    QFETCH(QString, text);
    QFETCH(bool, isNull);
    QFETCH(int, occurrences);
    QFETCH(int, itemIndex);
    const TranslationIndex index = indexOf(file);
    const qsizetype row = rowOf(index, pointer);
    QVERIFY(row >= 0);
    const TranslationEntry *entry = index.field(row).entry(language);
    QVERIFY(entry);
    QCOMPARE(entry->text, text);
    QCOMPARE(entry->isNull, isNull);
    QCOMPARE(entry->occurrences, occurrences);
    QCOMPARE(entry->itemIndex, itemIndex);
    QCOMPARE(entry->isDuplicate(), occurrences > 1);
    QCOMPARE(entry->isEmpty(), !isNull && text.isEmpty());
    QVERIFY(!index.isMissing(row, language));
}

void TestTranslationIndex::problems_data()
{
    using P = TranslatedField::Problem;
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<TranslatedField::Problems>("problems");
    const QString empty = kHandWritten + "empty-and-null.json";
    QTest::newRow("clean field") << kHandWritten + "complete-three-languages.json" << "/data/callbackRequest/office/translations/name"
                                 << TranslatedField::Problems();
    QTest::newRow("duplicate language") << kHandWritten + "duplicates.json" << "/office/translations/description"
                                        << TranslatedField::Problems(P::DuplicateLanguage);
    QTest::newRow("empty duplicate does not make the field empty")
        << kHandWritten + "duplicates.json" << "/office/translations/name" << TranslatedField::Problems(P::DuplicateLanguage);
    QTest::newRow("empty string") << empty << "/location/translations/city" << TranslatedField::Problems(P::EmptyText);
    QTest::newRow("null values") << empty << "/location/translations/street2" << TranslatedField::Problems(P::NullValue);
    QTest::newRow("item without language") << empty << "/location/translations/state"
                                           << TranslatedField::Problems(P::BlankLanguage);
    QTest::newRow("empty array") << kHandWritten + "missing-languages.json" << "/data/callbackRequest/office/translations/directions"
                                 << TranslatedField::Problems(P::NoTranslations);
}

void TestTranslationIndex::problems()
{
    QFETCH(QString, file);
    QFETCH(QString, pointer);
    QFETCH(TranslatedField::Problems, problems);
    const TranslationIndex index = indexOf(file);
    const qsizetype row = rowOf(index, pointer);
    QVERIFY(row >= 0);
    QCOMPARE(index.field(row).problems(), problems);
    QVERIFY((index.problems() & problems) == problems);
}

void TestTranslationIndex::missingPairsInTableOrder()
{
    const TranslationIndex index = indexOf(kHandWritten + "missing-languages.json");
    QStringList pairs;
    for (const MissingTranslation &gap : index.missing())
        pairs.append(index.field(gap.field).owner() + u' ' + gap.language);
    QCOMPARE(pairs, (QStringList{"office › directions en", "office › directions nl", "office › directions fr",
                                 "office › directions de", "office › name fr", "office › name de",
                                 "office › parkingInfo en", "office › parkingInfo fr", "office › parkingInfo de",
                                 "subject › description nl", "subject › description de"}));
    const qsizetype name = rowOf(index, "/data/callbackRequest/subject/translations/name");
    QVERIFY(!index.isMissing(name, "de"));
    QVERIFY(index.isMissing(name - 1, "de"));
    QVERIFY(!index.isMissing(name, "pt")); // not a language of the table
    QCOMPARE(index.missingCount("pt"), 0);
}

void TestTranslationIndex::requiredLanguages_data()
{
    QTest::addColumn<QStringList>("required");
    QTest::addColumn<QStringList>("languages");
    QTest::addColumn<int>("missing");
    QTest::newRow("none") << QStringList{} << QStringList{"en", "nl", "fr"} << 0;
    QTest::newRow("present language changes nothing") << QStringList{"nl"} << QStringList{"en", "nl", "fr"} << 0;
    QTest::newRow("absent language appended, missing everywhere")
        << QStringList{"de"} << QStringList{"en", "nl", "fr", "de"} << 3;
    QTest::newRow("given order kept, repeats and blanks ignored")
        << QStringList{"it", "", "de", "it"} << QStringList{"en", "nl", "fr", "it", "de"} << 6;
    QTest::newRow("codes compared exactly") << QStringList{"NL"} << QStringList{"en", "nl", "fr", "NL"} << 3;
}

void TestTranslationIndex::requiredLanguages()
{
    QFETCH(QStringList, required);
    QFETCH(QStringList, languages);
    QFETCH(int, missing);
    const TranslationIndex index = indexOf(kHandWritten + "complete-three-languages.json", required);
    QCOMPARE(index.languages(), languages);
    QCOMPARE(index.missingCount(), missing);
}

void TestTranslationIndex::summary_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("languages");
    QTest::addColumn<int>("missingTranslations");
    QTest::addColumn<int>("incompleteFields");
    QTest::newRow("complete") << kHandWritten + "complete-three-languages.json" << "en nl fr" << 0 << 0;
    QTest::newRow("incomplete") << kHandWritten + "missing-languages.json" << "en nl fr de" << 11 << 4;
    QTest::newRow("no translations") << kSamples + "jicoo.json" << "" << 0 << 0;
}

void TestTranslationIndex::summary()
{
    QFETCH(QString, file);
    QFETCH(QString, languages);
    QFETCH(int, missingTranslations);
    QFETCH(int, incompleteFields);
    QFile input(file);
    QVERIFY(input.open(QIODevice::ReadOnly));
    const TranslationSummary summary = TranslationIndex::summary(QJsonDocument::fromJson(input.readAll()));
    QCOMPARE(summary.languages, languages);
    QCOMPARE(summary.missingTranslations, missingTranslations);
    QCOMPARE(summary.incompleteFields, incompleteFields);
    QCOMPARE(TranslationIndex::summary(QJsonDocument()).languages, QString());
}

void TestTranslationIndex::notJson_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << QByteArray() << "empty document";
    QTest::newRow("blank") << QByteArray(" \n") << "empty document";
    QTest::newRow("cut short") << QByteArray(R"({"a": [)") << "at offset";
    QTest::newRow("nested beyond the parser's limit") << QByteArray(10000, '[') + QByteArray(10000, ']') << "at offset";
}

void TestTranslationIndex::notJson()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    QString message;
    QVERIFY(!TranslationIndex::fromJson(bytes, {}, &message));
    QVERIFY2(message.contains(error), qPrintable(message));
}

void TestTranslationIndex::deepNestingIsWalkedWithoutRecursion()
{
    constexpr int kDepth = 100000; // QJsonDocument stops parsing at 1024; values built in code go deeper
    QJsonValue value = QJsonArray{QJsonObject{{"language", "nl"}, {"value", "diep"}}};
    for (int i = 0; i < kDepth; ++i)
        value = (i % 2) ? QJsonValue(QJsonObject{{"k", value}}) : QJsonValue(QJsonArray{value});
    const TranslationIndex index(value);
    QCOMPARE(index.fieldCount(), 1);
    QCOMPARE(index.languages(), QStringList{"nl"});
    QCOMPARE(index.field(0).pointer().count(u'/'), kDepth);
    QCOMPARE(index.field(0).owner().split(OwnerLabels::separator).size(), 8); // labels are capped
}

QTEST_APPLESS_MAIN(TestTranslationIndex)
#include "tst_translationindex.moc"
