#pragma once

#include "BodyFormatter.h"
#include "ViolationEntry.h"

#include <QMap>
#include <QTextEdit>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QToolButton;

namespace hookscope {

class Banner;
class FindBar;
class JsonHighlighter;
class LatestOnlyWorker;

// The Body tab: pretty-printed, coloured JSON when the body is JSON; text otherwise; a hex
// dump for binary bodies; a banner when a body claims JSON but does not parse. A body above
// LatestOnlyWorker::kSyncLimit is formatted on a worker thread ("Formatting 20.0 MB…"), the
// newest body wins; only its beginning is shown, with "Show all" (the rest fed in as the user
// scrolls, coloured) and "Save body…". A find bar (Ctrl+F in the details) marks every match;
// the event filter's term is marked the same way. Lines where a violation lands are marked as
// the Tree marks its nodes, with the messages as the line's tooltip.
class BodyView final : public QWidget
{
    Q_OBJECT
public:
    using Mode = BodyMode;

    explicit BodyView(QWidget *parent = nullptr);

    void setBody(const QByteArray &body, const QByteArray &contentType, const QString &note = {});
    void clear();
    [[nodiscard]] Mode mode() const { return m_mode; }
    // True while a big body is being formatted; loaded() follows.
    [[nodiscard]] bool isLoading() const;
    // Writes the whole body, as received (decoded), to `path`.
    bool saveBody(const QString &path, QString *error) const;
    // Formats the whole of a cut body (on the worker for a big one); loaded() follows.
    void showAll();
    // Text of a "Show all" body not in the view yet; it is appended as the user scrolls.
    [[nodiscard]] qsizetype pendingChars() const { return m_rest.size(); }
    void appendMore();
    // The violations of the shown body (marks when the body is JSON and shown whole).
    void setViolations(const QList<ViolationEntry> &violations);
    [[nodiscard]] QList<int> markedLines() const { return m_markLines.keys(); }
    [[nodiscard]] QStringList markMessages(int line) const { return m_markLines.value(line); }
    // The event filter's term: its matches are marked (an empty term clears them).
    void setSearchTerm(const QString &term);
    void openFind();
    [[nodiscard]] FindBar *findBar() const { return m_find; }

    [[nodiscard]] static bool claimsJson(const QByteArray &contentType) { return BodyFormatter::claimsJson(contentType); }
    [[nodiscard]] static bool looksBinary(const QByteArray &body) { return BodyFormatter::looksBinary(body); }
    [[nodiscard]] static QString hexDump(const QByteArray &data, qsizetype limit)
    {
        return BodyFormatter::hexDump(data, limit);
    }

Q_SIGNALS:
    void loaded();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply(const BodyFormat &format);
    void showText(const QString &text, bool highlight);
    void askAndSave();
    void updateMarks();
    void updateSelections();

    Banner *m_banner;
    QLabel *m_info;
    QToolButton *m_save;
    QToolButton *m_more;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_text;
    QPlainTextEdit *m_hex;
    LatestOnlyWorker *m_worker;
    FindBar *m_find;
    JsonHighlighter *m_highlighter = nullptr;
    Mode m_mode = Mode::Empty;
    QByteArray m_body; // shared with the event: for "Save body…"
    QByteArray m_contentType;
    QString m_note;
    QString m_rest; // "Show all": text still to append
    bool m_whole = false; // the shown text is the whole body
    QList<ViolationEntry> m_violations;
    QMap<int, QStringList> m_markLines;
    QList<QTextEdit::ExtraSelection> m_markSelections;
};

} // namespace hookscope
