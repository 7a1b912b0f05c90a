#include "hold/KindPrefilter.h"

#include <QTest>

using namespace hookscope;

namespace {
const QByteArray kLongName = QByteArray(140, 'n');

// Total weight 4 + 2 * 2 = 8; "/items/0" ends with an index, so its 2 always count.
KindMatch booking()
{
    KindMatch match;
    match.required = {QStringLiteral("caseId"), QStringLiteral("unitId"), QStringLiteral("status"),
                      QStringLiteral("language")};
    match.equals = {{QStringLiteral("/data/type"), QJsonValue(QStringLiteral("book"))}};
    match.present = {QStringLiteral("/items/0")};
    match.minScore = 0.5;
    return match;
}

KindMatch envelope()
{
    KindMatch match;
    match.required = {QStringLiteral("event"), QStringLiteral("createdAt"), QString::fromLatin1(kLongName)};
    match.minScore = 0.6;
    return match;
}

QList<KindMatch> kinds(const QString &names)
{
    QList<KindMatch> out;
    if (names.contains(QLatin1String("booking")))
        out.append(booking());
    if (names.contains(QLatin1String("envelope")))
        out.append(envelope());
    return out;
}
} // namespace

// The member-name pre-check that spares parsing bodies that cannot be an active kind.
class TestKindPrefilter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mayMatch_data();
    void mayMatch();
};

void TestKindPrefilter::mayMatch_data()
{
    QTest::addColumn<QString>("kinds");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("expected");

    QTest::newRow("every name") << "booking"
                                << QByteArray(R"({"caseId":1,"unitId":2,"status":"x","language":"en","data":{"type":"book"}})")
                                << true;
    QTest::newRow("no name") << "booking" << QByteArray(R"({"a":1})") << false;
    QTest::newRow("names only as values")
        << "booking" << QByteArray(R"({"a":"caseId","b":"unitId","c":"status","d":"type"})") << false;
    QTest::newRow("names at depth, exactly minScore")
        << "booking" << QByteArray(R"({"x":{"caseId":1,"unitId":[{"y":2}]}})") << true;
    QTest::newRow("just below minScore") << "booking" << QByteArray(R"({"caseId":1})") << false;
    QTest::newRow("same lengths, other names") << "booking" << QByteArray(R"({"caseIx":1,"unitIx":2})") << false;
    QTest::newRow("space before the colon")
        << "booking" << QByteArray("{\"caseId\" :1, \"unitId\"\r\n\t:2}") << true;
    // Each would flip which strings are names if its quote were taken for the end, or not.
    QTest::newRow("escaped quote in a value")
        << "booking" << QByteArray(R"({"note":"say \"hi","caseId":1,"unitId":2})") << true;
    QTest::newRow("escaped backslash before the closing quote")
        << "booking" << QByteArray(R"({"path":"C:\\","caseId":1,"unitId":2})") << true;
    QTest::newRow("three backslashes: escaped quote")
        << "booking" << QByteArray(R"({"a":"\\\":","caseId":1,"unitId":2})") << true;
    QTest::newRow("name escaped differently is not seen")
        << "booking" << QByteArray(R"({"case\u0049d":1,"unitId":2})") << false;
    QTest::newRow("cut off inside a name") << "booking" << QByteArray(R"({"status":1,"unitId":2,"caseI)") << true;
    QTest::newRow("cut off before the colon") << "booking" << QByteArray(R"({"status":1,"caseId")") << false;
    QTest::newRow("second kind matches") << "booking envelope"
                                         << QByteArray(R"({"event":"x","createdAt":"y"})") << true;
    QTest::newRow("second kind not active") << "booking" << QByteArray(R"({"event":"x","createdAt":"y"})")
                                            << false;
    QTest::newRow("name longer than the length table")
        << "envelope" << QByteArray("{\"event\":1,\"" + kLongName + "\":2}") << true;
    QTest::newRow("long name of another text")
        << "envelope" << QByteArray("{\"event\":1,\"" + QByteArray(140, 'm') + "\":2}") << false;
    QTest::newRow("no active kind") << "" << QByteArray(R"({"caseId":1,"unitId":2})") << false;
    QTest::newRow("empty body") << "booking" << QByteArray() << false;
}

void TestKindPrefilter::mayMatch()
{
    QFETCH(QString, kinds);
    QFETCH(QByteArray, body);
    QFETCH(bool, expected);
    const KindPrefilter prefilter(::kinds(kinds));
    QCOMPARE(prefilter.mayMatch(body), expected);
}

QTEST_APPLESS_MAIN(TestKindPrefilter)
#include "tst_kindprefilter.moc"
