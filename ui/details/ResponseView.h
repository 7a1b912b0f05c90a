#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;

namespace hookscope {

class JsonHighlighter;

struct Event;

// The Response tab: the status, headers and body Hookscope sent back, and how long
// handling took (first request byte to response written).
class ResponseView final : public QWidget
{
    Q_OBJECT
public:
    explicit ResponseView(QWidget *parent = nullptr);

    void setEvent(const Event &event);
    void clear();
    // How the answer was decided (a held hook: by click, at the deadline, …); empty hides it.
    // Independent of setEvent(): the caller sets it for every event shown.
    void setNote(const QString &note);
    [[nodiscard]] QString note() const;

    [[nodiscard]] static QString durationText(qint64 handlingUs);

private:
    QLabel *m_status;
    QLabel *m_note;
    QTreeWidget *m_headers;
    QPlainTextEdit *m_body;
    JsonHighlighter *m_highlighter = nullptr; // on m_body's document, for a JSON answer
};

} // namespace hookscope
