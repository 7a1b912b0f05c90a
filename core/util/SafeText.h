#pragma once

#include <QByteArray>
#include <QString>

namespace hookscope {

// Text from the network made safe to print on a terminal: a sender's answer must not move the
// cursor, retitle the window or hide text (ESC sequences, other C0 and C1 controls, DEL, the
// bidirectional overrides of Unicode). Each such character is shown as an escape ("\x1b",
// "\u202e"); bytes that are not UTF-8 become U+FFFD. Line feeds and tabs stay.
class SafeText final
{
public:
    SafeText() = delete;

    // At most maxChars characters of the result; "…" ends a shortened one.
    [[nodiscard]] static QString forTerminal(const QByteArray &bytes, qsizetype maxChars = -1);
    // The same on one line: line feeds and tabs escaped too ("\n", "\t").
    [[nodiscard]] static QString oneLine(const QByteArray &bytes, qsizetype maxChars = -1);
};

} // namespace hookscope
