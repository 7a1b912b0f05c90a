#include "SendTestDialog.h"

#include "relay/RequestReplayer.h"
#include "relay/TestEvent.h"
#include "relay/TestSender.h"
#include "schema/Kind.h"
#include "schema/KindCatalog.h"
#include "util/ResourceLocator.h"
#include "util/SafeText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hookscope {

namespace {
const QString kSendDefaultUrl = QStringLiteral("http://localhost:3000/webhooks");
const QString kSendHistoryKey = QStringLiteral("sendTest/urls");
constexpr int kSendHistorySize = 10;
constexpr int kSendMaxCount = 1000;
const QString kSendEventSource = QStringLiteral("event:");
constexpr qsizetype kSendAnswerShown = 64 * 1024; // characters of one answer in the view

QTableWidgetItem *resultCell(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}
} // namespace

SendTestDialog::SendTestDialog(std::shared_ptr<const KindCatalog> catalog, QWidget *parent)
    : QDialog(parent)
    , m_catalog(std::move(catalog))
    , m_sender(new TestSender(this))
    , m_source(new QComboBox(this))
    , m_url(new QComboBox(this))
    , m_overrides(new QPlainTextEdit(this))
    , m_sign(new QCheckBox(tr("&Sign as the vendor does"), this))
    , m_count(new QSpinBox(this))
    , m_invalid(new QCheckBox(tr("Then one &invalid variant per schema constraint"), this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_status(new QLabel(this))
    , m_results(new QTableWidget(0, ColumnCount, this))
    , m_answer(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("sendTestDialog"));
    setWindowTitle(tr("Send test event"));
    resize(980, 680);

    m_source->setObjectName(QStringLiteral("sendTestSource"));
    for (const std::shared_ptr<const Kind> &kind : m_catalog->kinds()) {
        QString error;
        if (!kind->request || TestEvent::sampleBody(*kind, ResourceLocator::directory(QStringLiteral("samples")), &error).isEmpty())
            continue;
        m_source->addItem(tr("%1 — sample").arg(kind->title.isEmpty() ? kind->qualifiedId() : kind->title), kind->qualifiedId());
    }
    m_url->setObjectName(QStringLiteral("sendTestUrl"));
    m_url->setEditable(true);
    m_url->setInsertPolicy(QComboBox::NoInsert);
    m_url->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    const QStringList history = urlHistory();
    m_url->addItems(history.isEmpty() ? QStringList{kSendDefaultUrl} : history);
    m_url->lineEdit()->setPlaceholderText(kSendDefaultUrl);
    m_url->setToolTip(tr("Your app's endpoint: the request goes to exactly this URL"));
    m_overrides->setObjectName(QStringLiteral("sendTestOverrides"));
    m_overrides->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_overrides->setPlaceholderText(tr("/caseId=case-42\n/appointment/duration=45\n/tagIds/-=\"new tag\""));
    m_overrides->setToolTip(tr("One /pointer=value a line: JSON when it reads as JSON, else text; /list/- appends"));
    m_overrides->setMaximumHeight(90);
    m_sign->setObjectName(QStringLiteral("sendTestSign"));
    m_count->setObjectName(QStringLiteral("sendTestCount"));
    m_count->setRange(1, kSendMaxCount);
    m_count->setToolTip(tr("Send each request this many times (a fresh signature each)"));
    m_invalid->setObjectName(QStringLiteral("sendTestInvalid"));
    m_invalid->setToolTip(tr("A missing required member, a wrong type, a too long string, a number out of range, a bad "
                             "date-time, a value not in the enum, a pattern mismatch… each breaking exactly one rule: "
                             "your app should refuse every one"));
    m_send->setObjectName(QStringLiteral("sendTestSend"));
    m_send->setDefault(true);
    m_status->setObjectName(QStringLiteral("sendTestStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_results->setObjectName(QStringLiteral("sendTestResults"));
    m_results->setHorizontalHeaderLabels({tr("Request"), tr("Status"), tr("Latency"), tr("Verdict")});
    m_results->horizontalHeader()->setSectionResizeMode(VariantColumn, QHeaderView::Stretch);
    m_results->verticalHeader()->setVisible(false);
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_answer->setObjectName(QStringLiteral("sendTestAnswer"));
    m_answer->setReadOnly(true);
    m_answer->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_answer->setPlaceholderText(tr("The selected request's answer"));

    auto *form = new QFormLayout;
    form->addRow(tr("S&end"), m_source);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url, 1);
    urlRow->addWidget(m_send);
    form->addRow(tr("&To"), urlRow);
    form->addRow(tr("&Overrides"), m_overrides);
    auto *options = new QHBoxLayout;
    options->addWidget(m_sign);
    options->addWidget(new QLabel(tr("Times"), this));
    options->addWidget(m_count);
    options->addWidget(m_invalid);
    options->addStretch(1);
    form->addRow(QString(), options);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_results);
    split->addWidget(m_answer);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    connect(m_source, &QComboBox::currentIndexChanged, this, &SendTestDialog::onSourceChanged);
    connect(m_send, &QPushButton::clicked, this, &SendTestDialog::send);
    connect(m_sender, &TestSender::delivered, this, &SendTestDialog::onDelivered);
    connect(m_sender, &TestSender::finished, this, &SendTestDialog::onFinished);
    connect(m_results, &QTableWidget::itemSelectionChanged, this, &SendTestDialog::showAnswer);
    onSourceChanged();
}

SendTestDialog::~SendTestDialog() = default;

void SendTestDialog::setCapturedEvent(const Event &event, const QString &kindId)
{
    m_event = event;
    m_eventKind = kindId;
    m_source->insertItem(0, tr("Event #%1 (%2)").arg(event.id).arg(kindId.isEmpty() ? tr("unknown kind") : kindId),
                         kSendEventSource + QString::number(event.id));
    m_source->setCurrentIndex(0);
    onSourceChanged();
}

void SendTestDialog::setRuleLookup(RuleLookup lookup)
{
    m_rules = std::move(lookup);
    onSourceChanged();
}

void SendTestDialog::setUrl(const QString &url)
{
    m_url->setCurrentText(url);
}

bool SendTestDialog::selectKind(const QString &kindId)
{
    const std::shared_ptr<const Kind> kind = m_catalog->kind(kindId);
    const int index = kind ? m_source->findData(kind->qualifiedId()) : -1;
    if (index >= 0)
        m_source->setCurrentIndex(index);
    return index >= 0;
}

void SendTestDialog::onSourceChanged()
{
    const QString data = m_source->currentData().toString();
    const std::shared_ptr<const Kind> kind = m_catalog->kind(data.startsWith(kSendEventSource) ? m_eventKind : data);
    const std::optional<SignatureRule> rule = kind && m_rules ? m_rules(kind->id) : std::nullopt;
    const bool canSign = rule && !rule->isPublicKey();
    m_sign->setEnabled(canSign);
    if (!canSign)
        m_sign->setChecked(false);
    m_sign->setToolTip(canSign ? tr("Signed with the rule for %1 (%2), a fresh timestamp and id").arg(kind->id, rule->preset)
                       : rule  ? tr("The rule for this kind checks a public-key signature: only the vendor can make one")
                               : tr("No signature rule for this kind: add one in Settings → Secrets and signatures"));
    m_invalid->setEnabled(kind != nullptr);
    m_send->setEnabled(kind != nullptr);
    if (!kind)
        m_status->setText(tr("The event is of no known kind: pick a kind's sample instead"));
}

void SendTestDialog::fail(const QString &text)
{
    m_status->setText(text);
}

void SendTestDialog::send()
{
    const QString data = m_source->currentData().toString();
    const bool fromEvent = data.startsWith(kSendEventSource);
    const std::shared_ptr<const Kind> kind = m_catalog->kind(fromEvent ? m_eventKind : data);
    if (!kind)
        return fail(tr("Pick a kind to send"));
    const QUrl url(m_url->currentText().trimmed());
    if (const QString problem = RequestReplayer::checkUrl(url); !problem.isEmpty())
        return fail(problem);
    OutgoingRequest base;
    QString error;
    if (fromEvent && m_event) {
        base = OutgoingRequest::fromEvent(*m_event);
        base.target = "/"; // the URL names the endpoint
    } else {
        const QByteArray sample = TestEvent::sampleBody(*kind, ResourceLocator::directory(QStringLiteral("samples")), &error);
        if (sample.isEmpty())
            return fail(error);
        base = TestEvent::request(sample);
    }
    QList<BodyOverride> overrides;
    const QStringList lines = m_overrides->toPlainText().split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines.at(i).trimmed().isEmpty())
            continue;
        const std::optional<BodyOverride> o = TestEvent::parseOverride(lines.at(i).trimmed(), &error);
        if (!o)
            return fail(tr("Overrides, line %1: %2").arg(i + 1).arg(error));
        overrides.append(*o);
    }
    if (!TestEvent::applyOverrides(&base.body, overrides, &error))
        return fail(tr("Overrides: %1").arg(error));
    const QList<TestDelivery> plan = TestSender::plan(*kind, base, m_count->value(), m_invalid->isChecked(), &error);
    if (plan.isEmpty())
        return fail(error);

    m_sender->setSigningRule(m_sign->isChecked() && m_rules ? m_rules(kind->id) : std::nullopt);
    m_answerKind = kind->isSynchronous() ? kind->answerKind : QString();
    m_sender->setAnswerKind(m_catalog, m_answerKind);
    m_results->setRowCount(0);
    m_results->setRowCount(int(plan.size()));
    for (int row = 0; row < plan.size(); ++row) {
        m_results->setItem(row, VariantColumn, resultCell(plan.at(row).label));
        m_results->setItem(row, StatusColumn, resultCell(tr("waiting")));
        m_results->setItem(row, LatencyColumn, resultCell(QString()));
        m_results->setItem(row, VerdictColumn, resultCell(QString()));
    }
    m_answer->clear();
    QStringList history = urlHistory();
    history.removeAll(url.toString());
    history.prepend(url.toString());
    QSettings().setValue(kSendHistoryKey, history.mid(0, kSendHistorySize));
    m_send->setEnabled(false);
    m_status->setText(tr("Sending %n request(s) to %1…", nullptr, int(plan.size())).arg(url.toString()));
    m_sender->start(url, plan);
}

void SendTestDialog::onDelivered(int index)
{
    const TestDelivery &d = m_sender->deliveries().at(index);
    m_results->item(index, StatusColumn)->setText(d.result.ok() ? QString::number(d.result.status) : tr("no answer"));
    m_results->item(index, StatusColumn)->setToolTip(SafeText::oneLine(d.result.ok() ? d.result.reason : d.result.error.toUtf8(), 200));
    m_results->item(index, LatencyColumn)->setText(d.result.latencyUs >= 0 ? tr("%1 ms").arg(double(d.result.latencyUs) / 1000.0, 0, 'f', 1) : QString());
    m_results->item(index, VerdictColumn)->setText(d.verdict());
    // Not as it should be: the verdict says so in words (in capitals), and in bold for the eye.
    QFont font = m_results->font();
    font.setBold(!d.asExpected());
    m_results->item(index, VerdictColumn)->setFont(font);
    if (index == 0)
        m_results->selectRow(0);
}

void SendTestDialog::onFinished()
{
    int unexpected = 0;
    for (const TestDelivery &d : m_sender->deliveries())
        unexpected += d.asExpected() ? 0 : 1;
    m_status->setText(unexpected == 0 ? tr("All %n answered as expected", nullptr, int(m_sender->deliveries().size()))
                                      : tr("%n answered otherwise than expected (see Verdict)", nullptr, unexpected));
    m_send->setEnabled(true);
    showAnswer();
    Q_EMIT allSent();
}

void SendTestDialog::showAnswer()
{
    const int row = m_results->currentRow();
    if (row < 0 || row >= m_sender->deliveries().size() || !m_sender->deliveries().at(row).sent) {
        m_answer->clear();
        return;
    }
    const TestDelivery &d = m_sender->deliveries().at(row);
    QString text;
    if (!d.result.ok()) {
        text = tr("No answer: %1").arg(d.result.error);
    } else {
        text = QStringLiteral("HTTP %1 %2 · %3 ms\n")
                   .arg(d.result.status)
                   .arg(SafeText::oneLine(d.result.reason, 200))
                   .arg(double(d.result.latencyUs) / 1000.0, 0, 'f', 1);
        for (const auto &[name, value] : d.result.headers)
            text += SafeText::oneLine(name, 200) + QStringLiteral(": ") + SafeText::oneLine(value, 2000) + u'\n';
        text += u'\n' + SafeText::forTerminal(d.result.body, kSendAnswerShown);
    }
    if (d.answerCheck) {
        text += tr("\n\nAnswer checked against %1: ").arg(m_answerKind);
        if (d.answerCheck->status == ValidationOutcome::Status::Valid)
            text += tr("valid");
        else if (d.answerCheck->status == ValidationOutcome::Status::NotJson)
            text += tr("not JSON (%1)").arg(d.answerCheck->parseError);
        for (const Violation &v : d.answerCheck->violations)
            text += QStringLiteral("\n  %1: %2").arg(v.pointer.isEmpty() ? QStringLiteral("(root)") : v.pointer, v.message);
    }
    text += tr("\n\nSent:\n") + SafeText::forTerminal(d.request.body, kSendAnswerShown);
    m_answer->setPlainText(text);
}

QStringList SendTestDialog::urlHistory()
{
    return QSettings().value(kSendHistoryKey).toStringList();
}

} // namespace hookscope
