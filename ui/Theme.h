#pragma once

#include <QColor>
#include <QFont>

class QPalette;

namespace hookscope {

enum class ResultClass;

// Every colour and font decision of the window, in one place. Models expose meaning
// (ResultClass, JSON token kinds); views ask the Theme how that meaning looks, picked for
// the palette they are drawn with so dark and light desktop themes both read well.
class Theme final
{
public:
    enum class JsonToken { Key, String, Number, Keyword, Punctuation };

    [[nodiscard]] static QColor resultColor(ResultClass result, const QPalette &palette);
    [[nodiscard]] static QColor methodColor(const QByteArray &method, const QPalette &palette);
    [[nodiscard]] static QColor jsonColor(JsonToken token, const QPalette &palette);
    [[nodiscard]] static QColor bannerBackground(const QPalette &palette);
    [[nodiscard]] static QColor errorText(const QPalette &palette);
    [[nodiscard]] static QColor okText(const QPalette &palette);
    [[nodiscard]] static QFont monospace();

private:
    [[nodiscard]] static bool isDark(const QPalette &palette);
};

} // namespace hookscope
