#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace hookscope {

// A number in a JSON text that no double can hold (1E400, -1e+9999): valid JSON (RFC 8259 §6
// leaves the range to implementations), yet nlohmann::json throws out_of_range.406 on it and Qt
// calls it an "illegal number".
struct OutOfRangeNumber {
    QString pointer; // RFC 6901, "" for a top-level number
    QByteArray text; // as written
};

// Finds such numbers and writes them over with a finite stand-in of the same sign, so the parsers
// read the rest of the document; the caller keeps the text as written (OutOfRangeNumber) to
// report it. Numbers that merely underflow (1e-400 reads as 0) are left alone.
class JsonNumberRange final {
public:
    JsonNumberRange() = delete;

    // The stand-in: ±1e308, padded with spaces to the length of the number it replaces, so every
    // byte offset after it (parse error positions) stays where it was.
    static constexpr char kStandIn[] = "1e308";

    // Rewrites *json in place (only when it holds such a number) and lists what it replaced, in
    // document order. Stops scanning at the first byte that cannot be JSON: the parser's error
    // says what is wrong there.
    [[nodiscard]] static QList<OutOfRangeNumber> tame(QByteArray *json);
    // A copy with the stand-ins (or `json` itself, not copied, when there is nothing to tame).
    [[nodiscard]] static QByteArray tamed(const QByteArray &json);
    // "number 1E400 is beyond the range of a double (±1.8e308)" (a violation at number.pointer)
    [[nodiscard]] static QString describe(const OutOfRangeNumber &number);
    // True when the number text (JSON grammar) is too large for a double.
    [[nodiscard]] static bool overflows(const char *first, const char *last);
};

} // namespace hookscope
