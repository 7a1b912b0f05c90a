#pragma once

#include <QWidget>

class QTreeWidget;

namespace hookscope {

struct Event;

// The Headers tab: the request line and where it came from, then every header field in
// the order it arrived, duplicates kept.
class HeadersView final : public QWidget
{
    Q_OBJECT
public:
    explicit HeadersView(QWidget *parent = nullptr);

    void setEvent(const Event &event);
    void clear();
    [[nodiscard]] QTreeWidget *tree() const { return m_tree; }

private:
    QTreeWidget *m_tree;
};

} // namespace hookscope
