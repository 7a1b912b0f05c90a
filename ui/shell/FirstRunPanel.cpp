#include "FirstRunPanel.h"

#include "PlainLabel.h"

#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace hookscope {

namespace {
// A sample button's or menu entry's own text and tooltip, before a held mark is added.
constexpr const char *kBaseText = "hookscopeBaseText";
constexpr const char *kBaseTip = "hookscopeBaseTip";
} // namespace

FirstRunPanel::FirstRunPanel(QWidget *parent)
    : QFrame(parent)
    , m_poster(new SamplePoster(this))
    , m_url(new QLineEdit(this))
    , m_ngrok(new QLineEdit(this))
    , m_copyUrl(new QPushButton(tr("&Copy"), this))
    , m_copyNgrok(new QPushButton(tr("Cop&y"), this))
    , m_sampleLayout(new QVBoxLayout)
    , m_status(plainLabel(QString(), this))
    , m_heldNote(plainLabel(QString(), this))
    , m_samplesMenu(new QMenu(tr("Send a &Sample"), this))
{
    m_samplesMenu->setObjectName(QStringLiteral("samplesMenu"));
    setObjectName(QStringLiteral("firstRunPanel"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    hide();

    QLabel *title = plainLabel(tr("Waiting for the first webhook"), this);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    title->setFont(font);

    m_url->setObjectName(QStringLiteral("firstRunUrl"));
    m_ngrok->setObjectName(QStringLiteral("firstRunNgrok"));
    for (QLineEdit *edit : {m_url, m_ngrok}) {
        edit->setReadOnly(true);
        edit->setMinimumWidth(320);
    }
    m_copyUrl->setToolTip(tr("Copy the URL to the clipboard"));
    m_copyNgrok->setToolTip(tr("Copy the ngrok command line to the clipboard"));
    m_status->setObjectName(QStringLiteral("firstRunStatus"));

    auto *grid = new QGridLayout;
    auto *urlLabel = plainLabel(tr("1. Send webhooks to"), this);
    urlLabel->setWordWrap(false);
    urlLabel->setBuddy(m_url);
    grid->addWidget(urlLabel, 0, 0);
    grid->addWidget(m_url, 0, 1);
    grid->addWidget(m_copyUrl, 0, 2);
    auto *ngrokLabel = plainLabel(tr("2. From the internet, run"), this);
    ngrokLabel->setWordWrap(false);
    ngrokLabel->setBuddy(m_ngrok);
    grid->addWidget(ngrokLabel, 1, 0);
    grid->addWidget(m_ngrok, 1, 1);
    grid->addWidget(m_copyNgrok, 1, 2);
    grid->addWidget(plainLabel(tr("and give the vendor the https address ngrok prints, plus your path."), this), 2, 1,
                    1, 2);
    grid->setColumnStretch(1, 1);

    auto *box = new QWidget(this);
    box->setMaximumWidth(720);
    auto *inner = new QVBoxLayout(box);
    inner->addWidget(title);
    inner->addSpacing(8);
    inner->addLayout(grid);
    inner->addSpacing(12);
    inner->addWidget(plainLabel(tr("3. Or see it work now: send a sample event"), this));
    inner->addLayout(m_sampleLayout);
    m_heldNote->setObjectName(QStringLiteral("firstRunHeldNote"));
    m_heldNote->setWordWrap(true);
    m_heldNote->hide();
    inner->addWidget(m_heldNote);
    inner->addWidget(m_status);

    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addWidget(box, 4);
    outer->addStretch(1);

    connect(m_copyUrl, &QPushButton::clicked, this, [this] { Q_EMIT copyRequested(m_url->text()); });
    connect(m_copyNgrok, &QPushButton::clicked, this, [this] { Q_EMIT copyRequested(m_ngrok->text()); });
    connect(m_poster, &SamplePoster::finished, this, &FirstRunPanel::onSampleSent);
    setReceiver({});
}

void FirstRunPanel::attachTo(QAbstractScrollArea *area)
{
    QWidget *viewport = area->viewport();
    setParent(viewport);
    viewport->installEventFilter(this);
    setGeometry(viewport->rect());
    updateVisibility();
}

bool FirstRunPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        setGeometry(parentWidget()->rect());
    return QFrame::eventFilter(watched, event);
}

void FirstRunPanel::setSamples(const QList<SampleEvent> &samples, const QHash<QString, QString> &vendorTitles)
{
    qDeleteAll(m_sampleButtons);
    m_sampleButtons.clear();
    m_sampleActions.clear();
    m_samples = samples;
    // One button per vendor pack with a menu of its samples; a vendor with one sample, and a
    // kind of no pack, get a button that sends it directly.
    QList<QPair<QString, QList<SampleEvent>>> groups;
    for (const SampleEvent &sample : samples) {
        auto group = std::find_if(groups.begin(), groups.end(), [&](const auto &g) { return g.first == sample.pack; });
        if (sample.pack.isEmpty() || group == groups.end())
            groups.append({sample.pack, {sample}});
        else
            group->second.append(sample);
    }
    for (const auto &[pack, list] : std::as_const(groups)) {
        if (list.size() == 1) {
            const SampleEvent &sample = list.first();
            auto *button = new QPushButton(tr("Send a sample: %1").arg(sample.title), this);
            button->setObjectName(QStringLiteral("sample:") + sample.kindId);
            button->setToolTip(tr("POST %1 to %2").arg(sample.kindId + QStringLiteral(".json"), QString::fromUtf8(sample.target)));
            button->setProperty(kBaseText, button->text());
            button->setProperty(kBaseTip, button->toolTip());
            addSampleButton(button);
            connect(button, &QPushButton::clicked, this, [this, sample] { send(sample); });
            continue;
        }
        const QString vendor = vendorTitles.value(pack, pack);
        auto *button = new QPushButton(tr("Send a %1 sample…").arg(vendor), this);
        button->setObjectName(QStringLiteral("samples:") + pack);
        button->setToolTip(tr("Choose one of the %1 %2 samples").arg(list.size()).arg(vendor));
        auto *menu = new QMenu(button);
        menu->setObjectName(QStringLiteral("samplesMenu:") + pack);
        for (const SampleEvent &sample : list) {
            QAction *action = menu->addAction(sample.title);
            action->setObjectName(QStringLiteral("sample:") + sample.kindId);
            action->setToolTip(tr("POST to %1").arg(QString::fromUtf8(sample.target)));
            action->setProperty(kBaseText, action->text());
            action->setProperty(kBaseTip, action->toolTip());
            m_sampleActions.append(action);
            connect(action, &QAction::triggered, this, [this, sample] { send(sample); });
        }
        addSampleButton(button);
        // popup(), not exec() or setMenu(): a click never blocks (keyboard and tests alike).
        connect(button, &QPushButton::clicked, menu, [button, menu] { menu->popup(button->mapToGlobal(QPoint(0, button->height()))); });
    }
    if (samples.isEmpty())
        m_status->setText(tr("No sample events were found (resources/samples)."));
    m_samplesMenu->clear();
    for (const SampleEvent &sample : samples) {
        const QString vendor = vendorTitles.value(sample.pack, sample.pack);
        QAction *action = m_samplesMenu->addAction(vendor.isEmpty() ? sample.title : vendor + QStringLiteral(" › ") + sample.title);
        action->setObjectName(QStringLiteral("menuSample:") + sample.kindId);
        action->setToolTip(tr("POST to %1").arg(QString::fromUtf8(sample.target)));
        connect(action, &QAction::triggered, this, [this, sample] { send(sample); });
    }
    m_samplesMenu->setEnabled(!samples.isEmpty() && m_receiverUrl.isValid());
    markHeldSamples();
}

void FirstRunPanel::setHoldRules(std::function<HoldRule(const QString &kind)> ruleOf)
{
    m_ruleOf = std::move(ruleOf);
    markHeldSamples();
}

void FirstRunPanel::markHeldSamples()
{
    // A held sample does not come back at once: it waits in the Respond panel for the user's
    // answer until its deadline. Said before the click, so the panel that opens is expected.
    int shortest = 0;
    QStringList held;
    const auto mark = [&](QObject *item, auto setText, auto setTip) {
        const QString kind = item->objectName().mid(int(qstrlen("sample:")));
        const HoldRule rule = m_ruleOf ? m_ruleOf(kind) : HoldRule{};
        const QString base = item->property(kBaseText).toString();
        const QString tip = item->property(kBaseTip).toString();
        if (!rule.hold) {
            setText(base);
            setTip(tip);
            return;
        }
        const QString seconds = QLocale().toString(rule.deadlineMs / 1000.0, 'g', 3);
        setText(tr("%1 ⏸ (held for your answer)").arg(base));
        setTip(tip + u'\n' + tr("Held: the Respond panel opens and you answer it within %1 s; then the default answer goes out.").arg(seconds));
        held.append(kind);
        shortest = shortest == 0 ? rule.deadlineMs : qMin(shortest, rule.deadlineMs);
    };
    for (QPushButton *button : std::as_const(m_sampleButtons)) {
        if (button->objectName().startsWith(QLatin1String("sample:")))
            mark(button, [button](const QString &t) { button->setText(t); }, [button](const QString &t) { button->setToolTip(t); });
    }
    for (QAction *action : std::as_const(m_sampleActions))
        mark(action, [action](const QString &t) { action->setText(t); }, [action](const QString &t) { action->setToolTip(t); });
    if (held.isEmpty()) {
        m_heldNote->hide();
        return;
    }
    m_heldNote->setText(tr("⏸ A held sample (%1) waits for your answer, as a real booking hook would: the Respond panel "
                           "opens and you have %2 s to pick an answer (Accept, Cancel, …); at the deadline Hookscope "
                           "sends the default answer itself.")
                            .arg(held.join(QStringLiteral(", ")), QLocale().toString(shortest / 1000.0, 'g', 3)));
    m_heldNote->show();
}

void FirstRunPanel::addSampleButton(QPushButton *button)
{
    button->setEnabled(m_receiverUrl.isValid());
    m_sampleLayout->addWidget(button);
    m_sampleButtons.append(button);
}

void FirstRunPanel::send(const SampleEvent &sample)
{
    if (!m_receiverUrl.isValid())
        return;
    m_status->setText(tr("Sending %1…").arg(sample.kindId));
    m_poster->post(sample, m_receiverUrl);
}

void FirstRunPanel::setReceiver(const QUrl &url)
{
    m_receiverUrl = url;
    m_url->setText(url.isValid() ? url.toString() : tr("not listening: press Start"));
    m_ngrok->setText(url.isValid() ? QStringLiteral("ngrok http %1").arg(url.port()) : QString());
    m_copyUrl->setEnabled(url.isValid());
    m_copyNgrok->setEnabled(url.isValid());
    for (QPushButton *button : std::as_const(m_sampleButtons))
        button->setEnabled(url.isValid());
    m_samplesMenu->setEnabled(url.isValid() && !m_samples.isEmpty());
}

void FirstRunPanel::setEventCount(int count)
{
    m_count = count;
    updateVisibility();
}

void FirstRunPanel::setHistoryLoaded()
{
    m_historyLoaded = true;
    updateVisibility();
}

void FirstRunPanel::updateVisibility()
{
    const bool show = m_historyLoaded && m_count == 0;
    if (show == isVisible())
        return;
    // Focus must not stay on a hidden button: it goes to the table the panel covered.
    const bool hadFocus = isAncestorOf(QApplication::focusWidget());
    setVisible(show);
    if (!show && hadFocus && parentWidget() && parentWidget()->parentWidget())
        parentWidget()->parentWidget()->setFocus(Qt::OtherFocusReason);
    if (show) {
        m_status->clear();
        markHeldSamples(); // the policy may have changed since
    }
}

void FirstRunPanel::onSampleSent(const QString &kindId, int status, const QString &error)
{
    if (status == 0)
        m_status->setText(tr("%1 was not sent: %2").arg(kindId, error));
    else
        m_status->setText(tr("%1 sent; Hookscope answered %2.").arg(kindId).arg(status));
}

} // namespace hookscope
