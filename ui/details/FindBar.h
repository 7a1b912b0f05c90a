#pragma once

#include <QTextEdit>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTimer;
class QToolButton;

namespace hookscope {

// Find inside one text view (the Body tab): every match of the term marked, the current one
// selected and scrolled to, "match 2 of 7"; Enter/F3 next, Shift+Enter/Shift+F3 previous, Esc
// closes. Case-insensitive, plain text (the term is never a pattern). Counting stops at
// kMaxMatches so a one-letter term in a big body stays quick.
class FindBar final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxMatches = 5000;

    FindBar(QPlainTextEdit *editor, QWidget *parent);

    // Shows the bar with the field focused and its text selected.
    void open();
    // Sets the term (the event filter's, say) and marks its matches, the bar shown or not.
    void setTerm(const QString &term);
    [[nodiscard]] QString term() const;
    void findNext();
    void findPrevious();
    // Marks again after the editor's text changed (another event, more of a big body).
    void refresh();

    [[nodiscard]] int matchCount() const { return int(m_matches.size()); }
    [[nodiscard]] int currentMatch() const { return m_current; } // 0-based; -1 when none
    [[nodiscard]] QString statusText() const;
    // The marks to lay over the editor's other extra selections.
    [[nodiscard]] QList<QTextEdit::ExtraSelection> selections() const;

Q_SIGNALS:
    void selectionsChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void search();
    void go(int index);
    void updateStatus();

    QPlainTextEdit *m_editor; // not owned
    QLineEdit *m_field;
    QLabel *m_status;
    QToolButton *m_previous;
    QToolButton *m_next;
    QToolButton *m_close;
    QTimer *m_typingDelay;
    QList<QTextCursor> m_matches;
    bool m_capped = false;
    int m_current = -1;
};

} // namespace hookscope
