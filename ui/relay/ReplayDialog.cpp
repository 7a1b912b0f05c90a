#include "ReplayDialog.h"

#include "ResponseText.h"
#include "relay/RequestReplayer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hookscope {

namespace {
const QString kUrls = QStringLiteral("replay/urls");
const QString kDefaultUrl = QStringLiteral("http://localhost:3000/webhooks");

QPlainTextEdit *readOnlyText(QWidget *parent, const QString &name)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(name);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

QWidget *titled(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(content);
    return box;
}
} // namespace

ReplayDialog::ReplayDialog(const Event &event, QWidget *parent)
    : QDialog(parent)
    , m_event(event)
    , m_replayer(new RequestReplayer(this))
    , m_url(new QComboBox(this))
    , m_headers(new QTableWidget(0, 2, this))
    , m_body(new QPlainTextEdit(this))
    , m_bodyNote(new QLabel(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_resign(new QCheckBox(tr("Sign a&gain"), this))
    , m_status(new QLabel(this))
    , m_original(readOnlyText(this, QStringLiteral("originalResponse")))
    , m_target(readOnlyText(this, QStringLiteral("targetResponse")))
{
    setObjectName(QStringLiteral("replayDialog"));
    setWindowTitle(tr("Replay #%1 %2 %3").arg(event.id).arg(QString::fromLatin1(event.method), QString::fromUtf8(event.target)));
    resize(1100, 720);

    m_url->setObjectName(QStringLiteral("replayUrl"));
    m_url->setEditable(true);
    m_url->setInsertPolicy(QComboBox::NoInsert);
    m_url->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    const QStringList history = urlHistory();
    m_url->addItems(history.isEmpty() ? QStringList{kDefaultUrl} : history);
    m_url->setCurrentIndex(0);
    m_url->lineEdit()->setPlaceholderText(kDefaultUrl);
    m_url->setToolTip(tr("The event's path and query are appended: %1 + /hooks?x=1 → …/webhooks/hooks?x=1").arg(kDefaultUrl));

    m_headers->setObjectName(QStringLiteral("replayHeaders"));
    m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->verticalHeader()->setVisible(false);
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headers->setToolTip(tr("Sent in this order, duplicates kept. Host and Content-Length are set for the target."));
    m_headers->setWordWrap(false); // "Content-Length" on one line, never "Content-/Length"
    m_headers->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_body->setObjectName(QStringLiteral("replayBody"));
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_bodyNote->setTextFormat(Qt::PlainText);
    m_bodyNote->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("replayStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_send->setObjectName(QStringLiteral("replaySend"));
    m_send->setDefault(true);
    m_send->setToolTip(tr("Send the request (Ctrl+Return)"));

    auto *addHeader = new QPushButton(tr("Add header"), this);
    auto *removeHeader = new QPushButton(tr("Remove header"), this);
    auto *reset = new QPushButton(tr("Reset to captured"), this);
    removeHeader->setShortcut(QKeySequence::Delete);
    connect(addHeader, &QPushButton::clicked, this, [this] {
        addHeaderRow("X-Header", "");
        m_headers->setCurrentCell(m_headers->rowCount() - 1, 0);
        m_headers->editItem(m_headers->item(m_headers->rowCount() - 1, 0));
    });
    connect(removeHeader, &QPushButton::clicked, this, [this] {
        if (m_headers->currentRow() >= 0)
            m_headers->removeRow(m_headers->currentRow());
    });
    connect(reset, &QPushButton::clicked, this, &ReplayDialog::resetToCaptured);

    auto *urlRow = new QHBoxLayout;
    auto *urlLabel = new QLabel(tr("&URL"), this);
    urlLabel->setTextFormat(Qt::PlainText);
    urlLabel->setBuddy(m_url);
    urlRow->addWidget(urlLabel);
    urlRow->addWidget(m_url, 1);
    m_resign->setObjectName(QStringLiteral("replayResign"));
    m_resign->setEnabled(false);
    m_resign->setToolTip(tr("No signature rule that can sign for this event's kind"));
    urlRow->addWidget(m_resign);
    urlRow->addWidget(m_send);

    auto *headerButtons = new QHBoxLayout;
    headerButtons->addWidget(addHeader);
    headerButtons->addWidget(removeHeader);
    headerButtons->addStretch(1);
    headerButtons->addWidget(reset);
    auto *requestBox = new QWidget(this);
    auto *requestLayout = new QVBoxLayout(requestBox);
    requestLayout->setContentsMargins(0, 0, 0, 0);
    auto *requestSplit = new QSplitter(Qt::Vertical, requestBox);
    requestSplit->addWidget(titled(tr("Headers"), m_headers, requestSplit));
    auto *bodyBox = new QWidget(requestSplit);
    auto *bodyLayout = new QVBoxLayout(bodyBox);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(m_body, 1);
    bodyLayout->addWidget(m_bodyNote);
    requestSplit->addWidget(titled(tr("Body"), bodyBox, requestSplit));
    requestLayout->addWidget(requestSplit, 1);
    requestLayout->addLayout(headerButtons);

    auto *responses = new QSplitter(Qt::Horizontal, this);
    responses->setObjectName(QStringLiteral("responseSplitter"));
    responses->addWidget(titled(tr("Original response (Hookscope answered)"), m_original, responses));
    responses->addWidget(titled(tr("Target's response"), m_target, responses));

    auto *main = new QSplitter(Qt::Vertical, this);
    main->addWidget(requestBox);
    main->addWidget(responses);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_finalUrl = new QLabel(this);
    m_finalUrl->setObjectName(QStringLiteral("replayFinalUrl"));
    m_finalUrl->setTextFormat(Qt::PlainText);
    m_finalUrl->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_finalUrl->setWordWrap(true);
    connect(m_url, &QComboBox::currentTextChanged, this, &ReplayDialog::showFinalUrl);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(urlRow);
    layout->addWidget(m_finalUrl);
    layout->addWidget(main, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    auto *sendShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    sendShortcut->setContext(Qt::WindowShortcut);
    connect(sendShortcut, &QShortcut::activated, this, &ReplayDialog::send);
    auto *sendShortcutEnter = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    connect(sendShortcutEnter, &QShortcut::activated, this, &ReplayDialog::send);
    connect(m_send, &QPushButton::clicked, this, &ReplayDialog::send);
    connect(m_replayer, &RequestReplayer::finished, this, &ReplayDialog::onFinished);

    const HttpResponse &r = m_event.response;
    QString original = ResponseText::format(r.status, reasonPhrase(r.status), ResponseText::sentHeaders(r), r.body);
    if (m_event.handlingUs >= 0)
        original.prepend(tr("Answered in %1\n\n").arg(ResponseText::latency(m_event.handlingUs)));
    m_original->setPlainText(original);
    m_target->setPlaceholderText(tr("Send to see what the target answers."));
    resetToCaptured();
    showFinalUrl();
}

void ReplayDialog::showFinalUrl()
{
    // The event's path and query are appended to the URL's path: say where that leads before
    // the user sends (…/webhooks + /webhooks/html is …/webhooks/webhooks/html).
    const QUrl base = url();
    if (!RequestReplayer::checkUrl(base).isEmpty()) {
        m_finalUrl->setText(tr("Sends to: (not a valid URL yet)"));
        return;
    }
    QUrl origin = base;
    origin.setPath(QString());
    origin.setQuery(QString());
    origin.setFragment(QString());
    const QByteArray target = OutgoingRequest::joinTarget(base, m_event.target.isEmpty() ? QByteArray("/") : m_event.target);
    m_finalUrl->setText(tr("Sends to: %1").arg(origin.toString(QUrl::StripTrailingSlash) + QString::fromUtf8(target)));
}

ReplayDialog::~ReplayDialog() = default;

void ReplayDialog::resetToCaptured()
{
    m_headers->setRowCount(0);
    for (const auto &[name, value] : m_event.headers)
        addHeaderRow(name, value);
    m_binaryBody = !ResponseText::isText(m_event.body);
    m_body->setPlainText(ResponseText::bodyText(m_event.body));
    m_body->setReadOnly(m_binaryBody);
    m_bodyNote->setText(m_binaryBody ? tr("The body is binary (%L1 bytes): it is sent exactly as captured and cannot be edited here.")
                                           .arg(m_event.body.size())
                                     : QString());
    m_bodyNote->setVisible(m_binaryBody);
}

void ReplayDialog::addHeaderRow(const QByteArray &name, const QByteArray &value)
{
    const int row = m_headers->rowCount();
    m_headers->insertRow(row);
    m_headers->setItem(row, 0, new QTableWidgetItem(QString::fromLatin1(name)));
    m_headers->setItem(row, 1, new QTableWidgetItem(QString::fromUtf8(value)));
}

OutgoingRequest ReplayDialog::request() const
{
    OutgoingRequest r = OutgoingRequest::fromEvent(m_event);
    r.headers.clear();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QTableWidgetItem *name = m_headers->item(row, 0);
        const QTableWidgetItem *value = m_headers->item(row, 1);
        const QByteArray key = name ? name->text().trimmed().toLatin1() : QByteArray();
        if (key.isEmpty())
            continue;
        // A line break would let a value start a new header or the body: keep one line.
        QByteArray v = value ? value->text().toUtf8() : QByteArray();
        v.replace('\r', ' ').replace('\n', ' ');
        r.headers.append({key, v});
    }
    // Untouched, the captured bytes go out as they are (line endings included).
    if (!m_binaryBody && m_body->document()->isModified())
        r.body = m_body->toPlainText().toUtf8();
    return r;
}

QUrl ReplayDialog::url() const
{
    return QUrl::fromUserInput(m_url->currentText().trimmed());
}

void ReplayDialog::setUrl(const QString &url)
{
    m_url->setEditText(url);
}

void ReplayDialog::setTimeoutMs(int ms)
{
    m_replayer->setTimeoutMs(ms);
}

void ReplayDialog::setSigningRule(const std::optional<SignatureRule> &rule)
{
    m_signingRule = rule;
    const bool can = rule && !rule->isPublicKey();
    m_resign->setEnabled(can);
    m_resign->setToolTip(!rule ? tr("No signature rule for this event's kind")
                         : can ? tr("Sign the request again with the %1 rule's newest secret and a fresh timestamp, so "
                                    "your app's signature check passes after an edit")
                                     .arg(rule->preset.isEmpty() ? rule->kind : rule->preset)
                               : tr("Only the sender holds the private key of a %1 signature")
                                     .arg(SignatureScheme::algorithmName(rule->algorithm).toUpper()));
}

void ReplayDialog::send()
{
    const QUrl target = url();
    if (const QString problem = RequestReplayer::checkUrl(target); !problem.isEmpty()) {
        m_status->setText(problem);
        return;
    }
    rememberUrl(target.toString());
    m_target->clear();
    m_status->setText(tr("Sending to %1…").arg(target.toString()));
    OutgoingRequest outgoing = request();
    if (m_resign->isChecked() && m_signingRule) {
        QString error;
        if (!outgoing.resign(*m_signingRule, target, QDateTime::currentSecsSinceEpoch(), &error)) {
            m_status->setText(tr("Not signed again: %1").arg(error));
            return;
        }
    }
    m_send->setEnabled(false);
    m_replayer->send(target, outgoing);
}

void ReplayDialog::onFinished(const ReplayResult &result)
{
    m_send->setEnabled(true);
    if (result.ok()) {
        m_target->setPlainText(tr("Answered in %1\n\n").arg(ResponseText::latency(result.latencyUs))
                               + ResponseText::format(result.status, result.reason, result.headers, result.body));
        m_status->setText(tr("%1 answered %2 in %3")
                              .arg(url().toString())
                              .arg(result.status)
                              .arg(ResponseText::latency(result.latencyUs)));
    } else {
        m_target->setPlainText(tr("No response: %1").arg(result.error));
        m_status->setText(tr("Failed: %1").arg(result.error));
    }
    Q_EMIT replayed(result);
}

QStringList ReplayDialog::urlHistory()
{
    return QSettings().value(kUrls).toStringList();
}

void ReplayDialog::rememberUrl(const QString &url)
{
    QStringList urls = urlHistory();
    urls.removeAll(url);
    urls.prepend(url);
    while (urls.size() > kHistorySize)
        urls.removeLast();
    QSettings().setValue(kUrls, urls);
    const QString typed = m_url->currentText();
    m_url->blockSignals(true);
    m_url->clear();
    m_url->addItems(urls);
    m_url->setEditText(typed);
    m_url->blockSignals(false);
}

} // namespace hookscope
