#pragma once

#include <QToolButton>

class QAbstractItemView;

namespace hookscope {

// "30 new ↓": floats over the event table while the user reads older rows (scrolled away from
// the newest, or paused) and events keep arriving; a click goes to the newest. Hidden again
// once the newest rows are in view.
class NewEventsBadge final : public QToolButton
{
    Q_OBJECT
public:
    explicit NewEventsBadge(QAbstractItemView *view); // child of the view's viewport

    void add(int count);
    void reset();
    [[nodiscard]] int count() const { return m_count; }
    // Where the newest rows are: the badge sits at that edge and its arrow points there.
    void setNewestAtTop(bool atTop);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();

    QAbstractItemView *m_view; // not owned
    int m_count = 0;
    bool m_atTop = false;
};

} // namespace hookscope
