#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;

namespace hookscope {

class Banner;
class JsonHighlighter;

// The Body tab: pretty-printed, coloured JSON when the body is JSON; text otherwise; a hex
// dump for binary bodies; a banner when a body claims JSON but does not parse.
class BodyView final : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Empty, Json, Text, Hex };

    explicit BodyView(QWidget *parent = nullptr);

    void setBody(const QByteArray &body, const QByteArray &contentType, const QString &note = {});
    void clear();
    [[nodiscard]] Mode mode() const { return m_mode; }

    [[nodiscard]] static bool claimsJson(const QByteArray &contentType);
    [[nodiscard]] static bool looksBinary(const QByteArray &body);
    [[nodiscard]] static QString hexDump(const QByteArray &data, qsizetype limit);

private:
    void showText(const QString &text, bool highlight);

    Banner *m_banner;
    QLabel *m_info;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_text;
    QPlainTextEdit *m_hex;
    JsonHighlighter *m_highlighter = nullptr;
    Mode m_mode = Mode::Empty;
};

} // namespace hookscope
