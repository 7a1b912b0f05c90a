#pragma once

#include <QLineEdit>

class QLabel;

namespace hookscope {

// The event filter's text box with its match count ("4 of 31 events") shown inside it, at its
// right end: the count comes and goes and changes width without moving the kind and validity
// choosers beside the box (issue 24, point 9: nothing moves under the mouse).
class FilterEdit final : public QLineEdit
{
    Q_OBJECT
public:
    explicit FilterEdit(QWidget *parent = nullptr);

    void setCountText(const QString &text);
    [[nodiscard]] QString countText() const;
    [[nodiscard]] QLabel *countLabel() const { return m_count; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void placeCount();

    QLabel *m_count;
};

} // namespace hookscope
