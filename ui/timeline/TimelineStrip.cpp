#include "TimelineStrip.h"

#include "PlainToolTip.h"
#include "Theme.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace hookscope {

namespace {
constexpr int kHeight = 40;
constexpr int kMargin = 2;
constexpr std::array<TimelineResult, kTimelineResultCount> kStackOrder = {
    TimelineResult::Valid, TimelineResult::Violations, TimelineResult::Failed, TimelineResult::Held,
    TimelineResult::Other};

QString resultName(TimelineResult result)
{
    switch (result) {
    case TimelineResult::Valid:
        return TimelineStrip::tr("valid");
    case TimelineResult::Violations:
        return TimelineStrip::tr("violations");
    case TimelineResult::Failed:
        return TimelineStrip::tr("answered 4xx/5xx");
    case TimelineResult::Held:
        return TimelineStrip::tr("held");
    case TimelineResult::Other:
        break;
    }
    return TimelineStrip::tr("not checked / other");
}

QString widthText(qint64 ms)
{
    if (ms < 60'000)
        return TimelineStrip::tr("%1 s").arg(ms / 1000);
    if (ms < 3'600'000)
        return TimelineStrip::tr("%1 min").arg(ms / 60'000);
    if (ms < 86'400'000)
        return TimelineStrip::tr("%1 h").arg(ms / 3'600'000);
    return TimelineStrip::tr("%1 d").arg(ms / 86'400'000);
}

QString timeText(qint64 ms, qint64 binWidth)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms);
    return at.toString(binWidth >= 86'400'000 ? QStringLiteral("yyyy-MM-dd") : QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}
} // namespace

TimelineStrip::TimelineStrip(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("timelineStrip"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Timeline"));
    setAccessibleDescription(tr("Events per time span, coloured by result. Drag to filter a time range; Esc clears it."));
}

QSize TimelineStrip::sizeHint() const
{
    return {400, kHeight};
}

QSize TimelineStrip::minimumSizeHint() const
{
    return {60, kHeight};
}

QColor TimelineStrip::colorFor(TimelineResult result, const QPalette &palette)
{
    const bool dark = Theme::isDark(palette);
    switch (result) {
    case TimelineResult::Valid:
        return dark ? QColor(0x5f, 0xc0, 0x6f) : QColor(0x2e, 0x9a, 0x4a);
    case TimelineResult::Violations:
        return dark ? QColor(0xf0, 0xc0, 0x40) : QColor(0xd8, 0x9a, 0x00);
    case TimelineResult::Failed:
        return dark ? QColor(0xff, 0x6b, 0x62) : QColor(0xd0, 0x30, 0x30);
    case TimelineResult::Held:
        return dark ? QColor(0x8f, 0xa8, 0xff) : QColor(0x3f, 0x5f, 0xd0);
    case TimelineResult::Other:
        break;
    }
    return dark ? QColor(0x80, 0x80, 0x80) : QColor(0xa8, 0xa8, 0xa8);
}

void TimelineStrip::setBuckets(const TimelineBuckets *buckets)
{
    m_buckets = buckets;
    refresh();
}

void TimelineStrip::refresh()
{
    rebin();
    update();
}

void TimelineStrip::setSelection(std::optional<TimelineQuery::Range> range)
{
    m_selection = range;
    update();
}

QRect TimelineStrip::barArea() const
{
    return rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
}

void TimelineStrip::rebin()
{
    m_bins.clear();
    m_tallest = 0;
    m_shown = 0;
    if (!m_buckets || m_buckets->isEmpty())
        return;
    const int maxBins = std::max(1, barArea().width() / kBarPixels);
    m_binWidth = TimelineBuckets::displayWidth(m_buckets->minTimeMs(), m_buckets->maxTimeMs(), maxBins,
                                               m_buckets->widthMs());
    const qint64 last = TimelineBuckets::floorDiv(m_buckets->maxTimeMs(), m_binWidth);
    // At least a minute's worth of bins, the newest at the right edge: a burst within one second
    // is a bar, not a strip filled with one colour.
    const qint64 first = std::min(TimelineBuckets::floorDiv(m_buckets->minTimeMs(), m_binWidth),
                                  last - std::min<qint64>(kMinBins, maxBins) + 1);
    m_firstBin = first * m_binWidth;
    m_bins = m_buckets->binned(m_firstBin, m_binWidth, int(last - first + 1));
    m_shown = 0;
    for (const TimelineCounts &bin : m_bins) {
        m_tallest = std::max(m_tallest, bin.total());
        m_shown += bin.total();
    }
}

double TimelineStrip::binX(qint64 bin) const
{
    const QRect area = barArea();
    return area.left() + double(area.width()) * double(bin) / double(std::max<size_t>(m_bins.size(), 1));
}

int TimelineStrip::binAt(int x) const
{
    if (m_bins.empty())
        return -1;
    const QRect area = barArea();
    const double at = double(x - area.left()) * double(m_bins.size()) / double(std::max(area.width(), 1));
    return std::clamp(int(std::floor(at)), 0, int(m_bins.size()) - 1);
}

TimelineQuery::Range TimelineStrip::rangeOf(int fromBin, int toBin) const
{
    const int low = std::min(fromBin, toBin);
    const int high = std::max(fromBin, toBin);
    return {.fromMs = m_firstBin + low * m_binWidth, .toMs = m_firstBin + (high + 1) * m_binWidth - 1};
}

QString TimelineStrip::binText(int bin) const
{
    if (bin < 0 || bin >= int(m_bins.size()))
        return {};
    const TimelineCounts &counts = m_bins[size_t(bin)];
    const qint64 from = m_firstBin + bin * m_binWidth;
    QStringList lines;
    lines << tr("%1 (%2)").arg(timeText(from, m_binWidth), widthText(m_binWidth));
    const QLocale locale;
    lines << (counts.total() == 1 ? tr("1 event") : tr("%1 events").arg(locale.toString(counts.total())));
    for (const TimelineResult result : kStackOrder) {
        if (counts.of(result) > 0)
            lines << QStringLiteral("%1 %2").arg(locale.toString(counts.of(result)), resultName(result));
    }
    return lines.join(QLatin1Char('\n'));
}

void TimelineStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QPalette &pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QRect area = barArea();
    if (m_bins.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(area, Qt::AlignCenter, tr("No events on the timeline"));
        return;
    }
    // Selection first, under the bars.
    std::optional<std::pair<int, int>> selected;
    if (m_dragAnchor >= 0)
        selected = std::minmax(m_dragAnchor, m_dragCurrent);
    else if (m_selection) {
        const qint64 a = TimelineBuckets::floorDiv(m_selection->fromMs - m_firstBin, m_binWidth);
        const qint64 b = TimelineBuckets::floorDiv(m_selection->toMs - m_firstBin, m_binWidth);
        if (b >= 0 && a < qint64(m_bins.size()))
            selected = {int(std::max<qint64>(a, 0)), int(std::min<qint64>(b, qint64(m_bins.size()) - 1))};
    }
    if (selected) {
        QColor shade = pal.color(QPalette::Highlight);
        shade.setAlpha(60);
        p.fillRect(QRectF(binX(selected->first), area.top(), binX(selected->second + 1) - binX(selected->first),
                          area.height()),
                   shade);
    }
    // Stacked bars: one fillRect per result per non-empty bin; heights on a square-root scale so
    // a quiet minute beside a burst still shows.
    std::array<QColor, kTimelineResultCount> colors;
    for (const TimelineResult result : kStackOrder)
        colors[size_t(result)] = colorFor(result, pal);
    const double scale = double(area.height()) / std::sqrt(double(std::max<quint64>(m_tallest, 1)));
    for (size_t i = 0; i < m_bins.size(); ++i) {
        const TimelineCounts &bin = m_bins[i];
        if (bin.total() == 0)
            continue;
        const double left = binX(qint64(i));
        const double width = std::max(1.0, binX(qint64(i) + 1) - left - (m_bins.size() < size_t(area.width() / 2) ? 1 : 0));
        const double height = std::max(2.0, std::sqrt(double(bin.total())) * scale);
        double bottom = area.bottom() + 1;
        for (const TimelineResult result : kStackOrder) {
            const quint32 n = bin.of(result);
            if (n == 0)
                continue;
            const double h = height * double(n) / double(bin.total());
            p.fillRect(QRectF(left, bottom - h, width, h), colors[size_t(result)]);
            bottom -= h;
        }
    }
    // The span and bucket width, small, top left.
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
    p.setFont(small);
    const QString caption = tr("%1 – %2 · per %3")
                                .arg(timeText(m_firstBin, m_binWidth),
                                     timeText(m_firstBin + qint64(m_bins.size()) * m_binWidth - 1, m_binWidth),
                                     widthText(m_binWidth));
    const QRect captionRect = p.fontMetrics().boundingRect(caption).translated(area.left() + 2, area.top()).adjusted(-2, 0, 2, 0);
    QColor veil = pal.color(QPalette::Base);
    veil.setAlpha(200);
    p.fillRect(captionRect.translated(0, -captionRect.top() + area.top()), veil);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(area.adjusted(2, 0, 0, 0), Qt::AlignLeft | Qt::AlignTop, caption);
    if (hasFocus()) {
        p.setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

void TimelineStrip::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    rebin();
}

void TimelineStrip::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_bins.empty())
        return QWidget::mousePressEvent(event);
    m_dragAnchor = m_dragCurrent = binAt(event->position().toPoint().x());
    update();
}

void TimelineStrip::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragAnchor < 0)
        return QWidget::mouseMoveEvent(event);
    m_dragCurrent = binAt(event->position().toPoint().x());
    update();
}

void TimelineStrip::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_dragAnchor < 0)
        return QWidget::mouseReleaseEvent(event);
    m_dragCurrent = binAt(event->position().toPoint().x());
    const TimelineQuery::Range range = rangeOf(m_dragAnchor, m_dragCurrent);
    m_dragAnchor = m_dragCurrent = -1;
    m_selection = range;
    update();
    Q_EMIT rangeSelected(range);
}

void TimelineStrip::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && (m_selection || m_dragAnchor >= 0)) {
        m_dragAnchor = m_dragCurrent = -1;
        m_selection.reset();
        update();
        Q_EMIT selectionCleared();
        return;
    }
    QWidget::keyPressEvent(event);
}

bool TimelineStrip::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = binText(binAt(help->pos().x()));
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), PlainToolTip::html(text), this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace hookscope
