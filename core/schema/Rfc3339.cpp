#include "Rfc3339.h"

namespace hookscope {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Reads exactly n digits at text[pos]; false when there are fewer.
bool readDigits(std::string_view text, std::size_t pos, std::size_t n, int *value)
{
    if (pos + n > text.size())
        return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!isDigit(text[i]))
            return false;
        v = v * 10 + (text[i] - '0');
    }
    *value = v;
    return true;
}

bool isLeapYear(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month)
{
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : days[month - 1];
}

// full-date = 4DIGIT "-" 2DIGIT "-" 2DIGIT, the day existing in that month. Consumes 10 chars.
bool fullDate(std::string_view text)
{
    int year = 0, month = 0, day = 0;
    if (text.size() < 10 || text[4] != '-' || text[7] != '-')
        return false;
    if (!readDigits(text, 0, 4, &year) || !readDigits(text, 5, 2, &month) || !readDigits(text, 8, 2, &day))
        return false;
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

// RFC 3339 §5.7: a leap second (ss = 60) only at 23:59 UTC, i.e. once the offset is taken off.
bool leapSecondAllowed(int hour, int minute, int offsetMinutes)
{
    constexpr int kDay = 24 * 60;
    const int utc = ((hour * 60 + minute - offsetMinutes) % kDay + kDay) % kDay;
    return utc == 23 * 60 + 59;
}

// full-time = hh ":" mm ":" ss ["." 1*DIGIT] ("Z" / ("+" / "-") hh ":" mm); the whole of text.
bool fullTime(std::string_view text)
{
    int hour = 0, minute = 0, second = 0;
    if (text.size() < 9 || text[2] != ':' || text[5] != ':')
        return false;
    if (!readDigits(text, 0, 2, &hour) || !readDigits(text, 3, 2, &minute) || !readDigits(text, 6, 2, &second))
        return false;
    if (hour > 23 || minute > 59 || second > 60)
        return false;
    std::size_t pos = 8;
    if (text[pos] == '.') {
        const std::size_t first = ++pos;
        while (pos < text.size() && isDigit(text[pos]))
            ++pos;
        if (pos == first)
            return false;
    }
    if (pos >= text.size())
        return false;
    const char sign = text[pos];
    if (sign == 'Z' || sign == 'z')
        return pos + 1 == text.size() && (second < 60 || leapSecondAllowed(hour, minute, 0));
    if (sign != '+' && sign != '-')
        return false;
    int offsetHour = 0, offsetMinute = 0;
    if (text.size() != pos + 6 || text[pos + 3] != ':')
        return false;
    if (!readDigits(text, pos + 1, 2, &offsetHour) || !readDigits(text, pos + 4, 2, &offsetMinute))
        return false;
    if (offsetHour > 23 || offsetMinute > 59)
        return false;
    const int offset = (sign == '+' ? 1 : -1) * (offsetHour * 60 + offsetMinute);
    return second < 60 || leapSecondAllowed(hour, minute, offset);
}

} // namespace

bool Rfc3339::isDate(std::string_view text)
{
    return text.size() == 10 && fullDate(text);
}

bool Rfc3339::isTime(std::string_view text)
{
    return fullTime(text);
}

bool Rfc3339::isDateTime(std::string_view text)
{
    if (text.size() < 20 || !fullDate(text))
        return false;
    if (text[10] != 'T' && text[10] != 't')
        return false;
    return fullTime(text.substr(11));
}

} // namespace hookscope
