#include "StatusBarPane.h"

#include "PublicUrlBox.h"
#include "PlainToolTip.h"
#include "Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>

namespace hookscope {

namespace {
QLabel *makeLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    return label;
}
} // namespace

StatusBarPane::StatusBarPane(QWidget *parent)
    : QWidget(parent)
    , m_listening(makeLabel(this, QStringLiteral("listeningLabel")))
    , m_counts(new QWidget(this))
    , m_count(makeLabel(m_counts, QStringLiteral("countLabel")))
    , m_rate(makeLabel(m_counts, QStringLiteral("rateLabel")))
    , m_exposure(makeLabel(this, QStringLiteral("exposureLabel")))
    , m_store(makeLabel(this, QStringLiteral("storeLabel")))
    , m_inspecting(makeLabel(this, QStringLiteral("inspectionLabel")))
    , m_rateTimer(new QTimer(this))
    , m_publicUrl(new PublicUrlBox(this))
{
    m_listening->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(18);
    layout->addWidget(m_listening, 1);
    layout->addWidget(m_publicUrl);
    m_publicUrl->setVisible(false);
    layout->addWidget(m_exposure);
    layout->addWidget(m_store);
    for (QLabel *warning : {m_exposure, m_store}) {
        QPalette p = warning->palette();
        p.setColor(QPalette::WindowText, Theme::errorText(p));
        warning->setPalette(p);
        warning->hide();
    }
    layout->addWidget(m_inspecting);
    m_inspecting->setToolTip(tr("Validation and translation results for events stored before this session; "
                                "new events are inspected first"));
    m_inspecting->hide();
    layout->addWidget(m_counts);
    m_counts->setObjectName(QStringLiteral("statusCounts"));
    auto *counts = new QHBoxLayout(m_counts);
    counts->setContentsMargins(4, 0, 4, 0);
    counts->setSpacing(18);
    counts->addWidget(m_count);
    counts->addWidget(m_rate);
    // Room for a rate of four digits, so the count beside it does not move as the rate changes.
    m_rate->setMinimumWidth(m_rate->fontMetrics().horizontalAdvance(tr("%1 events/s").arg(9999.9, 0, 'f', 1)));
    m_rate->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_clock.start();
    m_rateTimer->setInterval(500);
    connect(m_rateTimer, &QTimer::timeout, this, &StatusBarPane::updateRate);
    m_rateTimer->start();
    setStopped();
    setEventCount(0);
    updateRate();
}

void StatusBarPane::setListening(const QString &url)
{
    m_listening->setText(tr("● Listening on %1").arg(url));
    QPalette p = palette();
    p.setColor(QPalette::WindowText, Theme::okText(p));
    m_listening->setPalette(p);
}

void StatusBarPane::setStopped(const QString &error)
{
    m_listening->setText(error.isEmpty() ? tr("○ Not listening") : tr("✕ Not listening: %1").arg(error));
    QPalette p = palette();
    p.setColor(QPalette::WindowText, error.isEmpty() ? p.color(QPalette::WindowText) : Theme::errorText(p));
    m_listening->setPalette(p);
}

void StatusBarPane::setPublicUrl(const QString &url)
{
    m_publicUrl->setUrl(url);
    m_publicUrl->setVisible(!url.isEmpty());
}

QString StatusBarPane::listeningText() const
{
    return m_listening->text();
}

void StatusBarPane::setExposureWarning(const QString &text)
{
    m_exposure->setText(text);
    m_exposure->setVisible(!text.isEmpty());
}

QString StatusBarPane::exposureText() const
{
    return m_exposure->text();
}

void StatusBarPane::setStoreProblem(const QString &text)
{
    // Elided on screen; the whole reason (paths can be long) is in the tooltip.
    m_store->setText(text.size() > 160 ? text.left(159) + QChar(0x2026) : text);
    m_store->setToolTip(PlainToolTip::html(text));
    m_store->setVisible(!text.isEmpty());
}

QString StatusBarPane::storeProblemText() const
{
    return m_store->text();
}

void StatusBarPane::setInspectionProgress(qint64 done, qint64 total)
{
    if (total <= 0 || done >= total) {
        m_inspecting->clear();
        m_inspecting->hide();
        return;
    }
    m_inspecting->setText(tr("Inspecting stored events: %L1 of %L2").arg(done).arg(total));
    m_inspecting->show();
}

QString StatusBarPane::inspectionText() const
{
    return m_inspecting->text();
}

void StatusBarPane::setEventCount(int count)
{
    m_count->setText(count == 1 ? tr("1 event") : tr("%L1 events").arg(count));
}

void StatusBarPane::recordEvents(int count)
{
    m_meter.record(m_clock.elapsed(), count);
    updateRate();
}

void StatusBarPane::updateRate()
{
    m_rate->setText(tr("%1 events/s").arg(m_meter.perSecond(m_clock.elapsed()), 0, 'f', 1));
}

} // namespace hookscope
