#pragma once

#include <QLabel>

class QAbstractItemView;

namespace hookscope {

// "No events match the filter" over the event table while a filter hides every row (issue
// 24.30), instead of an empty grid that looks like a broken window; says how to see them again.
class NoMatchNote final : public QLabel
{
    Q_OBJECT
public:
    explicit NoMatchNote(QAbstractItemView *view); // child of the view's viewport

    // hidden: how many events the filter hides (0: the note is not shown).
    void setHiddenCount(int hidden);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();

    QAbstractItemView *m_view; // not owned
};

} // namespace hookscope
