#include "BodyFormatter.h"

#include "JsonScanner.h"

#include <QLocale>
#include <limits>
#include <QStringDecoder>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace hookscope {

bool BodyFormatter::claimsJson(const QByteArray &contentType)
{
    const QByteArray type = contentType.toLower();
    return type.contains("/json") || type.contains("+json");
}

bool BodyFormatter::isForm(const QByteArray &contentType)
{
    return contentType.toLower().contains("application/x-www-form-urlencoded");
}

bool BodyFormatter::looksBinary(const QByteArray &body)
{
    const QByteArrayView head(body.constData(), qMin<qsizetype>(body.size(), 64 * 1024));
    if (head.contains('\0'))
        return true;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(head);
    // A multi-byte character cut at the 64 KiB mark is not an error of the body.
    return decoder.hasError() && head.size() == body.size();
}

QString BodyFormatter::hexDump(const QByteArray &data, qsizetype limit)
{
    const qsizetype size = qMin(data.size(), limit);
    QString out;
    out.reserve(size * 4 + 16);
    for (qsizetype offset = 0; offset < size; offset += 16) {
        out += QStringLiteral("%1  ").arg(offset, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (offset + i < size) {
                const auto byte = static_cast<unsigned char>(data.at(offset + i));
                out += QStringLiteral("%1 ").arg(byte, 2, 16, QLatin1Char('0'));
                ascii += byte >= 0x20 && byte < 0x7f ? QChar(byte) : QChar(u'.');
            } else {
                out += QLatin1String("   ");
            }
            if (i == 7)
                out += QLatin1Char(' ');
        }
        out += QLatin1Char(' ') + ascii + QLatin1Char('\n');
    }
    if (data.size() > limit)
        out += tr("… %1 more bytes not shown\n").arg(data.size() - limit);
    return out;
}

QString BodyFormatter::sizeText(qsizetype bytes)
{
    // Powers of 1024 named as such (KiB, MiB): "10.1 kB" for 10,361 bytes was a binary figure
    // with a decimal name (issue 24.24). Below 1 KiB, bytes as "804 B", as in the table.
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString BodyFormatter::utf8Prefix(const QByteArray &bytes, qsizetype limit)
{
    if (bytes.size() <= limit)
        return QString::fromUtf8(bytes);
    qsizetype end = limit;
    // Back to the start of a character: continuation bytes are 10xxxxxx.
    while (end > 0 && end > limit - 4 && (static_cast<unsigned char>(bytes.at(end)) & 0xC0) == 0x80)
        --end;
    return QString::fromUtf8(bytes.constData(), end);
}

BodyFormat BodyFormatter::format(const QByteArray &body, const QByteArray &contentType, const QString &note,
                                 qsizetype limit)
{
    try { // whatever one body does (std::bad_alloc of its pretty print, for one), the tab says so
        return formatBody(body, contentType, note, limit < 0 ? std::numeric_limits<qsizetype>::max() : limit);
    } catch (const std::exception &e) {
        BodyFormat out;
        out.mode = BodyMode::Text;
        out.info = sizeText(body.size());
        out.banner = tr("Could not be shown: %1").arg(QString::fromUtf8(e.what()));
        return out;
    }
}

BodyFormat BodyFormatter::formatBody(const QByteArray &body, const QByteArray &contentType, const QString &note,
                                     qsizetype limit)
{
    const bool whole = limit == std::numeric_limits<qsizetype>::max();
    BodyFormat out;
    QStringList info;
    if (!contentType.isEmpty())
        info << QString::fromLatin1(contentType);
    info << sizeText(body.size());
    if (!note.isEmpty())
        info << note;
    if (body.isEmpty()) {
        out.info = tr("No body");
        return out;
    }
    const auto cutNotice = [&] {
        return QLatin1Char('\n') + tr("… only the first %1 of %2 are shown here: \"Show all\" shows the rest, "
                                      "\"Save body…\" writes the whole body to a file")
                                       .arg(sizeText(limit), sizeText(body.size()));
    };
    const bool claimed = claimsJson(contentType);
    const QByteArray trimmed = body.left(4096).trimmed();
    const bool shaped = trimmed.startsWith('{') || trimmed.startsWith('[');
    if (claimed || shaped) {
        const JsonCheck check = JsonScanner::validate(body);
        if (check.ok) {
            out.mode = BodyMode::Json;
            const QByteArray pretty = JsonScanner::prettyPrint(body, whole ? -1 : limit);
            out.cut = pretty.size() > limit;
            info << (out.cut ? tr("JSON, pretty-printed, the first %1 shown").arg(sizeText(limit))
                             : tr("JSON, pretty-printed"));
            out.info = info.join(QStringLiteral("  ·  "));
            out.text = utf8Prefix(pretty, limit);
            if (out.cut)
                out.text += cutNotice();
            // The whole of a big body is coloured as it is fed in, chunk by chunk.
            out.highlight = !out.cut && (whole || pretty.size() <= kMaxHighlight);
            return out;
        }
        if (claimed)
            out.banner = tr("Not valid JSON: %1 at offset %2").arg(check.message).arg(check.offset);
    }
    if (isForm(contentType) && body.size() <= kMaxShownBytes && !looksBinary(body)) {
        // Fields decoded one a line ("name = value"), then the body as sent.
        QUrlQuery query;
        query.setQuery(QString::fromUtf8(QByteArray(body).replace('+', "%20")));
        const QList<std::pair<QString, QString>> fields = query.queryItems(QUrl::FullyDecoded);
        out.mode = BodyMode::Text;
        info << (fields.size() == 1 ? tr("form, 1 field, decoded") : tr("form, %L1 fields, decoded").arg(fields.size()));
        out.info = info.join(QStringLiteral("  ·  "));
        for (const auto &[name, value] : fields)
            out.text += name + QLatin1String(" = ") + value + QLatin1Char('\n');
        out.text += QLatin1Char('\n') + tr("As sent:") + QLatin1Char('\n') + QString::fromUtf8(body);
        return out;
    }
    if (looksBinary(body)) {
        out.mode = BodyMode::Hex;
        out.cut = body.size() > kMaxHex;
        info << (out.cut ? tr("binary, hex dump of the first %1").arg(sizeText(kMaxHex)) : tr("binary, hex dump"));
        out.info = info.join(QStringLiteral("  ·  "));
        out.text = hexDump(body, kMaxHex);
        return out;
    }
    out.mode = BodyMode::Text;
    out.cut = body.size() > limit;
    if (out.cut)
        info << tr("the first %1 shown").arg(sizeText(limit));
    out.info = info.join(QStringLiteral("  ·  "));
    out.text = utf8Prefix(body, limit);
    if (out.cut)
        out.text += cutNotice();
    return out;
}

} // namespace hookscope
