#include "TestSender.h"

#include "RequestReplayer.h"
#include "TestEvent.h"
#include "schema/EventInspector.h"
#include "schema/InvalidVariants.h"
#include "schema/Kind.h"
#include "schema/KindCatalog.h"

#include <QFile>

#include <QTimer>

namespace hookscope {

bool TestDelivery::asExpected() const
{
    if (shouldRefuse())
        return result.ok() && !accepted();
    return accepted() && (!answerCheck || answerCheck->status == ValidationOutcome::Status::Valid);
}

QList<TestDelivery> TestSender::plan(const Kind &kind, const OutgoingRequest &event, int count, bool invalid,
                                     QString *error)
{
    QList<TestDelivery> once{TestDelivery{invalid ? tr("valid event") : tr("event"), {}, event, {}, {}, false}};
    if (invalid) {
        QFile file(kind.schemaFile);
        constexpr qint64 kMaxSchema = 16 * 1024 * 1024; // a kinds-folder file: bounded like a body
        if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxSchema) {
            *error = tr("cannot read the schema of %1 (%2)").arg(kind.qualifiedId(), kind.schemaFile);
            return {};
        }
        const QList<InvalidVariant> variants = InvalidVariants::generate(file.readAll(), kind.schema, event.body, error);
        if (variants.isEmpty()) {
            if (error->isEmpty())
                *error = tr("the schema of %1 documents no constraint a variant of this body could break").arg(kind.qualifiedId());
            return {};
        }
        for (const InvalidVariant &variant : variants) {
            OutgoingRequest request = event;
            request.body = variant.body;
            const QString where = variant.pointer.isEmpty() ? QStringLiteral("(root)") : variant.pointer;
            once.append(TestDelivery{QStringLiteral("%1 %2: %3").arg(variant.constraint, where, variant.change),
                                     variant.constraint, request, {}, {}, false});
        }
    }
    QList<TestDelivery> all;
    for (const TestDelivery &delivery : std::as_const(once))
        for (int i = 0; i < count; ++i)
            all.append(delivery);
    return all;
}

QString TestDelivery::verdict() const
{
    if (!result.ok())
        return QStringLiteral("no answer");
    if (shouldRefuse())
        return accepted() ? QStringLiteral("ACCEPTED, should have refused") : QStringLiteral("refused");
    if (!accepted())
        return QStringLiteral("REFUSED a valid event");
    if (answerCheck && answerCheck->status != ValidationOutcome::Status::Valid)
        return QStringLiteral("ANSWER BREAKS the response schema");
    return QStringLiteral("accepted");
}

TestSender::TestSender(QObject *parent)
    : QObject(parent)
    , m_replayer(new RequestReplayer(this))
{
    connect(m_replayer, &RequestReplayer::finished, this, &TestSender::onFinished);
}

TestSender::~TestSender() = default;

void TestSender::setTimeoutMs(int ms)
{
    m_replayer->setTimeoutMs(ms);
}

void TestSender::setAnswerKind(std::shared_ptr<const KindCatalog> catalog, const QString &answerKind)
{
    m_catalog = std::move(catalog);
    m_answerKind = answerKind;
}

void TestSender::start(const QUrl &to, const QList<TestDelivery> &deliveries)
{
    abort();
    m_to = to;
    m_deliveries = deliveries;
    m_next = 0;
    m_running = true;
    sendNext();
}

void TestSender::abort()
{
    m_running = false;
    m_replayer->abort();
}

void TestSender::sendNext()
{
    if (!m_running)
        return;
    if (m_next >= m_deliveries.size()) {
        m_running = false;
        Q_EMIT finished();
        return;
    }
    TestDelivery &delivery = m_deliveries[m_next];
    QString error;
    if (m_rule && !TestEvent::sign(&delivery.request, *m_rule, m_to, &error)) {
        ReplayResult failed;
        failed.error = tr("not signed: %1").arg(error);
        // Reported from the event loop, as a send would be: the caller's slots may restart us.
        QTimer::singleShot(0, this, [this, failed] { onFinished(failed); });
        return;
    }
    m_replayer->send(m_to, delivery.request);
}

void TestSender::onFinished(const ReplayResult &result)
{
    if (!m_running || m_next >= m_deliveries.size())
        return;
    TestDelivery &delivery = m_deliveries[m_next];
    delivery.result = result;
    delivery.sent = true;
    if (!m_answerKind.isEmpty() && m_catalog && delivery.accepted())
        delivery.answerCheck = EventInspector(m_catalog).inspectAs(m_answerKind, result.body);
    const int index = int(m_next++);
    Q_EMIT delivered(index);
    sendNext();
}

} // namespace hookscope
