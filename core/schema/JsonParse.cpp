#include "JsonParse.h"

#include "JsonText.h"

#include <string_view>

namespace hookscope {

namespace {

// "[json.exception.parse_error.101] parse error at line 1, column 8: syntax error …" -> "syntax error …"
QString withoutPrefix(const char *what)
{
    std::string_view text = what;
    if (const std::size_t bracket = text.find("] "); text.rfind("[json.exception.", 0) == 0 && bracket != text.npos)
        text.remove_prefix(bracket + 2);
    if (text.rfind("parse error", 0) == 0) {
        if (const std::size_t colon = text.find(": "); colon != text.npos)
            text.remove_prefix(colon + 2);
    }
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

bool parseInto(const QByteArray &text, JsonParse::Result *result)
{
    try {
        result->document = nlohmann::json::parse(text.cbegin(), text.cend());
        result->ok = true;
    } catch (const nlohmann::json::parse_error &e) {
        result->error = withoutPrefix(e.what());
        result->offset = qsizetype(e.byte > 0 ? e.byte - 1 : 0);
    } catch (const nlohmann::json::out_of_range &) {
        return false; // a number beyond a double: the caller tames the text and tries again
    } catch (const nlohmann::json::exception &e) {
        result->error = withoutPrefix(e.what());
    }
    return true;
}

} // namespace

JsonParse::Result JsonParse::parse(const QByteArray &text)
{
    Result result;
    // nlohmann takes a NUL byte for the end of the input ("123\0garbage" would be 123); JSON
    // allows none anywhere, not even inside a string.
    if (const qsizetype nul = JsonText::nulOffset(text); nul >= 0) {
        result.error = QString::fromLatin1(JsonText::kNulError);
        result.offset = nul;
        return result;
    }
    if (parseInto(text, &result))
        return result;
    QByteArray tamed = text;
    result.outOfRange = JsonNumberRange::tame(&tamed);
    if (parseInto(tamed, &result))
        return result;
    // Still out of range: a number the scan did not see (it stops at the first byte that cannot be JSON).
    result.ok = false;
    result.document = nullptr;
    result.error = QStringLiteral("a number is beyond the range of a double");
    return result;
}

} // namespace hookscope
