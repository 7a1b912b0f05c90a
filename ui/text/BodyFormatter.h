#pragma once

#include <QCoreApplication>
#include <QString>

namespace hookscope {

enum class BodyMode { Empty, Json, Text, Hex };

// What the Body tab shows for one body, ready to be put into the widgets at once.
struct BodyFormat
{
    BodyMode mode = BodyMode::Empty;
    QString info; // the line above the text: type, size, how it is shown
    QString banner; // an error ("Not valid JSON: …"), or empty
    QString text; // plain text, at most about kMaxShownBytes of it
    bool highlight = false; // colour it as JSON (only when shown whole)
    bool cut = false; // the text is the beginning of the body only
};

// Turns a body into what the Body tab shows: pretty-printed JSON when the body is JSON, text
// otherwise, a hex dump for binary bodies. No widgets and no shared state: runs on a worker
// thread for big bodies. Only the beginning of a big body is formatted (kMaxShownBytes): putting
// text into the view is the one step left on the GUI thread, and it grows with the lines (128 KiB
// of a pretty-printed 1,000,000-element array, ~15,000 lines: ~100 ms; bench/gui/bench_detail).
// The whole body stays in the store, the exports and "Save body…".
class BodyFormatter final
{
    Q_DECLARE_TR_FUNCTIONS(BodyFormatter)
public:
    static constexpr qsizetype kMaxShownBytes = 128 * 1024;
    static constexpr qsizetype kMaxHighlight = 1024 * 1024;
    static constexpr qsizetype kMaxHex = 64 * 1024; // beyond: the dump stops (4,096 lines of 16 bytes)

    // `limit`: how much text to make (-1: all of it, for "Show all", which the view feeds in
    // chunks as the user scrolls).
    [[nodiscard]] static BodyFormat format(const QByteArray &body, const QByteArray &contentType, const QString &note = {},
                                           qsizetype limit = kMaxShownBytes);

    [[nodiscard]] static bool claimsJson(const QByteArray &contentType);
    [[nodiscard]] static bool looksBinary(const QByteArray &body);
    // application/x-www-form-urlencoded: shown as its fields, decoded.
    [[nodiscard]] static bool isForm(const QByteArray &contentType);
    [[nodiscard]] static QString hexDump(const QByteArray &data, qsizetype limit);
    [[nodiscard]] static QString sizeText(qsizetype bytes);

private:
    [[nodiscard]] static BodyFormat formatBody(const QByteArray &body, const QByteArray &contentType, const QString &note,
                                               qsizetype limit);
    // `bytes` cut to at most `limit` bytes without splitting a UTF-8 sequence, as text.
    [[nodiscard]] static QString utf8Prefix(const QByteArray &bytes, qsizetype limit);
};

} // namespace hookscope
