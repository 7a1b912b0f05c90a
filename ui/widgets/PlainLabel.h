#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace hookscope {

// A word-wrapped label that shows its text as plain text (never as rich text, whatever it holds).
[[nodiscard]] QLabel *plainLabel(const QString &text, QWidget *parent);

} // namespace hookscope
