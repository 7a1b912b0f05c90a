#pragma once

#include "diff/JsonDiff.h"
#include "event/EventInfo.h"

#include <QColor>
#include <QFont>
#include <QIcon>

class QPalette;

namespace hookscope {

enum class ResultClass;
enum class ViolationState;

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
    // Rows of held hooks waiting for an answer.
    [[nodiscard]] static QColor waitingBackground(const QPalette &palette);
    // Find matches in a text view: every match faint, the current one strong.
    [[nodiscard]] static QColor findBackground(const QPalette &palette, bool current);
    [[nodiscard]] static QColor errorText(const QPalette &palette);
    [[nodiscard]] static QColor okText(const QPalette &palette);
    [[nodiscard]] static QColor warningText(const QPalette &palette);
    [[nodiscard]] static QFont monospace();

    [[nodiscard]] static QColor validityColor(EventInfo::Validity validity, const QPalette &palette);
    // A small painted glyph beside the words: a tick, a cross, "!" (not JSON), "?" (unknown
    // kind), "…" (validating). Drawn here, no icon files or theme lookups.
    [[nodiscard]] static QIcon validityIcon(EventInfo::Validity validity, const QPalette &palette);
    // Background of a JSON tree node on a violation's path: strong on the node itself,
    // faint on its ancestors; invalid QColor for none.
    [[nodiscard]] static QColor violationBackground(ViolationState state, const QPalette &palette);
    [[nodiscard]] static QIcon violationIcon(ViolationState state, const QPalette &palette);
    [[nodiscard]] static QColor diffColor(JsonDiff::Change::Kind kind, const QPalette &palette);
    // "+", "−", "~": the change's marker, so colour is never the only signal.
    [[nodiscard]] static QString diffMarker(JsonDiff::Change::Kind kind);

    // True for a dark theme (the palette's base, where text is drawn, is dark): every colour
    // above is picked for it. Views pass their own palette, so a system theme switch applies
    // at their next paint.
    [[nodiscard]] static bool isDark(const QPalette &palette);
    enum class ToolGlyph { Start, Stop, Pause, Link, Import, Export, Respond, Hold };
    // Toolbar glyphs painted in the palette's button text colour, so they read on light and
    // dark themes alike (the style's media icons are black); drawn at 64 px for high DPI.
    [[nodiscard]] static QIcon toolIcon(ToolGlyph glyph, const QPalette &palette);
    // WCAG 2 contrast ratio of two colours (1 to 21).
    [[nodiscard]] static double contrast(const QColor &a, const QColor &b);
    // White or near-black, whichever reads better on fill.
    [[nodiscard]] static QColor contrastInk(const QColor &fill);

private:
    [[nodiscard]] static double luminance(const QColor &color);
    [[nodiscard]] static QIcon glyphIcon(const QColor &color, QChar glyph, bool filled);
};

} // namespace hookscope
