#pragma once

#include <string_view>

namespace hookscope {

// RFC 3339 section 5.6 timestamps, checked by hand: valijson 1.0 builds a std::regex for every
// value it checks (~11 ms for one callback-request event), and also rejects null.
//   date-time  2024-02-29T23:59:60.123+05:30   ("t"/"z" accepted, any number of fraction digits)
//   date       2024-02-29                      (day of month checked, leap years included)
//   time       23:59:60Z, 08:30:00.5-03:00     (second 60 allowed: leap second)
class Rfc3339 final {
public:
    Rfc3339() = delete;

    [[nodiscard]] static bool isDateTime(std::string_view text);
    [[nodiscard]] static bool isDate(std::string_view text);
    [[nodiscard]] static bool isTime(std::string_view text);
};

} // namespace hookscope
