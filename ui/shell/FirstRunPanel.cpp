#include "FirstRunPanel.h"

#include "PlainLabel.h"

#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace hookscope {

FirstRunPanel::FirstRunPanel(QWidget *parent)
    : QFrame(parent)
    , m_poster(new SamplePoster(this))
    , m_url(new QLineEdit(this))
    , m_ngrok(new QLineEdit(this))
    , m_copyUrl(new QPushButton(tr("&Copy"), this))
    , m_copyNgrok(new QPushButton(tr("Cop&y"), this))
    , m_sampleLayout(new QVBoxLayout)
    , m_status(plainLabel(QString(), this))
{
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
            m_sampleActions.append(action);
            connect(action, &QAction::triggered, this, [this, sample] { send(sample); });
        }
        addSampleButton(button);
        // popup(), not exec() or setMenu(): a click never blocks (keyboard and tests alike).
        connect(button, &QPushButton::clicked, menu, [button, menu] { menu->popup(button->mapToGlobal(QPoint(0, button->height()))); });
    }
    if (samples.isEmpty())
        m_status->setText(tr("No sample events were found (resources/samples)."));
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
    if (show)
        m_status->clear();
}

void FirstRunPanel::onSampleSent(const QString &kindId, int status, const QString &error)
{
    if (status == 0)
        m_status->setText(tr("%1 was not sent: %2").arg(kindId, error));
    else
        m_status->setText(tr("%1 sent; Hookscope answered %2.").arg(kindId).arg(status));
}

} // namespace hookscope
