#pragma once

#include <QTabWidget>

namespace hookscope {

// A tab widget whose tab titles keep their width as counts in them change: a tab can reserve
// the width of its longest expected title ("Violations (999)"), so "Violations" and
// "Violations (5)" take the same room and the tabs after it stay where the mouse expects them
// (issue 24, point 9).
class StableTabWidget final : public QTabWidget
{
    Q_OBJECT
public:
    explicit StableTabWidget(QWidget *parent = nullptr);

    void reserveTitle(int index, const QString &longestTitle);
};

} // namespace hookscope
