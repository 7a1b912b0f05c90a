#include "hold/AnswerRuleSet.h"
#include "hold/DeliveryCounter.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// The rule file (hostile input: every mistake a clear error, never a crash), matching, the
// status sequence and what "the same event" is. The rules on real sockets: tst_answerrulesession.
class TestAnswerRules final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void badFileIsAClearError_data();
    void badFileIsAClearError();
    void goodFileRoundTrips();
    void matchTakesEveryConditionGiven_data();
    void matchTakesEveryConditionGiven();
    void globNeverBacktracksExponentially();
    void sequenceStaysOnItsLastStatus();
    void bodyTemplateUsesTheRequestPlaceholders();
    void sameEventIsTheDeliveryIdElseTheBody();
    void deliveryCounterIsBounded();
    void loadNamesTheFileAndRefusesAHugeOne();
};

void TestAnswerRules::badFileIsAClearError_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("not JSON") << QByteArray("{\"rules\": [") << "not JSON";
    QTest::newRow("a list, not an object") << QByteArray("[]") << "a rule file is a JSON object";
    QTest::newRow("unknown top-level member") << QByteArray(R"({"rulez": []})") << "unknown member 'rulez'";
    QTest::newRow("rules not a list") << QByteArray(R"({"rules": {}})") << "'rules' must be a list";
    QTest::newRow("rule not an object") << QByteArray(R"({"rules": [3]})") << "rule 1: a rule is a JSON object";
    QTest::newRow("rule without a name") << QByteArray(R"({"rules": [{"status": 500}]})") << "rule 1: 'name'";
    QTest::newRow("status out of range") << QByteArray(R"({"rules": [{"name": "x", "status": 99}]})")
                                         << "rule 1 \"x\": 'status' must be an HTTP status from 200 to 599";
    QTest::newRow("status beyond any integer") << QByteArray(R"({"rules": [{"name": "x", "statuses": [5e46]}]})")
                                               << "'statuses'[0] must be an HTTP status";
    QTest::newRow("delay beyond any integer") << QByteArray(R"({"rules": [{"name": "x", "delayMs": 1e300}]})")
                                              << "'delayMs' must be a whole number";
    QTest::newRow("status not a number") << QByteArray(R"({"rules": [{"name": "x", "status": "500"}]})")
                                         << "'status' must be an HTTP status";
    QTest::newRow("bad status in a sequence")
        << QByteArray(R"({"rules": [{"name": "fail twice", "statuses": [500, 5000, 200]}]})")
        << "rule 1 \"fail twice\": 'statuses'[1] must be an HTTP status from 200 to 599";
    QTest::newRow("empty sequence") << QByteArray(R"({"rules": [{"name": "x", "statuses": []}]})")
                                    << "'statuses' must be a list of 1 to 100";
    QTest::newRow("status and statuses") << QByteArray(R"({"rules": [{"name": "x", "status": 500, "statuses": [500]}]})")
                                         << "not both";
    QTest::newRow("negative delay") << QByteArray(R"({"rules": [{"name": "x", "delayMs": -1}]})")
                                    << "'delayMs' must be a whole number from 0 to 600000";
    QTest::newRow("delay beyond ten minutes") << QByteArray(R"({"rules": [{"name": "x", "delayMs": 1e12}]})")
                                              << "'delayMs' must be a whole number";
    QTest::newRow("fractional jitter") << QByteArray(R"({"rules": [{"name": "x", "jitterMs": 1.5}]})")
                                       << "'jitterMs' must be a whole number";
    QTest::newRow("unknown action") << QByteArray(R"({"rules": [{"name": "x", "action": "explode"}]})")
                                    << "'action' must be \"answer\", \"drop\", \"late\" or \"hold\"";
    QTest::newRow("header splitting the response")
        << QByteArray(R"({"rules": [{"name": "x", "headers": {"X-A": "1\r\nSet-Cookie: a=b"}}]})")
        << "header 'X-A': a header name and a one-line string value";
    QTest::newRow("header name with a space") << QByteArray(R"({"rules": [{"name": "x", "headers": {"X A": "1"}}]})")
                                              << "header 'X A'";
    QTest::newRow("framing header") << QByteArray(R"({"rules": [{"name": "x", "headers": {"Content-Length": "9"}}]})")
                                    << "header 'Content-Length' is set by Hookscope itself";
    QTest::newRow("bad JSON pointer")
        << QByteArray(R"({"rules": [{"name": "x", "match": {"pointer": "type", "value": "a"}}]})")
        << "'match.pointer' is not a JSON Pointer";
    QTest::newRow("pointer without a value") << QByteArray(R"({"rules": [{"name": "x", "match": {"pointer": "/type"}}]})")
                                             << "needs a 'value'";
    QTest::newRow("value without header or pointer")
        << QByteArray(R"({"rules": [{"name": "x", "match": {"value": "a"}}]})") << "needs a 'header' or a 'pointer'";
    QTest::newRow("header and pointer")
        << QByteArray(R"({"rules": [{"name": "x", "match": {"header": "a", "pointer": "/a", "value": "a"}}]})")
        << "not both";
    QTest::newRow("unknown match member") << QByteArray(R"({"rules": [{"name": "x", "match": {"route": "/a"}}]})")
                                          << "unknown member 'match.route'";
    QTest::newRow("path without a slash") << QByteArray(R"({"rules": [{"name": "x", "match": {"path": "hooks"}}]})")
                                          << "'match.path' must start with '/' or '*'";
    QTest::newRow("method not a token") << QByteArray(R"({"rules": [{"name": "x", "match": {"method": "PO ST"}}]})")
                                        << "'match.method' is not an HTTP method";
    QTest::newRow("two rules of one name") << QByteArray(R"({"rules": [{"name": "x"}, {"name": "x"}]})")
                                           << "rule 2 \"x\": another rule has this name";
    QTest::newRow("enabled not a bool") << QByteArray(R"({"enabled": "yes"})") << "'enabled' must be true or false";
    QTest::newRow("name too long") << (R"({"rules": [{"name": ")" + QByteArray(2000, 'n') + R"("}]})")
                                   << "'name' is longer than 1024 characters";
    QByteArray many = R"({"rules": [)";
    for (int i = 0; i < 201; ++i)
        many += (i ? "," : "") + QByteArray(R"({"name": "r)") + QByteArray::number(i) + "\"}";
    QTest::newRow("too many rules") << (many + "]}") << "at most 200 rules";
    QTest::newRow("deeply nested body") << (R"({"rules": [{"name": "x", "body": )" + QByteArray(5000, '[')
                                            + QByteArray(5000, ']') + "}]}")
                                        << "not JSON";
}

void TestAnswerRules::badFileIsAClearError()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    AnswerRuleSet set;
    set.rules.append(AnswerRule{}); // a failed parse leaves the output alone
    QString why;
    QVERIFY(!AnswerRuleSet::fromJson(json, &set, &why));
    QVERIFY2(why.contains(error), qPrintable(why));
    QCOMPARE(set.rules.size(), 1);
}

void TestAnswerRules::goodFileRoundTrips()
{
    const QByteArray json = R"({"enabled": true, "rules": [
        {"name": "fail twice", "match": {"kind": "order.created", "header": "X-Env", "value": "test"},
         "statuses": [500, 500, 200], "headers": {"Retry-After": "1"}, "body": {"id": "${request:/id}"},
         "delayMs": 250, "jitterMs": 50, "deliveryHeader": "X-Request-Id"},
        {"name": "crash", "enabled": false, "match": {"path": "/hooks/*", "method": "post"}, "action": "drop"},
        {"name": "slow", "match": {"pointer": "/amount", "value": 10}, "action": "late", "timeoutMs": 2000},
        {"name": "ask me", "action": "hold", "timeoutMs": 30000, "body": "ok"}
    ]})";
    AnswerRuleSet set;
    QString error;
    QVERIFY2(AnswerRuleSet::fromJson(json, &set, &error), qPrintable(error));
    QVERIFY(set.enabled && set.active());
    QCOMPARE(set.rules.size(), 4);
    const AnswerRule &first = set.rules.at(0);
    QCOMPARE(first.statuses, QList<int>({500, 500, 200}));
    QCOMPARE(first.matchHeader, QByteArray("X-Env"));
    QCOMPARE(first.delayMs, 250);
    QCOMPARE(first.deliveryHeader, QByteArray("X-Request-Id"));
    QCOMPARE(set.rules.at(1).method, QByteArray("POST"));
    QCOMPARE(set.rules.at(1).action, AnswerRule::Action::Drop);
    QVERIFY(!set.rules.at(1).enabled);
    QCOMPARE(set.rules.at(2).pointerValue, QJsonValue(10));
    QCOMPARE(set.rules.at(3).action, AnswerRule::Action::Hold);
    QVERIFY(set.needsKind() && set.needsBody());

    AnswerRuleSet again;
    QVERIFY2(AnswerRuleSet::fromJson(set.toJson(), &again, &error), qPrintable(error));
    QCOMPARE(again.toJson(), set.toJson());

    AnswerRuleSet off;
    QVERIFY(AnswerRuleSet::fromJson(R"({"enabled": false, "rules": [{"name": "x"}]})", &off, &error));
    QVERIFY(!off.active());
}

void TestAnswerRules::matchTakesEveryConditionGiven_data()
{
    QTest::addColumn<QByteArray>("match");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("matches");
    const QByteArray get = "GET", post = "POST";
    QTest::newRow("no conditions: everything") << QByteArray("{}") << post << QByteArray("/x") << QString() << true;
    QTest::newRow("path glob") << QByteArray(R"({"path": "/hooks/*/paid"})") << post
                               << QByteArray("/hooks/stripe/paid?x=1") << QString() << true;
    QTest::newRow("path glob, other path") << QByteArray(R"({"path": "/hooks/*/paid"})") << post
                                           << QByteArray("/hooks/stripe/refunded") << QString() << false;
    QTest::newRow("query is not the path") << QByteArray(R"({"path": "/a"})") << post << QByteArray("/a?b")
                                           << QString() << true;
    QTest::newRow("method") << QByteArray(R"({"method": "PUT"})") << post << QByteArray("/a") << QString() << false;
    QTest::newRow("kind") << QByteArray(R"({"kind": "k"})") << post << QByteArray("/a") << QStringLiteral("k") << true;
    QTest::newRow("other kind") << QByteArray(R"({"kind": "k"})") << post << QByteArray("/a") << QStringLiteral("j")
                                << false;
    QTest::newRow("header value") << QByteArray(R"({"header": "x-env", "value": "test"})") << get << QByteArray("/a")
                                  << QString() << true;
    QTest::newRow("header other value") << QByteArray(R"({"header": "X-Env", "value": "prod"})") << get
                                        << QByteArray("/a") << QString() << false;
    QTest::newRow("pointer value") << QByteArray(R"({"pointer": "/data/amount", "value": 10})") << post
                                   << QByteArray("/a") << QString() << true;
    QTest::newRow("pointer other type") << QByteArray(R"({"pointer": "/data/amount", "value": "10"})") << post
                                        << QByteArray("/a") << QString() << false;
    QTest::newRow("pointer absent") << QByteArray(R"({"pointer": "/nope", "value": null})") << post << QByteArray("/a")
                                    << QString() << false;
    QTest::newRow("all at once, one fails") << QByteArray(R"({"path": "/a", "method": "POST", "kind": "k"})") << post
                                            << QByteArray("/a") << QString() << false;
}

void TestAnswerRules::matchTakesEveryConditionGiven()
{
    QFETCH(QByteArray, match);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QString, kind);
    QFETCH(bool, matches);
    AnswerRuleSet set;
    QString error;
    QVERIFY2(AnswerRuleSet::fromJson(R"({"rules": [{"name": "r", "match": )" + match + "}]}", &set, &error),
             qPrintable(error));
    const HeaderList headers = {{"X-Env", "test"}};
    const QJsonValue body = QJsonDocument::fromJson(R"({"data": {"amount": 10}})").object();
    QCOMPARE(set.rules.at(0).matches(method, target, headers, kind, body), matches);
    AnswerRule off = set.rules.at(0);
    off.enabled = false;
    QVERIFY(!off.matches(method, target, headers, kind, body));
}

void TestAnswerRules::globNeverBacktracksExponentially()
{
    QVERIFY(AnswerRule::globMatches(u"*", u""));
    QVERIFY(AnswerRule::globMatches(u"/a?c", u"/abc"));
    QVERIFY(!AnswerRule::globMatches(u"/a?c", u"/ac"));
    QVERIFY(AnswerRule::globMatches(u"*x*y", u"axbxy"));
    QVERIFY(!AnswerRule::globMatches(u"/a", u"/ab"));
    // A regex engine takes exponential time on this; the two-pointer walk: pattern × text at worst.
    const QString pattern = QStringLiteral("*a").repeated(500) + QStringLiteral("b");
    const QString text(100'000, QLatin1Char('a'));
    QVERIFY(!AnswerRule::globMatches(pattern, text));
}

void TestAnswerRules::sequenceStaysOnItsLastStatus()
{
    AnswerRule rule;
    rule.statuses = {500, 502, 200};
    QCOMPARE(rule.statusFor(0), 500);
    QCOMPARE(rule.statusFor(1), 502);
    QCOMPARE(rule.statusFor(2), 200);
    QCOMPARE(rule.statusFor(7), 200);
}

void TestAnswerRules::bodyTemplateUsesTheRequestPlaceholders()
{
    AnswerRule rule;
    rule.statuses = {503};
    rule.headers = {{"Retry-After", "5"}};
    rule.body = QJsonDocument::fromJson(R"({"echo": "${request:/id}", "missing": "${request:/nope}"})").object();
    const HttpResponse json = rule.response(0, QJsonDocument::fromJson(R"({"id": "evt_1"})").object());
    QCOMPARE(json.status, 503);
    QCOMPARE(json.body, QByteArray(R"({"echo":"evt_1","missing":null})"));
    QCOMPARE(headerValue(json.headers, "Content-Type"), QByteArray("application/json"));
    QCOMPARE(headerValue(json.headers, "Retry-After"), QByteArray("5"));
    rule.body = QStringLiteral("down for maintenance");
    const HttpResponse text = rule.response(0, QJsonValue());
    QCOMPARE(text.body, QByteArray("down for maintenance"));
    QVERIFY(headerValue(text.headers, "Content-Type").startsWith("text/plain"));
}

void TestAnswerRules::sameEventIsTheDeliveryIdElseTheBody()
{
    const auto key = [](const HeaderList &headers, const QByteArray &body, const QByteArray &header = {}) {
        return DeliveryCounter::sameEventKey(QStringLiteral("r"), QStringLiteral("k"), headers, header, body);
    };
    // A retry carries the same webhook-id, whatever its body (a fresh timestamp, say).
    QCOMPARE(key({{"webhook-id", "msg_1"}}, "{\"t\":1}"), key({{"Webhook-Id", "msg_1"}}, "{\"t\":2}"));
    QVERIFY(key({{"webhook-id", "msg_1"}}, "{}") != key({{"webhook-id", "msg_2"}}, "{}"));
    QCOMPARE(key({{"X-GitHub-Delivery", "d"}}, "a"), key({{"X-GitHub-Delivery", "d"}}, "b"));
    // No delivery id: an identical body is the same event.
    QCOMPARE(key({}, "{\"id\":1}"), key({}, "{\"id\":1}"));
    QVERIFY(key({}, "{\"id\":1}") != key({}, "{\"id\":2}"));
    // The rule's own header wins over the usual ones.
    QVERIFY(key({{"webhook-id", "same"}, {"X-Mine", "1"}}, "{}", "X-Mine")
            != key({{"webhook-id", "same"}, {"X-Mine", "2"}}, "{}", "X-Mine"));
    // Per rule and per kind.
    QVERIFY(DeliveryCounter::sameEventKey(QStringLiteral("a"), {}, {}, {}, "b")
            != DeliveryCounter::sameEventKey(QStringLiteral("b"), {}, {}, {}, "b"));
    DeliveryCounter counter;
    const QByteArray event = key({{"webhook-id", "msg_1"}}, "{}");
    QCOMPARE(counter.next(event), 0);
    QCOMPARE(counter.next(event), 1);
    QCOMPARE(counter.next(key({{"webhook-id", "msg_2"}}, "{}")), 0);
    QCOMPARE(counter.next(event), 2);
}

void TestAnswerRules::deliveryCounterIsBounded()
{
    DeliveryCounter counter;
    const QByteArray kept = DeliveryCounter::sameEventKey(QStringLiteral("r"), {}, {}, {}, "kept");
    QCOMPARE(counter.next(kept), 0);
    for (int i = 0; i < 5 * DeliveryCounter::kMaxEvents; ++i) {
        QVERIFY(counter.next(DeliveryCounter::sameEventKey(QStringLiteral("r"), {}, {}, {}, QByteArray::number(i))) == 0);
        if (i % 1000 == 0)
            QCOMPARE(counter.next(kept), 1 + i / 1000); // seen recently: never forgotten
        QVERIFY(counter.size() <= DeliveryCounter::kMaxEvents);
    }
}

void TestAnswerRules::loadNamesTheFileAndRefusesAHugeOne()
{
    QTemporaryDir dir;
    QString error;
    AnswerRuleSet set;
    QVERIFY(!AnswerRuleSet::load(dir.filePath(QStringLiteral("missing.json")), &set, &error));
    QVERIFY2(error.contains(QLatin1String("missing.json")), qPrintable(error));
    QFile huge(dir.filePath(QStringLiteral("huge.json")));
    QVERIFY(huge.open(QIODevice::WriteOnly));
    huge.write(R"({"rules": [], "$comment": ")" + QByteArray(AnswerRuleSet::kMaxFileBytes, 'x') + "\"}");
    huge.close();
    QVERIFY(!AnswerRuleSet::load(huge.fileName(), &set, &error));
    QVERIFY2(error.contains(QLatin1String("at most 1024 KiB")), qPrintable(error));
    AnswerRuleSet good;
    good.enabled = true;
    AnswerRule rule;
    rule.name = QStringLiteral("fail twice");
    rule.statuses = {500, 500, 200};
    good.rules.append(rule);
    const QString path = dir.filePath(QStringLiteral("sub/answer-rules.json"));
    QVERIFY2(good.save(path, &error), qPrintable(error));
    QVERIFY2(AnswerRuleSet::load(path, &set, &error), qPrintable(error));
    QCOMPARE(set.rules.size(), 1);
    QCOMPARE(set.rules.at(0).statuses, QList<int>({500, 500, 200}));
}

QTEST_APPLESS_MAIN(TestAnswerRules)
#include "tst_answerrules.moc"
