#pragma once

#include "timeline/TimelineBuckets.h"
#include "timeline/TimelineQuery.h"

#include <QWidget>
#include <optional>
#include <vector>

namespace hookscope {

// The thin strip above the event table (issue 27 point 4): events per time bucket as stacked
// bars coloured by result, over the span the buckets hold; the bucket width adapts to that span
// and the strip's width (seconds → minutes → hours). Drag selects a range (rangeSelected), Esc
// clears it (selectionCleared), hovering a bar tells its counts as plain text.
// Painting reads bins computed once per data change (setBuckets/refresh), never the events:
// a repaint costs the same at a hundred events and at a million.
class TimelineStrip final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kBarPixels = 3; // the narrowest bar: at most width/3 bins
    static constexpr int kMinBins = 60; // the span shown is at least this many bins

    explicit TimelineStrip(QWidget *parent = nullptr);

    // Not owned; must outlive the strip or be replaced. Recomputes the bins.
    void setBuckets(const TimelineBuckets *buckets);
    // The buckets changed (live events): recompute the bins and repaint.
    void refresh();
    // The range the filter holds now, drawn as the selection (nullopt: none).
    void setSelection(std::optional<TimelineQuery::Range> range);
    [[nodiscard]] std::optional<TimelineQuery::Range> selection() const { return m_selection; }

    [[nodiscard]] static QColor colorFor(TimelineResult result, const QPalette &palette);
    [[nodiscard]] qint64 binWidthMs() const { return m_binWidth; }
    [[nodiscard]] int binCount() const { return int(m_bins.size()); }
    [[nodiscard]] qint64 firstBinMs() const { return m_firstBin; }
    [[nodiscard]] quint64 shownTotal() const { return m_shown; } // events in the bins
    // The bin under x (clamped to the strip), -1 without bins.
    [[nodiscard]] int binAt(int x) const;
    [[nodiscard]] QRect barArea() const;
    // The hover text of bin `bin`: its time range and counts per result, plain text.
    [[nodiscard]] QString binText(int bin) const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

Q_SIGNALS:
    void rangeSelected(const hookscope::TimelineQuery::Range &range);
    void selectionCleared();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    void rebin();
    [[nodiscard]] double binX(qint64 bin) const;
    [[nodiscard]] TimelineQuery::Range rangeOf(int fromBin, int toBin) const;

    const TimelineBuckets *m_buckets = nullptr; // not owned
    std::vector<TimelineCounts> m_bins;
    quint64 m_tallest = 0;
    quint64 m_shown = 0;
    qint64 m_firstBin = 0; // start of bin 0, ms
    qint64 m_binWidth = 1000;
    std::optional<TimelineQuery::Range> m_selection;
    int m_dragAnchor = -1; // bin where the drag started, -1: no drag
    int m_dragCurrent = -1;
};

} // namespace hookscope
