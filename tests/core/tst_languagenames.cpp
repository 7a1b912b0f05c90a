#include "translate/LanguageNames.h"

#include <QTest>

using namespace hookscope;

class TestLanguageNames final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void displayName_data();
    void displayName();
    void rightToLeft_data();
    void rightToLeft();
};

void TestLanguageNames::displayName_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("display");
    QTest::addColumn<bool>("known");
    QTest::newRow("Dutch") << "nl" << "nl — Nederlands" << true;
    QTest::newRow("French, lower case as CLDR writes it") << "fr" << "fr — français" << true;
    QTest::newRow("bare English is not American English") << "en" << "en — English" << true;
    QTest::newRow("bare Spanish is not Spain's") << "es" << "es — español" << true;
    QTest::newRow("Arabic") << "ar" << "ar — العربية" << true;
    QTest::newRow("upper-case code, shown as sent") << "NL" << "NL — Nederlands" << true;
    QTest::newRow("three-letter code") << "nld" << "nld — Nederlands" << true;
    QTest::newRow("region in brackets") << "pt-BR" << "pt-BR — português (Brasil)" << true;
    QTest::newRow("POSIX separator") << "pt_BR" << "pt_BR — português (Brasil)" << true;
    QTest::newRow("region with its own name") << "de-CH" << "de-CH — Schweizer Hochdeutsch" << true;
    QTest::newRow("American English") << "en-US" << "en-US — American English" << true;
    QTest::newRow("numeric region") << "es-419" << "es-419 — español latinoamericano" << true;
    QTest::newRow("simplified script") << "zh_Hans" << "zh_Hans — 简体中文" << true;
    QTest::newRow("traditional script, any case") << "zh-hant" << "zh-hant — 繁體中文" << true;
    QTest::newRow("Latin Serbian") << "sr-Latn" << "sr-Latn — srpski" << true;
    QTest::newRow("unknown region ignored") << "nl-XX" << "nl-XX — Nederlands" << true;
    QTest::newRow("placeholder shown as is") << "string" << "string" << false;
    QTest::newRow("unknown two letters shown as is") << "xx" << "xx" << false;
    QTest::newRow("leading space kept") << " nl" << " nl" << false;
    QTest::newRow("empty stays empty") << "" << "" << false;
    QTest::newRow("C locale is no language") << "C" << "C" << false;
}

void TestLanguageNames::displayName()
{
    QFETCH(QString, code);
    QFETCH(QString, display);
    QFETCH(bool, known);
    QCOMPARE(LanguageNames::displayName(code), display);
    QCOMPARE(LanguageNames::isKnown(code), known);
    QCOMPARE(LanguageNames::nativeName(code).isEmpty(), !known);
    QCOMPARE(LanguageNames::displayName(code), display); // cached answer is the same
}

void TestLanguageNames::rightToLeft_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("rightToLeft");
    QTest::newRow("Arabic") << "ar" << true;
    QTest::newRow("Hebrew") << "he" << true;
    QTest::newRow("old Hebrew code") << "iw" << true;
    QTest::newRow("Persian") << "fa" << true;
    QTest::newRow("Urdu") << "ur" << true;
    QTest::newRow("Arabic with region") << "ar-MA" << true;
    QTest::newRow("Uzbek in Arabic script") << "uz-Arab" << true;
    QTest::newRow("Uzbek in Latin script") << "uz-Latn" << false;
    QTest::newRow("English") << "en" << false;
    QTest::newRow("Dutch") << "nl" << false;
    QTest::newRow("Chinese") << "zh_Hans" << false;
    QTest::newRow("unknown") << "string" << false;
    QTest::newRow("empty") << "" << false;
}

void TestLanguageNames::rightToLeft()
{
    QFETCH(QString, code);
    QFETCH(bool, rightToLeft);
    QCOMPARE(LanguageNames::isRightToLeft(code), rightToLeft);
}

QTEST_APPLESS_MAIN(TestLanguageNames)
#include "tst_languagenames.moc"
