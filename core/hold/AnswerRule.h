#pragma once

#include "event/HttpMessage.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace hookscope {

// One answer rule (issue 26): which requests it takes (every condition given must hold; none
// given: every request) and how it answers them. Parsed from a rule file (AnswerRuleSet,
// docs/ANSWER-RULES.md); plain data.
struct AnswerRule
{
    // What the rule does once a request matched and was stored.
    enum class Action {
        Answer, // status (or the next of `statuses`) + headers + body, after delayMs ± jitterMs
        Drop, // close the connection without a byte of answer (after the delay, if any)
        Late, // answer, but only 1 s after the vendor's timeout (timeoutMs): the vendor gave up
        Hold, // hold it for a hand-written answer (Respond panel); the rule's answer at timeoutMs
    };

    QString name; // shown in the Result column: 503 · rule "fail twice"
    bool enabled = true;

    // Match: empty strings match anything.
    QString kind; // a kind id (by route, else by the body's shape)
    QString path; // a glob on the path (no query): '*' any run of characters, '?' one
    QByteArray method; // upper case
    QByteArray matchHeader; // with matchValue: that header's first value equals it exactly
    QByteArray matchValue;
    QString pointer; // with pointerValue: the JSON body's value there equals it (JSON equality)
    QJsonValue pointerValue = QJsonValue::Undefined;

    // Action.
    Action action = Action::Answer;
    QList<int> statuses{200}; // one status, or a sequence advanced per delivery of the same event
    HeaderList headers; // sent as written; Content-Type defaults from the body
    QJsonValue body = QJsonValue::Undefined; // a string (sent as text) or a JSON template (${request:/p})
    int delayMs = 0;
    int jitterMs = 0; // the delay is delayMs + a uniform draw from [-jitterMs, +jitterMs], at least 0
    int timeoutMs = 10'000; // Late: the vendor's timeout; Hold: when the rule's answer goes out
    QByteArray deliveryHeader; // which header names a delivery; empty: the usual ones (see sameEventKey)

    // Limits a hostile file meets (each checked by fromJson with a clear error).
    static constexpr int kMaxDelayMs = 10 * 60 * 1000;
    static constexpr int kMaxStatuses = 100;
    static constexpr int kMaxHeaders = 50;
    static constexpr int kMaxTextLength = 1024; // a name, a pattern, a header, a pointer
    static constexpr qsizetype kMaxBodyBytes = 256 * 1024;

    // Parses one rule object; on failure *error says what is wrong.
    [[nodiscard]] static bool fromJson(const QJsonObject &object, AnswerRule *out, QString *error);
    [[nodiscard]] QJsonObject toJson() const;

    [[nodiscard]] bool needsKind() const { return !kind.isEmpty(); }
    [[nodiscard]] bool needsBody() const { return !pointer.isEmpty() || body.isObject() || body.isArray(); }
    // The request's method, target, headers and (when needsBody()) parsed body against the match.
    [[nodiscard]] bool matches(const QByteArray &method, const QByteArray &target, const HeaderList &headers,
                               const QString &kindOfRequest, const QJsonValue &parsedBody) const;
    // The status for the n-th delivery (0-based) of one event: the sequence's last one after it ends.
    [[nodiscard]] int statusFor(int delivery) const;
    // The answer for the n-th delivery, the body filled from the request.
    [[nodiscard]] HttpResponse response(int delivery, const QJsonValue &parsedBody) const;

    [[nodiscard]] static QString actionName(Action action);
    // A "*" and "?" glob: at worst pattern × text steps, never the exponential backtracking of a regex.
    [[nodiscard]] static bool globMatches(QStringView pattern, QStringView text);
};

} // namespace hookscope
