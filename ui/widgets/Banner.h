#pragma once

#include <QLabel>

namespace hookscope {

// A one-line notice above a view ("Not valid JSON: …"). Always plain text.
class Banner final : public QLabel
{
    Q_OBJECT
public:
    enum class Kind { Error, Info };
    explicit Banner(QWidget *parent = nullptr);

    void showMessage(const QString &text, Kind kind = Kind::Error);
    void clearMessage();
};

} // namespace hookscope
