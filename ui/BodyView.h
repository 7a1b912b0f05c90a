#pragma once

#include "BodyFormatter.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QToolButton;

namespace hookscope {

class Banner;
class JsonHighlighter;
class LatestOnlyWorker;

// The Body tab: pretty-printed, coloured JSON when the body is JSON; text otherwise; a hex
// dump for binary bodies; a banner when a body claims JSON but does not parse. A body above
// LatestOnlyWorker::kSyncLimit is formatted on a worker thread ("Formatting 20.0 MB…"), the
// newest body wins; only its beginning is shown, with "Save body…" for the whole of it.
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

    [[nodiscard]] static bool claimsJson(const QByteArray &contentType) { return BodyFormatter::claimsJson(contentType); }
    [[nodiscard]] static bool looksBinary(const QByteArray &body) { return BodyFormatter::looksBinary(body); }
    [[nodiscard]] static QString hexDump(const QByteArray &data, qsizetype limit)
    {
        return BodyFormatter::hexDump(data, limit);
    }

Q_SIGNALS:
    void loaded();

private:
    void apply(const BodyFormat &format);
    void showText(const QString &text, bool highlight);
    void askAndSave();

    Banner *m_banner;
    QLabel *m_info;
    QToolButton *m_save;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_text;
    QPlainTextEdit *m_hex;
    LatestOnlyWorker *m_worker;
    JsonHighlighter *m_highlighter = nullptr;
    Mode m_mode = Mode::Empty;
    QByteArray m_body; // shared with the event: for "Save body…"
};

} // namespace hookscope
