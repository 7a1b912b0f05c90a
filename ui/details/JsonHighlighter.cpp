#include "JsonHighlighter.h"

#include "Theme.h"

namespace hookscope {

JsonHighlighter::JsonHighlighter(QTextDocument *document, const QPalette &palette)
    : QSyntaxHighlighter(document)
{
    m_key.setForeground(Theme::jsonColor(Theme::JsonToken::Key, palette));
    m_string.setForeground(Theme::jsonColor(Theme::JsonToken::String, palette));
    m_number.setForeground(Theme::jsonColor(Theme::JsonToken::Number, palette));
    m_keyword.setForeground(Theme::jsonColor(Theme::JsonToken::Keyword, palette));
    m_keyword.setFontWeight(QFont::DemiBold);
    m_punctuation.setForeground(Theme::jsonColor(Theme::JsonToken::Punctuation, palette));
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            qsizetype end = i + 1;
            while (end < size && text.at(end) != QLatin1Char('"'))
                end += text.at(end) == QLatin1Char('\\') ? 2 : 1;
            end = qMin(end + 1, size);
            qsizetype next = end;
            while (next < size && text.at(next).isSpace())
                ++next;
            const bool isKey = next < size && text.at(next) == QLatin1Char(':');
            setFormat(int(i), int(end - i), isKey ? m_key : m_string);
            i = end;
        } else if (c == QLatin1Char('-') || c.isDigit()) {
            qsizetype end = i + 1;
            while (end < size && (text.at(end).isDigit() || QStringView(u".eE+-").contains(text.at(end))))
                ++end;
            setFormat(int(i), int(end - i), m_number);
            i = end;
        } else if (c.isLetter()) {
            qsizetype end = i + 1;
            while (end < size && text.at(end).isLetter())
                ++end;
            setFormat(int(i), int(end - i), m_keyword);
            i = end;
        } else {
            if (!c.isSpace())
                setFormat(int(i), 1, m_punctuation);
            ++i;
        }
    }
}

} // namespace hookscope
