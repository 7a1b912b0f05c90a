#pragma once

#include "OutgoingRequest.h"
#include "ReplayResult.h"
#include "schema/ValidationOutcome.h"
#include "trust/SignatureRule.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

namespace hookscope {

class KindCatalog;
struct Kind;
class RequestReplayer;

// One test event to send and, once sent, what the app answered.
struct TestDelivery
{
    QString label; // "sample", "#2", "missing required /caseId"
    QString constraint; // the one rule an --invalid variant breaks; empty for a valid event
    OutgoingRequest request;
    ReplayResult result;
    // A synchronous kind's 2xx answer checked against its response schema; unset otherwise.
    std::optional<ValidationOutcome> answerCheck;
    bool sent = false;

    [[nodiscard]] bool shouldRefuse() const { return !constraint.isEmpty(); }
    [[nodiscard]] bool accepted() const { return result.ok() && result.status >= 200 && result.status < 300; }
    // The app did what it should: accepted a valid event with a valid answer, refused a variant.
    [[nodiscard]] bool asExpected() const;
    // "accepted", "refused", "ACCEPTED, should have refused", "REFUSED a valid event",
    // "ANSWER BREAKS the response schema", "no answer" (capitals: not as it should be).
    [[nodiscard]] QString verdict() const;
};

// Sends test events one after the other (RequestReplayer: the bytes on the wire are exactly
// the ones built), each signed just before it goes (fresh timestamp and id), and checks a
// synchronous kind's answers against its response kind. Asynchronous; never blocks.
class TestSender final : public QObject
{
    Q_OBJECT
public:
    explicit TestSender(QObject *parent = nullptr);
    ~TestSender() override;

    void setTimeoutMs(int ms);
    void setSigningRule(const std::optional<SignatureRule> &rule) { m_rule = rule; }
    // Answers are validated as answerKind (a response kind of the catalog); empty: not checked.
    void setAnswerKind(std::shared_ptr<const KindCatalog> catalog, const QString &answerKind);

    // What `send` sends: the event `count` times, or with `invalid` the event once and then one
    // variant per constraint its kind's schema documents (InvalidVariants), each sent `count`
    // times. Empty with *error when --invalid finds the schema unusable or no variant.
    [[nodiscard]] static QList<TestDelivery> plan(const Kind &kind, const OutgoingRequest &event, int count,
                                                  bool invalid, QString *error);

    // Starts sending; a run still going is abandoned.
    void start(const QUrl &to, const QList<TestDelivery> &deliveries);
    void abort();
    [[nodiscard]] bool isBusy() const { return m_next < m_deliveries.size() && m_running; }
    [[nodiscard]] const QList<TestDelivery> &deliveries() const { return m_deliveries; }

Q_SIGNALS:
    void delivered(int index);
    void finished();

private:
    void sendNext();
    void onFinished(const ReplayResult &result);

    RequestReplayer *m_replayer; // child
    std::optional<SignatureRule> m_rule;
    std::shared_ptr<const KindCatalog> m_catalog;
    QString m_answerKind;
    QUrl m_to;
    QList<TestDelivery> m_deliveries;
    qsizetype m_next = 0;
    bool m_running = false;
};

} // namespace hookscope
