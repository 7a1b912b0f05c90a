// Fuzzes the answer-rule file (issue 26), hostile input like every file Hookscope reads: any
// bytes give a rule set or an error, never a crash, a hang or an unbounded allocation. A set
// that parses writes back to JSON that parses to the same set; each of its rules is matched
// against a request and answers with a response whose header lines cannot split it.
#include "hold/AnswerRuleSet.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdlib>

using namespace hookscope;

namespace {
void check(bool condition)
{
    if (!condition)
        std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    AnswerRuleSet set;
    QString error;
    if (!AnswerRuleSet::fromJson(input, &set, &error)) {
        check(!error.isEmpty());
        return 0;
    }
    check(set.rules.size() <= AnswerRuleSet::kMaxRules);
    const QByteArray written = set.toJson();
    AnswerRuleSet again;
    check(AnswerRuleSet::fromJson(written, &again, &error));
    check(again.toJson() == written);

    const HeaderList headers = {{"webhook-id", "msg_1"}, {"X-Env", "test"}, {"Content-Type", "application/json"}};
    const QJsonValue body = QJsonDocument::fromJson(R"({"id": "evt_1", "data": {"amount": 10}, "type": "a"})").object();
    for (const AnswerRule &rule : set.rules) {
        check(!rule.statuses.isEmpty() && rule.statuses.size() <= AnswerRule::kMaxStatuses);
        check(rule.delayMs >= 0 && rule.delayMs <= AnswerRule::kMaxDelayMs);
        (void)rule.matches("POST", "/hooks/a/b?c=d", headers, QStringLiteral("a"), body);
        (void)rule.matches("GET", QByteArray(reinterpret_cast<const char *>(data), qsizetype(qMin<size_t>(size, 512))),
                           headers, QString(), QJsonValue());
        for (int delivery = 0; delivery < 3; ++delivery) {
            const HttpResponse response = rule.response(delivery, body);
            check(response.status >= 200 && response.status <= 599);
            for (const auto &[name, value] : response.headers)
                check(!name.contains('\n') && !name.contains('\r') && !value.contains('\n') && !value.contains('\r'));
            // On the wire: the head ends once, where the receiver ends it (no header splits it).
            const QByteArray wire = response.serialize(true);
            check(wire.indexOf("\r\n\r\n") == wire.size() - response.body.size() - 4);
        }
    }
    return 0;
}
