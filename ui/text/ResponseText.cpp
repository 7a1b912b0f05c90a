#include "ResponseText.h"

#include <QStringDecoder>

namespace hookscope {

bool ResponseText::isText(const QByteArray &body)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(body);
    return !decoder.hasError() && !body.contains('\0');
}

QString ResponseText::bodyText(const QByteArray &body)
{
    if (isText(body))
        return QString::fromUtf8(body);
    QString out;
    out.reserve(body.size() * 2);
    for (const char c : body) {
        const auto u = uchar(c);
        if ((u >= 0x20 && u < 0x7f) || c == '\n' || c == '\r' || c == '\t')
            out += QLatin1Char(c);
        else
            out += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
    }
    return out;
}

QString ResponseText::format(int status, const QByteArray &reason, const HeaderList &headers, const QByteArray &body)
{
    QString out = QStringLiteral("HTTP/1.1 %1 %2\n").arg(status).arg(QString::fromLatin1(reason.isEmpty() ? reasonPhrase(status) : reason));
    for (const auto &[name, value] : headers)
        out += QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value) + QLatin1Char('\n');
    out += QLatin1Char('\n');
    out += bodyText(body);
    return out;
}

HeaderList ResponseText::sentHeaders(const HttpResponse &response)
{
    HeaderList sent;
    for (const auto &[name, value] : response.headers) {
        if (name.compare("content-length", Qt::CaseInsensitive) != 0 && name.compare("connection", Qt::CaseInsensitive) != 0
            && name.compare("transfer-encoding", Qt::CaseInsensitive) != 0)
            sent.append({name, value});
    }
    sent.append({QByteArrayLiteral("Content-Length"), QByteArray::number(response.body.size())});
    return sent;
}

QString ResponseText::latency(qint64 us)
{
    if (us < 0)
        return {};
    if (us < 1000)
        return QStringLiteral("%1 µs").arg(us);
    if (us < 1'000'000)
        return QStringLiteral("%1 ms").arg(double(us) / 1000.0, 0, 'f', 1);
    return QStringLiteral("%1 s").arg(double(us) / 1e6, 0, 'f', 2);
}

} // namespace hookscope
