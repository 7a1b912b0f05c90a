#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace hookscope {

// Colours pretty-printed JSON one line at a time: member names, strings, numbers,
// literals, punctuation. Strings never span lines after pretty-printing, so no block state.
class JsonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document, const QPalette &palette);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_keyword;
    QTextCharFormat m_punctuation;
};

} // namespace hookscope
