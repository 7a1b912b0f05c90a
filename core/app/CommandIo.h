#pragma once

#include <QByteArray>
#include <QString>

namespace hookscope {

// Input and output shared by the window-less sub-commands.
void printOut(const QString &text); // UTF-8 to stdout
void printErr(const QString &text); // UTF-8 to stderr
// Reads a whole file, or stdin for "-"; false with the reason in *error.
[[nodiscard]] bool readInput(const QString &name, QByteArray *bytes, QString *error);

} // namespace hookscope
